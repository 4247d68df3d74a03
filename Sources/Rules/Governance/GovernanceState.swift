import Codec
import RuleEngine
import Synchronization

/// Per-rule governance state (gates.md §10): DQ blocks per symbol and the reject-storm window. Shared by the base
/// and override instances of one rule id, carried over on reload, never persisted.
final class GovernanceState: RuleState {
    struct Block: Sendable, Hashable {
        var untilMs: Int64
        var code: String
    }

    struct Storage: Sendable {
        var blocks = SymbolMap<Block>()
        /// `(t_ms, ok)`: true for a success report, false for a failed one.
        var window = TimeWindow<Bool>()
        /// `reject_storm_window_s` of the latest loaded rule, for the snapshot.
        var windowS: Double = 300
    }

    /// The fixed length bound of the reject-storm window (gates.md §10).
    static let windowCap = 100_000

    let storage = Mutex(Storage())

    func block(for symbol: Symbol) -> Block? { storage.withLock { $0.blocks[symbol] } }

    func setBlock(_ block: Block, for symbol: Symbol) { storage.withLock { $0.blocks.set(block, for: symbol) } }

    func setWindowSeconds(_ seconds: Double) { storage.withLock { $0.windowS = seconds } }

    /// Appends one classified report and drops entries older than the window; returns `(total, failed)` when the
    /// storm trips (the window is then cleared), else nil.
    func record(ok: Bool, now: Int64, windowMs: Int64, pct: Double?, minOrders: Int64) -> (total: Int, failed: Int)? {
        storage.withLock { storage in
            storage.window.append(now, ok, cap: Self.windowCap)
            storage.window.drop(atOrBefore: now - windowMs)
            let total = storage.window.count
            let failed = storage.window.falseCount
            guard let pct, Int64(total) >= minOrders, Double(failed) / Double(total) >= pct else { return nil }
            storage.window.removeAll()
            return (total, failed)
        }
    }

    /// `GET /ops/state` shape (gates.md §10): the reject window and the DQ blocks.
    func snapshot() -> JSONValue {
        storage.withLock { storage in
            let total = storage.window.count
            let rejects = storage.window.falseCount
            let window: JSONObject = [
                "total": .int(Int64(total)), "rejects": .int(Int64(rejects)),
                "rate": total == 0 ? .null : .double(Double(rejects) / Double(total)),
                "window_s": .int(Int64(storage.windowS.rounded())),
            ]
            let blocks = storage.blocks.sorted.map { item -> JSONValue in
                ["symbol": .string(item.symbol.rawValue), "code": .string(item.value.code),
                 "until_ms": .int(item.value.untilMs)]
            }
            return ["reject_window": .object(window), "dq_blocks": .array(blocks)]
        }
    }
}
