import Foundation
import MosaicCore

/// The interface texts of every supported language, loaded from `Resources/locales/*.json`: a language
/// is offered when its file is there (docs/languages.md says how to add one).
public struct Localizer: Sendable {
    /// The languages of the interface, from the files present: the default first, then by code.
    public static let languages: [String] = {
        let folder = Bundle.module.url(forResource: "locales", withExtension: nil, subdirectory: "Resources")
        let files = folder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        let codes = files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.filter { $0 != defaultLanguage }.sorted()
        return [defaultLanguage] + codes
    }()
    public static let defaultLanguage = "en"

    public let catalogs: [String: [String: String]]

    public static func load() throws -> Localizer {
        var catalogs: [String: [String: String]] = [:]
        for language in languages {
            guard let url = Bundle.module.url(forResource: language, withExtension: "json", subdirectory: "Resources/locales") else {
                throw LocalizerError.missingCatalog(language)
            }
            catalogs[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Localizer(catalogs: catalogs)
    }

    /// Each language's name in itself, for the language switcher.
    public func languageName(_ language: String) -> String {
        catalogs[language]?["language_name"] ?? language
    }

    public func strings(_ language: String) -> Strings {
        Strings(language: language, table: catalogs[language] ?? catalogs[Self.defaultLanguage] ?? [:],
                fallback: catalogs[Self.defaultLanguage] ?? [:])
    }
}

enum LocalizerError: Error, CustomStringConvertible {
    case missingCatalog(String)
    var description: String {
        switch self {
        case .missingCatalog(let language): "the interface texts for \(language) are missing from MosaicWeb's resources"
        }
    }
}

/// The interface texts of one language, with formatting of numbers, dates and plurals.
public struct Strings: Sendable {
    public let language: String
    let table: [String: String]
    let fallback: [String: String]

    public subscript(key: String) -> String {
        table[key] ?? fallback[key] ?? key
    }

    /// `format` for a page: the text escaped, the values (already HTML) put in as they are, so that a
    /// value can carry its own `lang` ("Historique de <span lang="en">Welcome desk</span>").
    func formatHTML(_ key: String, _ values: KeyValuePairs<String, HTML>) -> HTML {
        var out = HTML()
        var rest = Substring(self[key])
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")), let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}")) {
            out += "\(String(rest[..<open]))"
            let name = rest[rest.index(after: open)..<close]
            if let value = values.first(where: { $0.key == name })?.value { out += value } else { out += "\(String(rest[open...close]))" }
            rest = rest[rest.index(after: close)...]
        }
        return out + "\(String(rest))"
    }

    /// A text with `{name}` placeholders filled in. The values are a literal list (no dictionary is built):
    /// pages call this for every card.
    public func format(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        // Placeholders are read left to right; a value is never searched for further placeholders.
        let template = self[key]
        var out = ""
        var rest = Substring(template)
        guard rest.utf8.contains(UInt8(ascii: "{")) else { return template }
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")), let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}")) {
            out += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            if let value = values.first(where: { $0.key == name })?.value { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// `key_one`, `key_few`, `key_many` or `key_other` as the language's plural rule says, with `{count}`
    /// filled in (a form the catalogue lacks falls back to `_other`).
    public func plural(_ key: String, _ count: Int) -> String {
        format(pluralKey(key, count), ["count": number(count)])
    }

    /// A plural text with other placeholders besides `{count}`.
    public func plural(_ key: String, _ count: Int, with values: KeyValuePairs<String, String>) -> String {
        var text = plural(key, count)
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    private func pluralKey(_ key: String, _ count: Int) -> String {
        let category = PluralRule(rawValue: self["language_plural_rule"]).category(of: count)
        let specific = key + "_" + category.rawValue
        return table[specific] != nil || category == .other ? specific : key + "_other"
    }

    /// The thousands grouped as the language writes them: 12,345 in English, 12 345 in French, 12.345 in German.
    public func number(_ value: Int) -> String {
        if value >= 0 && value < 1000 { return String(value) }
        let digits = String(abs(value))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: self["number_group_separator"])
    }

    /// "2 minutes", "45 seconds": how long to wait.
    public func duration(seconds: Int) -> String {
        seconds >= 60 ? plural("duration_minutes", (seconds + 59) / 60) : plural("duration_seconds", seconds)
    }

    /// A day as the language writes it: "12 March 2021", "12 mars 2021", "12. März 2021".
    public func date(_ date: Date) -> String {
        let parts = Timestamp.day(of: date)
        let months = self["date_months"].split(separator: "|")
        let month = parts.month - 1
        return format("date_format", ["day": parts.day == 1 ? self["date_day_1"] : String(parts.day),
                                      "month": month < months.count ? String(months[month]) : String(parts.month), "year": String(parts.year)])
    }
}

/// CLDR's plural categories, by the rules the interface languages need; a catalogue names its rule in
/// `language_plural_rule`.
enum PluralRule: String {
    /// English, German, Spanish...: 1 is singular.
    case oneOther = "one-other"
    /// French and Portuguese: 0 and 1 are singular.
    case french
    /// Serbian, Croatian, Bosnian: 1, 21, 31... one; 2–4, 22–24... few; the rest other.
    case serbian
    /// Ukrainian, Russian: as Serbian, but 0, 5–20, 25–30... many.
    case ukrainian
    /// Lithuanian: 1, 21, 31... one; 2–9, 22–29... few; 10–20, 30... other.
    case lithuanian
    /// Latvian: 0, 10–20, 30... zero; 1, 21, 31... one; the rest other.
    case latvian

    enum Category: String { case zero, one, few, many, other }

    init(rawValue: String) {
        switch rawValue {
        case "french": self = .french
        case "serbian": self = .serbian
        case "ukrainian": self = .ukrainian
        case "lithuanian": self = .lithuanian
        case "latvian": self = .latvian
        default: self = .oneOther
        }
    }

    func category(of count: Int) -> Category {
        let n = abs(count), lastDigit = n % 10, lastTwo = n % 100
        let teen = (11...19).contains(lastTwo)
        switch self {
        case .lithuanian:
            if lastDigit == 1 && !teen { return .one }
            return lastDigit >= 2 && !teen ? .few : .other
        case .latvian:
            if lastDigit == 0 || teen { return .zero }
            return lastDigit == 1 && lastTwo != 11 ? .one : .other
        case .oneOther: return n == 1 ? .one : .other
        case .french: return n <= 1 ? .one : .other
        case .serbian, .ukrainian:
            if lastDigit == 1 && lastTwo != 11 { return .one }
            if (2...4).contains(lastDigit) && !(12...14).contains(lastTwo) { return .few }
            return self == .ukrainian ? .many : .other
        }
    }
}
