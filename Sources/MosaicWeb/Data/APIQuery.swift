import MosaicCore
import MosaicSearch

/// The catalogue's query parameters, read strictly for data URLs: where the HTML catalogue quietly falls
/// back to a default, the API says what is wrong (a `Problem`), so that a client learns of its mistake.
enum APIQuery {
    static let maximumParameters = 300
    static let maximumValuesPerFilter = 50
    static let maximumTextCharacters = 500
    static let maximumValueCharacters = 200
    static let maximumLanguageTag = 35
    static let maximumPage = 100_000
    static let names: Set<String> = ["q", "topic", "country", "city", "year", "year_from", "year_to", "language", "available", "sort", "page", "per_page"]

    /// The query of `queryString`, or the first problem found in it. `paged` is false for exports and
    /// feeds, which take every match (their `page` and `per_page` are refused as meaningless).
    static func parse(_ queryString: String?, language: String, catalog: Catalog, paged: Bool = true) throws(Problem) -> CatalogQuery {
        var query = CatalogQuery(perPage: CatalogQuery.defaultPageSize, language: language)
        let raw = queryString ?? ""
        let items = raw.isEmpty ? [] : raw.split(separator: "&", omittingEmptySubsequences: true)
        guard items.count <= maximumParameters else {
            throw .badParameter("", "The query has \(items.count) parameters; at most \(maximumParameters) are read.")
        }
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = CatalogQuery.decode(parts[0]) else {
                throw .badParameter("", "A parameter name is not valid percent-encoded UTF-8: \(String(parts[0].prefix(40))).")
            }
            guard let value = parts.count > 1 ? CatalogQuery.decode(parts[1]) : "" else {
                throw .badParameter(name, "The value of \(name) is not valid percent-encoded UTF-8.")
            }
            guard names.contains(name), paged || (name != "page" && name != "per_page") else {
                let known = names.subtracting(paged ? [] : ["page", "per_page"]).sorted()
                throw .badParameter(name, "Unknown parameter \(name.prefix(40)); this address takes \(known.joined(separator: ", ")).", valid: known)
            }
            // Counted in code points, as JSON Schema's maxLength counts them (the request line itself is bounded).
            let limit = name == "q" ? maximumTextCharacters : maximumValueCharacters
            let length = value.unicodeScalars.count
            guard length <= limit else {
                throw .badParameter(name, "The value of \(name) is \(length) characters long; at most \(limit) are allowed.")
            }
            switch name {
            case "q":
                query.text = value
            case "topic":
                guard catalog.taxonomy[Topic.Key(rawValue: value)] != nil else {
                    let keys = catalog.taxonomy.topics.map(\.key.rawValue)
                    throw .badParameter(name, "Unknown topic \"\(value)\"; topics are given by their key, one of: \(keys.joined(separator: ", ")).", valid: keys)
                }
                query.topics.append(value)
            case "country":
                guard value.utf8.count == 2, catalog.countries[Country.Code(rawValue: value)] != nil else {
                    let upper = value.uppercased()
                    let hint = upper != value && catalog.countries[Country.Code(rawValue: upper)] != nil ? " Write it in capitals: \(upper)." : ""
                    throw .badParameter(name, "\"\(value)\" is not an ISO 3166-1 alpha-2 country code (such as PT or FR).\(hint)")
                }
                query.countries.append(value)
            case "city":
                guard !value.isEmpty else { throw .badParameter(name, "city is empty; give a city's name, such as Lisbon.") }
                query.cities.append(value)
            case "year":
                guard value == CatalogQuery.undated || (value.utf8.count == 4 && Int(value) != nil) else {
                    throw .badParameter(name, "year takes a four-digit year such as 2019, or \"undated\"; \"\(value)\" is neither.")
                }
                query.years.append(value)
            case "year_from", "year_to":
                guard value.utf8.count == 4, let year = Int(value), CatalogQuery.rangeYears.contains(year) else {
                    throw .badParameter(name, "\(name) takes a four-digit year such as 2015; \"\(value)\" is not one.")
                }
                if name == "year_from" { query.yearFrom = year } else { query.yearTo = year }
            case "language":
                guard Self.isLanguageTag(value) else {
                    throw .badParameter(name, "language takes a language code such as en, fr or sr-Latn (ISO 639-1, BCP 47); \"\(value)\" is not one.")
                }
                query.languages.append(value)
            case "available":
                guard value == "1" else {
                    throw .badParameter(name, "available takes 1 (only practices written in or translated into the reader's language); \"\(value)\" is not 1.")
                }
                query.availableOnly = true
            case "sort":
                guard let sort = CatalogQuery.Sort(rawValue: value) else {
                    let sorts = CatalogQuery.Sort.allCases.map(\.rawValue)
                    throw .badParameter(name, "sort takes one of \(sorts.joined(separator: ", ")); \"\(value)\" is none of them.", valid: sorts)
                }
                query.sort = sort
            case "page":
                guard let page = Int(value), (1...maximumPage).contains(page) else {
                    throw .badParameter(name, "page takes a whole number from 1 to \(maximumPage); \"\(value)\" is not one.")
                }
                query.page = page
            default: // per_page
                guard let size = Int(value), (1...100).contains(size) else {
                    throw .badParameter(name, "per_page takes a whole number from 1 to 100; \"\(value)\" is not one.")
                }
                query.perPage = size
            }
        }
        for facet in CatalogQuery.Facet.allCases {
            let values = query.selection(facet)
            guard values.count <= maximumValuesPerFilter else {
                throw .badParameter(facet.rawValue, "\(facet.rawValue) is given \(values.count) times; at most \(maximumValuesPerFilter) values are allowed.")
            }
            query.setSelection(facet, values.uniqued())
        }
        // A range given backwards means the same years (as on the catalogue page).
        if let from = query.yearFrom, let to = query.yearTo, from > to { (query.yearFrom, query.yearTo) = (to, from) }
        return query
    }

    /// A BCP 47 tag as practices carry them: a two- or three-letter language, then subtags (`sr-Latn`, `pt-BR`).
    static func isLanguageTag(_ value: String) -> Bool {
        guard value.utf8.count <= maximumLanguageTag else { return false }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.utf8.count),
              first.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.utf8.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
