/// A rule that scales order sizes: the first enforce-mode rule conforming to this decides `risk_scale`, whatever its
/// verdict (gates.md §1.6). Only `risk_caps` does.
public protocol RiskScaling: Sendable {
    func riskScale(_ context: RuleContext) -> Double
}
