import Codec
import RuleEngine

/// Sub-checks 8–10 of gates.md §9, and the verdicts with their evidence (trace values, quotas, explain details,
/// `observability.risk`).
extension RiskCapsGate {
    func notional(_ context: RuleContext, _ run: inout Run) throws(RuleError) -> Verdict {
        let c = run.config
        let derived = context.derived
        guard c.hasNotionalCap else {
            run.qtyCap = derived.qty.map { $0 * c.sizeScale } ?? 0
            if let ref = Self.priceRef(derived) { (run.priceRef, run.priceRefSource) = (ref.value, ref.source) }
            return try pass(run, context, notes: [])
        }
        guard let qty = derived.qty else { return .missing(MissingInput("order.qty")) }
        guard qty > 0 else { return .missing(.invalid("order.qty")) }
        guard let ref = Self.priceRef(derived) else {
            if case .crossed = derived.priceRef { return .missing(.invalid("market.best_ask")) }
            return .missing(MissingInput("order.price"))
        }
        (run.priceRef, run.priceRefSource) = (ref.value, ref.source)
        let price = ref.value
        let scaled = qty * c.sizeScale
        run.scaled = scaled
        if let maxOrder = c.maxOrderNotionalUsdt { run.capOrder = maxOrder / price }

        var adding = true
        if let maxExp = c.maxSymbolExposureUsdt {
            switch derived.symbol {
            case .absent: return .missing(MissingInput("order.symbol"))
            case .invalid(let path): return .missing(.invalid(path))
            case .valid: break
            }
            guard let side = derived.side else { return .missing(MissingInput("order.side")) }
            let position = run.position
            if let position, position.side == side.opposite {
                adding = false
                run.capExp = abs(position.qty) + maxExp / price
            } else {
                let exposure = position?.exposureUsdt ?? 0
                let headroom = max(0, maxExp - exposure)
                if headroom == 0 {
                    return try deny(run, context, "risk_symbol_exposure_cap",
                                    entry: "risk_symbol_exposure_cap:\(Format.fixed(exposure, 2))>=\(Format.fixed(maxExp, 2))",
                                    measured: exposure, threshold: maxExp)
                }
                run.capExp = headroom / price
            }
        }

        var note: String?
        switch c.notionalAction {
        case .deny:
            if let cap = run.capOrder, scaled > cap, let maxOrder = c.maxOrderNotionalUsdt {
                let notional = scaled * price
                return try deny(run, context, "risk_order_notional_cap",
                                entry: "risk_order_notional_cap:\(Format.fixed(notional, 2))>\(Format.fixed(maxOrder, 2))",
                                measured: notional, threshold: maxOrder)
            }
            if let cap = run.capExp, scaled > cap, let maxExp = c.maxSymbolExposureUsdt {
                let exposure = run.position?.exposureUsdt ?? 0
                let after = adding ? exposure + scaled * price : (scaled - abs(run.position?.qty ?? 0)) * price
                return try deny(run, context, "risk_symbol_exposure_cap",
                                entry: "risk_symbol_exposure_cap:\(Format.fixed(after, 2))>\(Format.fixed(maxExp, 2))",
                                measured: after, threshold: maxExp)
            }
            run.qtyCap = scaled
        case .clip:
            var cap = scaled
            if let order = run.capOrder { cap = min(cap, order) }
            if let exposure = run.capExp { cap = min(cap, exposure) }
            run.qtyCap = cap
            if cap < scaled {
                let byOrder = run.capOrder.map { $0 <= (run.capExp ?? .infinity) } ?? false
                note = byOrder ? "risk_qty_capped:order_notional" : "risk_qty_capped:symbol_exposure"
            }
        }

        if c.minOrderNotionalUsdt > 0, let cap = run.qtyCap {
            let notional = cap * price
            if notional < c.minOrderNotionalUsdt {
                return try deny(run, context, "risk_notional_too_small", measured: notional,
                                threshold: c.minOrderNotionalUsdt)
            }
        }
        return try pass(run, context, notes: note.map { [$0] } ?? [])
    }

    /// gates.md §9's price reference: `price_ref` (http-api.md §4.2), else `notional_usdt / qty` when both are
    /// positive.
    static func priceRef(_ derived: DerivedInputs) -> (value: Double, source: String)? {
        if case .value(let v, let source) = derived.priceRef { return (v, source) }
        if let notional = derived.notionalUsdt, notional > 0, let qty = derived.qty, qty > 0 {
            return (notional / qty, "notional_usdt/qty")
        }
        return nil
    }

    func pass(_ run: Run, _ context: RuleContext, notes: [String]) throws(RuleError) -> Verdict {
        let measured = run.qtyCap.flatMap { cap in run.priceRef.map { cap * $0 } }
        try RuleError.requireFinite(measured, run.qtyCap, run.scaled, run.capOrder, run.capExp, run.priceRef)
        return .pass(Evidence(measured: measured, threshold: run.config.maxOrderNotionalUsdt, qtyCap: run.qtyCap ?? 0,
                              quotas: quotas(run, context), notes: notes, sections: section(run),
                              deferredDetails: { Self.details(run) }))
    }

    func deny(_ run: Run, _ context: RuleContext, _ code: String, entry: String? = nil, measured: Double,
              threshold: Double, cooldownMs: Int64 = 0) throws(RuleError) -> Verdict {
        try RuleError.requireFinite(measured, run.scaled, run.capOrder, run.capExp, run.priceRef)
        let evidence = Evidence(measured: measured, threshold: threshold, quotas: quotas(run, context),
                                sections: section(run), deferredDetails: { Self.details(run) })
        return .deny(Denial(code: ReasonCode(code), entries: [entry ?? code], hard: true, cooldownMs: cooldownMs,
                            evidence: evidence))
    }

    /// gates.md §9 quotas; the allow variant counts this decision's own stamps.
    func quotas(_ run: Run, _ context: RuleContext) -> Quotas {
        let c = run.config
        var left: Int64?
        var onAllow: Int64?
        let stamped = !context.isReducing
        func take(_ limit: Int64?, _ count: Int?) {
            guard let limit, let count else { return }
            let remaining = max(0, limit - Int64(count))
            left = min(left ?? remaining, remaining)
            let after = stamped ? max(0, remaining - 1) : remaining
            onAllow = min(onAllow ?? after, after)
        }
        take(c.tradesPerMinute, run.cSymbol)
        take(c.tradesPerMinuteGlobal, run.cGlobal)
        var exposureLeft = 1e12
        if let maxExp = c.maxSymbolExposureUsdt, context.symbol != nil {
            exposureLeft = max(0, maxExp - (run.position?.exposureUsdt ?? 0))
        }
        return Quotas(tradesPerMinuteLeft: left ?? 999, symbolExposureLeftUsdt: exposureLeft,
                      tradesPerMinuteLeftOnAllow: onAllow ?? 999)
    }

    /// "Explain details" of gates.md §9.
    static func details(_ run: Run) -> JSONObject {
        func number(_ v: Double?) -> JSONValue { v.map { .double($0) } ?? .null }
        return [
            "price_ref": number(run.priceRef), "price_ref_source": run.priceRefSource.map { .string($0) } ?? .null,
            "mid": number(run.mid), "dev_bps": number(run.dev), "size_scale": .double(run.config.sizeScale),
            "overridden": .array(run.overridden.map { .string($0) }), "scaled": number(run.scaled),
            "cap_order": number(run.capOrder), "cap_exp": number(run.capExp),
            "position_qty": .double(run.position?.qty ?? 0), "exposure_usdt": .double(run.position?.exposureUsdt ?? 0),
            "c_symbol": run.cSymbol.map { .int(Int64($0)) } ?? .null,
            "c_global": run.cGlobal.map { .int(Int64($0)) } ?? .null, "qty_cap": number(run.qtyCap),
        ]
    }

    /// `observability.risk` (http-api.md §4.4).
    func section(_ run: Run) -> [(key: String, value: JSONValue)] {
        [("risk", .object(["cfg": .object(run.cfg), "ctx": .object(run.ctx)]))]
    }
}
