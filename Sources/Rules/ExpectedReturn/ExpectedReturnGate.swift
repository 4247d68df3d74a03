import Codec
import Foundation
import RuleEngine

/// `expected_return` (gates.md §6): deny a trade whose expected edge after fees and slippage does not exceed a
/// minimum. The score is oriented to the order's side, so a short on a negative score is judged like a long on the
/// mirrored positive one.
struct ExpectedReturnGate: Rule {
    struct Config: Sendable {
        var k: Double
        var piMinBps: Double
    }

    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let market = context.input.market
        guard let score = market.score else { return .missing(MissingInput("market.score")) }
        guard let a = market.aBps else { return .missing(MissingInput("market.a_bps")) }
        guard let b = market.bBps else { return .missing(MissingInput("market.b_bps")) }
        guard let side = context.side else { return .missing(MissingInput("order.side")) }
        let slip = market.slipBpsEst ?? 0
        let fees = context.input.feesBps ?? 0

        let s = side == .buy ? score : -score
        // exp may overflow to +∞; p is then 0, which is finite.
        let p = min(max(1 / (1 + exp(-config.k * s)), 0), 1)
        let ePi = p * b - (1 - p) * a - fees - slip
        try RuleError.requireFinite(ePi, s, p, fees, slip)

        let evidence = Evidence(measured: ePi, threshold: config.piMinBps, deferredDetails: {
            JSONObject([("s", .double(s)), ("p", .double(p)), ("e_pi_bps", .double(ePi)), ("fees_bps", .double(fees)),
                        ("slip_bps_est", .double(slip))])
        })
        guard ePi > config.piMinBps else {
            return .deny(Denial(code: "expected_return_gate", entries: ["expected_return_below_threshold"],
                                hard: false, evidence: evidence))
        }
        return .pass(evidence)
    }
}
