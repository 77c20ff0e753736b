import Foundation
import MosaicCore
import Synchronization

/// Which documents satisfy each facet's selection.
struct FacetFilters: Sendable {
    static let facetCount = CatalogQuery.Facet.allCases.count
    /// One bit per facet, in the order of `CatalogQuery.Facet.allCases`.
    static let all: UInt8 = (1 << UInt8(facetCount)) - 1

    /// The words of each selected facet's document set (empty for facets without a selection).
    private var words: [[UInt64]] = []
    /// Facets without a selection: always satisfied.
    private var free: UInt8 = 0

    init(catalog: Catalog, query: CatalogQuery) {
        let index = catalog.index.facets
        let capacity = catalog.index.documents.count
        func union(_ values: FacetIndex.Values, _ keys: [String]) -> BitSet? {
            guard !keys.isEmpty else { return nil }
            var set = BitSet(capacity: capacity)
            for key in keys {
                guard let id = values.id(of: key) else { continue }
                for document in values.documents[Int(id)] { set.insert(Int(document)) }
            }
            return set
        }
        var sets: [BitSet?] = []
        sets.append(union(index.topics, query.topics))
        sets.append(union(index.countries, query.countries.map { $0.uppercased() }))
        sets.append(union(index.cities, query.cities.map(TextFolding.fold)))
        if query.years.isEmpty && !query.hasYearRange {
            sets.append(nil)
        } else {
            var set = BitSet(capacity: capacity)
            let years = query.years.compactMap { Int32($0) }
            let undated = query.years.contains(CatalogQuery.undated)
            // A range: the practices whose years overlap it (an open end reaches every year).
            let from = query.yearFrom.map(Int32.init) ?? .min, to = query.yearTo.map(Int32.init) ?? .max
            let columns = catalog.index.columns
            for document in 0..<capacity {
                let start = columns.yearStart[document]
                if start < 0 {
                    if undated { set.insert(document) }
                } else if years.contains(where: { $0 >= start && $0 <= columns.yearEnd[document] })
                            || (query.hasYearRange && start <= to && columns.yearEnd[document] >= from) {
                    set.insert(document)
                }
            }
            sets.append(set)
        }
        sets.append(union(index.languages, query.languages))
        for (facet, set) in sets.enumerated() {
            if let set {
                var padded = set.words
                if padded.count < (capacity + 63) / 64 { padded += Array(repeating: 0, count: (capacity + 63) / 64 - padded.count) }
                words.append(padded)
            } else {
                words.append([])
                free |= 1 << UInt8(facet)
            }
        }
    }

    /// The documents whose text match can matter when two or more facets have a selection: those that
    /// fail at most one selection (hits, or counted in the facet they fail). Nil when every document can matter.
    var relevant: BitSet? {
        let active = (0..<Self.facetCount).filter { free & (1 << UInt8($0)) == 0 }
        guard active.count >= 2 else { return nil }
        let count = words[active[0]].count
        var result = BitSet(words: Array(repeating: 0, count: count))
        for w in 0..<count {
            var word: UInt64 = 0
            for left in active {
                var others: UInt64 = ~0
                for facet in active where facet != left { others &= words[facet][w] }
                word |= others
            }
            result.setWord(w, word)
        }
        return result
    }

    /// True when no facet has a selection.
    var isFree: Bool { free == Self.all }

    /// Whether a live document is listed by these filters (and readable, when `available` is given).
    func listing(_ available: BitSet?) -> (Int32) -> Bool {
        let filters = self
        return { document in
            filters.mask(of: document) == Self.all && (available?.contains(Int(document)) ?? true)
        }
    }

    /// A bit set for every facet whose selection the document satisfies (or that has none).
    @inline(__always)
    func mask(of document: Int32) -> UInt8 {
        if free == Self.all { return Self.all }
        var mask = free
        let word = Int(document) >> 6, bit: UInt64 = 1 << UInt64(document & 63)
        for facet in 0..<Self.facetCount where free & (1 << UInt8(facet)) == 0 {
            if words[facet][word] & bit != 0 { mask |= 1 << UInt8(facet) }
        }
        return mask
    }
}

/// The counts of every facet value over a set of documents.
struct FacetCounts: Sendable {
    var topics: [Int]
    var countries: [Int]
    var cities: [Int]
    var languages: [Int]
    /// Differences of the per-year counts (a range adds 1 at its start and removes it after its end).
    var yearDifferences: [Int]
    var undated = 0

    /// All zero, sized for the facet values of `facets`.
    init(_ facets: FacetIndex) {
        topics = Array(repeating: 0, count: facets.topics.count)
        countries = Array(repeating: 0, count: facets.countries.count)
        cities = Array(repeating: 0, count: facets.cities.count)
        languages = Array(repeating: 0, count: facets.languages.count)
        yearDifferences = Array(repeating: 0, count: Period.validYears.count + 2)
    }

    /// The counts over every live document: what a query with no text and no filter shows. Kept with
    /// each snapshot, because it is the catalogue page most visitors see first.
    static func baseline(_ index: CatalogIndex) -> FacetCounts {
        var counts = FacetCounts(index.facets)
        let layout = FacetCounter.CountLayout(topics: counts.topics.count, countries: counts.countries.count,
                                              cities: counts.cities.count, languages: counts.languages.count,
                                              years: counts.yearDifferences.count, firstYear: Period.validYears.lowerBound)
        var flat = counts.topics + counts.countries + counts.cities + counts.languages + counts.yearDifferences + [0]
        flat.withUnsafeMutableBufferPointer { c in
            index.alive.forEach { FacetCounter.count($0, in: FacetFilters.all, columns: index.columns, layout: layout, counts: c.baseAddress!) }
        }
        counts.unflatten(flat, layout)
        return counts
    }

    /// These counts less `other`'s, value by value.
    func subtracting(_ other: FacetCounts) -> FacetCounts {
        var result = self
        func minus(_ a: [Int], _ b: [Int]) -> [Int] { zip(a, b).map { $0 - $1 } }
        result.topics = minus(topics, other.topics)
        result.countries = minus(countries, other.countries)
        result.cities = minus(cities, other.cities)
        result.languages = minus(languages, other.languages)
        result.yearDifferences = minus(yearDifferences, other.yearDifferences)
        result.undated = undated - other.undated
        return result
    }

    mutating func unflatten(_ flat: [Int], _ layout: FacetCounter.CountLayout) {
        topics = Array(flat[layout.topics])
        countries = Array(flat[layout.countries])
        cities = Array(flat[layout.cities])
        languages = Array(flat[layout.languages])
        yearDifferences = Array(flat[layout.years])
        undated = flat[layout.undated]
    }
}

/// Counts facet values over the documents it is shown.
struct FacetCounter {
    let catalog: Catalog
    private let columns: FacetColumns
    private(set) var counts: FacetCounts
    private let firstYear = Period.validYears.lowerBound

    init(catalog: Catalog, counts: FacetCounts? = nil) {
        self.catalog = catalog
        columns = catalog.index.columns
        self.counts = counts ?? FacetCounts(catalog.index.facets)
    }

    /// Goes once over the documents that match the text: returns those that satisfy every selection (the
    /// hits), and counts facet values on the way. A hit counts in every facet; a document that fails
    /// exactly one selection counts in that facet only, which is what choosing one more value of it would add.
    /// `parts` is how many threads share the work; by default, one for small sets and every core for large ones.
    mutating func tally(_ source: TextMatch.Documents, filters: FacetFilters, alive: BitSet, parts: Int? = nil) -> [Int32] {
        // All counts in one flat buffer (the last slot counts undated documents), and the hits in a buffer
        // sized for the worst case: the loop then runs on raw pointers, without uniqueness or exclusivity
        // checks.
        let layout = CountLayout(topics: counts.topics.count, countries: counts.countries.count, cities: counts.cities.count,
                                 languages: counts.languages.count, years: counts.yearDifferences.count, firstYear: firstYear)
        let initial = counts.topics + counts.countries + counts.cities + counts.languages + counts.yearDifferences + [counts.undated]
        let size: Int
        switch source {
        case .all: size = alive.count
        case .some(let documents): size = documents.count
        }
        // Large sets are split between the cores: each part counts into its own buffers, which are then
        // added up (counts) and joined in order (hits). Small ones are not worth a thread's wake-up.
        let parts = parts ?? (size >= Self.parallelThreshold ? max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) : 1)
        let columns = self.columns
        let results = PartResults(count: parts)
        @Sendable func run(_ part: Int) {
            var flat = part == 0 ? initial : [Int](repeating: 0, count: initial.count)
            var hits: [Int32]
            var hitCount = 0
            switch source {
            case .all:
                let words = alive.words.count
                let range = (words * part / parts)..<(words * (part + 1) / parts)
                hits = [Int32](repeating: 0, count: size)
                hits.withUnsafeMutableBufferPointer { h in
                    flat.withUnsafeMutableBufferPointer { c in
                        alive.words.withUnsafeBufferPointer { w in
                            for index in range where w[index] != 0 {
                                var bits = w[index]
                                while bits != 0 {
                                    Self.handle(index << 6 | bits.trailingZeroBitCount, filters: filters, columns: columns,
                                                layout: layout, counts: c.baseAddress!, hits: h.baseAddress!, hitCount: &hitCount)
                                    bits &= bits - 1
                                }
                            }
                        }
                    }
                }
            case .some(let documents):
                let range = (documents.count * part / parts)..<(documents.count * (part + 1) / parts)
                hits = [Int32](repeating: 0, count: range.count)
                hits.withUnsafeMutableBufferPointer { h in
                    flat.withUnsafeMutableBufferPointer { c in
                        for document in documents[range] {
                            Self.handle(Int(document), filters: filters, columns: columns, layout: layout,
                                        counts: c.baseAddress!, hits: h.baseAddress!, hitCount: &hitCount)
                        }
                    }
                }
            }
            hits.removeLast(hits.count - hitCount)
            results.set(part, flat: flat, hits: hits)
        }
        if parts == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts, execute: run)
        }
        var flat = results.flat[0]
        var hits = results.hits[0]
        for part in 1..<parts {
            for i in flat.indices { flat[i] &+= results.flat[part][i] }
            hits += results.hits[part]
        }
        counts.unflatten(flat, layout)
        return hits
    }

    /// From this many documents on, `tally` splits the work between the cores. Below it, waking the
    /// threads costs more than it saves (measured with bench/search.sh: 16,384 made query (c) slower).
    static let parallelThreshold = 32_768

    /// Counts one document: in every facet when it satisfies every selection (and records it as a hit),
    /// in the one facet it fails when it fails exactly one.
    @inline(__always)
    private static func handle(_ d: Int, filters: FacetFilters, columns: FacetColumns, layout: CountLayout,
                               counts: UnsafeMutablePointer<Int>, hits: UnsafeMutablePointer<Int32>, hitCount: inout Int) {
        let failing = filters.isFree ? 0 : FacetFilters.all & ~filters.mask(of: Int32(d))
        if failing == 0 {
            hits[hitCount] = Int32(d)
            hitCount += 1
            count(d, in: FacetFilters.all, columns: columns, layout: layout, counts: counts)
        } else if failing.nonzeroBitCount == 1 {
            count(d, in: failing, columns: columns, layout: layout, counts: counts)
        }
    }

    /// Where each facet's counts sit in the flat buffer of `tally`.
    struct CountLayout: Sendable {
        let topics: Range<Int>, countries: Range<Int>, cities: Range<Int>, languages: Range<Int>, years: Range<Int>
        let undated: Int
        let firstYear: Int

        init(topics t: Int, countries c: Int, cities ci: Int, languages l: Int, years y: Int, firstYear: Int) {
            topics = 0..<t
            countries = t..<(t + c)
            cities = (t + c)..<(t + c + ci)
            languages = (t + c + ci)..<(t + c + ci + l)
            years = (t + c + ci + l)..<(t + c + ci + l + y)
            undated = t + c + ci + l + y
            self.firstYear = firstYear
        }
    }

    /// Counts document `d` in the facets whose bits are set.
    @inline(__always)
    static func count(_ d: Int, in facets: UInt8, columns: FacetColumns, layout: CountLayout, counts c: UnsafeMutablePointer<Int>) {
        if facets & 1 != 0 {
            var i = Int(columns.topicStart[d])
            let end = Int(columns.topicStart[d + 1])
            while i < end { c[layout.topics.lowerBound + Int(columns.topicValues[i])] &+= 1; i += 1 }
        }
        if facets & 2 != 0 { c[layout.countries.lowerBound + Int(columns.country[d])] &+= 1 }
        if facets & 4 != 0 {
            var i = Int(columns.cityStart[d])
            let end = Int(columns.cityStart[d + 1])
            while i < end { c[layout.cities.lowerBound + Int(columns.cityValues[i])] &+= 1; i += 1 }
        }
        if facets & 8 != 0 {
            let start = Int(columns.yearStart[d])
            if start >= 0 {
                let last = layout.years.count - 2
                c[layout.years.lowerBound + max(0, min(start - layout.firstYear, last))] &+= 1
                c[layout.years.lowerBound + max(0, min(Int(columns.yearEnd[d]) - layout.firstYear, last)) + 1] &-= 1
            } else {
                c[layout.undated] &+= 1
            }
        }
        if facets & 16 != 0 { c[layout.languages.lowerBound + Int(columns.language[d])] &+= 1 }
    }

    /// Every facet's values with their counts: by count, then label; selected values marked (and
    /// listed even when nothing is left for them).
    func values(for query: CatalogQuery) -> [CatalogQuery.Facet: [CatalogResult.FacetValue]] {
        let index = catalog.index.facets
        let language = query.language
        var result: [CatalogQuery.Facet: [CatalogResult.FacetValue]] = [:]

        /// `counted` may carry the folded label to sort by (the index keeps cities' folded names).
        func build(_ facet: CatalogQuery.Facet, _ counted: [(value: String, label: String, count: Int)],
                   folded: [String]? = nil, label: (String) -> String) -> [CatalogResult.FacetValue] {
            let selected = query.selection(facet)
            var values: [(CatalogResult.FacetValue, String)] = []
            for (position, entry) in counted.enumerated() where entry.count > 0 || selected.contains(entry.value) {
                values.append((CatalogResult.FacetValue(value: entry.value, label: entry.label, count: entry.count,
                                                        selected: selected.contains(entry.value)),
                               folded?[position] ?? TextFolding.fold(entry.label)))
            }
            for value in selected where !values.contains(where: { $0.0.value == value }) {
                let name = label(value)
                values.append((CatalogResult.FacetValue(value: value, label: name, count: 0, selected: true), TextFolding.fold(name)))
            }
            return values.sorted { ($0.0.count, $1.1) > ($1.0.count, $0.1) }.map(\.0)
        }

        let names = catalog.facetLabels(language)
        result[.topic] = build(.topic, index.topics.keys.enumerated().map { id, key in (key, names.topics[id], counts.topics[id]) },
                               folded: names.foldedTopics, label: { catalog.taxonomy[Topic.Key(rawValue: $0)]?.label(in: language) ?? $0 })

        result[.country] = build(.country, index.countries.keys.enumerated().map { id, code in (code, names.countries[id], counts.countries[id]) },
                                 folded: names.foldedCountries, label: { catalog.countries[Country.Code(rawValue: $0)]?.name(in: language) ?? $0 })

        // A selected city is matched by its folded name; show it with the spelling of the data.
        let selectedCities = Dictionary(query.cities.map { (TextFolding.fold($0), $0) }, uniquingKeysWith: { a, _ in a })
        result[.city] = build(.city, index.cities.keys.enumerated().map { id, key in
            (selectedCities[key] ?? index.cityNames[id], index.cityNames[id], counts.cities[id])
        }, folded: index.cities.keys, label: { $0 })

        var years: [(String, String, Int)] = []
        var running = 0
        for offset in 0..<(counts.yearDifferences.count - 1) {
            running += counts.yearDifferences[offset]
            if running > 0 { years.append((String(firstYear + offset), String(firstYear + offset), running)) }
        }
        let undatedLabel = language.hasPrefix("fr") ? "Non daté" : "Not dated"
        years.append((CatalogQuery.undated, undatedLabel, counts.undated))
        result[.year] = build(.year, years, label: { $0 == CatalogQuery.undated ? undatedLabel : $0 })

        result[.language] = build(.language, index.languages.keys.enumerated().map { id, code in (code, names.languages[id], counts.languages[id]) },
                                  folded: names.foldedLanguages, label: { LanguageNames.name(of: $0, in: language) })
        return result
    }
}

/// The buffers of each part of a split `tally`, each filled by its own thread.
private final class PartResults: @unchecked Sendable {
    private(set) var flat: [[Int]]
    private(set) var hits: [[Int32]]
    private let lock = Mutex(())

    init(count: Int) {
        flat = Array(repeating: [], count: count)
        hits = Array(repeating: [], count: count)
    }

    func set(_ part: Int, flat: [Int], hits: [Int32]) {
        lock.withLock { _ in
            self.flat[part] = flat
            self.hits[part] = hits
        }
    }
}

/// The labels of the topic, country and language facets in one interface language, in the index's order,
/// with their folded forms to sort by: the same for every query of a snapshot.
struct FacetLabels: Sendable {
    let topics: [String], foldedTopics: [String]
    let countries: [String], foldedCountries: [String]
    let languages: [String], foldedLanguages: [String]
}

extension Catalog {
    func facetLabels(_ language: String) -> FacetLabels {
        if let known = labelsByLanguage.withLock({ $0[language] }) { return known }
        let facets = index.facets
        let topics = facets.topics.keys.map { taxonomy[Topic.Key(rawValue: $0)]?.label(in: language) ?? $0 }
        let countries = facets.countries.keys.map { self.countries[Country.Code(rawValue: $0)]?.name(in: language) ?? $0 }
        let languages = facets.languages.keys.map { LanguageNames.name(of: $0, in: language) }
        let labels = FacetLabels(topics: topics, foldedTopics: topics.map(TextFolding.fold),
                                 countries: countries, foldedCountries: countries.map(TextFolding.fold),
                                 languages: languages, foldedLanguages: languages.map(TextFolding.fold))
        // Bounded by the interface languages a site has.
        labelsByLanguage.withLock { if $0.count < 64 { $0[language] = labels } }
        return labels
    }
}
