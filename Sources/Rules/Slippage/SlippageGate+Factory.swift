import RuleEngine
import YAMLKit

extension SlippageGate {
    struct Factory: RuleFactory {
        static let eta = ConfigKey<Double>(
            "eta", default: 0.3, unit: "fraction of b_bps", range: "> 0 and ≤ 10",
            help: "deny when market.slip_bps_est is above eta × market.b_bps (inclusive: equal passes)",
            isValid: { $0 > 0 && $0 <= 10 })

        static let info = RuleTypeInfo(
            name: "slippage", summary: "slippage estimate vs a fraction of the favourable move",
            params: [.init(eta.info)], inputs: ["market.b_bps", "market.slip_bps_est"],
            defaultOnMissing: .skip, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let eta = params.read(Self.eta)
            return params.diagnostics.hasErrors ? nil : Config(eta: eta)
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            SlippageGate(config: config)
        }
    }
}
