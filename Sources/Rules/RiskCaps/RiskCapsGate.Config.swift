import Codec
import RuleEngine

extension RiskCapsGate {
    enum NotionalAction: String, Sendable, CaseIterable {
        case clip, deny
    }

    /// The params of gates.md §9 (file values after the matching rule override); `effective(_:)` applies the
    /// runtime overrides of gates.md §2.4.
    struct Config: Sendable {
        var ddDayPct: Double?
        var maxConcurrent: Int64?
        var sizeScale: Double
        var tradesPerMinute: Int64?
        var tradesPerMinuteGlobal: Int64?
        var priceCollarBps: Double?
        var maxOrderNotionalUsdt: Double?
        var maxSymbolExposureUsdt: Double?
        var notionalAction: NotionalAction
        var minOrderNotionalUsdt: Double

        /// This config with every runtime override in force, and the names of the params they replaced.
        func effective(_ overrides: RiskOverrides) -> (config: Config, overridden: [String]) {
            var config = self
            for (param, value) in overrides.entries {
                switch param {
                case .ddDayPct: config.ddDayPct = value
                case .maxConcurrent: config.maxConcurrent = Int64(value)
                case .sizeScale: config.sizeScale = value
                case .tradesPerMinute: config.tradesPerMinute = Int64(value)
                case .tradesPerMinuteGlobal: config.tradesPerMinuteGlobal = Int64(value)
                case .priceCollarBps: config.priceCollarBps = value
                case .maxOrderNotionalUsdt: config.maxOrderNotionalUsdt = value
                case .maxSymbolExposureUsdt: config.maxSymbolExposureUsdt = value
                case .minOrderNotionalUsdt: config.minOrderNotionalUsdt = value
                }
            }
            return (config, overrides.entries.map(\.param.rawValue))
        }

        /// Whether sub-check 8 has anything to check.
        var hasNotionalCap: Bool {
            maxOrderNotionalUsdt != nil || maxSymbolExposureUsdt != nil || minOrderNotionalUsdt > 0
        }

        /// `observability.risk.cfg` (http-api.md §4.4): the non-null params in table order.
        var cfg: JSONObject {
            var object = JSONObject()
            if let v = ddDayPct { object.append("dd_day_pct", .double(v)) }
            if let v = maxConcurrent { object.append("max_concurrent", .int(v)) }
            object.append("size_scale", .double(sizeScale))
            if let v = tradesPerMinute { object.append("trades_per_minute", .int(v)) }
            if let v = tradesPerMinuteGlobal { object.append("trades_per_minute_global", .int(v)) }
            if let v = priceCollarBps { object.append("price_collar_bps", .double(v)) }
            if let v = maxOrderNotionalUsdt { object.append("max_order_notional_usdt", .double(v)) }
            if let v = maxSymbolExposureUsdt { object.append("max_symbol_exposure_usdt", .double(v)) }
            object.append("notional_action", .string(notionalAction.rawValue))
            object.append("min_order_notional_usdt", .double(minOrderNotionalUsdt))
            return object
        }
    }
}
