import Codec
import RuleEngine

/// The health-guard scope states the host reports (`/readiness.health_guard`, `aurora_health_guard_state`), read
/// from each health_guard rule's state snapshot: `{"scopes": {key: snapshot}}` or one snapshot (http-api.md §6.4:
/// `armed`, `cooloff_until` in epoch seconds, `halted`). A scope is `disarmed` when not armed, else `halted`, else
/// `cooloff` while `cooloff_until` is in the future, else `ok`.
enum HealthGuardProbe {
    static let type: RuleTypeName = "health_guard"

    /// Per health_guard rule id (pipeline order): how many scopes are in each state.
    static func states(_ set: CompiledRuleSet, nowMs: Int64) -> [(rule: String, states: [String: Int])] {
        set.steps.filter { $0.key.type == type }.map { step in
            var counts: [String: Int] = [:]
            for scope in scopes(step.base.state?.snapshot()) { counts[state(of: scope, nowMs: nowMs), default: 0] += 1 }
            return (step.key.id.rawValue, counts)
        }
    }

    /// The worst state over every scope (`disarmed` > `halted` > `cooloff` > `ok`); `none` without a rule.
    static func worst(_ set: CompiledRuleSet, nowMs: Int64) -> String {
        let all = states(set, nowMs: nowMs)
        guard !all.isEmpty else { return "none" }
        for candidate in ["disarmed", "halted", "cooloff"] where all.contains(where: { ($0.states[candidate] ?? 0) > 0 }) {
            return candidate
        }
        return "ok"
    }

    private static func scopes(_ snapshot: JSONValue?) -> [JSONValue] {
        guard let snapshot else { return [] }
        if case .object(let scopes)? = snapshot["scopes"] { return scopes.map { $0.1 } }
        return snapshot["armed"] != nil || snapshot["halted"] != nil ? [snapshot] : []
    }

    private static func state(of scope: JSONValue, nowMs: Int64) -> String {
        if scope["armed"]?.boolValue == false { return "disarmed" }
        if scope["halted"]?.boolValue == true { return "halted" }
        if let until = scope["cooloff_until"]?.doubleValue, until * 1_000 > Double(nowMs) { return "cooloff" }
        return "ok"
    }
}
