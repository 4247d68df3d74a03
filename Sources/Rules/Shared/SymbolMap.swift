import RuleEngine

/// Per-symbol rule state with the gates.md §1.8 bound: at most 10,000 symbols per rule, the least recently
/// written one evicted beyond that.
struct SymbolMap<Value: Sendable>: Sendable {
    static var capacity: Int { 10_000 }

    private var table = LRUTable<Symbol, Value>(capacity: SymbolMap.capacity)

    subscript(symbol: Symbol) -> Value? { table[symbol] }

    mutating func set(_ value: Value, for symbol: Symbol) { table.set(value, for: symbol) }

    mutating func removeValue(for symbol: Symbol) { table.removeValue(for: symbol) }

    var count: Int { table.count }

    /// Every entry, sorted by symbol (byte order), for snapshots.
    var sorted: [(symbol: Symbol, value: Value)] {
        table.items.sorted { $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8) }
            .map { (symbol: $0.key, value: $0.value) }
    }
}
