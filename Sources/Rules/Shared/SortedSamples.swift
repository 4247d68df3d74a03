/// A multiset of doubles kept in ascending order, with O(√n)-class insert, remove and rank lookups: the order
/// statistics a rolling percentile needs without sorting the window on every sample.
///
/// The order is exactly that of a stable sort of the values in insertion order (Swift's `sorted()`): `insert` puts a
/// value after every element not greater than it, and `removeOldest(_:)` takes the first element equal to it. So when
/// removals happen oldest first (a time window), `self[k]` is bit for bit the `k`-th element of `window.sorted()`,
/// `-0.0` and `0.0` included. NaN is not supported (it has no place in an order).
///
/// Storage is a list of sorted blocks of at most `maxBlock` elements: an insert or a removal shifts one block, a
/// rank lookup walks block sizes from the nearer end.
struct SortedSamples: Sendable {
    private var blocks: [[Double]] = []
    /// The number of elements.
    private(set) var count = 0

    /// A block is split in two when it grows past this.
    static let maxBlock = 256
    /// A block this small is merged into a neighbour when the two fit in one block.
    static let minBlock = 32

    init() {}

    var isEmpty: Bool { count == 0 }

    /// All elements, ascending.
    var elements: [Double] { blocks.flatMap { $0 } }

    /// Inserts `value` after every element that is not greater than it.
    mutating func insert(_ value: Double) {
        precondition(!value.isNaN, "SortedSamples cannot order NaN")
        count += 1
        guard !blocks.isEmpty else {
            var first: [Double] = []
            first.reserveCapacity(Self.maxBlock + 1)
            first.append(value)
            blocks.append(first)
            return
        }
        // The first block whose last element is greater than `value`, else the last block.
        var low = 0, high = blocks.count - 1
        while low < high {
            let mid = (low + high) / 2
            if value < blocks[mid][blocks[mid].count - 1] { high = mid } else { low = mid + 1 }
        }
        let b = low
        let at = Self.upperBound(value, in: blocks[b])
        blocks[b].insert(value, at: at)
        if blocks[b].count > Self.maxBlock {
            let half = blocks[b].count / 2
            var upper: [Double] = []
            upper.reserveCapacity(Self.maxBlock + 1)
            upper.append(contentsOf: blocks[b][half...])
            blocks[b].removeSubrange(half...)
            blocks.insert(upper, at: b + 1)
        }
    }

    /// Removes the first element equal to `value` (`==`: `-0.0` matches `0.0`). Returns false when there is none.
    @discardableResult
    mutating func removeOldest(_ value: Double) -> Bool {
        // The first block whose last element is not less than `value`.
        var low = 0, high = blocks.count
        while low < high {
            let mid = (low + high) / 2
            if blocks[mid][blocks[mid].count - 1] < value { low = mid + 1 } else { high = mid }
        }
        guard low < blocks.count else { return false }
        let b = low
        let at = Self.lowerBound(value, in: blocks[b])
        guard at < blocks[b].count, blocks[b][at] == value else { return false }
        blocks[b].remove(at: at)
        count -= 1
        if blocks[b].isEmpty {
            blocks.remove(at: b)
        } else if blocks[b].count < Self.minBlock {
            mergeSmall(b)
        }
        return true
    }

    mutating func removeAll() {
        blocks.removeAll()
        count = 0
    }

    /// The element of rank `k` (0-based, ascending); `0 ≤ k < count`.
    subscript(k: Int) -> Double {
        precondition(k >= 0 && k < count, "rank \(k) outside 0..<\(count)")
        if k < count / 2 {
            var rest = k
            for block in blocks {
                if rest < block.count { return block[rest] }
                rest -= block.count
            }
        } else {
            var rest = count - 1 - k
            for block in blocks.reversed() {
                if rest < block.count { return block[block.count - 1 - rest] }
                rest -= block.count
            }
        }
        preconditionFailure("block sizes disagree with count")
    }

    /// Joins block `b` with its smaller neighbour when both fit in one block.
    private mutating func mergeSmall(_ b: Int) {
        let previous = b > 0 ? blocks[b - 1].count : Int.max
        let next = b + 1 < blocks.count ? blocks[b + 1].count : Int.max
        let other = previous <= next ? b - 1 : b + 1
        guard other >= 0, other < blocks.count, blocks[b].count + blocks[other].count <= Self.maxBlock else { return }
        let (left, right) = other < b ? (other, b) : (b, other)
        let moved = blocks[right]
        blocks[left].append(contentsOf: moved)
        blocks.remove(at: right)
    }

    /// The index of the first element of `block` greater than `value`.
    private static func upperBound(_ value: Double, in block: [Double]) -> Int {
        var low = 0, high = block.count
        while low < high {
            let mid = (low + high) / 2
            if value < block[mid] { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The index of the first element of `block` not less than `value`.
    private static func lowerBound(_ value: Double, in block: [Double]) -> Int {
        var low = 0, high = block.count
        while low < high {
            let mid = (low + high) / 2
            if block[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
