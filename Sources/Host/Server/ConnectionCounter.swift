import Synchronization

/// Open connections across every loop of a server, against `server.max_connections`, and the connections
/// refused for being over it (`aurora_http_connections_refused_total`).
final class ConnectionCounter: Sendable {
    private let open = Atomic<Int>(0)
    private let refused = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more open connection, or returns false (and counts a refusal) when at the limit.
    func tryOpen() -> Bool {
        var current = open.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = open.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        refused.add(1, ordering: .relaxed)
        return false
    }

    func close() {
        open.subtract(1, ordering: .relaxed)
    }

    var openCount: Int { open.load(ordering: .relaxed) }
    var refusedCount: Int { refused.load(ordering: .relaxed) }
}
