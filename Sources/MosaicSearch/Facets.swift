import MosaicCore

/// Which documents satisfy each facet's selection.
struct FacetFilters {
    static let facetCount = CatalogQuery.Facet.allCases.count
    /// One bit per facet, in the order of `CatalogQuery.Facet.allCases`.
    static let all: UInt8 = (1 << UInt8(facetCount)) - 1

    /// Nil where the facet has no selection.
    private var sets: [BitSet?] = []

    init(catalog: Catalog, query: CatalogQuery) {
        let index = catalog.facetIndex
        func union(_ values: FacetIndex.Values, _ keys: [String]) -> BitSet? {
            guard !keys.isEmpty else { return nil }
            var set = BitSet(capacity: catalog.documents.count)
            for key in keys {
                guard let id = values.id(of: key) else { continue }
                for document in values.documents[Int(id)] { set.insert(Int(document)) }
            }
            return set
        }
        sets.append(union(index.topics, query.topics))
        sets.append(union(index.countries, query.countries.map { $0.uppercased() }))
        sets.append(union(index.cities, query.cities.map(TextFolding.fold)))
        if query.years.isEmpty {
            sets.append(nil)
        } else {
            var set = BitSet(capacity: catalog.documents.count)
            let years = query.years.compactMap { Int($0) }
            if query.years.contains(CatalogQuery.undated) {
                for document in index.undated { set.insert(Int(document)) }
            }
            if !years.isEmpty {
                for (document, entry) in catalog.documents.enumerated() {
                    if let range = entry.years, years.contains(where: range.contains) { set.insert(document) }
                }
            }
            sets.append(set)
        }
        sets.append(union(index.languages, query.languages))
    }

    /// A bit set for every facet whose selection the document satisfies (or that has none).
    @inline(__always)
    func mask(of document: Int32) -> UInt8 {
        var mask: UInt8 = 0
        for (facet, set) in sets.enumerated() where set == nil || set!.contains(Int(document)) {
            mask |= 1 << UInt8(facet)
        }
        return mask
    }
}

/// Counts facet values over the documents it is shown.
struct FacetCounter {
    let catalog: Catalog
    private var topics: [Int]
    private var countries: [Int]
    private var cities: [Int]
    private var languages: [Int]
    /// Differences of the per-year counts (a range adds 1 at its start and removes it after its end).
    private var yearDifferences: [Int]
    private var undated = 0
    private let firstYear = Period.validYears.lowerBound

    init(catalog: Catalog) {
        self.catalog = catalog
        let index = catalog.facetIndex
        topics = Array(repeating: 0, count: index.topics.count)
        countries = Array(repeating: 0, count: index.countries.count)
        cities = Array(repeating: 0, count: index.cities.count)
        languages = Array(repeating: 0, count: index.languages.count)
        yearDifferences = Array(repeating: 0, count: Period.validYears.count + 2)
    }

    /// Counts the document in the facets whose bits are set in `facets`.
    @inline(__always)
    mutating func count(_ document: Int32, in facets: UInt8) {
        let entry = catalog.documents[Int(document)]
        if facets & 1 != 0 { for topic in entry.topics { topics[Int(topic)] += 1 } }
        if facets & 2 != 0 { countries[Int(entry.country)] += 1 }
        if facets & 4 != 0 { for city in entry.cities { cities[Int(city)] += 1 } }
        if facets & 8 != 0 {
            if let years = entry.years {
                let start = max(0, min(years.lowerBound - firstYear, yearDifferences.count - 2))
                let end = max(0, min(years.upperBound - firstYear, yearDifferences.count - 2))
                yearDifferences[start] += 1
                yearDifferences[end + 1] -= 1
            } else {
                undated += 1
            }
        }
        if facets & 16 != 0 { languages[Int(entry.language)] += 1 }
    }

    /// Every facet's values with their counts: by count, then label; selected values marked (and
    /// listed even when nothing is left for them).
    func values(for query: CatalogQuery) -> [CatalogQuery.Facet: [CatalogResult.FacetValue]] {
        let index = catalog.facetIndex
        let language = query.language
        var result: [CatalogQuery.Facet: [CatalogResult.FacetValue]] = [:]

        func build(_ facet: CatalogQuery.Facet, _ counted: [(value: String, label: String, count: Int)],
                   label: (String) -> String) -> [CatalogResult.FacetValue] {
            let selected = query.selection(facet)
            var values = counted.filter { $0.count > 0 || selected.contains($0.value) }
                .map { CatalogResult.FacetValue(value: $0.value, label: $0.label, count: $0.count, selected: selected.contains($0.value)) }
            for value in selected where !values.contains(where: { $0.value == value }) {
                values.append(CatalogResult.FacetValue(value: value, label: label(value), count: 0, selected: true))
            }
            return values.map { ($0, TextFolding.fold($0.label)) }
                .sorted { ($0.0.count, $1.1) > ($1.0.count, $0.1) }
                .map(\.0)
        }

        result[.topic] = build(.topic, index.topics.keys.enumerated().map { id, key in
            (key, catalog.taxonomy[Topic.Key(rawValue: key)]?.label(in: language) ?? key, topics[id])
        }, label: { catalog.taxonomy[Topic.Key(rawValue: $0)]?.label(in: language) ?? $0 })

        result[.country] = build(.country, index.countries.keys.enumerated().map { id, code in
            (code, catalog.countries[Country.Code(rawValue: code)]?.name(in: language) ?? code, countries[id])
        }, label: { catalog.countries[Country.Code(rawValue: $0)]?.name(in: language) ?? $0 })

        // A selected city is matched by its folded name; show it with the spelling of the data.
        let selectedCities = Dictionary(query.cities.map { (TextFolding.fold($0), $0) }, uniquingKeysWith: { a, _ in a })
        result[.city] = build(.city, index.cities.keys.enumerated().map { id, key in
            (selectedCities[key] ?? index.cityNames[id], index.cityNames[id], cities[id])
        }, label: { $0 })

        var years: [(String, String, Int)] = []
        var running = 0
        for offset in 0..<(yearDifferences.count - 1) {
            running += yearDifferences[offset]
            if running > 0 { years.append((String(firstYear + offset), String(firstYear + offset), running)) }
        }
        let undatedLabel = language.hasPrefix("fr") ? "Non daté" : "Not dated"
        years.append((CatalogQuery.undated, undatedLabel, undated))
        result[.year] = build(.year, years, label: { $0 == CatalogQuery.undated ? undatedLabel : $0 })

        result[.language] = build(.language, index.languages.keys.enumerated().map { id, code in
            (code, LanguageNames.name(of: code, in: language), languages[id])
        }, label: { LanguageNames.name(of: $0, in: language) })
        return result
    }
}
