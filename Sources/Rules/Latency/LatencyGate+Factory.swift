import RuleEngine
import YAMLKit

extension LatencyGate {
    struct Factory: RuleFactory {
        static let maxMs = ConfigKey<Double>(
            "max_ms", default: 30, unit: "ms", range: "> 0 and ≤ 600000",
            help: "deny when market.latency_ms is above this (strict: equal passes)",
            isValid: { $0 > 0 && $0 <= 600_000 })

        static let info = RuleTypeInfo(
            name: "latency", summary: "per-request client latency cap",
            params: [.init(maxMs.info)], inputs: ["market.latency_ms"],
            defaultOnMissing: .deny, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let maxMs = params.read(Self.maxMs)
            return params.diagnostics.hasErrors ? nil : Config(maxMs: maxMs)
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            LatencyGate(config: config)
        }
    }
}
