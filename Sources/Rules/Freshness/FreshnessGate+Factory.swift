import RuleEngine
import YAMLKit

extension FreshnessGate {
    struct Factory: RuleFactory {
        static let maxAgeMs = ConfigKey<Int64>(
            "max_age_ms", default: 500, unit: "ms", range: "≥ 1 and ≤ 600000",
            help: "deny quote_stale when now − market.quote_ts_ms is above this (strict: equal passes)",
            isValid: { $0 >= 1 && $0 <= 600_000 })
        static let maxSkewMs = ConfigKey<Int64>(
            "max_skew_ms", default: 1000, unit: "ms", range: "≥ 0 and ≤ 600000",
            help: "deny clock_skew when ts or market.quote_ts_ms is further than this from the server clock",
            isValid: { $0 >= 0 && $0 <= 600_000 })

        static let info = RuleTypeInfo(
            name: "freshness", summary: "quote age and clock skew",
            params: [.init(maxAgeMs.info), .init(maxSkewMs.info)], inputs: ["market.quote_ts_ms", "ts"],
            defaultOnMissing: .deny, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let maxAgeMs = params.read(Self.maxAgeMs)
            let maxSkewMs = params.read(Self.maxSkewMs)
            return params.diagnostics.hasErrors ? nil : Config(maxAgeMs: maxAgeMs, maxSkewMs: maxSkewMs)
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            FreshnessGate(config: config)
        }
    }
}
