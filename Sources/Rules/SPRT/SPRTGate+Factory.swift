import Foundation
import RuleEngine
import YAMLKit

extension SPRTGate {
    struct Factory: RuleFactory {
        static let sigma = ConfigKey<Double>(
            "sigma", default: 1.0, unit: "sample units", range: "> 0 and ≤ 1000000",
            help: "standard deviation of one sample under both hypotheses",
            isValid: { $0 > 0 && $0 <= 1_000_000 })
        static let a = ConfigKey<Double>(
            "A", default: 2.0, unit: "log-likelihood", range: "> 0 and ≤ 1000",
            help: "accept (pass) once the log-likelihood ratio reaches this (inclusive)",
            isValid: { $0 > 0 && $0 <= 1000 })
        static let b = ConfigKey<Double>(
            "B", default: -2.0, unit: "log-likelihood", range: "≥ -1000 and < 0",
            help: "reject (deny) once the log-likelihood ratio falls to this (inclusive)",
            isValid: { $0 >= -1000 && $0 < 0 })
        static let alpha = ConfigKey<Double?>(
            "alpha", default: nil, unit: "probability", range: "> 0 and < 1",
            help: "type I error; with beta, sets A = ln((1 − beta) / alpha) and B = ln(beta / (1 − alpha))",
            isValid: { $0.map { $0 > 0 && $0 < 1 } ?? true })
        static let beta = ConfigKey<Double?>(
            "beta", default: nil, unit: "probability", range: "> 0 and < 1",
            help: "type II error; given together with alpha",
            isValid: { $0.map { $0 > 0 && $0 < 1 } ?? true })
        static let maxObs = ConfigKey<Int>(
            "max_obs", default: 10, unit: "samples", range: "≥ 1 and ≤ 100000",
            help: "decide by the sign of the log-likelihood ratio after this many samples",
            isValid: { $0 >= 1 && $0 <= 100_000 })

        static let info = RuleTypeInfo(
            name: "sprt", summary: "sequential test that the signal is real",
            params: [.init(sigma.info), .init(a.info), .init(b.info), .init(alpha.info), .init(beta.info),
                     .init(maxObs.info)],
            inputs: ["market.sprt_samples", "market.score"], defaultOnMissing: .skip, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let sigma = params.read(Self.sigma)
            var a = params.read(Self.a)
            var b = params.read(Self.b)
            let alpha = params.read(Self.alpha)
            let beta = params.read(Self.beta)
            let maxObs = params.read(Self.maxObs)
            let boundWritten = ["A", "B"].first { params.isWritten($0) }
            let errorWritten = ["alpha", "beta"].first { params.isWritten($0) }
            if let boundWritten, let errorWritten {
                params.reject(errorWritten, code: .paramConflict,
                              "'\(boundWritten)' and '\(errorWritten)' cannot both be set: give A and B, or alpha and beta")
            } else if (alpha == nil) != (beta == nil) {
                params.reject(alpha == nil ? "beta" : "alpha", code: .paramConflict,
                              "'alpha' and 'beta' must be given together: set both, or neither and give A and B")
            } else if let alpha, let beta {
                if alpha + beta < 1 {
                    a = log((1 - beta) / alpha)
                    b = log(beta / (1 - alpha))
                } else {
                    params.reject("beta", code: .paramConflict,
                                  "'alpha' + 'beta' must be < 1, got \(alpha) + \(beta)")
                }
            }
            return params.diagnostics.hasErrors ? nil : Config(sigma: sigma, a: a, b: b, maxObs: maxObs)
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            SPRTGate(config: config)
        }
    }
}
