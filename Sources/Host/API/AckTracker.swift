public import Wire
import Synchronization

/// Orders reported as submitted and not yet acknowledged (http-api.md §5.8): keyed by `cid`, else `oid`; a later
/// acknowledgement or outcome stops tracking; a periodic scan expires keys older than the TTL; at most `capacity`
/// keys, a new key beyond that evicting the oldest at once. In memory only.
public final class AckTracker: Sendable {
    /// What the submit report said, for the `ORDER.EXPIRE` record.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var submittedMs: Int64
        public var symbol: String?
        public var cid: String?
        public var oid: String?
        public var side: OrderSide?
        public var orderType: String?
        public var price: Double?
        public var qty: Double?
    }

    private struct State {
        var entries: [String: (entry: Entry, order: UInt64)] = [:]
        var queue: [(key: String, order: UInt64)] = []
        var head = 0
        var nextOrder: UInt64 = 0

        mutating func popOldest() -> Entry? {
            while head < queue.count {
                let candidate = queue[head]
                head += 1
                if let live = entries[candidate.key], live.order == candidate.order {
                    entries[candidate.key] = nil
                    compact()
                    return live.entry
                }
            }
            compact()
            return nil
        }

        /// Keeps the queue within twice the live entries (stopped and expired keys leave stale items behind).
        mutating func compact() {
            if head > 1_024, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            if queue.count - head > 2 * entries.count + 1_024 {
                queue = entries.map { (key: $0.key, order: $0.value.order) }.sorted { $0.order < $1.order }
                head = 0
            }
        }
    }

    static let startStatuses: Set<String> = ["submitted", "new"]
    static let stopStatuses: Set<String> = ["ack", "acknowledged", "accepted", "open", "partially_filled", "partial",
                                            "filled", "closed", "canceled", "cancelled", "rejected", "expired"]

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 65_536) { self.capacity = capacity }

    public var count: Int { state.withLock { $0.entries.count } }

    /// Applies one report (§5.4 step 5). Returns the entry evicted to make room, if any (its `ORDER.EXPIRE` carries
    /// `evicted: true`).
    public func observe(_ entry: Entry, status: String?, classification: PosttradeReport.Classification) -> Entry? {
        let status = status.map { Coercion.trimmed($0).lowercased() }
        return state.withLock { state -> Entry? in
            if state.entries[entry.key] != nil {
                if classification != .neither || status.map(Self.stopStatuses.contains) == true {
                    state.entries[entry.key] = nil
                    state.compact()
                }
                return nil
            }
            guard classification == .neither, let status, Self.startStatuses.contains(status) else { return nil }
            var evicted: Entry?
            if state.entries.count >= capacity { evicted = state.popOldest() }
            let order = state.nextOrder
            state.nextOrder += 1
            state.entries[entry.key] = (entry, order)
            state.queue.append((entry.key, order))
            return evicted
        }
    }

    /// Removes and returns every entry with `nowMs − submittedMs > ttlMs`, oldest first.
    public func expire(nowMs: Int64, ttlMs: Int64) -> [Entry] {
        state.withLock { state in
            var expired: [Entry] = []
            for (_, live) in state.entries where nowMs - live.entry.submittedMs > ttlMs { expired.append(live.entry) }
            for entry in expired { state.entries[entry.key] = nil }
            state.compact()
            return expired.sorted { $0.submittedMs < $1.submittedMs }
        }
    }
}
