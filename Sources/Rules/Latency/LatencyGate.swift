import Codec
import RuleEngine

/// `latency` (gates.md §3): deny a request whose client-reported latency is above a hard per-request limit.
struct LatencyGate: Rule {
    struct Config: Sendable {
        var maxMs: Double
    }

    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let latency = context.input.market.latencyMs else { return .missing(MissingInput("market.latency_ms")) }
        try RuleError.requireFinite(latency)
        let evidence = Evidence(measured: latency, threshold: config.maxMs)
        guard latency > config.maxMs else { return .pass(evidence) }
        let event = RuleEvent(code: "HEALTH.LATENCY_HIGH", level: "WARNING",
                              details: JSONObject([("latency_ms", .double(latency)), ("lmax_ms", .double(config.maxMs))]))
        var denied = evidence
        denied.events = [event]
        return .deny(Denial(code: "latency_guard",
                            entries: ["latency_guard_exceeded:\(Format.fixed(latency, 1))>\(Format.fixed(config.maxMs, 1))"],
                            hard: false, evidence: denied))
    }
}
