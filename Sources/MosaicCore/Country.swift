import Foundation

/// A country by its ISO 3166-1 alpha-2 code, with its names in the interface languages.
public struct Country: Hashable, Sendable, Identifiable {
    /// An ISO 3166-1 alpha-2 code in upper case, such as `PT` or `KR`.
    public struct Code: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue.uppercased() }
        public var description: String { rawValue }
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let code: Code
    public let englishName: String
    public let frenchName: String
    /// Other names people write for this country ("UK", "Czech Republic", "Turkey").
    public let otherNames: [String]
    /// The names in the other interface languages, by language (from iso-codes: `country-names.tsv`).
    public let localNames: [String: String]

    public var id: Code { code }

    public init(code: Code, englishName: String, frenchName: String, otherNames: [String] = [], localNames: [String: String] = [:]) {
        self.code = code
        self.englishName = englishName
        self.frenchName = frenchName
        self.otherNames = otherNames
        self.localNames = localNames
    }

    /// The name in the given language; English when Mosaic has none in that language.
    public func name(in language: String) -> String {
        if language == "en" { return englishName }
        if language.hasPrefix("fr") { return frenchName }
        return localNames[language] ?? localNames[String(language.prefix(2))] ?? englishName
    }
}

/// Every country Mosaic knows, found by code or by name.
public struct CountryList: Sendable {
    public let all: [Country]
    private let byCode: [Country.Code: Country]
    private let byFoldedName: [String: Country]

    /// The ISO 3166-1 list shipped with Mosaic (with Kosovo as `XK`).
    public static let standard: CountryList = {
        guard let url = Bundle.module.url(forResource: "countries", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("countries.tsv is missing from MosaicCore's resources")
        }
        let local = Bundle.module.url(forResource: "country-names", withExtension: "tsv").flatMap { try? String(contentsOf: $0, encoding: .utf8) }
        return CountryList(tsv: text, localNames: local ?? "")
    }()

    /// `tsv`: code, English, French, other names; `localNames`: code, language, name (one line each).
    init(tsv: String, localNames: String = "") {
        var local: [String: [String: String]] = [:]
        for line in localNames.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 3 else { continue }
            local[columns[0], default: [:]][columns[1]] = columns[2]
        }
        var countries: [Country] = []
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3 else { continue }
            let others = columns.count > 3 ? columns[3].split(separator: "|").map(String.init) : []
            countries.append(Country(code: Country.Code(rawValue: columns[0]), englishName: columns[1],
                                     frenchName: columns[2], otherNames: others, localNames: local[columns[0]] ?? [:]))
        }
        all = countries
        byCode = Dictionary(uniqueKeysWithValues: countries.map { ($0.code, $0) })
        var names: [String: Country] = [:]
        for country in countries {
            // English, French and other names win over the names in other languages ("Georgia" stays GE).
            for name in [country.englishName, country.frenchName] + country.otherNames {
                names[CountryList.key(name), default: country] = country
            }
        }
        for country in countries {
            for name in country.localNames.values.sorted() where names[CountryList.key(name)] == nil {
                names[CountryList.key(name)] = country
            }
        }
        byFoldedName = names
    }

    public subscript(code: Country.Code) -> Country? { byCode[code] }

    /// Finds a country by its code (any case) or by its English, French or other common name,
    /// ignoring case, accents and punctuation: "pt", "Portugal", "South Korea", "Türkiye", "turkey".
    public func find(_ text: String) -> Country? {
        let trimmed = text.trimmed
        if trimmed.count == 2, let country = byCode[Country.Code(rawValue: trimmed)] {
            return country
        }
        return byFoldedName[CountryList.key(trimmed)]
    }

    private static func key(_ name: String) -> String {
        let folded = TextFolding.fold(name)
        var key = ""
        for scalar in folded.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            key.unicodeScalars.append(scalar)
        }
        return key
    }
}
