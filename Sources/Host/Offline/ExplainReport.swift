import Codec
import RuleEngine
import YAMLKit

/// The text report of `aurora eval --explain` (rule-files.md §8).
public enum ExplainReport {
    public enum Detail: Sendable { case deny, all }

    public static func render(_ outcome: DecisionService.Pretrade, detail: Detail) -> String {
        let d = outcome.decision
        let c = d.context
        let set = outcome.ruleSet
        var lines: [String] = []
        let files = set.identity.files.filter(\.isRoot).map(\.path).joined(separator: ", ")
        lines.append("ruleset   \(set.identity.name)  fingerprint \(set.identity.fingerprint)  files \(files)")
        var request = "request   \(c.symbol?.rawValue ?? c.input.order.symbol ?? "-") \(c.side?.rawValue ?? "-")"
        request += " qty \(c.derived.qty.map(NumberText.plain) ?? "-")"
        request += " price \(c.input.order.price.map(NumberText.plain) ?? "-") reduce_only=\(c.derived.reduceOnly)"
        request += "  account_mode \(c.accountMode)  req_id \(c.input.reqId ?? "-")"
        lines.append(request)
        lines.append("now       \(RFC3339.milliseconds(c.now.ms)) (\(c.now.ms))")
        lines.append("state     " + stateLine(c))
        lines.append("")
        lines.append(row(["#", "rule", "type", "mode", "verdict", "measured", "threshold", "reason / notes"]))
        var traceByStep: [Int: DecisionTrace.Step] = [:]
        for step in d.trace.steps { traceByStep[step.stepIndex] = step }
        for (index, step) in set.steps.enumerated() {
            let trace = traceByStep[index]
            let verdict: String
            switch trace?.verdict {
            case nil: verdict = "off"
            case .deny?: verdict = "DENY"
            case .shadowDeny?: verdict = "SHADOW_DENY"
            case let v?: verdict = v.rawValue
            }
            lines.append(row([String(index + 1), step.key.id.rawValue, step.key.type.rawValue, step.mode.rawValue, verdict,
                              trace?.measured.map(NumberText.plain) ?? "-", trace?.threshold.map(NumberText.plain) ?? "-",
                              trace?.reason ?? ""]))
            let failing = trace.map { $0.verdict == .deny || $0.verdict == .shadowDeny || $0.error != nil } ?? false
            guard let trace, detail == .all || failing else { continue }
            lines.append(contentsOf: details(step, trace: trace, context: c))
        }
        lines.append("")
        var decision = "decision     \(d.allow ? "ALLOW" : "DENY")  reason \(d.reason)  hard_gate \(d.hard)"
        decision += "  max_qty \(NumberText.plain(d.maxQty))  cooldown_ms \(d.cooldownMs)  risk_scale \(NumberText.plain(d.riskScale))"
        lines.append(decision)
        lines.append("reasons      " + (d.reasons.isEmpty ? "-" : d.reasons.joined(separator: ", ")))
        lines.append("diagnostics  " + (d.diagnostics.isEmpty ? "-" : d.diagnostics.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }

    private static func details(_ step: PipelineStep, trace: DecisionTrace.Step, context: RuleContext) -> [String] {
        var out = ["       at        \(step.declaredAt)"]
        let applied = trace.overrideIndex.flatMap { i in step.overrides.first { $0.index == i } }
        if let applied {
            var match: [String] = []
            if let symbols = applied.match.symbols { match.append("symbols: [\(symbols.map(\.rawValue).joined(separator: ", "))]") }
            if let modes = applied.match.accountModes { match.append("account_modes: [\(modes.joined(separator: ", "))]") }
            let changes = applied.params.compactMap { param -> String? in
                let old = step.params.first { $0.name == param.name }?.value
                guard old != param.value else { return nil }
                return "\(param.name) \(old.map(text) ?? "–") → \(text(param.value))"
            }
            out.append("       override  #\(applied.index) {\(match.joined(separator: ", "))}: "
                + (changes.isEmpty ? "no change" : changes.joined(separator: ", ")))
        }
        let params = applied?.params ?? step.params
        out.append("       params    " + params.map { "\($0.name)=\(text($0.value))" }.joined(separator: " "))
        if !step.info.inputs.isEmpty {
            out.append("       inputs    " + step.info.inputs.map { path in
                "\(path)=\(context.input.value(at: path).map(text) ?? "absent")"
            }.joined(separator: " "))
        }
        if !trace.details.keys.isEmpty {
            out.append("       details   " + trace.details.keys.map { key in
                "\(key)=\(trace.details[key].map(text) ?? "null")"
            }.joined(separator: " "))
        }
        return out
    }

    private static func stateLine(_ c: RuleContext) -> String {
        let values = c.shared.snapshot
        var position = "none"
        if let symbol = c.symbol {
            if let p = values.positions[symbol], p.qty != 0 {
                position = "\(symbol) \(p.qty > 0 ? "long" : "short") \(NumberText.plain(abs(p.qty)))"
            } else {
                position = "\(symbol) flat"
            }
        }
        let overrides = values.riskOverrides.isEmpty ? "none"
            : values.riskOverrides.entries.map { "\($0.param.rawValue)=\(NumberText.plain($0.value))" }.joined(separator: ",")
        return "trading \(c.tradingAtStart.state.rawValue)  armed \(values.armed ? "yes" : "no")  position \(position)  overrides \(overrides)"
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [3, 16, 16, 8, 12, 12, 12]
        var line = ""
        for (i, cell) in cells.enumerated() {
            if i == 0 {
                line += String(repeating: " ", count: max(0, widths[0] - cell.count)) + cell + "  "
            } else if i < widths.count {
                line += cell + String(repeating: " ", count: max(1, widths[i] - cell.count + 1))
            } else {
                line += cell
            }
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    static func text(_ value: PlainValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .integer(let i): "\(i)"
        case .number(let d): NumberText.plain(d)
        case .string(let s): s
        case .list(let items): "[" + items.map(text).joined(separator: ",") + "]"
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): NumberText.plain(d)
        case .string(let s): s
        case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
        case .object: value.serializedString
        }
    }
}
