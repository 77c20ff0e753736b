import Foundation
import MosaicCore

/// Picks the first `limit` elements in order without sorting everything.
enum TopK {
    static func select(_ items: [Int32], limit: Int, by isBefore: (Int32, Int32) -> Bool) -> [Int32] {
        if items.count <= limit * 4 || items.count < 256 {
            return Array(items.sorted(by: isBefore).prefix(limit))
        }
        // A max-heap of the best `limit` so far; the root is the worst of them.
        var heap: [Int32] = []
        heap.reserveCapacity(limit)
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count, isBefore(heap[worst], heap[l]) { worst = l }
                if r < heap.count, isBefore(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for item in items {
            if heap.count < limit {
                heap.append(item)
                var i = heap.count - 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    if isBefore(heap[parent], heap[i]) { heap.swapAt(parent, i); i = parent } else { break }
                }
            } else if isBefore(item, heap[0]) {
                heap[0] = item
                siftDown(0)
            }
        }
        return heap.sorted(by: isBefore)
    }
}
