import Codec
import RuleEngine

/// `spread` (gates.md §5): deny a request when the quoted spread is wider than a limit.
struct SpreadGate: Rule {
    struct Config: Sendable {
        var maxBps: Double
    }

    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let spread = context.input.market.spreadBps else { return .missing(MissingInput("market.spread_bps")) }
        try RuleError.requireFinite(spread)
        let evidence = Evidence(measured: spread, threshold: config.maxBps)
        guard spread > config.maxBps else { return .pass(evidence) }
        let code = "spread_bps_too_wide:\(Format.fixed(spread, 1))"
        var denied = evidence
        denied.events = [RuleEvent(code: "SPREAD_GUARD_TRIP", level: "WARNING",
                                   details: JSONObject([("spread_bps", .double(spread)), ("limit_bps", .double(config.maxBps))]))]
        return .deny(Denial(code: ReasonCode(code), hard: false, evidence: denied))
    }
}
