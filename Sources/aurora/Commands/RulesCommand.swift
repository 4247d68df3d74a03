import RuleEngine
import Rules
import YAMLKit

/// `aurora rules`: the catalog of registered rule types with their params, defaults and units.
enum RulesCommand: Command {
    static let name = "rules"
    static let summary = "list the rule types with their params, defaults and units"
    static let help = """
        usage: aurora rules [TYPE]

        Lists every registered rule type: what it checks, its default on_missing, how it treats orders that reduce
        exposure, and each param with its type, unit, default and valid range. With TYPE, shows only that type.

        example:
          aurora rules
          aurora rules spread
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: [:])
        guard args.positionals.count <= 1 else { throw UsageError("expected at most one TYPE") }
        var catalog = RuleRegistry.standard().catalog
        if let only = args.positionals.first {
            catalog = catalog.filter { $0.name.rawValue == only }
            if catalog.isEmpty {
                Output.err("aurora rules: unknown rule type '\(only)'; known types: "
                    + RuleRegistry.standard().typeNames.joined(separator: ", "))
                return .failure
            }
        }
        var out = ""
        for info in catalog {
            out += "\(info.name) — \(info.summary)\n"
            out += "  on_missing default: \(info.defaultOnMissing?.rawValue ?? "— (no required inputs)")"
            out += "   reducing orders: \(info.reducingOrders.rawValue)\n"
            if !info.inputs.isEmpty { out += "  inputs: \(info.inputs.joined(separator: ", "))\n" }
            let nameWidth = max(4, info.params.map { $0.key.name.count }.max() ?? 0)
            for param in info.params {
                let key = param.key
                var line = "    " + key.name.padding(nameWidth) + "  " + key.typeDescription.padding(16)
                line += "  default " + key.defaultText.padding(8)
                line += "  unit " + (key.unit ?? "-").padding(8)
                if let range = key.rangeText { line += "  range " + range }
                if param.overridable != .yes {
                    line += param.overridable == .no ? "  (not overridable)" : "  (overridable only with scope: symbol)"
                }
                out += line + "\n      " + key.help + "\n"
            }
            out += "\n"
        }
        Output.out(String(out.dropLast()))
        return .success
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
