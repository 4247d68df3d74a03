import RuleEngine
import YAMLKit

extension ExpectedReturnGate {
    struct Factory: RuleFactory {
        static let k = ConfigKey<Double>(
            "k", default: 2.0, unit: "1/score", range: "> 0 and ≤ 100",
            help: "slope of the logistic that turns the oriented score into the probability of a favourable move",
            isValid: { $0 > 0 && $0 <= 100 })
        static let piMinBps = ConfigKey<Double>(
            "pi_min_bps", default: 2.0, unit: "bps", range: "≥ -10000 and ≤ 10000",
            help: "deny unless the expected edge after fees and slippage is above this (strict: equal denies)",
            isValid: { $0 >= -10_000 && $0 <= 10_000 })

        static let info = RuleTypeInfo(
            name: "expected_return", summary: "edge after costs must exceed a minimum",
            params: [.init(k.info), .init(piMinBps.info)],
            inputs: ["market.score", "market.a_bps", "market.b_bps", "order.side", "market.slip_bps_est", "fees_bps"],
            defaultOnMissing: .deny, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let k = params.read(Self.k)
            let piMinBps = params.read(Self.piMinBps)
            return params.diagnostics.hasErrors ? nil : Config(k: k, piMinBps: piMinBps)
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            ExpectedReturnGate(config: config)
        }
    }
}
