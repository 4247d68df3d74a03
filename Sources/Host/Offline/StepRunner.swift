public import Codec
public import RuleEngine
import Wire

/// One engine driven step by step (`aurora eval --steps`, each `aurora test` case): pretrade checks, posttrade
/// reports, OPS actions and reloads, with every state carried from step to step and an injected clock. Nothing is
/// written to any log and every record write counts as successful, so commit hooks run on every allow.
public final class StepRunner: Sendable {
    public let evaluator: Evaluator
    public var service: DecisionService { evaluator.service }
    public var actions: OperatorActions { OperatorActions(service: service) }

    public init(evaluator: Evaluator) { self.evaluator = evaluator }

    /// Evaluates a pretrade body and, on allow, runs the commit hooks.
    public func pretrade(_ json: JSONValue, now: WallTime, explain: Bool = false) -> DecisionService.PretradeOutcome {
        let outcome = service.pretrade(json: json, explain: explain, now: now)
        if case .decided(let p) = outcome { p.decision.commit() }
        return outcome
    }

    /// Books a posttrade body; returns the status and body `POST /posttrade/log` would answer.
    public func posttrade(_ json: JSONValue, now: WallTime) -> (status: Int, body: [UInt8]) {
        let posttrade = PosttradeService(service: service)
        switch posttrade.prepare(json: json) {
        case .invalid(let body): return (422, body)
        case .prepared(let prepared):
            _ = posttrade.apply(prepared, now: now)
            return (200, prepared.responseBody)
        }
    }

    /// An OPS action by name with its body (http-api.md §6.5); `cooloff` takes `sec`.
    public func ops(_ action: String, body: JSONObject, now: WallTime) -> OpsOutcome {
        let bytes = JSONValue.object(body).serialized()
        switch action {
        case "halt": return actions.halt(body: bytes, now: now)
        case "reduce": return actions.reduce(body: bytes, now: now)
        case "resume": return actions.resume(body: bytes, now: now)
        case "arm", "disarm": return actions.arm(mode: action, now: now)
        case "cooloff":
            let sec = body["sec"].map { value -> String in
                if let i = value.intValue { return String(i) }
                return value.stringValue ?? value.serializedString
            } ?? ""
            return actions.cooloff(seconds: sec, now: now)
        case "reset": return actions.reset(now: now)
        case "risk_set": return actions.riskSet(body: bytes, now: now)
        default: return .detail(404, "unknown OPS action '\(action)'")
        }
    }

    public enum ReloadOutcome: Sendable {
        case reloaded(previous: CompiledRuleSet, current: CompiledRuleSet)
        case unchanged(CompiledRuleSet)
        case failed(RuleSetLoadResult)
    }

    /// Reloads to `files` as `POST /ops/reload` does: state carried by `(id, type)`, the old set kept on failure,
    /// nothing swapped when the fingerprint is unchanged.
    public func reload(_ files: [String], now: WallTime) -> ReloadOutcome {
        let current = service.store.current
        let result = evaluator.loader.load(files: files, previous: current, options: .init(offline: true, loadedAt: now))
        guard let next = result.ruleSet else { return .failed(result) }
        if next.identity.fingerprint == current.identity.fingerprint { return .unchanged(current) }
        service.store.replace(with: next)
        return .reloaded(previous: current, current: next)
    }
}
