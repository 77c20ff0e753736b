import Foundation

/// The interface texts of every supported language, loaded from `Resources/locales/*.json`.
public struct Localizer: Sendable {
    /// The languages of the interface; the first is the default (served without a URL prefix).
    public static let languages = ["en", "fr"]
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

    /// `key_one` or `key_other`, with `{count}` filled in (French counts 0 and 1 as singular).
    public func plural(_ key: String, _ count: Int) -> String {
        let singular = language == "fr" ? count <= 1 : count == 1
        return format(singular ? key + "_one" : key + "_other", ["count": number(count)])
    }

    /// 12,345 in English, 12 345 in French.
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
        return (value < 0 ? "-" : "") + groups.joined(separator: language == "fr" ? "\u{202F}" : ",")
    }

    /// "2 minutes", "45 seconds": how long to wait.
    public func duration(seconds: Int) -> String {
        seconds >= 60 ? plural("duration_minutes", (seconds + 59) / 60) : plural("duration_seconds", seconds)
    }

    /// "12 March 2021" in English, "12 mars 2021" in French.
    public func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let months = language == "fr"
            ? ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let day = parts.day ?? 1
        return "\(language == "fr" && day == 1 ? "1er" : String(day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970)"
    }
}
