import Testing
import MosaicCore
@testable import MosaicSearch

/// For random queries and filter combinations over a generated catalogue, the total and every facet
/// count must equal a count made by brute force from the practices themselves.
@Suite("Facet counts equal brute-force counts")
struct FacetPropertyTests {
    static let currentYear = 2026
    static let practices: [Practice] = {
        let generator = SyntheticCatalog(seed: 42)
        return (0..<600).map(generator.practice)
    }()
    static let catalog = Catalog(practices: practices, currentYear: currentYear)
    static let published = practices.filter { $0.status == .published }

    /// Every practice matching the text, from the engine, page by page, those matching every word apart
    /// from those matching some (the text match itself is tested by the relevance tests; here filters
    /// and facets are checked against it).
    func textMatches(_ text: String) -> (all: Set<Practice.ID>, partial: Set<Practice.ID>) {
        var all = Set<Practice.ID>(), partial = Set<Practice.ID>()
        var page = 1
        while true {
            let result = Self.catalog.search(CatalogQuery(text: text, page: page, perPage: 100))
            for hit in result.hits {
                if hit.match == .all { all.insert(hit.practice.id) } else { partial.insert(hit.practice.id) }
            }
            if page >= result.pageCount { return (all, partial) }
            page += 1
        }
    }

    func satisfies(_ practice: Practice, _ facet: CatalogQuery.Facet, _ query: CatalogQuery) -> Bool {
        let selected = query.selection(facet)
        if facet == .year, query.hasYearRange {
            // The range is part of the Year facet, OR-ed with its years: any year of the practice in it.
            let years = practice.readPeriod.years(currentYear: Self.currentYear)
            let inRange = years?.contains { (query.yearFrom ?? .min) <= $0 && $0 <= (query.yearTo ?? .max) } ?? false
            return inRange || !Set(selected).isDisjoint(with: values(of: practice, facet))
        }
        guard !selected.isEmpty else { return true }
        return !Set(selected).isDisjoint(with: values(of: practice, facet))
    }

    func values(of practice: Practice, _ facet: CatalogQuery.Facet) -> Set<String> {
        switch facet {
        case .topic: return Set(practice.topics.map(\.rawValue))
        case .country: return [practice.country.rawValue]
        case .city: return Set(practice.cities)
        case .language: return [practice.language]
        case .year:
            guard let years = practice.readPeriod.years(currentYear: Self.currentYear) else { return [CatalogQuery.undated] }
            return Set(years.map(String.init))
        }
    }

    func randomQuery(_ random: inout SeededGenerator) -> CatalogQuery {
        func pick(_ options: [String], _ maximum: Int) -> [String] {
            let count = Int(random.next() % UInt64(maximum + 1))
            return (0..<count).map { _ in options[Int(random.next() % UInt64(options.count))] }.uniqued()
        }
        let texts = ["", "", "festival", "training", "mentoring programme", "welcome", "schools -festival", "\"language café\"", "zzz"]
        let all = Self.published
        var query = CatalogQuery(
            text: texts[Int(random.next() % UInt64(texts.count))],
            topics: pick(Taxonomy.standard.topics.map(\.key.rawValue), 2),
            countries: pick(Array(Set(all.map(\.country.rawValue))).sorted(), 2),
            cities: pick(Array(Set(all.flatMap(\.cities))).sorted(), 1),
            years: pick(["2008", "2015", "2019", "2024", "undated"], 2),
            languages: pick(["en", "fr", "de"], 1))
        // A year range in a third of the queries, sometimes open at one end.
        switch random.next() % 9 {
        case 0: (query.yearFrom, query.yearTo) = (2012, 2018)
        case 1: query.yearFrom = 2020
        case 2: query.yearTo = 2010
        default: break
        }
        return query
    }

    @Test("random queries", arguments: 0..<60)
    func countsMatchBruteForce(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 1000)
        let query = randomQuery(&random)
        let result = Self.catalog.search(query)
        let matching = Self.published.filter(textMatchesSet(query))

        let expectedTotal = matching.filter { p in CatalogQuery.Facet.allCases.allSatisfy { satisfies(p, $0, query) } }.count
        #expect(result.total == expectedTotal, "total for \(query)")

        for facet in CatalogQuery.Facet.allCases {
            // Counted with every other facet's selection applied, but not its own.
            let base = matching.filter { p in CatalogQuery.Facet.allCases.allSatisfy { $0 == facet || satisfies(p, $0, query) } }
            var expected: [String: Int] = [:]
            for practice in base {
                for value in values(of: practice, facet) { expected[value, default: 0] += 1 }
            }
            let shown = Dictionary(uniqueKeysWithValues: (result.facets[facet] ?? []).map { ($0.value, $0.count) })
            let nonZero = shown.filter { $0.value > 0 }
            #expect(nonZero == expected, "\(facet) for \(query)")
            for value in query.selection(facet) {
                #expect(result.facets[facet]?.first { $0.value == value }?.selected == true, "\(facet) \(value) marked selected")
            }
        }
    }

    /// The practices the text matches for this query: those matching every word, and those matching some
    /// when fewer than a page match every word among the practices the filters list (as the engine decides).
    private func textMatchesSet(_ query: CatalogQuery) -> (Practice) -> Bool {
        if query.text.isEmpty { return { _ in true } }
        let (all, partial) = textMatches(query.text)
        let listedFull = Self.published.filter { p in all.contains(p.id) && CatalogQuery.Facet.allCases.allSatisfy { satisfies(p, $0, query) } }
        let ids = listedFull.count < query.perPage ? all.union(partial) : all
        return { ids.contains($0.id) }
    }

    @Test func facetValuesAreSortedByCountThenLabel() {
        let result = Self.catalog.search(CatalogQuery())
        for facet in CatalogQuery.Facet.allCases {
            let values = result.facets[facet] ?? []
            for (a, b) in zip(values, values.dropFirst()) {
                #expect(a.count > b.count || (a.count == b.count && TextFolding.fold(a.label) <= TextFolding.fold(b.label)), "\(facet): \(a) before \(b)")
            }
        }
    }

    @Test func pagesCoverEveryHitOnceInOrder() {
        for sort in CatalogQuery.Sort.allCases {
            var seen: [Practice.ID] = []
            for page in 1...8 {
                seen += Self.catalog.search(CatalogQuery(text: sort == .relevance ? "training" : "", sort: sort, page: page, perPage: 50)).hits.map(\.practice.id)
            }
            let total = Self.catalog.search(CatalogQuery(text: sort == .relevance ? "training" : "", sort: sort)).total
            #expect(seen.count == min(total, 400), "\(sort)")
            #expect(Set(seen).count == seen.count, "\(sort): no hit twice")
        }
    }

    @Test func sortsOrderAsAsked() {
        let newest = Self.catalog.search(CatalogQuery(perPage: 100)).hits.map(\.practice)
        #expect(zip(newest, newest.dropFirst()).allSatisfy { ($0.publishedAt ?? $0.createdAt) >= ($1.publishedAt ?? $1.createdAt) })
        let titles = Self.catalog.search(CatalogQuery(sort: .title, perPage: 100)).hits.map { TextFolding.fold($0.practice.title) }
        #expect(titles == titles.sorted())
        let starts = Self.catalog.search(CatalogQuery(sort: .period, perPage: 100)).hits.map { $0.practice.periodStart ?? 9999 }
        #expect(starts == starts.sorted())
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
