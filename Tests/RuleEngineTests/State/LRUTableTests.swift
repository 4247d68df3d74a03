import RuleEngine
import Testing

/// The bounded map behind per-symbol state and the fill de-duplication map.
@Suite struct LRUTableTests {
    @Test("writing beyond capacity evicts the least recently written key")
    func evicts() {
        var table = LRUTable<String, Int>(capacity: 2)
        table.set(1, for: "a")
        table.set(2, for: "b")
        table.set(3, for: "a")
        let evicted = table.set(4, for: "c")
        #expect(evicted == ["b"])
        #expect(table["a"] == 3 && table["b"] == nil && table["c"] == 4)
        #expect(table.items.map(\.key) == ["a", "c"])
    }

    @Test("rewriting the same keys many times keeps the table bounded and correct")
    func rewrites() {
        var table = LRUTable<Int, Int>(capacity: 3)
        for i in 0..<10_000 { table.set(i, for: i % 4) }
        #expect(table.count == 3)
        #expect(table.items.map(\.key) == [1, 2, 3])
        table.update(1, default: 0) { $0 += 1 }
        #expect(table.items.map(\.key) == [2, 3, 1])
        #expect(table[1] == 9998)
    }
}
