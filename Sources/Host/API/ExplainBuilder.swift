import Codec
import RuleEngine
import YAMLKit

/// `observability.explain` of `?explain=full` (http-api.md §4.5): the derived inputs and one item per rule,
/// `off` rules included.
enum ExplainBuilder {
    static func explain(_ decision: Decision, ruleSet: CompiledRuleSet, input: JSONValue) -> JSONValue {
        let context = decision.context
        var derived = JSONObject()
        derived.append("symbol", context.symbol.map { .string($0.rawValue) } ?? .null)
        derived.append("side", context.side.map { .string($0.rawValue) } ?? .null)
        derived.append("qty", context.derived.qty.map { .double($0) } ?? .null)
        switch context.derived.priceRef {
        case .value(let v, let source):
            derived.append("price_ref", .double(v))
            derived.append("price_ref_source", .string(source))
        case .crossed, .absent:
            derived.append("price_ref", .null)
            derived.append("price_ref_source", .null)
        }
        derived.append("notional_usdt", context.derived.notionalUsdt.map { .double($0) } ?? .null)
        derived.append("reduce_only", .bool(context.derived.reduceOnly))
        derived.append("mode", .string(context.accountMode))
        var items: [JSONValue] = []
        var traceByStep: [Int: DecisionTrace.Step] = [:]
        for step in decision.trace.steps { traceByStep[step.stepIndex] = step }
        for (index, step) in ruleSet.steps.enumerated() {
            items.append(.object(item(step, trace: traceByStep[index], context: context)))
        }
        return .object(JSONObject([("now_ms", .int(context.now.ms)), ("input", input), ("derived", .object(derived)),
                                   ("rules", .array(items))]))
    }

    static func item(_ step: PipelineStep, trace: DecisionTrace.Step?, context: RuleContext) -> JSONObject {
        var o = JSONObject()
        o.append("id", .string(step.key.id.rawValue))
        o.append("type", .string(step.key.type.rawValue))
        o.append("mode", .string(step.mode.rawValue))
        o.append("verdict", .string(trace?.verdict.rawValue ?? "off"))
        o.append("reason", trace?.reason.map { .string($0) } ?? .null)
        o.append("entries", .array((trace?.entries ?? []).map { .string($0) }))
        let evaluated = trace.map { $0.verdict != .notEvaluated } ?? false
        o.append("measured", evaluated ? (trace?.measured.map { .double($0) } ?? .null) : .null)
        o.append("threshold", evaluated ? (trace?.threshold.map { .double($0) } ?? .null) : .null)
        o.append("us", .double(evaluated ? (trace?.microseconds ?? 0) : 0))
        o.append("hard", .bool(trace?.hard ?? false))
        o.append("cooldown_ms", .int(trace?.cooldownMs ?? 0))
        o.append("qty_cap", trace?.qtyCap.map { .double($0) } ?? .null)
        o.append("source", .string(step.declaredAt.description))
        let applied = trace?.overrideIndex.flatMap { index in step.overrides.first { $0.index == index } }
        o.append("params", RuleSetFingerprint.paramsObject(applied?.params ?? step.params))
        if let applied {
            var match = JSONObject()
            if let symbols = applied.match.symbols { match.append("symbols", .array(symbols.map { .string($0.rawValue) })) }
            if let modes = applied.match.accountModes { match.append("account_modes", .array(modes.map { .string($0) })) }
            o.append("override", .object(JSONObject([("index", .int(Int64(applied.index))),
                                                     ("source", .string(applied.declaredAt.description)),
                                                     ("match", .object(match))])))
        } else {
            o.append("override", .null)
        }
        var inputs = JSONObject()
        var missing: [JSONValue] = []
        if evaluated {
            for path in step.info.inputs {
                if let value = context.input.value(at: path) {
                    inputs.append(path, value)
                } else {
                    missing.append(.string(path))
                }
            }
            if let path = trace?.missing, !missing.contains(.string(path)) { missing.append(.string(path)) }
        }
        o.append("inputs", .object(inputs))
        o.append("missing", .array(missing))
        o.append("error", trace?.error.map { .string($0) } ?? .null)
        o.append("details", .object(trace?.details ?? JSONObject()))
        return o
    }
}
