import Codec
import RuleEngine
import Synchronization

/// Per-rule, per-symbol anti-churn state (gates.md §11): the close cooldown's end and the last committed open.
/// The position itself comes from the shared position book. Carried over on reload; not persisted.
final class PositionLocks: RuleState {
    struct Entry: Sendable, Hashable {
        var cooldownUntilMs: Int64?
        var lastOpenMs: Int64?
    }

    let storage = Mutex(SymbolMap<Entry>())

    func entry(for symbol: Symbol) -> Entry { storage.withLock { $0[symbol] ?? Entry() } }

    func startCooldown(_ symbol: Symbol, until: Int64) {
        storage.withLock { map in
            var entry = map[symbol] ?? Entry()
            entry.cooldownUntilMs = until
            map.set(entry, for: symbol)
        }
    }

    func recordOpen(_ symbol: Symbol, at now: Int64) {
        storage.withLock { map in
            var entry = map[symbol] ?? Entry()
            entry.lastOpenMs = now
            map.set(entry, for: symbol)
        }
    }

    /// `GET /ops/state` shape (http-api.md §6.5.9).
    func snapshot() -> JSONValue {
        storage.withLock { map in
            var cooldowns: [JSONValue] = []
            var opens = JSONObject()
            for item in map.sorted {
                if let until = item.value.cooldownUntilMs {
                    cooldowns.append(["symbol": .string(item.symbol.rawValue), "until_ms": .int(until)])
                }
                if let last = item.value.lastOpenMs { opens.append(item.symbol.rawValue, .int(last)) }
            }
            return ["cooldowns": .array(cooldowns), "last_open_allow_ms": .object(opens)]
        }
    }
}
