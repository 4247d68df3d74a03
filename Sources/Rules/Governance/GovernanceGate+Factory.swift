import RuleEngine
import YAMLKit

extension GovernanceGate {
    struct Factory: RuleFactory {
        static let dqCooldownS = ConfigKey<Double>(
            "dq_cooldown_s", default: 60, unit: "s", range: "≥ 0 and ≤ 86400",
            help: "a stale or crossed book blocks that symbol for this long (0: the flagged request only)",
            isValid: { $0 >= 0 && $0 <= 86_400 })
        static let dailyDdLimitPct = ConfigKey<Double?>(
            "daily_dd_limit_pct", default: nil, unit: "%", range: "> 0 and ≤ 100",
            help: "deny (and latch per on_daily_dd) when -pnl_today_pct is at least this (inclusive); null: off",
            isValid: { $0.map { $0 > 0 && $0 <= 100 } ?? true })
        static let onDailyDd = ConfigKey<String>(
            "on_daily_dd", default: "reduce", allowed: OnDailyDrawdown.allCases.map(\.rawValue),
            help: "what a drawdown breach latches: deny (nothing), reduce (REDUCING), halt (HALTED)")
        static let volGuardStdBps = ConfigKey<Double?>(
            "vol_guard_std_bps", default: nil, unit: "bps", range: "> 0 and ≤ 100000",
            help: "deny when market.vol_std_bps is above this (strict); null: off",
            isValid: { $0.map { $0 > 0 && $0 <= 100_000 } ?? true })
        static let rejectStormPct = ConfigKey<Double?>(
            "reject_storm_pct", default: 0.5, range: "> 0 and ≤ 1",
            help: "halt when at least this fraction of the window's posttrade reports failed; null: off",
            isValid: { $0.map { $0 > 0 && $0 <= 1 } ?? true })
        static let rejectStormWindowS = ConfigKey<Double>(
            "reject_storm_window_s", default: 300, unit: "s", range: "≥ 1 and ≤ 86400",
            help: "length of the reject-storm window", isValid: { $0 >= 1 && $0 <= 86_400 })
        static let rejectStormMinOrders = ConfigKey<Int64>(
            "reject_storm_min_orders", default: 10, unit: "records", range: "≥ 1 and ≤ 100000",
            help: "reports the window must hold before a storm can trip", isValid: { $0 >= 1 && $0 <= 100_000 })

        static let info = RuleTypeInfo(
            name: "governance",
            summary: "trading state, kill switch, data quality, drawdown latch, volatility",
            params: [
                .init(dqCooldownS.info), .init(dailyDdLimitPct.info, overridable: .no),
                .init(onDailyDd.info, overridable: .no), .init(volGuardStdBps.info),
                .init(rejectStormPct.info, overridable: .no), .init(rejectStormWindowS.info, overridable: .no),
                .init(rejectStormMinOrders.info, overridable: .no),
            ],
            inputs: ["order.reduce_only", "market.dq", "order.symbol", "market.pnl_today_pct", "market.vol_std_bps"],
            defaultOnMissing: .deny, reducingOrders: .check,
            warningWhenNotEnforced: .init(
                code: .missingGovernance,
                message: "no governance rule in enforce mode: the trading state (POST /ops/halt, /ops/reduce) is recorded but not enforced",
                reportedOffline: false),
            warningWhenExempt: .init(
                code: .governanceReducingExempt,
                message: "orders that reduce exposure skip governance rule '{id}': they pass even while trading is HALTED",
                reportedOffline: true))

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let config = Config(
                dqCooldownS: params.read(Self.dqCooldownS), dailyDdLimitPct: params.read(Self.dailyDdLimitPct),
                onDailyDd: OnDailyDrawdown(rawValue: params.read(Self.onDailyDd)) ?? .reduce,
                volGuardStdBps: params.read(Self.volGuardStdBps), rejectStormPct: params.read(Self.rejectStormPct),
                rejectStormWindowS: params.read(Self.rejectStormWindowS),
                rejectStormMinOrders: params.read(Self.rejectStormMinOrders))
            return params.diagnostics.hasErrors ? nil : config
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            let governance = state as? GovernanceState ?? GovernanceState()
            governance.setWindowSeconds(config.rejectStormWindowS)
            return GovernanceGate(id: id, config: config, governance: governance)
        }
    }
}
