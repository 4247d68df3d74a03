/// A map holding at most `capacity` keys; inserting a new key into a full map evicts the least recently used one
/// (gates.md §1.8: per-symbol maps hold at most 10,000 symbols). `peek` reads without changing the order;
/// `update` and `insert` make the key the most recent. All operations are O(1).
struct BoundedLRU<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The bound of every per-symbol map of a rule (gates.md §1.8).
    static var symbolCapacity: Int { 10_000 }

    private struct Node: Sendable {
        var key: Key
        var value: Value
        var older: Int
        var newer: Int
    }

    let capacity: Int
    private var nodes: [Node] = []
    private var slots: [Key: Int] = [:]
    /// The most recently used node, or -1.
    private var newest = -1
    /// The least recently used node, or -1.
    private var oldest = -1

    init(capacity: Int = Self.symbolCapacity) {
        precondition(capacity > 0, "a BoundedLRU needs room for at least one key")
        self.capacity = capacity
    }

    var count: Int { slots.count }

    /// The value for `key`, without touching its recency.
    func peek(_ key: Key) -> Value? { slots[key].map { nodes[$0].value } }

    /// Stores `value` under `key` as the most recent entry, evicting the least recent key when full.
    mutating func insert(_ value: Value, for key: Key) {
        update(key, default: value) { $0 = value }
    }

    /// Applies `body` to the value for `key` (created with `make` when absent, evicting the least recent key when
    /// the map is full) and makes `key` the most recent.
    @discardableResult
    mutating func update<R>(_ key: Key, default make: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let slot: Int
        if let existing = slots[key] {
            slot = existing
            unlink(slot)
        } else if slots.count < capacity {
            slot = nodes.count
            nodes.append(Node(key: key, value: make(), older: -1, newer: -1))
            slots[key] = slot
        } else {
            slot = oldest
            unlink(slot)
            slots[nodes[slot].key] = nil
            nodes[slot] = Node(key: key, value: make(), older: -1, newer: -1)
            slots[key] = slot
        }
        linkAsNewest(slot)
        return body(&nodes[slot].value)
    }

    /// Applies `body` to every value, in no particular order, without touching recency.
    mutating func mutateAll(_ body: (inout Value) -> Void) {
        for index in nodes.indices where slots[nodes[index].key] == index { body(&nodes[index].value) }
    }

    /// Every `(key, value)`, most recent first.
    var entries: [(key: Key, value: Value)] {
        var out: [(key: Key, value: Value)] = []
        out.reserveCapacity(count)
        var slot = newest
        while slot >= 0 {
            out.append((nodes[slot].key, nodes[slot].value))
            slot = nodes[slot].older
        }
        return out
    }

    mutating func removeAll() {
        nodes.removeAll()
        slots.removeAll()
        newest = -1
        oldest = -1
    }

    private mutating func unlink(_ slot: Int) {
        let older = nodes[slot].older, newer = nodes[slot].newer
        if older >= 0 { nodes[older].newer = newer } else { oldest = newer }
        if newer >= 0 { nodes[newer].older = older } else { newest = older }
        nodes[slot].older = -1
        nodes[slot].newer = -1
    }

    private mutating func linkAsNewest(_ slot: Int) {
        nodes[slot].older = newest
        nodes[slot].newer = -1
        if newest >= 0 { nodes[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
