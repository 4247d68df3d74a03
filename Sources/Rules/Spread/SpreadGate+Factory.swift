import RuleEngine
import YAMLKit

extension SpreadGate {
    struct Factory: RuleFactory {
        static let maxBps = ConfigKey<Double>(
            "max_bps", default: 80, unit: "bps", range: "> 0 and ≤ 100000",
            help: "deny when market.spread_bps is above this (strict: equal passes)",
            isValid: { $0 > 0 && $0 <= 100_000 })

        static let info = RuleTypeInfo(
            name: "spread", summary: "quoted spread cap",
            params: [.init(maxBps.info)], inputs: ["market.spread_bps"],
            defaultOnMissing: .deny, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let maxBps = params.read(Self.maxBps)
            return params.diagnostics.hasErrors ? nil : Config(maxBps: maxBps)
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            SpreadGate(config: config)
        }
    }
}
