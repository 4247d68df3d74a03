import Codec
import RuleEngine
import YAMLKit

/// `GET /ops/rules` (http-api.md §6.5.8): the active rule set, its files, every rule in pipeline order (off ones
/// included) with its effective policies and params, and the last reload.
enum OpsRulesReport {
    static func body(_ set: CompiledRuleSet, last: RuleSetReloader.Report?) -> JSONValue {
        let rules: [JSONValue] = set.steps.map { step in
            let overrides: [JSONValue] = step.overrides.map { o in
                var match = JSONObject()
                if let symbols = o.match.symbols { match.append("symbols", .array(symbols.map { .string($0.rawValue) })) }
                if let modes = o.match.accountModes { match.append("account_modes", .array(modes.map { .string($0) })) }
                return .object(JSONObject([("match", .object(match)),
                                           ("params", RuleSetFingerprint.paramsObject(o.params)),
                                           ("source", .string(o.declaredAt.description))]))
            }
            return .object(JSONObject([
                ("id", .string(step.key.id.rawValue)), ("type", .string(step.key.type.rawValue)),
                ("mode", .string(step.mode.rawValue)), ("on_error", .string(step.onError.rawValue)),
                ("on_missing", step.onMissing.map { .string($0.rawValue) } ?? .null), ("stop", .bool(step.stop)),
                ("reducing_orders", .string(step.reducingOrders.rawValue)),
                ("params", RuleSetFingerprint.paramsObject(step.params)), ("overrides", .array(overrides)),
                ("source", .string(step.declaredAt.description)),
            ]))
        }
        let lastReload = last?.lastReloadJSON ?? .object(JSONObject([
            ("at", .string(RFC3339.milliseconds(set.identity.loadedAt.ms))), ("trigger", .string("startup")),
            ("result", .string("success")), ("errors", .array([])),
        ]))
        return .object(JSONObject([
            ("status", .string("ok")), ("ruleset", ReloadAnswer.rulesetJSON(set.identity)),
            ("files", RuleSetReloader.Report.filesJSON(set.identity)), ("rules", .array(rules)),
            ("last_reload", lastReload),
        ]))
    }
}
