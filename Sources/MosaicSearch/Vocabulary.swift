import Foundation
import MosaicCore

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
