import Codec
import Foundation
public import RuleEngine

extension RuleSetReloader.Report {
    /// The text form of rule-files.md §6.5, for the server log and `aurora ops reload`.
    public var text: String {
        switch outcome {
        case .failed(let active, _, let rendered):
            return "reload FAILED: keeping \(active.identity.name) \(active.identity.fingerprint)\n" + rendered
        case .unchanged(let set):
            return "reload ok: \(set.identity.name) \(set.identity.fingerprint) unchanged (\(String(format: "%.1f", durationMs)) ms)"
                + (needsRestart.isEmpty ? "" : "\n  needs restart: " + needsRestart.joined(separator: ", "))
        case .reloaded(let previous, let current, let diff):
            var lines = ["reload ok: \(current.identity.name) \(previous.identity.fingerprint) → \(current.identity.fingerprint) (\(String(format: "%.1f", durationMs)) ms)"]
            lines += RuleSetDiffText.lines(diff)
            if !needsRestart.isEmpty { lines.append("  needs restart: " + needsRestart.joined(separator: ", ")) }
            return lines.joined(separator: "\n")
        }
    }
}

/// One change per line, as rule-files.md §6.5 shows.
public enum RuleSetDiffText {
    public static func lines(_ diff: RuleSetDiff) -> [String] {
        func id(_ s: String) -> String { s.count >= 16 ? s + " " : s + String(repeating: " ", count: 18 - s.count) }
        func field(_ s: String) -> String { s.count >= 30 ? s + " " : s + String(repeating: " ", count: 30 - s.count) }
        func value(_ v: JSONValue) -> String {
            switch v {
            case .null: "–"
            case .double(let d): NumberText.plain(d)
            case .int(let i): "\(i)"
            case .string(let s): s
            default: v.serializedString
            }
        }
        var out: [String] = []
        for a in diff.added { out.append("  + \(id(a.id))\(a.type), \(a.mode.rawValue)") }
        for r in diff.removed { out.append("  - \(id(r.id))\(r.type)") }
        for m in diff.modeChanged { out.append("  ~ \(id(m.id))\(field("mode"))\(m.from.rawValue) → \(m.to.rawValue)") }
        for p in diff.paramsChanged {
            var line = "  ~ \(id(p.id))\(field(p.param))" + value(p.old).leftPadded(10) + " → " + value(p.new)
            var notes: [String] = []
            if let ratio = p.ratio { notes.append("×" + NumberText.plain(ratio) + (p.large ? ", large" : "")) }
            if let r = p.overriddenAtRuntime { notes.append("overridden at runtime: " + NumberText.plain(r)) }
            if diff.stateReset.contains(p.id) && p.param == "params.scope" { notes.append("state reset") }
            if !notes.isEmpty { line += "  (" + notes.joined(separator: ", ") + ")" }
            out.append(line)
        }
        for c in diff.policyChanged { out.append("  ~ \(id(c.id))\(field(c.field))" + c.from.leftPadded(10) + " → \(c.to)") }
        if diff.orderChanged { out.append("  ~ order of rules changed") }
        if !diff.stateReset.isEmpty { out.append("  state reset: " + diff.stateReset.joined(separator: ", ")) }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
