import RuleEngine
import YAMLKit

extension RiskCapsGate {
    struct Factory: RuleFactory {
        static let ddDayPct = ConfigKey<Double?>(
            "dd_day_pct", default: nil, unit: "%", range: "> 0 and ≤ 100",
            help: "deny new orders when -pnl_today_pct is at least this (inclusive); null: off",
            isValid: { $0.map { $0 > 0 && $0 <= 100 } ?? true })
        static let maxConcurrent = ConfigKey<Int64?>(
            "max_concurrent", default: nil, unit: "positions", range: "≥ 1 and ≤ 100000",
            help: "deny new orders when market.open_positions is at least this; null: off",
            isValid: { $0.map { $0 >= 1 && $0 <= 100_000 } ?? true })
        static let sizeScale = ConfigKey<Double>(
            "size_scale", default: 1.0, unit: "fraction of qty", range: "≥ 0 and ≤ 1",
            help: "max_qty = qty × size_scale; 0 denies every new order", isValid: { $0 >= 0 && $0 <= 1 })
        static let tradesPerMinute = ConfigKey<Int64?>(
            "trades_per_minute", default: nil, unit: "approvals per symbol per 60 s", range: "≥ 1 and ≤ 100000",
            help: "deny when this symbol already had this many approvals in the last 60 s; null: off",
            isValid: { $0.map { $0 >= 1 && $0 <= 100_000 } ?? true })
        static let tradesPerMinuteGlobal = ConfigKey<Int64?>(
            "trades_per_minute_global", default: nil, unit: "approvals per 60 s", range: "≥ 1 and ≤ 1000000",
            help: "deny when all symbols together had this many approvals in the last 60 s; null: off",
            isValid: { $0.map { $0 >= 1 && $0 <= 1_000_000 } ?? true })
        static let priceCollarBps = ConfigKey<Double?>(
            "price_collar_bps", default: nil, unit: "bps from mid", range: "> 0 and ≤ 100000",
            help: "deny a limit price further than this from mid (strict); null: off",
            isValid: { $0.map { $0 > 0 && $0 <= 100_000 } ?? true })
        static let maxOrderNotionalUsdt = ConfigKey<Double?>(
            "max_order_notional_usdt", default: nil, unit: "USDT", range: "> 0 and ≤ 1e12",
            help: "cap (or, with notional_action deny, refuse) an order above this notional; null: off",
            isValid: { $0.map { $0 > 0 && $0 <= 1e12 } ?? true })
        static let maxSymbolExposureUsdt = ConfigKey<Double?>(
            "max_symbol_exposure_usdt", default: nil, unit: "USDT", range: "> 0 and ≤ 1e12",
            help: "cap (or refuse) an order that would take the symbol's exposure above this; null: off",
            isValid: { $0.map { $0 > 0 && $0 <= 1e12 } ?? true })
        static let notionalAction = ConfigKey<String>(
            "notional_action", default: "clip", allowed: NotionalAction.allCases.map(\.rawValue),
            help: "clip: cap max_qty to the notional and exposure caps; deny: refuse an order above them")
        static let minOrderNotionalUsdt = ConfigKey<Double>(
            "min_order_notional_usdt", default: 0, unit: "USDT", range: "≥ 0 and ≤ 1e12",
            help: "deny when the capped quantity's notional is below this; 0: off",
            isValid: { $0 >= 0 && $0 <= 1e12 })

        static let info = RuleTypeInfo(
            name: "risk_caps",
            summary: "sizing, loss, concurrency, rate, collar, notional and exposure caps",
            params: [
                .init(ddDayPct.info), .init(maxConcurrent.info), .init(sizeScale.info), .init(tradesPerMinute.info),
                .init(tradesPerMinuteGlobal.info, overridable: .no), .init(priceCollarBps.info),
                .init(maxOrderNotionalUsdt.info), .init(maxSymbolExposureUsdt.info), .init(notionalAction.info),
                .init(minOrderNotionalUsdt.info),
            ],
            inputs: [
                "order.reduce_only", "order.price", "market.mid", "market.best_bid", "market.best_ask",
                "market.pnl_today_pct", "market.open_positions", "order.qty", "order.notional",
                "order.base_notional", "order.symbol", "order.side",
            ],
            defaultOnMissing: .deny, reducingOrders: .check)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let config = Config(
                ddDayPct: params.read(Self.ddDayPct), maxConcurrent: params.read(Self.maxConcurrent),
                sizeScale: params.read(Self.sizeScale), tradesPerMinute: params.read(Self.tradesPerMinute),
                tradesPerMinuteGlobal: params.read(Self.tradesPerMinuteGlobal),
                priceCollarBps: params.read(Self.priceCollarBps),
                maxOrderNotionalUsdt: params.read(Self.maxOrderNotionalUsdt),
                maxSymbolExposureUsdt: params.read(Self.maxSymbolExposureUsdt),
                notionalAction: NotionalAction(rawValue: params.read(Self.notionalAction)) ?? .clip,
                minOrderNotionalUsdt: params.read(Self.minOrderNotionalUsdt))
            return params.diagnostics.hasErrors ? nil : config
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            RiskCapsGate(config: config, book: state as? RiskBook ?? RiskBook())
        }
    }
}
