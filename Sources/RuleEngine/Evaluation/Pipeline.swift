import Codec

/// The ordered steps of a compiled rule set, and the one place where modes, policies, overrides, `stop`, timing and
/// the response fields of gates.md §1.6 are applied. Rules only say pass, deny or missing.
public struct Pipeline: Sendable {
    public let steps: [PipelineStep]
    /// The non-off steps, resolved for evaluation.
    let stages: [Stage]

    public init(steps: [PipelineStep]) {
        self.steps = steps
        stages = steps.indices.compactMap { steps[$0].mode == .off ? nil : Stage(steps[$0], index: $0) }
    }

    /// Evaluates every non-off step in order, on the caller's thread, timing each rule with `clock`.
    public func evaluate(_ context: RuleContext, ruleSet: RuleSetIdentity,
                         clock: some Clock<Duration>) -> Decision {
        var run = PipelineRun(context: context, ruleSet: ruleSet, capacity: stages.count)
        for stage in stages {
            if run.stopped {
                run.trace.steps.append(DecisionTrace.Step(
                    key: stage.key, mode: stage.mode, verdict: .notEvaluated, duration: .zero, stepIndex: stage.index))
                continue
            }
            run.evaluate(stage, clock: clock)
        }
        return run.finish(stages: stages)
    }

    public func evaluate(_ context: RuleContext, ruleSet: RuleSetIdentity) -> Decision {
        evaluate(context, ruleSet: ruleSet, clock: ContinuousClock())
    }
}

/// The accumulating state of one evaluation.
private struct PipelineRun {
    var context: RuleContext
    let ruleSet: RuleSetIdentity
    var trace: DecisionTrace
    var stopped = false
    var denial: (step: Int, key: RuleKey, code: ReasonCode, hard: Bool, cooldownMs: Int64)?
    var reasons: [String] = []
    var diagnostics: [String] = []
    var events: [Decision.Event] = []
    var qtyCaps: [Double] = []
    var quotas: Quotas?
    var sections: [String: JSONValue] = [:]
    var commits: [any CommitObserver] = []
    var latches: [(key: RuleKey, latch: TradingLatch)] = []

    init(context: RuleContext, ruleSet: RuleSetIdentity, capacity: Int) {
        self.context = context
        self.ruleSet = ruleSet
        self.trace = DecisionTrace(steps: [])
        trace.steps.reserveCapacity(capacity)
    }

    mutating func evaluate(_ step: Pipeline.Stage, clock: some Clock<Duration>) {
        let selected = step.select(symbol: context.symbol, accountMode: context.accountMode)
        var item = DecisionTrace.Step(key: step.key, mode: step.mode, verdict: .pass, duration: .zero,
                                      overrideIndex: selected.overrideIndex, stepIndex: step.index)
        if context.isReducing && step.exemptsReducing {
            let note = step.exemptNote
            item.verdict = .skip
            item.reason = note
            addDiagnostic(note)
            trace.steps.append(item)
            return
        }
        context.mode = step.mode
        let start = clock.now
        do throws(RuleError) {
            let verdict = try selected.instance.rule.evaluate(context)
            item.duration = start.duration(to: clock.now)
            record(consume verdict, in: &item, step: step, instance: selected.instance)
        } catch {
            item.duration = start.duration(to: clock.now)
            record(error, in: &item, step: step)
        }
        trace.steps.append(item)
    }

    private mutating func record(_ verdict: consuming Verdict, in item: inout DecisionTrace.Step, step: Pipeline.Stage,
                                 instance: Pipeline.Stage.Instance) {
        switch consume verdict {
        case .pass(let evidence):
            apply(evidence, to: &item, step: step, passed: true)
            item.verdict = .pass
            if step.mode == .enforce, let observer = instance.commitObserver { commits.append(observer) }
        case .deny(let denied):
            apply(denied.evidence, to: &item, step: step, passed: false)
            block(&item, step: step, code: denied.code, entries: denied.entries, hard: denied.hard,
                  cooldownMs: denied.cooldownMs, typeEvents: denied.evidence.events)
        case .missing(let missing):
            item.missing = missing.path
            if (step.onMissing ?? .deny) == .deny {
                block(&item, step: step, code: ReasonCode(missing.code), entries: [missing.code], hard: true,
                      cooldownMs: 0, typeEvents: [])
            } else {
                let note = missing.skipNote ?? missing.code
                item.verdict = .skip
                item.reason = note
                addDiagnostic(note)
            }
        }
    }

    private mutating func record(_ error: RuleError, in item: inout DecisionTrace.Step, step: Pipeline.Stage) {
        let code = "rule_error:\(error.code)"
        item.error = error.code.rawValue
        events.append(Decision.Event(rule: step.key, event: RuleEvent(
            code: "RULE.ERROR", level: "ERROR",
            details: JSONObject([("rule", .string(step.key.id.rawValue)), ("type", .string(step.key.type.rawValue)),
                                 ("error", .string(error.code.rawValue)), ("on_error", .string(step.onError.rawValue))]))))
        switch step.onError {
        case .deny:
            block(&item, step: step, code: ReasonCode(code), entries: [code], hard: true, cooldownMs: 0,
                  typeEvents: [])
        case .allow:
            item.verdict = .pass
            item.reason = code
            addDiagnostic(code)
        case .skip:
            item.verdict = .skip
            item.reason = code
            addDiagnostic(code)
        }
    }

    private mutating func apply(_ evidence: Evidence, to item: inout DecisionTrace.Step, step: Pipeline.Stage,
                                passed: Bool) {
        item.measured = evidence.measured
        item.threshold = evidence.threshold
        item.explainDetails = evidence.explainDetails
        for note in evidence.notes { addDiagnostic(note) }
        for section in evidence.sections where sections[section.key] == nil { sections[section.key] = section.value }
        guard step.mode == .enforce else { return }
        if let latch = evidence.latch { latches.append((step.key, latch)) }
        if let q = evidence.quotas { quotas = quotas.map { $0.merged(with: q) } ?? q }
        if passed {
            item.qtyCap = evidence.qtyCap
            if let cap = evidence.qtyCap { qtyCaps.append(cap) }
            for event in evidence.events { events.append(Decision.Event(rule: step.key, event: event)) }
        }
    }

    /// A failed check: a deny in enforce mode, a shadow deny in shadow mode.
    private mutating func block(_ item: inout DecisionTrace.Step, step: Pipeline.Stage, code: ReasonCode,
                                entries: [String], hard: Bool, cooldownMs: Int64, typeEvents: [RuleEvent]) {
        item.reason = code.rawValue
        item.entries = entries
        item.hard = hard
        item.cooldownMs = cooldownMs
        let enforcing = step.mode == .enforce
        item.verdict = enforcing ? .deny : .shadowDeny
        for entry in entries { addReason(enforcing ? entry : "shadow:" + entry) }
        var details = JSONObject([("rule", .string(step.key.id.rawValue)), ("type", .string(step.key.type.rawValue)),
                                  ("reason", .string(code.rawValue)),
                                  ("reasons", .array(entries.map { .string($0) })), ("hard", .bool(hard)),
                                  ("cooldown_ms", .int(cooldownMs))])
        details.append("measured", item.measured.map { .double($0) } ?? .null)
        details.append("threshold", item.threshold.map { .double($0) } ?? .null)
        events.append(Decision.Event(rule: step.key, event: RuleEvent(
            code: enforcing ? "RULE.DENY" : "RULE.SHADOW_DENY", level: "WARNING", details: details)))
        guard enforcing else { return }
        for event in typeEvents { events.append(Decision.Event(rule: step.key, event: event)) }
        if denial == nil {
            denial = (item.stepIndex, step.key, code, hard, cooldownMs)
        }
        if step.stop { stopped = true }
    }

    private mutating func addReason(_ entry: String) {
        if !reasons.contains(entry) { reasons.append(entry) }
    }

    private mutating func addDiagnostic(_ note: String) {
        if !diagnostics.contains(note) { diagnostics.append(note) }
    }

    /// `risk_scale`: the first enforce-mode `RiskScaling` rule's, whatever its verdict; 1 for reducing orders.
    private func riskScale(stages: [Pipeline.Stage]) -> Double {
        if context.isReducing { return 1 }
        for stage in stages where stage.mode == .enforce {
            let instance = stage.select(symbol: context.symbol, accountMode: context.accountMode).instance
            if let scaling = instance.riskScaling { return scaling.riskScale(context) }
        }
        return 1
    }

    func finish(stages: [Pipeline.Stage]) -> Decision {
        let scale = riskScale(stages: stages)
        let allow = denial == nil
        var maxQty = 0.0
        if allow, let qty = context.derived.qty {
            maxQty = qty * scale
            for cap in qtyCaps { maxQty = min(maxQty, cap) }
        }
        var events = events
        var latched: TradingTransition?
        if let strongest = TradingLatch.strongest(latches.map(\.latch)),
            let key = latches.first(where: { $0.latch == strongest })?.key
        {
            // gates.md §10 step 5: applied when evaluation ends, once, only if the state still allows it.
            let transition = context.shared.latch(strongest, now: context.now)
            if transition.changed {
                latched = transition
                for event in transition.events { events.append(Decision.Event(rule: key, event: event)) }
            }
        }
        return Decision(
            allow: allow, reason: denial?.code ?? .ok, decidedBy: denial?.key, hard: denial?.hard ?? false,
            cooldownMs: denial?.cooldownMs ?? 0, riskScale: scale, maxQty: maxQty,
            quotas: (quotas ?? .unlimited).reported(allowed: allow), latched: latched,
            reasons: reasons, diagnostics: diagnostics, trace: trace, events: events, sections: sections,
            ruleSet: ruleSet, context: context, commits: allow ? commits : [])
    }
}
