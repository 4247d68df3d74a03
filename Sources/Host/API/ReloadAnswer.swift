public import Codec
public import RuleEngine
public import YAMLKit

/// The bodies of `POST /ops/reload` (http-api.md §6.5.7), shared by the OPS handler, SIGHUP logging and
/// `aurora eval --steps`.
public enum ReloadAnswer {
    /// 200: the new identity, the previous fingerprint, the diff, `needs_restart` and the duration.
    public static func success(previous: CompiledRuleSet, current: CompiledRuleSet, diff: RuleSetDiff?,
                               needsRestart: [String], durationMs: Double) -> JSONValue {
        let empty = RuleSetDiff.emptyJSON
        return .object(JSONObject([
            ("status", .string("ok")), ("changed", .bool(previous !== current)),
            ("ruleset", rulesetJSON(current.identity)),
            ("previous_fingerprint", .string(previous.identity.fingerprint)),
            ("diff", diff?.json ?? empty), ("needs_restart", .array(needsRestart.map { .string($0) })),
            ("duration_ms", .double((durationMs * 1000).rounded() / 1000)),
        ]))
    }

    /// 422: one item per diagnostic of the failed load, sorted, at most 100.
    public static func failure(_ diagnostics: Diagnostics) -> JSONValue {
        let items: [JSONValue] = diagnostics.sorted.prefix(100).map { d in
            let file = d.location?.file ?? d.file ?? ""
            return .object(JSONObject([
                ("type", .string("rule_file")),
                ("loc", .array([.string(file), d.location.map { .int(Int64($0.line)) } ?? .null,
                                d.location.map { .int(Int64($0.column)) } ?? .null])),
                ("msg", .string(d.message)), ("input", .null),
                ("ctx", .object(JSONObject([("code", .string(d.code.rawValue)), ("severity", .string(d.severity.rawValue)),
                                            ("notes", .array(d.notes.map { .string($0) }))]))),
            ]))
        }
        return .object(JSONObject([("detail", .array(items))]))
    }

    public static func rulesetJSON(_ identity: RuleSetIdentity) -> JSONValue {
        .object(JSONObject([("name", .string(identity.name)), ("fingerprint", .string(identity.fingerprint)),
                            ("loaded_at", .string(RFC3339.milliseconds(identity.loadedAt.ms)))]))
    }
}

extension RuleSetDiff {
    /// The diff of an unchanged reload.
    static var emptyJSON: JSONValue {
        .object(JSONObject([("added", .array([])), ("removed", .array([])), ("mode_changed", .array([])),
                            ("params_changed", .array([])), ("order_changed", .bool(false)),
                            ("policy_changed", .array([])), ("state_reset", .array([]))]))
    }
}

extension RuleSetDiff {
    /// The diff of a reload, marking the params that `POST /risk/set` overrides at runtime (rule-files.md §6.5).
    static func reload(from previous: CompiledRuleSet, to current: CompiledRuleSet, shared: SharedState) -> RuleSetDiff {
        let overrides = shared.riskOverrides
        return RuleSetDiff(old: previous, new: current) { key, name in
            key.type == OperatorActions.riskCaps ? overrides[name] : nil
        }
    }
}
