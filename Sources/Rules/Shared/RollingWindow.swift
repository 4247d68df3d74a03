/// A time-ordered list of `(t, value)` entries, oldest first, with O(1) amortised append and removal at the front:
/// the time windows of gates.md §1.8. Entries must be appended in non-decreasing time order.
struct RollingWindow<Value: Sendable>: Sendable {
    struct Entry: Sendable {
        var t: Int64
        var value: Value
    }

    private var storage: [Entry] = []
    private var start = 0

    init() {}

    var count: Int { storage.count - start }
    var isEmpty: Bool { count == 0 }
    /// The live entries, oldest first.
    var entries: ArraySlice<Entry> { storage[start...] }
    var values: [Value] { entries.map(\.value) }

    /// The oldest live entry.
    var first: Entry? { start < storage.count ? storage[start] : nil }

    mutating func append(_ value: Value, at t: Int64) {
        storage.append(Entry(t: t, value: value))
    }

    /// Drops every entry with `t < cutoff` (an entry exactly at `cutoff` is kept).
    mutating func evict(before cutoff: Int64) {
        while start < storage.count, storage[start].t < cutoff { start += 1 }
        compact()
    }

    /// Drops the oldest entries beyond `cap`.
    mutating func trim(toAtMost cap: Int) {
        let excess = count - max(cap, 0)
        if excess > 0 { start += excess }
        compact()
    }

    /// Drops the oldest entry; does nothing when empty.
    mutating func removeFirst() {
        guard start < storage.count else { return }
        start += 1
        compact()
    }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: false)
        start = 0
    }

    /// The number of entries with `t ≥ cutoff`.
    func count(since cutoff: Int64) -> Int {
        entries.reduce(0) { $0 + ($1.t >= cutoff ? 1 : 0) }
    }

    /// Releases the dropped prefix once it is at least half of the storage.
    private mutating func compact() {
        if start == storage.count {
            removeAll()
        } else if start >= 64 && start * 2 >= storage.count {
            storage.removeFirst(start)
            start = 0
        }
    }
}
