import Codec
import RuleEngine

/// `slippage` (gates.md §7): deny a trade whose estimated slippage exceeds a fraction `eta` of the expected
/// favourable move `b_bps`. Without a positive `b_bps` (the "no b" case, checked first) the rule cannot judge.
struct SlippageGate: Rule {
    struct Config: Sendable {
        var eta: Double
    }

    static let noBNote = "slippage_guard_skipped_no_b"

    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let market = context.input.market
        guard let b = market.bBps else { return .missing(MissingInput("market.b_bps", skipNote: Self.noBNote)) }
        guard b > 0 else { return .missing(.invalid("market.b_bps", skipNote: Self.noBNote)) }
        guard let slip = market.slipBpsEst else { return .missing(MissingInput("market.slip_bps_est")) }
        let thr = config.eta * b
        try RuleError.requireFinite(slip, thr)
        let evidence = Evidence(measured: slip, threshold: thr, deferredDetails: { JSONObject([("thr", .double(thr))]) })
        guard slip > thr else { return .pass(evidence) }
        return .deny(Denial(code: "slippage_guard",
                            entries: ["slippage_guard_exceeded:\(Format.fixed(slip, 2))>\(Format.fixed(thr, 2))"],
                            hard: false, evidence: evidence))
    }
}
