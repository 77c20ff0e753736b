import Foundation
import MosaicCore

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
        // Newest published first; practices published together (an import) by the start of their period.
        if a.published != b.published { return a.published > b.published }
        if a.periodStart != b.periodStart { return (a.periodStart ?? Int.min) > (b.periodStart ?? Int.min) }
        return a.foldedTitle < b.foldedTitle
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
