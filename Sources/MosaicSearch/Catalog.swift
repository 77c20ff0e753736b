import Foundation
import MosaicCore

/// An immutable, in-memory snapshot of the published catalogue: the practices, an inverted index ranked
/// with BM25F, and the facet values of every practice. It answers every catalogue query without the
/// database.
///
/// Changing one practice gives a new snapshot (``updating(_:)``) that shares everything else with this
/// one: the practice's old entry is marked dead and its new version is appended, so nothing is re-indexed.
public final class Catalog: Sendable {
    /// Increases with every change; pages use it in their ETag.
    public let version: Int
    /// The documents, postings, facets and orders of this snapshot.
    let index: CatalogIndex
    let aliveCount: Int
    /// Facet counts over every live document (no text, no filter).
    let baseline: FacetCounts

    /// The year up to which ongoing practices are counted in the Year facet.
    public var currentYear: Int { index.currentYear }
    public var taxonomy: Taxonomy { index.taxonomy }
    public var countries: CountryList { index.countries }

    /// The number of published practices in the snapshot.
    public var count: Int { aliveCount }

    // MARK: Building

    /// Builds a snapshot of the given practices; those that are not published are left out.
    public convenience init(practices: [Practice], currentYear: Int, version: Int = 1,
                            taxonomy: Taxonomy = .standard, countries: CountryList = .standard) {
        var builder = CatalogBuilder(currentYear: currentYear, taxonomy: taxonomy, countries: countries)
        builder.add(contentsOf: practices)
        self.init(builder: builder, version: version)
    }

    /// The snapshot of what `builder` was given, which can be fed a page at a time so that a large
    /// catalogue is never in memory unpacked.
    public init(builder: consuming CatalogBuilder, version: Int = 1) {
        let fromScratch = builder.isFromScratch
        builder.finish()
        self.version = version
        index = builder.index
        aliveCount = builder.index.alive.count
        baseline = FacetCounts.baseline(builder.index)
        if fromScratch { FreedMemory.release() }
    }

    /// A new snapshot with `practice` added, replaced, or removed when it is no longer published.
    /// Only this practice is analysed; the rest of the index is shared with this snapshot.
    public func updating(_ practice: Practice) -> Catalog {
        var builder = CatalogBuilder(continuing: self)
        builder.remove(practice.id)
        if practice.status == .published { builder.add(practice) }
        // Rebuild from scratch once dead entries make up a third of the index, to keep it compact.
        if builder.index.documents.count > 64, builder.index.alive.count * 3 < builder.index.documents.count * 2 {
            var fresh = CatalogBuilder(currentYear: currentYear, taxonomy: taxonomy, countries: countries)
            let live = builder.index.alive.indices
            for start in stride(from: 0, to: live.count, by: 1024) {
                fresh.add(contentsOf: live[start..<min(live.count, start + 1024)].map { builder.index.documents[$0].practice })
            }
            return Catalog(builder: fresh, version: version + 1)
        }
        return Catalog(builder: builder, version: version + 1)
    }

    /// A new snapshot without the practice.
    public func removing(_ id: Practice.ID) -> Catalog {
        var builder = CatalogBuilder(continuing: self)
        builder.remove(id)
        return Catalog(builder: builder, version: version + 1)
    }

    // MARK: Lookups

    /// The published practice with this slug.
    public func practice(slug: Slug) -> Practice? {
        index.bySlug[slug].map { index.documents[Int($0)].practice }
    }

    public func practice(id: Practice.ID) -> Practice? {
        index.byID[id].map { index.documents[Int($0)].practice }
    }

    /// Every published practice, newest published first.
    public var practices: [Practice] {
        index.alive.indices.map { index.documents[$0] }
            .sorted { ($0.published, $1.foldedTitle) > ($1.published, $0.foldedTitle) }
            .map(\.practice)
    }
}

/// One indexed practice, packed, with the keys of the orders that do not depend on the query.
struct Document: Sendable {
    let packed: CompactPractice
    let published: Double
    let foldedTitle: String
    let periodStart: Int?

    /// The practice, unpacked: only for what is shown, never in a loop over the catalogue.
    var practice: Practice { packed.practice }
}

/// The facet values of every document, in flat arrays indexed by document, so that counting never
/// copies a document.
struct FacetColumns: Sendable {
    var country: [Int32] = []
    var language: [Int32] = []
    /// Topics of document d: `topicValues[topicStart[d]..<topicStart[d + 1]]`.
    var topicStart: [Int32] = [0]
    var topicValues: [Int32] = []
    var cityStart: [Int32] = [0]
    var cityValues: [Int32] = []
    /// The years a document counts under; `yearStart` is -1 for undated documents.
    var yearStart: [Int32] = []
    var yearEnd: [Int32] = []

    mutating func append(topics: [Int32], country: Int32, cities: [Int32], language: Int32, years: ClosedRange<Int>?) {
        self.country.append(country)
        self.language.append(language)
        topicValues += topics
        topicStart.append(Int32(topicValues.count))
        cityValues += cities
        cityStart.append(Int32(cityValues.count))
        yearStart.append(Int32(years?.lowerBound ?? -1))
        yearEnd.append(Int32(years?.upperBound ?? -1))
    }
}

/// A document that holds a term, with the term's frequency in each field (6 bits each, capped at 63).
struct Posting: Sendable {
    let document: Int32
    let frequencies: UInt32

    func frequency(_ field: Int) -> Float { Float((frequencies >> UInt32(field * 6)) & 63) }
}

/// Field weights and length statistics of BM25F.
struct FieldStatistics: Sendable {
    enum Field: Int, CaseIterable, Sendable {
        case title, subtitle, places, topics, text
    }

    static let weights: [Float] = [3.0, 2.0, 2.0, 2.0, 1.0]
    static let b: [Float] = [0.5, 0.5, 0.3, 0.3, 0.75]
    static let k1: Float = 1.2

    var totalLength: [Double] = Array(repeating: 0, count: Field.allCases.count)
    var documentCount = 0

    func averageLength(_ field: Field) -> Float {
        documentCount == 0 ? 1 : max(1, Float(totalLength[field.rawValue] / Double(documentCount)))
    }
}

/// The terms of the index, with a sorted list for prefix search and a by-length list for typos.
struct Vocabulary: Sendable {
    private(set) var ids: [String: Int32] = [:]
    private(set) var terms: [String] = []
    /// Term identifiers sorted by term, rebuilt lazily by the builder when terms were added.
    private(set) var sorted: [Int32] = []
    /// Terms that typos may be corrected to (not numbers), grouped by length, with their scalars
    /// ready for the edit-distance computation.
    private(set) var byLength: [Int: [(id: Int32, scalars: [Unicode.Scalar], letters: UInt64)]] = [:]

    mutating func id(for term: String) -> Int32 {
        if let id = ids[term] { return id }
        let id = Int32(terms.count)
        ids[term] = id
        terms.append(term)
        if let first = term.unicodeScalars.first, first.properties.numericType == nil {
            let scalars = Array(term.unicodeScalars)
            byLength[scalars.count, default: []].append((id, scalars, Self.letterMask(scalars)))
        }
        if !sorted.isEmpty {
            // A snapshot being updated: keep the sorted list sorted instead of sorting it again.
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if terms[Int(sorted[mid])] < term { low = mid + 1 } else { high = mid }
            }
            sorted.insert(id, at: low)
        }
        return id
    }

    /// The set of a word's letters as bits (letters beyond 64 share bits). One edit changes at most two
    /// bits, so two words more than `2 × limit` bits apart cannot be within `limit` edits: most of the
    /// vocabulary is ruled out without computing a distance.
    static func letterMask(_ scalars: [Unicode.Scalar]) -> UInt64 {
        var mask: UInt64 = 0
        for scalar in scalars { mask |= 1 << UInt64(scalar.value & 63) }
        return mask
    }

    mutating func sortTerms() {
        sorted = terms.indices.map(Int32.init).sorted { terms[Int($0)] < terms[Int($1)] }
    }

    func id(of term: String) -> Int32? { ids[term] }
    func term(_ id: Int32) -> String { terms[Int(id)] }
    var sortedCount: Int { sorted.count }

    /// Terms that start with `prefix`, in alphabetical order.
    func terms(withPrefix prefix: String) -> ArraySlice<Int32> {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if terms[Int(sorted[mid])] < prefix { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < sorted.count, terms[Int(sorted[end])].hasPrefix(prefix) { end += 1 }
        return sorted[low..<end]
    }
}

/// A set of small integers, one bit each.
struct BitSet: Sendable, Equatable {
    private(set) var words: [UInt64]
    private(set) var count = 0

    init(capacity: Int = 0) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    init(words: [UInt64]) {
        self.words = words
        count = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    mutating func setWord(_ index: Int, _ word: UInt64) {
        count += word.nonzeroBitCount - words[index].nonzeroBitCount
        words[index] = word
    }

    func contains(_ i: Int) -> Bool {
        let word = i >> 6
        return word < words.count && words[word] & (1 << UInt64(i & 63)) != 0
    }

    mutating func insert(_ i: Int) {
        let word = i >> 6
        if word >= words.count { words += Array(repeating: 0, count: word - words.count + 1) }
        let mask: UInt64 = 1 << UInt64(i & 63)
        if words[word] & mask == 0 {
            words[word] |= mask
            count += 1
        }
    }

    mutating func remove(_ i: Int) {
        let word = i >> 6
        guard word < words.count else { return }
        let mask: UInt64 = 1 << UInt64(i & 63)
        if words[word] & mask != 0 {
            words[word] &= ~mask
            count -= 1
        }
    }

    /// Calls `body` with each member in increasing order, without building an array.
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                body(w << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// The members in increasing order.
    var indices: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                result.append(w << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }
}

/// Each document's place in the orders that do not depend on the query, kept up to date by insertion
/// when a practice is added, so that sorting a page never sorts the whole catalogue.
struct SortRanks: Sendable {
    private(set) var newestOrder: [Int32] = []
    private(set) var titleOrder: [Int32] = []
    private(set) var periodOrder: [Int32] = []
    private(set) var newest: [Int32] = []
    private(set) var title: [Int32] = []
    private(set) var period: [Int32] = []

    static func newestFirst(_ a: Document, _ b: Document) -> Bool {
        a.published != b.published ? a.published > b.published : a.foldedTitle < b.foldedTitle
    }

    static func titleFirst(_ a: Document, _ b: Document) -> Bool {
        a.foldedTitle != b.foldedTitle ? a.foldedTitle < b.foldedTitle : a.published > b.published
    }

    static func periodFirst(_ a: Document, _ b: Document) -> Bool {
        switch (a.periodStart, b.periodStart) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return newestFirst(a, b)
        }
    }

    /// Sorts everything: for a snapshot built from scratch.
    mutating func build(_ documents: [Document]) {
        let all = documents.indices.map(Int32.init)
        newestOrder = all.sorted { Self.newestFirst(documents[Int($0)], documents[Int($1)]) }
        titleOrder = all.sorted { Self.titleFirst(documents[Int($0)], documents[Int($1)]) }
        periodOrder = all.sorted { Self.periodFirst(documents[Int($0)], documents[Int($1)]) }
        computeRanks(count: documents.count)
    }

    /// The first `limit` live documents in the order of `sort` (newest for relevance, which needs text).
    func first(_ limit: Int, by sort: CatalogQuery.Sort, alive: BitSet) -> [Int32] {
        let order = switch sort {
        case .title: titleOrder
        case .period: periodOrder
        default: newestOrder
        }
        var result: [Int32] = []
        result.reserveCapacity(limit)
        for document in order where alive.contains(Int(document)) {
            result.append(document)
            if result.count == limit { break }
        }
        return result
    }

    /// Inserts documents added since the orders were built.
    mutating func insert(_ added: Range<Int>, of documents: [Document]) {
        for document in added {
            let id = Int32(document)
            Self.insert(id, into: &newestOrder) { Self.newestFirst(documents[Int($0)], documents[Int($1)]) }
            Self.insert(id, into: &titleOrder) { Self.titleFirst(documents[Int($0)], documents[Int($1)]) }
            Self.insert(id, into: &periodOrder) { Self.periodFirst(documents[Int($0)], documents[Int($1)]) }
        }
        computeRanks(count: documents.count)
    }

    private static func insert(_ id: Int32, into order: inout [Int32], by isBefore: (Int32, Int32) -> Bool) {
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if isBefore(order[mid], id) { low = mid + 1 } else { high = mid }
        }
        order.insert(id, at: low)
    }

    private mutating func computeRanks(count: Int) {
        func ranks(_ order: [Int32]) -> [Int32] {
            var rank = [Int32](repeating: Int32.max, count: count)
            for (position, document) in order.enumerated() { rank[Int(document)] = Int32(position) }
            return rank
        }
        newest = ranks(newestOrder)
        title = ranks(titleOrder)
        period = ranks(periodOrder)
    }
}

extension Catalog {
    /// Practices close to this one: sharing topics first, then the same country, newest first.
    public func related(to practice: Practice, limit: Int = 3) -> [Practice] {
        var scores = [Float](repeating: 0, count: index.documents.count)
        var touched: [Int32] = []
        func add(_ documents: [Int32], _ weight: Float) {
            for document in documents {
                if scores[Int(document)] == 0 { touched.append(document) }
                scores[Int(document)] += weight
            }
        }
        for topic in practice.topics {
            if let id = index.facets.topics.id(of: topic.rawValue) { add(index.facets.topics.documents[Int(id)], 1) }
        }
        if let id = index.facets.countries.id(of: practice.country.rawValue) { add(index.facets.countries.documents[Int(id)], 0.5) }
        let own = index.byID[practice.id]
        let candidates = touched.filter { index.alive.contains(Int($0)) && $0 != own }
        return TopK.select(candidates, limit: limit) { a, b in
            scores[Int(a)] != scores[Int(b)] ? scores[Int(a)] > scores[Int(b)] : index.ranks.newest[Int(a)] < index.ranks.newest[Int(b)]
        }.map { index.documents[Int($0)].practice }
    }

    /// The name of the city whose slug this is, as written in the data.
    public func city(slug: Slug) -> String? {
        for (id, name) in index.facets.cityNames.enumerated() where Slug(making: name) == slug {
            if index.facets.cities.documents[id].contains(where: { index.alive.contains(Int($0)) }) { return name }
        }
        return nil
    }
}

extension Catalog {
    /// The approximate size of the snapshot's largest parts, in bytes, for the benchmark's report.
    public var sizeReport: [String: Int] {
        var postings = 0, lists = 0
        for (_, list) in index.postings {
            postings += list.capacity * MemoryLayout<Posting>.stride
            lists += 1
        }
        return [
            "packed_practices": index.documents.reduce(0) { $0 + $1.packed.byteCount },
            "documents": index.documents.count * MemoryLayout<Document>.stride,
            "postings": postings,
            "posting_lists": lists,
            "terms": index.vocabulary.terms.count,
        ]
    }
}
