import Foundation
import MosaicCore
import Synchronization

/// The facet values of the snapshot and, for each value, the documents that have it.
struct FacetIndex: Sendable {
    /// One facet's values: their keys, display labels and documents.
    struct Values: Sendable {
        private(set) var keys: [String] = []
        private(set) var ids: [String: Int32] = [:]
        private(set) var documents: [[Int32]] = []

        mutating func id(for key: String) -> Int32 {
            if let id = ids[key] { return id }
            let id = Int32(keys.count)
            ids[key] = id
            keys.append(key)
            documents.append([])
            return id
        }

        mutating func add(_ document: Int32, to value: Int32) {
            documents[Int(value)].append(document)
        }

        func id(of key: String) -> Int32? { ids[key] }
        var count: Int { keys.count }
    }

    var topics = Values()
    var countries = Values()
    /// Keyed by the folded city name; `cityNames` keeps the spelling to show.
    var cities = Values()
    var cityNames: [String] = []
    var languages = Values()
    /// Documents by the first year they count under; the undated ones apart.
    var undated: [Int32] = []
}

/// Everything a snapshot holds. A builder works on a copy (sharing storage until it writes), and the
/// snapshot keeps the result.
struct CatalogIndex: Sendable {
    let currentYear: Int
    let taxonomy: Taxonomy
    let countries: CountryList
    /// Topic and country names in every language, for queries.
    let names: MultilingualNames
    /// Domain terms and their equivalents, for expanding queries.
    let thesaurus: Thesaurus
    /// Every indexed document; dead ones (replaced or removed practices) stay until the next full build.
    var documents: [Document] = []
    var alive = BitSet()
    var postings: [Int32: [Posting]] = [:]
    var vocabulary = Vocabulary()
    var statistics = FieldStatistics()
    var facets = FacetIndex()
    var bySlug: [Slug: Int32] = [:]
    var byID: [Practice.ID: Int32] = [:]
    /// For each document, for each field: the field weight over its BM25 length normalisation.
    var norms: [Float] = []
    var ranks = SortRanks()
    var columns = FacetColumns()

    init(currentYear: Int, taxonomy: Taxonomy, countries: CountryList, thesaurus: Thesaurus) {
        self.currentYear = currentYear
        self.taxonomy = taxonomy
        self.countries = countries
        self.thesaurus = thesaurus
        names = MultilingualNames(taxonomy: taxonomy, countries: countries)
    }
}

/// Builds a snapshot, from nothing or by continuing an existing one. Give it practices a page at a
/// time, then make the snapshot with `Catalog(builder:)`.
public struct CatalogBuilder {
    var index: CatalogIndex
    /// Documents from this index on were added since the orders were last computed.
    private var firstUnranked = 0
    /// Field lengths of documents added but not yet normalised.
    private var pendingLengths: [(document: Int, lengths: [Int])] = []

    var currentYear: Int { index.currentYear }
    var taxonomy: Taxonomy { index.taxonomy }
    var countries: CountryList { index.countries }

    public init(currentYear: Int, taxonomy: Taxonomy = .standard, countries: CountryList = .standard,
                thesaurus: Thesaurus = .standard) {
        index = CatalogIndex(currentYear: currentYear, taxonomy: taxonomy, countries: countries, thesaurus: thesaurus)
    }

    init(continuing catalog: Catalog) {
        index = catalog.index
        firstUnranked = catalog.index.documents.count
    }

    /// The searchable text of a practice, by field: translations count in the same fields as the original.
    static func fieldTexts(of practice: Practice, taxonomy: Taxonomy, countries: CountryList) -> [String] {
        var title = practice.title, subtitle = practice.subtitle ?? "", text = ""
        for section in Practice.Section.allCases {
            if let value = practice.sections[section] { text += value + "\n" }
        }
        for (_, translation) in practice.translations.sorted(by: { $0.key < $1.key }) {
            if let value = translation.title { title += "\n" + value }
            if let value = translation.subtitle { subtitle += "\n" + value }
            for section in Practice.Section.allCases {
                if let value = translation.sections[section] { text += value + "\n" }
            }
        }
        var places = practice.cities.joined(separator: "\n")
        if let country = countries[practice.country] {
            places += "\n" + country.englishName + "\n" + country.frenchName
        }
        var topics = ""
        for key in practice.topics {
            if let topic = taxonomy[key] { topics += topic.label(in: "en") + "\n" + topic.label(in: "fr") + "\n" }
        }
        return [title, subtitle, places, topics, text]
    }

    /// The terms of a practice with their frequencies per field (packed), and the length of each field.
    /// The terms of a practice with their frequencies per field (packed), the length of each field, and
    /// the practice packed for the snapshot: all made on the worker threads.
    struct Analysis: Sendable {
        var terms: [(term: String, frequencies: UInt32)]
        var lengths: [Int]
        var packed: CompactPractice
    }

    static func analyze(_ practice: Practice, taxonomy: Taxonomy, countries: CountryList, cache: inout Analyzer.StemCache) -> Analysis {
        // Frequencies packed as in `Posting`: 6 bits per field.
        var frequencies: [String: UInt32] = [:]
        var lengths = Array(repeating: 0, count: FieldStatistics.Field.allCases.count)
        for (field, text) in fieldTexts(of: practice, taxonomy: taxonomy, countries: countries).enumerated() {
            let shift = UInt32(field * 6)
            Analyzer.scan(text, cache: &cache) { term, _, _ in
                let packed = frequencies[term, default: 0]
                if (packed >> shift) & 63 < 63 { frequencies[term] = packed + (1 << shift) }
                lengths[field] += 1
            }
        }
        // One term for the topic and one for the country, which the names in the other languages lead to
        // at search time (`MultilingualNames`): a term each instead of every name in every language.
        for key in practice.topics { frequencies[MultilingualNames.token(topic: key.rawValue)] = 1 << UInt32(FieldStatistics.Field.topics.rawValue * 6) }
        frequencies[MultilingualNames.token(country: practice.country.rawValue)] = 1 << UInt32(FieldStatistics.Field.places.rawValue * 6)
        return Analysis(terms: frequencies.map { ($0.key, $0.value) }, lengths: lengths, packed: CompactPractice(practice))
    }

    /// True until the snapshot it continues (if any) has been finished once: a build from nothing.
    var isFromScratch: Bool { firstUnranked == 0 }

    /// The number of practices added so far.
    public var count: Int { index.alive.count }

    /// Analyses many practices on every core, a slice at a time, then adds them in order. Practices that
    /// are not published are left out.
    public mutating func add(contentsOf practices: [Practice]) {
        let practices = practices.filter { $0.status == .published }
        let taxonomy = self.taxonomy, countries = self.countries
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let slice = 1024
        for start in stride(from: 0, to: practices.count, by: slice) {
            let batch = Array(practices[start..<min(practices.count, start + slice)])
            let results = AnalysisResults(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: cores) { worker in
                var cache = Analyzer.StemCache()
                for index in stride(from: worker, to: batch.count, by: cores) {
                    results.set(index, CatalogBuilder.analyze(batch[index], taxonomy: taxonomy, countries: countries, cache: &cache))
                }
            }
            for (practice, analysis) in zip(batch, results.values) { add(practice, analysis: analysis) }
        }
    }

    mutating func add(_ practice: Practice) {
        var cache = Analyzer.StemCache()
        add(practice, analysis: Self.analyze(practice, taxonomy: taxonomy, countries: countries, cache: &cache))
    }

    mutating func add(_ practice: Practice, analysis: Analysis) {
        let document = Int32(index.documents.count)
        let lengths = analysis.lengths
        for (term, frequencies) in analysis.terms {
            let id = index.vocabulary.id(for: term)
            index.postings[id, default: []].append(Posting(document: document, frequencies: frequencies))
        }
        for field in 0..<lengths.count { index.statistics.totalLength[field] += Double(lengths[field]) }
        index.statistics.documentCount += 1
        pendingLengths.append((Int(document), lengths))
        index.norms += Array(repeating: 0, count: lengths.count)

        let topicIDs = practice.topics.map { index.facets.topics.id(for: $0.rawValue) }
        let countryID = index.facets.countries.id(for: practice.country.rawValue)
        var cityIDs: [Int32] = []
        for city in practice.cities {
            let key = TextFolding.fold(city)
            let before = index.facets.cities.count
            let id = index.facets.cities.id(for: key)
            if index.facets.cities.count != before { index.facets.cityNames.append(city) }
            if !cityIDs.contains(id) { cityIDs.append(id) }
        }
        let languageID = index.facets.languages.id(for: practice.language)
        for id in topicIDs { index.facets.topics.add(document, to: id) }
        index.facets.countries.add(document, to: countryID)
        for id in cityIDs { index.facets.cities.add(document, to: id) }
        index.facets.languages.add(document, to: languageID)
        let years = practice.readPeriod.years(currentYear: currentYear)
        if years == nil { index.facets.undated.append(document) }

        index.documents.append(Document(
            packed: analysis.packed,
            published: (practice.publishedAt ?? practice.createdAt).timeIntervalSince1970,
            foldedTitle: Document.sortKey(of: practice.title),
            periodStart: practice.periodStart))
        index.columns.append(topics: topicIDs, country: countryID, cities: cityIDs, language: languageID, years: years)
        index.alive.insert(Int(document))
        if let old = index.bySlug[practice.slug], old != document { index.alive.remove(Int(old)) }
        index.bySlug[practice.slug] = document
        index.byID[practice.id] = document
    }

    /// Marks the practice's document dead; its postings stay but are never counted again.
    mutating func remove(_ id: Practice.ID) {
        guard let document = index.byID[id] else { return }
        index.alive.remove(Int(document))
        index.byID[id] = nil
        let slug = index.documents[Int(document)].packed.slug
        if index.bySlug[slug] == document { index.bySlug[slug] = nil }
        index.statistics.documentCount -= 1
    }

    /// Computes the BM25F normalisation of new documents and sorts new terms.
    mutating func finish() {
        for (document, lengths) in pendingLengths {
            for field in FieldStatistics.Field.allCases {
                let f = field.rawValue
                let average = index.statistics.averageLength(field)
                let b = FieldStatistics.b[f]
                index.norms[document * lengths.count + f] = FieldStatistics.weights[f] / (1 - b + b * Float(lengths[f]) / average)
            }
        }
        pendingLengths.removeAll()
        if index.vocabulary.sortedCount != index.vocabulary.terms.count { index.vocabulary.sortTerms() }
        if firstUnranked == 0 {
            // Posting lists grew by doubling; a full build keeps exact-sized copies (a quarter less memory).
            for term in Array(index.postings.keys) {
                index.postings[term] = index.postings[term]!.withUnsafeBufferPointer { Array($0) }
            }
            index.ranks.build(index.documents)
        } else if firstUnranked < index.documents.count {
            index.ranks.insert(firstUnranked..<index.documents.count, of: index.documents)
        }
        firstUnranked = index.documents.count
    }
}

/// Slots that worker threads fill, each its own.
final class AnalysisResults: @unchecked Sendable {
    private var slots: [CatalogBuilder.Analysis?]
    private let lock = Mutex(())

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: CatalogBuilder.Analysis) {
        lock.withLock { _ in slots[index] = value }
    }

    var values: [CatalogBuilder.Analysis] { lock.withLock { _ in slots.map { $0! } } }
}
