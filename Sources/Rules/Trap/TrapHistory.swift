import Codec
import RuleEngine
import Synchronization

/// One entry of a symbol's TRAP history.
struct TrapSample: Sendable {
    var trapRaw: Double
    var cancelRate: Double
}

/// The state of one `trap` rule (gates.md §8): per canonical symbol (at most 10,000, least recently used evicted) a
/// time-ordered history of `(t_ms, trap_raw, cancel_rate)`, at most `max_history` entries. Shared by the rule's
/// instances and carried over on reload; never persisted.
final class TrapHistory: RuleState {
    let symbols = Mutex(BoundedLRU<Symbol, RollingWindow<TrapSample>>())

    func snapshot() -> JSONValue {
        symbols.withLock { map in
            var out = JSONObject()
            for (symbol, window) in map.entries.sorted(by: { $0.key < $1.key }) {
                out.append(symbol.rawValue, .object(JSONObject([
                    ("samples", .int(Int64(window.count))),
                    ("oldest_ms", window.entries.first.map { .int($0.t) } ?? .null),
                    ("newest_ms", window.entries.last.map { .int($0.t) } ?? .null),
                ])))
            }
            return .object(JSONObject([("symbols", .object(out))]))
        }
    }
}
