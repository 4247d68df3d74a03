public import Codec
import YAMLKit

/// The semantic diff between two compiled rule sets (rule-files.md §6.5): computed on effective values, so a
/// change that does not change meaning produces no entry.
public struct RuleSetDiff: Sendable {
    public struct Added: Sendable { public var id: String; public var type: String; public var mode: RuleMode }
    public struct Removed: Sendable { public var id: String; public var type: String }
    public struct ModeChange: Sendable { public var id: String; public var from: RuleMode; public var to: RuleMode }
    public struct ParamChange: Sendable {
        public var id: String
        /// `params.max_bps`, `overrides[0].params.max_bps`, `overrides[0].match`.
        public var param: String
        public var old: JSONValue
        public var new: JSONValue
        public var ratio: Double?
        public var overriddenAtRuntime: Double?
        public var large: Bool { ratio.map { $0 >= 10 || $0 <= 0.1 } ?? false }
    }
    public struct PolicyChange: Sendable { public var id: String; public var field: String; public var from: String; public var to: String }

    public var added: [Added] = []
    public var removed: [Removed] = []
    public var modeChanged: [ModeChange] = []
    public var paramsChanged: [ParamChange] = []
    public var orderChanged = false
    public var policyChanged: [PolicyChange] = []
    public var stateReset: [String] = []

    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && modeChanged.isEmpty && paramsChanged.isEmpty && !orderChanged
            && policyChanged.isEmpty && stateReset.isEmpty
    }

    /// `runtimeOverride` answers the `POST /risk/set` value of a param of a rule, if any.
    public init(old: CompiledRuleSet, new: CompiledRuleSet,
                runtimeOverride: (RuleKey, String) -> Double? = { _, _ in nil }) {
        let oldByKey = Dictionary(old.steps.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let newKeys = Set(new.steps.map(\.key))
        for step in new.steps {
            guard let before = oldByKey[step.key] else {
                added.append(Added(id: step.key.id.rawValue, type: step.key.type.rawValue, mode: step.mode))
                continue
            }
            let id = step.key.id.rawValue
            if before.mode != step.mode { modeChanged.append(ModeChange(id: id, from: before.mode, to: step.mode)) }
            for (field, a, b) in [("on_error", before.onError.rawValue, step.onError.rawValue),
                                  ("on_missing", before.onMissing?.rawValue ?? "null", step.onMissing?.rawValue ?? "null"),
                                  ("stop", "\(before.stop)", "\(step.stop)"),
                                  ("reducing_orders", before.reducingOrders.rawValue, step.reducingOrders.rawValue)] where a != b {
                policyChanged.append(PolicyChange(id: id, field: field, from: a, to: b))
            }
            paramsChanged += Self.paramChanges(id: id, prefix: "params.", old: before.params, new: step.params) {
                runtimeOverride(step.key, $0)
            }
            for i in 0..<max(before.overrides.count, step.overrides.count) {
                let a = i < before.overrides.count ? before.overrides[i] : nil
                let b = i < step.overrides.count ? step.overrides[i] : nil
                let matchA = a.map { Self.matchJSON($0.match) } ?? .null
                let matchB = b.map { Self.matchJSON($0.match) } ?? .null
                if matchA != matchB {
                    paramsChanged.append(ParamChange(id: id, param: "overrides[\(i)].match", old: matchA, new: matchB))
                }
                paramsChanged += Self.paramChanges(id: id, prefix: "overrides[\(i)].params.", old: a?.params ?? [],
                                                   new: b?.params ?? []) { _ in nil }
            }
            if let s1 = before.base.state, let s2 = step.base.state, s1 !== s2 { stateReset.append(id) }
        }
        for step in old.steps where !newKeys.contains(step.key) {
            removed.append(Removed(id: step.key.id.rawValue, type: step.key.type.rawValue))
            if new.steps.contains(where: { $0.key.id == step.key.id }) { stateReset.append(step.key.id.rawValue) }
        }
        let common = old.steps.map(\.key).filter(newKeys.contains)
        let oldKeys = Set(old.steps.map(\.key))
        orderChanged = common != new.steps.map(\.key).filter(oldKeys.contains)
    }

    private static func paramChanges(id: String, prefix: String, old: [(name: String, value: PlainValue)],
                                     new: [(name: String, value: PlainValue)],
                                     runtime: (String) -> Double?) -> [ParamChange] {
        var names = old.map(\.name)
        for (name, _) in new where !names.contains(name) { names.append(name) }
        var out: [ParamChange] = []
        for name in names.sorted() {
            let a = old.first { $0.name == name }?.value
            let b = new.first { $0.name == name }?.value
            guard a != b else { continue }
            let oldJSON = a.map(RuleSetFingerprint.json) ?? .null
            let newJSON = b.map(RuleSetFingerprint.json) ?? .null
            var ratio: Double?
            if let x = oldJSON.doubleValue, let y = newJSON.doubleValue, x != 0 { ratio = y / x }
            out.append(ParamChange(id: id, param: prefix + name, old: oldJSON, new: newJSON, ratio: ratio,
                                   overriddenAtRuntime: runtime(name)))
        }
        return out
    }

    static func matchJSON(_ match: OverrideMatch) -> JSONValue {
        var o = JSONObject()
        if let modes = match.accountModes { o.append("account_modes", .array(modes.map { .string($0) })) }
        if let symbols = match.symbols { o.append("symbols", .array(symbols.map { .string($0.rawValue) })) }
        return .object(o)
    }

    /// The `diff` object of `RULES.RELOADED` and `POST /ops/reload`.
    public var json: JSONValue {
        .object(JSONObject([
            ("added", .array(added.map { .object(JSONObject([("id", .string($0.id)), ("type", .string($0.type)),
                                                             ("mode", .string($0.mode.rawValue))])) })),
            ("removed", .array(removed.map { .object(JSONObject([("id", .string($0.id)), ("type", .string($0.type))])) })),
            ("mode_changed", .array(modeChanged.map {
                .object(JSONObject([("id", .string($0.id)), ("from", .string($0.from.rawValue)), ("to", .string($0.to.rawValue))]))
            })),
            ("params_changed", .array(paramsChanged.map { c in
                var o = JSONObject([("id", .string(c.id)), ("param", .string(c.param)), ("old", c.old), ("new", c.new),
                                    ("ratio", c.ratio.map { .double($0) } ?? .null)])
                if c.large { o.append("large", .bool(true)) }
                if let r = c.overriddenAtRuntime { o.append("overridden_at_runtime", .double(r)) }
                return .object(o)
            })),
            ("order_changed", .bool(orderChanged)),
            ("policy_changed", .array(policyChanged.map {
                .object(JSONObject([("id", .string($0.id)), ("field", .string($0.field)), ("from", .string($0.from)),
                                    ("to", .string($0.to))]))
            })),
            ("state_reset", .array(stateReset.map { .string($0) })),
        ]))
    }
}
