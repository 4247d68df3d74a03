import RuleEngine
import YAMLKit

extension TrapGate {
    struct Factory: RuleFactory {
        static let windowS = ConfigKey<Double>(
            "window_s", default: 60, unit: "s", range: "≥ 1 and ≤ 3600",
            help: "history horizon per symbol: older samples are evicted",
            isValid: { $0 >= 1 && $0 <= 3600 })
        static let maxHistory = ConfigKey<Int>(
            "max_history", default: 600, unit: "samples per symbol", range: "≥ 10 and ≤ 100000",
            help: "the oldest history samples beyond this are dropped",
            isValid: { $0 >= 10 && $0 <= 100_000 })
        static let minHistory = ConfigKey<Int>(
            "min_history", default: 30, unit: "samples", range: "≥ 0 and ≤ max_history",
            help: "warm-up: neither z nor the OBI/TFI conflict can deny with fewer history samples",
            isValid: { $0 >= 0 })
        static let deltaWindowS = ConfigKey<Double>(
            "delta_window_s", default: 2.0, unit: "s", range: "> 0 and ≤ 3600",
            help: "the interval the book deltas were summed over (divisor of the cancel and add rates)",
            isValid: { $0 > 0 && $0 <= 3600 })
        static let levels = ConfigKey<Int>(
            "levels", default: 5, unit: "book levels", range: "≥ 1 and ≤ 50",
            help: "only the first this many entries of each delta array count",
            isValid: { $0 >= 1 && $0 <= 50 })
        static let zThreshold = ConfigKey<Double>(
            "z_threshold", default: 1.64, unit: "z", range: "> 0 and ≤ 4",
            help: "deny trap_guard when trap_z reaches this after the warm-up (inclusive)",
            isValid: { $0 > 0 && $0 <= 4 })
        static let cancelPctl = ConfigKey<Double>(
            "cancel_pctl", default: 90, unit: "percentile", range: "≥ 0 and ≤ 100",
            help: "a conflict needs the cancel rate at or above this percentile of the history's",
            isValid: { $0 >= 0 && $0 <= 100 })
        static let scoreThreshold = ConfigKey<Double>(
            "score_threshold", default: 0.8, unit: "score", range: "≥ 0 and ≤ 1",
            help: "deny trap_guard_score when the trap score is above this (strict; needs no history)",
            isValid: { $0 >= 0 && $0 <= 1 })

        static let info = RuleTypeInfo(
            name: "trap", summary: "order-book trap / spoofing detector",
            params: [.init(windowS.info), .init(maxHistory.info), .init(minHistory.info), .init(deltaWindowS.info),
                     .init(levels.info), .init(zThreshold.info), .init(cancelPctl.info), .init(scoreThreshold.info)],
            inputs: ["market.trap_cancel_deltas", "market.trap_add_deltas", "market.trap_trades_cnt", "order.symbol",
                     "market.obi_sign", "market.tfi_sign"],
            defaultOnMissing: .skip, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let windowS = params.read(Self.windowS)
            let maxHistory = params.read(Self.maxHistory)
            let minHistory = params.read(Self.minHistory)
            let deltaWindowS = params.read(Self.deltaWindowS)
            let levels = params.read(Self.levels)
            let zThreshold = params.read(Self.zThreshold)
            let cancelPctl = params.read(Self.cancelPctl)
            let scoreThreshold = params.read(Self.scoreThreshold)
            if minHistory > maxHistory {
                params.reject("min_history", code: .paramConflict,
                              "'min_history' (\(minHistory)) cannot exceed 'max_history' (\(maxHistory)): the warm-up would never end")
            }
            guard !params.diagnostics.hasErrors else { return nil }
            return Config(windowS: windowS, math: TrapMath.Params(
                maxHistory: maxHistory, minHistory: minHistory, deltaWindowS: deltaWindowS, levels: levels,
                zThreshold: zThreshold, cancelPctl: cancelPctl, scoreThreshold: scoreThreshold))
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            TrapGate(config: config, history: (state as? TrapHistory) ?? TrapHistory())
        }
    }
}
