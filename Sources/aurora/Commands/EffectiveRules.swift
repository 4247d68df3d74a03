import Foundation
import Host
import RuleEngine
import YAMLKit

/// The compiled pipeline as YAML (`aurora check --effective`): what a risk manager reviews before a change.
enum EffectiveRules {
    static func yaml(_ set: CompiledRuleSet) -> String {
        var out = "# effective pipeline of rule set \(set.identity.name) (\(set.identity.fingerprint))\npipeline:\n"
        for step in set.steps {
            out += "  - id: \(step.key.id)\n"
            out += "    type: \(step.key.type)\n"
            out += "    mode: \(step.mode.rawValue)\n"
            out += "    on_error: \(step.onError.rawValue)\n"
            out += "    on_missing: \(step.onMissing?.rawValue ?? "null")\n"
            out += "    stop: \(step.stop)\n"
            out += "    reducing_orders: \(step.reducingOrders.rawValue)\n"
            out += "    source: \(step.declaredAt)\n"
            if let description = step.description { out += "    description: \(quoted(description))\n" }
            out += "    params:\n"
            for param in step.params { out += "      \(param.name): \(render(param.value))\n" }
            if !step.overrides.isEmpty {
                out += "    overrides:\n"
                for o in step.overrides {
                    var match: [String] = []
                    if let symbols = o.match.symbols { match.append("symbols: [\(symbols.map(\.rawValue).joined(separator: ", "))]") }
                    if let modes = o.match.accountModes { match.append("account_modes: [\(modes.joined(separator: ", "))]") }
                    out += "      - match: {\(match.joined(separator: ", "))}\n"
                    out += "        source: \(o.declaredAt)\n"
                    out += "        params:\n"
                    for param in o.params { out += "          \(param.name): \(render(param.value))\n" }
                }
            }
        }
        return out
    }

    static func render(_ value: PlainValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .integer(let i): "\(i)"
        case .number(let d): NumberText.plain(d)
        case .string(let s): quoted(s)
        case .list(let items): "[" + items.map(render).joined(separator: ", ") + "]"
        }
    }

    private static func quoted(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789_.-/".unicodeScalars.contains($0) }
            && Double(s) == nil && !["true", "false", "null", "yes", "no", "on", "off"].contains(s.lowercased())
        if plain { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
