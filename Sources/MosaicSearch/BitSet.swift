import Foundation
import MosaicCore

/// A set of small integers, one bit each.
struct BitSet: Sendable, Equatable {
    private(set) var words: [UInt64]
    private(set) var count = 0

    init(capacity: Int = 0) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    init(_ members: some Sequence<Int32>, capacity: Int) {
        self.init(capacity: capacity)
        for member in members { insert(Int(member)) }
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
