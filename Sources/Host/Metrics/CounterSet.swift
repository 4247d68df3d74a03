import Synchronization

/// A fixed list of counters behind one lock: the pre-initialised label sets of a family (§8.1).
final class CounterSet: Sendable {
    private let values: Mutex<[UInt64]>

    init(count: Int) { values = Mutex(Array(repeating: 0, count: count)) }

    func add(_ index: Int) { values.withLock { $0[index] += 1 } }

    subscript(index: Int) -> UInt64 { values.withLock { $0[index] } }
}
