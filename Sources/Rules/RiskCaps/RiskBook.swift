import Codec
import RuleEngine
import Synchronization

/// `risk_caps` approval stamps (gates.md §9): the times of committed ALLOWs of orders that do not reduce exposure,
/// one list per symbol (kept while its `trades_per_minute` is set) and one global list (kept while
/// `trades_per_minute_global` is set), each at most limit + 1 long. Carried over on reload; not persisted.
final class RiskBook: RuleState {
    static let windowMs: Int64 = 60_000

    struct Storage: Sendable {
        var perSymbol = SymbolMap<TimeWindow<Bool>>()
        var global = TimeWindow<Bool>()
    }

    let storage = Mutex(Storage())

    /// The counted stamps (ascending) within the last 60 s of `now`.
    func symbolStamps(_ symbol: Symbol, now: Int64) -> [Int64] {
        storage.withLock { $0.perSymbol[symbol]?.within(Self.windowMs, of: now) ?? [] }
    }

    func globalStamps(now: Int64) -> [Int64] {
        storage.withLock { $0.global.within(Self.windowMs, of: now) }
    }

    /// Commit hook: stamps one approval where a limit is set, drops the lists whose limit is not.
    func stamp(symbol: Symbol?, now: Int64, symbolLimit: Int64?, globalLimit: Int64?) {
        storage.withLock { storage in
            if let symbol {
                if let limit = symbolLimit {
                    var window = storage.perSymbol[symbol] ?? TimeWindow()
                    window.drop(atOrBefore: now - Self.windowMs)
                    window.append(now, true, cap: Int(limit) + 1)
                    storage.perSymbol.set(window, for: symbol)
                } else if storage.perSymbol[symbol] != nil {
                    storage.perSymbol.removeValue(for: symbol)
                }
            }
            if let limit = globalLimit {
                storage.global.drop(atOrBefore: now - Self.windowMs)
                storage.global.append(now, true, cap: Int(limit) + 1)
            } else {
                storage.global.removeAll()
            }
        }
    }

    /// `trades_last_minute`-style counts of the stored stamps (http-api.md §6.5.9).
    func counts(now: Int64) -> (global: Int, perSymbol: [(Symbol, Int)]) {
        storage.withLock { storage in
            let perSymbol = storage.perSymbol.sorted.map { ($0.symbol, $0.value.within(Self.windowMs, of: now).count) }
            return (storage.global.within(Self.windowMs, of: now).count, perSymbol)
        }
    }

    /// The stored stamps: `{"global": [ms…], "per_symbol": {"SYM": [ms…]}}`.
    func snapshot() -> JSONValue {
        storage.withLock { storage in
            var perSymbol = JSONObject()
            for item in storage.perSymbol.sorted {
                perSymbol.append(item.symbol.rawValue, .array(item.value.live.map { .int($0.t) }))
            }
            return ["global": .array(storage.global.live.map { .int($0.t) }), "per_symbol": .object(perSymbol)]
        }
    }
}
