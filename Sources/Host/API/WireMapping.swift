import Codec
import RuleEngine
import Wire

/// The only place that maps Wire ⇄ RuleEngine: request bodies to engine inputs, decisions to response bodies.
enum WireMapping {
    static func input(_ request: PretradeRequest) -> PretradeInput {
        var input = PretradeInput()
        input.account = .init(mode: request.account.mode, accountId: request.account.accountID,
                              subaccount: request.account.subaccount)
        let o = request.order
        input.order.symbol = o.symbol
        input.order.side = o.side
        input.order.qty = o.qty
        input.order.price = o.price
        input.order.baseNotional = o.baseNotional
        input.order.notional = o.notional
        input.order.type = o.type
        input.order.reduceOnly = o.reduceOnly
        input.order.clientOrderId = o.clientOrderID
        let m = request.market
        input.market.latencyMs = m.latencyMs
        input.market.spreadBps = m.spreadBps
        input.market.score = m.score
        input.market.aBps = m.aBps
        input.market.bBps = m.bBps
        input.market.slipBpsEst = m.slipBpsEst
        input.market.modeRegime = m.modeRegime
        input.market.trapCancelDeltas = m.trapCancelDeltas
        input.market.trapAddDeltas = m.trapAddDeltas
        input.market.trapTradesCnt = m.trapTradesCnt
        input.market.obiSign = m.obiSignum
        input.market.tfiSign = m.tfiSignum
        input.market.sprtSamples = m.sprtSamples
        input.market.pnlTodayPct = m.pnlTodayPct
        input.market.openPositions = m.openPositions
        input.market.dq = m.dq.map {
            PretradeInput.DataQuality(staleBook: $0.staleBook ?? false, crossedBook: $0.crossedBook ?? false,
                                      abnormalSpread: $0.abnormalSpread ?? false)
        }
        input.market.quoteTsMs = m.quoteTsMs
        input.market.mid = m.mid
        input.market.bestBid = m.bestBid
        input.market.bestAsk = m.bestAsk
        input.market.volStdBps = m.volStdBps
        input.market.symbol = m.symbol
        input.feesBps = request.feesBps
        input.ts = request.ts
        input.reqId = request.reqID
        return input
    }

    static func traceItems(_ trace: DecisionTrace) -> [RuleTraceItem] {
        trace.steps.map { step in
            RuleTraceItem(id: step.key.id.rawValue, type: step.key.type.rawValue, mode: step.mode.rawValue,
                          verdict: RuleTraceItem.Verdict(rawValue: step.verdict.rawValue) ?? .pass,
                          reason: step.reason, measured: step.verdict == .notEvaluated ? nil : step.measured,
                          threshold: step.verdict == .notEvaluated ? nil : step.threshold,
                          us: step.verdict == .notEvaluated ? 0 : step.microseconds)
        }
    }

    static func rulesetInfo(_ identity: RuleSetIdentity) -> ObservabilityBody.RulesetInfo {
        ObservabilityBody.RulesetInfo(name: identity.name, fingerprint: identity.fingerprint,
                                      loadedAt: identity.loadedAtText)
    }

    static func response(_ decision: Decision, request: PretradeRequest, decisionID: String,
                         explain: JSONValue?) -> PretradeResponse {
        let m = request.market
        let observability = ObservabilityBody(
            gateState: decision.allow ? .pass : .block, spreadBps: m.spreadBps, mode: decision.context.accountMode,
            latencyMs: m.latencyMs, slipBpsEst: m.slipBpsEst, aBps: m.aBps, bBps: m.bBps, score: m.score,
            risk: risk(decision.sections["risk"]), trap: trap(decision.sections["trap"]),
            sprt: sprt(decision.sections["sprt"]), reasons: decision.reasons, diagnostics: decision.diagnostics,
            rules: traceItems(decision.trace), ruleset: rulesetInfo(decision.ruleSet), decisionID: decisionID,
            reqID: request.reqID, explain: explain)
        return PretradeResponse(
            allow: decision.allow, maxQty: decision.maxQty, riskScale: decision.riskScale,
            cooldownMs: decision.cooldownMs, reason: decision.reason.rawValue, hardGate: decision.hard,
            quotas: .init(tradesPmLeft: decision.quotas.tradesPerMinuteLeft,
                          symbolExposureLeftUsdt: decision.quotas.symbolExposureLeftUsdt),
            observability: observability)
    }

    private static func risk(_ value: JSONValue?) -> ObservabilityBody.Risk? {
        guard case .object(let cfg)? = value?["cfg"], case .object(let ctx)? = value?["ctx"] else { return nil }
        return ObservabilityBody.Risk(cfg: cfg, ctx: ctx)
    }

    private static func trap(_ value: JSONValue?) -> ObservabilityBody.Trap? {
        guard let value, let z = value["trap_z"]?.doubleValue, let cancel = value["cancel_rate"]?.doubleValue,
            let repl = value["repl_rate"]?.doubleValue, let trades = value["n_trades"]?.doubleValue,
            let score = value["trap_score"]?.doubleValue
        else { return nil }
        return ObservabilityBody.Trap(trapZ: z, cancelRate: cancel, replRate: repl, nTrades: Int64(trades), trapScore: score)
    }

    private static func sprt(_ value: JSONValue?) -> ObservabilityBody.SPRT {
        guard let value else { return .none }
        return ObservabilityBody.SPRT(decision: value["decision"]?.stringValue, llr: value["llr"]?.doubleValue,
                                      nObs: value["n_obs"]?.intValue)
    }
}
