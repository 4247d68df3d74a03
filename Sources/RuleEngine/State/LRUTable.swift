/// A map with a fixed capacity that evicts its least recently written key (gates.md §1.8 bounds, http-api.md §5.4
/// fill de-duplication). Reads do not count as use; writes do. O(1) amortised per operation.
public struct LRUTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var value: Value
        var tick: UInt64
    }

    public let capacity: Int
    private var entries: [Key: Entry] = [:]
    /// Keys in write order; an item whose tick no longer matches its entry is stale and skipped.
    private var order: [(key: Key, tick: UInt64)] = []
    private var head = 0
    private var tick: UInt64 = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "an LRUTable needs a positive capacity")
        self.capacity = capacity
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The value for `key`, without marking it as used.
    public subscript(key: Key) -> Value? { entries[key]?.value }

    /// Stores `value` as the most recent key; returns the keys evicted to stay within capacity.
    @discardableResult
    public mutating func set(_ value: Value, for key: Key) -> [Key] {
        tick &+= 1
        entries[key] = Entry(value: value, tick: tick)
        order.append((key, tick))
        var evicted: [Key] = []
        while entries.count > capacity, head < order.count {
            let oldest = order[head]
            head += 1
            if entries[oldest.key]?.tick == oldest.tick {
                entries[oldest.key] = nil
                evicted.append(oldest.key)
            }
        }
        compactIfNeeded()
        return evicted
    }

    /// Changes the value for `key` in place (inserting `initial` first when absent) and marks it as used.
    @discardableResult
    public mutating func update<R>(_ key: Key, default initial: @autoclosure () -> Value,
                                   _ body: (inout Value) -> R) -> R {
        var value = entries[key]?.value ?? initial()
        let result = body(&value)
        set(value, for: key)
        return result
    }

    public mutating func removeValue(for key: Key) {
        entries[key] = nil
    }

    public mutating func removeAll() {
        entries = [:]
        order = []
        head = 0
    }

    /// Every key and value, least recently written first.
    public var items: [(key: Key, value: Value)] {
        entries.map { (key: $0.key, value: $0.value.value, tick: $0.value.tick) }
            .sorted { $0.tick < $1.tick }
            .map { (key: $0.key, value: $0.value) }
    }

    /// Keeps `order` within a constant factor of the live entries, so rewriting the same keys never grows it.
    private mutating func compactIfNeeded() {
        let live = order.count - head
        guard live > 2 * entries.count + 64 || head > 4096 && head * 2 > order.count else { return }
        order = entries.map { (key: $0.key, tick: $0.value.tick) }.sorted { $0.tick < $1.tick }
        head = 0
    }
}
