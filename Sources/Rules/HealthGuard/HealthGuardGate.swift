import Codec
import RuleEngine
import Synchronization

/// `health_guard` (gates.md §4): watch the p95 of recent client latencies and escalate from a timed cooloff to a
/// latched halt while it stays above a threshold; also enforce the operator's arm/disarm switch and manual cooloff.
/// It has no required inputs: a request without a valid latency records nothing and the state is still enforced.
struct HealthGuardGate: Rule {
    struct Config: Sendable {
        enum ScopeKind: String, Sendable, CaseIterable {
            case global, symbol
        }

        var thresholdMs: Double
        var windowS: Int
        var cooloffS: Int
        var haltRepeats: Int
        var warnHorizonS: Int
        var minSamples: Int
        var maxSamples: Int
        var scope: ScopeKind
    }

    /// The scope key of the global scope, and of requests without a valid symbol.
    static let globalKey = "*"

    let id: RuleID
    let config: Config
    let store: HealthGuardState

    var state: (any RuleState)? { store }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let now = context.now.ms
        let key = config.scope == .symbol ? (context.symbol?.rawValue ?? Self.globalKey) : Self.globalKey
        let armed = context.shared.armed
        let latency = context.input.market.latencyMs.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        let config = self.config
        let step = store.store.withLock { store -> Step in
            let manual = store.manualCooloffUntil
            guard let latency else {
                let scope = store.scopes.peek(key) ?? HealthGuardState.Scope()
                let phase = scope.phase(now: now, manual: manual)
                return Step(scope: scope, manual: manual, before: phase, recording: nil)
            }
            return store.scopes.update(key, default: HealthGuardState.Scope()) { scope in
                let before = scope.phase(now: now, manual: manual)
                let recording = scope.record(latency, now: now, config: config, manual: manual)
                return Step(scope: scope, manual: manual, before: before, recording: recording)
            }
        }
        return verdict(step, key: key, now: now, armed: armed)
    }

    /// What the locked part of one evaluation saw and did.
    private struct Step {
        /// The scope after recording (a copy for reporting).
        var scope: HealthGuardState.Scope
        var manual: Int64
        var before: HealthGuardState.Scope.Phase
        var recording: HealthGuardState.Scope.Recording?
    }

    /// Step 3 (enforce), with the trace values, explain details and events of this evaluation.
    private func verdict(_ step: Step, key: String, now: Int64, armed: Bool) -> Verdict {
        let scope = step.scope
        let after = scope.phase(now: now, manual: step.manual)
        let cooloffEnd = scope.cooloffEnd(manual: step.manual)
        var measured = step.recording?.p95
        if measured == nil, scope.samples.count >= config.minSamples { measured = scope.lastP95 }
        // Only scalars are captured: a copy of the scope would keep its sample storage shared (and copied on the
        // next write) for as long as the decision lives.
        let samples = step.recording?.samples ?? scope.samples.count
        let recorded = step.recording?.p95, warned = step.recording?.warned == true
        let before = armed ? step.before : .disarmed, shownAfter = armed ? after : .disarmed
        var evidence = Evidence(measured: measured, threshold: config.thresholdMs, deferredDetails: {
            JSONObject([
                ("scope_key", .string(key)), ("samples", .int(Int64(samples))), ("p95", recorded.map { .double($0) } ?? .null),
                ("warned", .bool(warned)), ("state_before", .string(before.rawValue)),
                ("state_after", .string(shownAfter.rawValue)), ("cooloff_until_ms", .int(cooloffEnd)),
            ])
        })
        if let recording = step.recording, recording.warned, let p95 = recording.p95 {
            evidence.events.append(RuleEvent(code: "HEALTH.LATENCY_P95_HIGH", level: "WARNING", details: JSONObject([
                ("p95_ms", .double(p95)), ("threshold", .double(config.thresholdMs)),
                ("samples", .int(Int64(recording.samples))), ("scope", .string(key)),
            ])))
            if after != step.before {
                evidence.events.append(RuleEvent(code: "AURORA.ESCALATION", level: "WARNING", details: JSONObject([
                    ("rule", .string(id.rawValue)), ("scope", .string(key)), ("from", .string(step.before.rawValue)),
                    ("to", .string(after.rawValue)),
                    ("state", snapshot(of: scope, manual: step.manual, now: now, armed: armed)),
                ])))
            }
        }
        if !armed { return .deny(Denial(code: "latency_disarmed", hard: true, evidence: evidence)) }
        if scope.halted { return .deny(Denial(code: "latency_halt", hard: true, evidence: evidence)) }
        if now < cooloffEnd {
            return .deny(Denial(code: "latency_cooloff", hard: false, cooldownMs: cooloffEnd - now, evidence: evidence))
        }
        return .pass(evidence)
    }
}
