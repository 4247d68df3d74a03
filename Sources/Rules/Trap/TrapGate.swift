import Codec
import RuleEngine
import Synchronization

/// `trap` (gates.md §8): detect order-book traps — liquidity pulled faster than it is replenished relative to the
/// symbol's own recent history, book and trade flow pointing opposite ways, or the cancel-and-re-add pattern of the
/// score — and deny entries into them. Every evaluation with the inputs feeds the symbol's history.
struct TrapGate: Rule {
    struct Config: Sendable {
        var windowS: Double
        var math: TrapMath.Params
    }

    let config: Config
    let history: TrapHistory

    var state: (any RuleState)? { history }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let market = context.input.market
        guard let cancels = market.trapCancelDeltas else { return .missing(MissingInput("market.trap_cancel_deltas")) }
        guard let adds = market.trapAddDeltas else { return .missing(MissingInput("market.trap_add_deltas")) }
        guard let count = market.trapTradesCnt else { return .missing(MissingInput("market.trap_trades_cnt")) }
        let symbol: Symbol
        switch context.derived.symbol {
        case .absent: return .missing(MissingInput("order.symbol"))
        case .invalid(let path): return .missing(.invalid(path))
        case .valid(let valid, _): symbol = valid
        }
        let inputs = TrapMath.Inputs(cancels: cancels, adds: adds, tradesCount: count, obiSign: market.obiSign,
                                     tfiSign: market.tfiSign)
        let now = context.now.ms
        let cutoff = now - Int64((config.windowS * 1000).rounded(.toNearestOrAwayFromZero))
        let params = config.math
        let result = history.symbols.withLock { map -> Result<TrapMath.Outcome, RuleError> in
            let outcome = Self.compute(inputs, window: map.peek(symbol), cutoff: cutoff, params: params)
            for value in outcome.reported where !value.isFinite {
                return .failure(RuleError(.nonFinite, "a TRAP value for \(symbol) is \(value)"))
            }
            map.update(symbol, default: RollingWindow()) { window in
                window.evict(before: cutoff)
                window.append(TrapSample(trapRaw: outcome.trapRaw, cancelRate: outcome.cancelRate), at: now)
                window.trim(toAtMost: params.maxHistory)
            }
            return .success(outcome)
        }
        return verdict(try result.get(), tradesCount: count)
    }

    /// Steps 1–16 on the history inside the window (step 5), without changing it.
    private static func compute(_ inputs: TrapMath.Inputs, window: RollingWindow<TrapSample>?, cutoff: Int64,
                                params: TrapMath.Params) -> TrapMath.Outcome {
        let live = window?.entries.drop { $0.t < cutoff }.map(\.value) ?? []
        return TrapMath.evaluate(inputs, history: live, params: params)
    }
}
