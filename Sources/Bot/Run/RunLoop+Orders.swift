import Codec
import Wire

extension RunLoop {
    /// One order decision: the pretrade call, obeying the answer (§7), and placing the order.
    func decide(
        update: MarketUpdate, signals: Signals, side: OrderSide, qty: Double, type: OrderType, reduceOnly: Bool,
        reason: String, handoverNs: Int64
    ) {
        counter += 1
        let n = Number.padded(counter, width: 6)
        let reqID = "rq-\(parts.runID)-\(n)"
        let price: Double? = type == .limit ? (side == .buy ? signals.bestBid : signals.bestAsk) : nil
        var ticket = OrderTicket(
            symbol: update.symbol, side: side, type: type, qty: qty, price: price, reduceOnly: reduceOnly,
            cid: "ws-\(parts.cidStamp)-\(n)")
        let slip = BookWalk.slippage(update.book, side: side, qty: qty)
        let notional = price.map { qty * $0 } ?? slip.map { qty * $0.walk.vwap }
        let openPositions = states.values.count { !$0.position.isFlat }
        let loopMs = Double(MonotonicClock.nowNs() - handoverNs) / 1e6
        let context = PretradeContext(
            ts: nowMs, reqID: reqID, riskTags: config.riskTags,
            feesBps: type == .limit ? config.makerFeeBps : config.takerFeeBps, accountMode: config.accountMode,
            accountID: config.accountID, ticket: ticket, requestedQty: qty, baseNotional: notional,
            leverage: config.market == .futures ? config.leverage : nil, signals: signals, slipBpsEst: slip?.bps,
            latencyMs: Math.rounded(update.dataAgeMs + loopMs, places: 3), quoteTsMs: update.tsMs,
            pnlTodayPct: pnlTodayPct(), openPositions: openPositions)
        let result = parts.gate.check(body: PretradeBuilder.body(context), requestedQty: qty)
        summary.gateChecks += 1
        if let kind = result.errorKind {
            summary.gateErrors[kind.hasPrefix("http_") ? "http" : kind, default: 0] += 1
            if result.decision.allow { summary.gateErrorsAllowed += 1 }
        }
        let decision = result.decision
        guard decision.allow else {
            summary.gateDeny += 1
            if decision.hardGate { summary.gateDenyHard += 1 }
            summary.countDeny(decision.reason)
            var details = JSONObject()
            details.append("reason", .string(decision.reason))
            details.append("hard_gate", .bool(decision.hardGate))
            details.append("cooldown_ms", .int(decision.cooldownMs))
            if let id = decision.decisionID {
                details.append("decision_id", .string(id))
            } else {
                details.append("decision_id", .null)
            }
            parts.events.write(.orderDeny, ticket: ticket, details: details)
            pause(update.symbol, decision.cooldownMs)
            return
        }
        summary.gateAllow += 1
        let filters = parts.filters(update.symbol, type)
        let capped = Rounding.down(min(qty, decision.maxQty), step: filters.qtyStep)
        let refPrice = price ?? slip?.walk.vwap ?? signals.mid
        if capped + 1e-12 < filters.minQty || (!reduceOnly && capped * refPrice + 1e-9 < filters.minNotional) {
            summary.skips["max_qty_below_min", default: 0] += 1
            pause(update.symbol, decision.cooldownMs)
            return
        }
        ticket.qty = capped
        let working = SymbolState.Working(
            order: OpenOrder(ticket: ticket, placedAtMs: nowMs, outcome: OrderOutcome(status: .new)), reqID: reqID,
            decisionID: decision.decisionID, reason: reason,
            positionSide: positionSide(side: side, reduceOnly: reduceOnly),
            spreadBps: signals.spreadBps, entryPriceAtStart: states[update.symbol]?.position.entryPrice ?? 0,
            aBps: signals.aBps ?? config.signals.volFloorBps * config.signals.slMult,
            bBps: signals.bBps ?? config.signals.volFloorBps * config.signals.tpMult)
        place(working, update: update)
        pause(update.symbol, decision.cooldownMs)
    }

    private func pause(_ symbol: String, _ cooldownMs: Int64) {
        guard cooldownMs > 0 else { return }
        let current = states[symbol]?.entriesPausedUntilMs ?? .min
        states[symbol]?.entriesPausedUntilMs = max(current, nowMs + cooldownMs)
    }

    private func positionSide(side: OrderSide, reduceOnly: Bool) -> PositionSide {
        switch (side, reduceOnly) {
        case (.buy, false), (.sell, true): .long
        case (.sell, false), (.buy, true): .short
        }
    }

    func place(_ working: SymbolState.Working, update: MarketUpdate) {
        var working = working
        let ticket = working.order.ticket
        parts.events.write(.orderSubmit, ticket: ticket)
        summary.ordersPlaced += 1
        if !ticket.reduceOnly { states[ticket.symbol]?.entryTimes.append(nowMs) }
        let (outcome, open) = parts.exchange.place(ticket, update: update, nowMs: nowMs)
        if let open { working.order = open } else { working.order.outcome = outcome }
        if outcome.status != .rejected, outcome.oid != nil {
            parts.events.write(.orderAck, ticket: ticket, oid: outcome.oid)
        }
        apply(&working, outcome)
        if outcome.status.isTerminal {
            finish(working, outcome)
        } else {
            states[ticket.symbol]?.working = working
        }
    }

    /// Step 3: moves the symbol's open order on; cancels it at its TTL.
    func advance(_ working: inout SymbolState.Working, update: MarketUpdate?) {
        let symbol = working.order.ticket.symbol
        if let outcome = parts.exchange.advance(&working.order, update: update, nowMs: nowMs) {
            apply(&working, outcome)
            if outcome.status.isTerminal {
                if outcome.status == .canceled { cancelEvents(working.order) }
                finish(working, outcome)
                return
            }
        }
        if working.order.ticket.type == .limit, nowMs - working.order.placedAtMs >= config.limitTTLms {
            cancelEvents(working.order)
            let outcome = parts.exchange.cancel(working.order, nowMs: nowMs)
            apply(&working, outcome)
            finish(working, outcome)
            return
        }
        states[symbol]?.working = working
    }

    func cancelEvents(_ order: OpenOrder) {
        parts.events.write(.orderCancelRequest, ticket: order.ticket, oid: order.outcome.oid)
        parts.events.write(.orderCancelAck, ticket: order.ticket, oid: order.outcome.oid)
    }

    /// Books the fill delta of `outcome` into the position and the money totals.
    func apply(_ working: inout SymbolState.Working, _ outcome: OrderOutcome) {
        let ticket = working.order.ticket
        let delta = outcome.filled - working.applied
        guard delta > 1e-12, let avg = outcome.avgPrice, outcome.status != .rejected else { return }
        let notional = avg * outcome.filled - working.appliedNotional
        let price = notional / delta
        let fees = outcome.feesUsdt - working.appliedFees
        guard var state = states[ticket.symbol] else { return }
        let wasFlat = state.position.isFlat
        if let pnl = state.position.apply(side: ticket.side, delta: delta, price: price, fees: fees, nowMs: nowMs) {
            working.pnl += pnl
            summary.pnlRealisedUsdt += pnl
            realisedToday.append((nowMs, pnl))
        }
        if wasFlat, !state.position.isFlat {
            state.position.aBps = working.aBps
            state.position.bBps = working.bBps
        }
        states[ticket.symbol] = state
        working.applied = outcome.filled
        working.appliedNotional = avg * outcome.filled
        working.appliedFees = outcome.feesUsdt
        summary.volumeUsdt += notional
        summary.feesUsdt += fees
    }

    /// A terminal outcome: counters, events, the posttrade report (§9) and the exchange-error reactions (§8.2).
    func finish(_ working: SymbolState.Working, _ outcome: OrderOutcome) {
        let ticket = working.order.ticket
        let symbol = ticket.symbol
        states[symbol]?.working = nil
        let filled = outcome.status == .rejected ? 0 : outcome.filled
        let code: EventCode
        switch outcome.status {
        case .rejected:
            summary.ordersRejected += 1
            summary.countReject(outcome.error?.code ?? "UNKNOWN")
            code = .orderReject
        case .filled:
            summary.ordersFilled += 1
            code = .orderFill
        default:
            if filled > 0 {
                summary.ordersPartial += 1
                code = .orderPartial
            } else {
                summary.ordersUnfilled += 1
                code = .orderExpire
            }
        }
        var details = JSONObject()
        details.append("filled", .double(filled))
        if let error = outcome.error, outcome.status == .rejected {
            details.append("error_code", .string(error.code))
            details.append("error_msg", .string(error.message))
        }
        parts.events.write(code, ticket: ticket, oid: outcome.oid, details: details)
        let position = states[symbol]?.position ?? Position()
        var close: PosttradeBody.Close?
        if ticket.reduceOnly, filled > 0, let avg = outcome.avgPrice {
            close = PosttradeBody.Close(priceOpen: working.entryPriceAtStart, priceClose: avg, pnlUsdt: working.pnl)
            summary.closes[working.reason, default: 0] += 1
        }
        if position.isFlat {
            states[symbol]?.exitReason = nil
            states[symbol]?.reversalCount = 0
        }
        let body = PosttradeBody(
            ts: nowMs, reqID: working.reqID, decisionID: working.decisionID, ticket: ticket,
            positionSide: working.positionSide, outcome: outcome, reason: working.reason,
            positionQtyAfter: position.qty, exchange: parts.exchangeName, venue: config.market.rawValue,
            testnet: config.testnet, dryRun: parts.dryRun, spreadBps: working.spreadBps, close: close)
        if !parts.outbox.submit(body.encoded()) {
            parts.warn("WiseScalp: cannot write \(parts.outbox.journalPath): no further orders")
            fatal = true
        }
        if let error = outcome.error { react(to: error, symbol: symbol) }
    }

    private func react(to error: ExchangeError, symbol: String) {
        switch error.code {
        case "-1022", "-2014", "-2015":
            if !suspended {
                suspended = true
                parts.warn("WiseScalp: exchange refused the API key or signature (\(error.code)): entries suspended")
            }
        case "-2022":
            if let flat = parts.exchangeFlat?(symbol), flat { states[symbol]?.position.clear() }
        default:
            break
        }
    }

    /// `(realised since 00:00 UTC of the bot clock + unrealised at mid)/equity·100`.
    func pnlTodayPct() -> Double {
        let dayStart = nowMs - ((nowMs % 86_400_000) + 86_400_000) % 86_400_000
        let realised = realisedToday.filter { $0.0 >= dayStart }.reduce(0) { $0 + $1.1 }
        let unrealised = states.values.reduce(0.0) { total, state in
            total + (state.lastSignals.map { state.position.unrealised(mid: $0.mid) } ?? 0)
        }
        return (realised + unrealised) / config.equityUsdt * 100
    }
}
