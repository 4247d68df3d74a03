import Codec
import RuleEngine

/// `sprt` (gates.md §12): Wald's sequential probability ratio test on the request's signal samples, H0 mean 0
/// against H1 mean `score`; deny when the samples support "no edge". Bounded by its data, never by the clock.
struct SPRTGate: Rule {
    struct Config: Sendable {
        var sigma: Double
        /// The accept bound, after `alpha`/`beta`.
        var a: Double
        /// The reject bound, after `alpha`/`beta`.
        var b: Double
        var maxObs: Int
    }

    enum Decision: String, Sendable {
        case accept = "ACCEPT", reject = "REJECT", `continue` = "CONTINUE"
    }

    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let samples = context.input.market.sprtSamples else { return .missing(MissingInput("market.sprt_samples")) }
        guard let score = context.input.market.score else { return .missing(MissingInput("market.score")) }
        let mu0 = 0.0, mu1 = score
        let divisor = 2 * (config.sigma * config.sigma)
        var llr = 0.0
        var n = 0
        var decision = Decision.continue
        var after: [Double] = []
        for x in samples {
            llr += ((x - mu0) * (x - mu0) - (x - mu1) * (x - mu1)) / divisor
            n += 1
            after.append(llr)
            if llr >= config.a { decision = .accept; break }
            if llr <= config.b { decision = .reject; break }
            if n >= config.maxObs { decision = llr >= 0 ? .accept : .reject; break }
        }
        for value in after { try RuleError.requireFinite(value) }
        try RuleError.requireFinite(llr, mu1)

        let config = self.config
        let details: @Sendable () -> JSONObject = { [after, decision, n] in
            JSONObject([("A", .double(config.a)), ("B", .double(config.b)), ("mu1", .double(mu1)),
                        ("llr_after", .array(after.map { .double($0) })), ("decision", .string(decision.rawValue)),
                        ("n_obs", .int(Int64(n)))])
        }
        let section: JSONValue = .object(JSONObject([("decision", .string(decision.rawValue)), ("llr", .double(llr)),
                                                     ("n_obs", .int(Int64(n)))]))
        var evidence = Evidence(measured: llr, threshold: decision == .reject ? config.b : config.a,
                                sections: [(key: "sprt", value: section)], deferredDetails: details)
        switch decision {
        case .reject:
            return .deny(Denial(code: "sprt_reject", entries: ["sprt_reject"], hard: false, evidence: evidence))
        case .accept:
            evidence.notes = ["sprt_accept"]
        case .continue:
            evidence.notes = ["sprt_continue"]
        }
        return .pass(evidence)
    }
}
