import Foundation

/// The arithmetic of gates.md §8, steps 1–16, as a pure function of the request's inputs and the symbol's history
/// (after eviction, before this sample): no state is touched here, so an error leaves the history as it was.
enum TrapMath {
    struct Inputs: Sendable {
        var cancels: [Double]
        var adds: [Double]
        var tradesCount: Int64
        var obiSign: Int64?
        var tfiSign: Int64?
    }

    struct Params: Sendable {
        var maxHistory: Int
        var minHistory: Int
        var deltaWindowS: Double
        var levels: Int
        var zThreshold: Double
        var cancelPctl: Double
        var scoreThreshold: Double
    }

    /// Every intermediate value (the explain details) and the flags.
    struct Outcome: Sendable {
        var cancelSum = 0.0, addSum = 0.0, cancelRate = 0.0, replRate = 0.0, trapRaw = 0.0
        var nHistory = 0
        var p10 = 0.0, p50 = 0.0, p90 = 0.0
        var flat = true
        var trapZ = 0.0
        var pCancel = 0.0
        var conflict = false
        var warm = false
        var cancelRatio = 0.0, replMsProxy = 0.0, trapScore = 0.0
        var zFlag = false, conflictFlag = false, scoreFlag = false
        /// The z or conflict condition held, whether or not the warm-up suppressed its flag.
        var zCondition = false, conflictCondition = false

        var reported: [Double] {
            [cancelSum, addSum, cancelRate, replRate, trapRaw, p10, p50, p90, trapZ, pCancel, cancelRatio, replMsProxy,
             trapScore]
        }
    }

    /// `history` is the symbol's `(trap_raw, cancel_rate)` samples inside the window, oldest first.
    static func evaluate(_ inputs: Inputs, history: [TrapSample], params: Params) -> Outcome {
        var o = Outcome()
        for c in inputs.cancels.prefix(params.levels) { o.cancelSum += max(c, 0) }
        for a in inputs.adds.prefix(params.levels) { o.addSum += max(a, 0) }
        o.cancelRate = o.cancelSum / params.deltaWindowS
        o.replRate = o.addSum / params.deltaWindowS
        o.trapRaw = (o.cancelRate - o.replRate) / Double(max(1, inputs.tradesCount))

        o.nHistory = history.count
        let raws = history.map(\.trapRaw).sorted()
        o.p10 = Percentile.of(sorted: raws, 10)
        o.p50 = Percentile.of(sorted: raws, 50)
        o.p90 = Percentile.of(sorted: raws, 90)
        o.flat = o.p90 - o.p10 < 1e-9
        // The unclipped quotient is not reported: its overflow before the clip is not an error (gates.md §1.5).
        o.trapZ = o.flat ? 0 : min(max((o.trapRaw - o.p50) / (o.p90 - o.p10), -4), 4)

        var rates = history.suffix(max(params.maxHistory - 1, 0)).map(\.cancelRate)
        rates.append(o.cancelRate)
        o.pCancel = Percentile.of(rates, params.cancelPctl)

        if let obi = inputs.obiSign, let tfi = inputs.tfiSign { o.conflict = obi.signum() * tfi.signum() < 0 }
        o.warm = o.nHistory >= params.minHistory
        o.zCondition = o.trapZ >= params.zThreshold
        o.conflictCondition = o.conflict && o.cancelRate > 0 && o.cancelRate >= o.pCancel
        o.zFlag = o.warm && o.zCondition
        o.conflictFlag = o.warm && o.conflictCondition

        o.cancelRatio = o.cancelSum / max(1e-6, o.cancelSum + o.addSum)
        o.replMsProxy = o.replRate <= 0 ? 1000 : max(0, 250 / o.replRate)
        let c = 1 / (1 + exp(-8 * (o.cancelRatio - 0.5)))
        let r = min(max(exp(-o.replMsProxy / 250), 0), 1)
        o.trapScore = min(max(0.6 * c + 0.4 * r, 0), 1)
        o.scoreFlag = o.trapScore > params.scoreThreshold
        return o
    }
}
