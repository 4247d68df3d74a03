public import Codec
import Foundation
public import RuleEngine

extension RuleSetReloader.Report {
    /// The text form of rule-files.md §6.5, for the server log (`aurora ops reload` renders the same from the
    /// answer with `RuleSetDiffText.reloadText(answer:)`).
    public var text: String {
        switch outcome {
        case .failed(let active, _, let rendered):
            return "reload FAILED: keeping \(active.identity.name) \(active.identity.fingerprint)\n" + rendered
        case .unchanged:
            return RuleSetDiffText.reloadText(answer: response.bodyJSON)
        case .reloaded:
            return RuleSetDiffText.reloadText(answer: response.bodyJSON)
        }
    }
}

extension HTTPResponse {
    fileprivate var bodyJSON: JSONValue { (try? JSONReader.parse(body)) ?? .null }
}

/// One change per line, as rule-files.md §6.5 shows, rendered from the `diff` object of `RULES.RELOADED` and
/// `POST /ops/reload`.
public enum RuleSetDiffText {
    /// The whole text of a successful reload from its 200 body: the `reload ok:` line, the changes, `needs restart`.
    public static func reloadText(answer: JSONValue) -> String {
        let name = answer["ruleset"]?["name"]?.stringValue ?? "?"
        let current = answer["ruleset"]?["fingerprint"]?.stringValue ?? "?"
        let previous = answer["previous_fingerprint"]?.stringValue ?? "?"
        let ms = String(format: "%.1f", answer["duration_ms"]?.doubleValue ?? 0)
        var lines: [String]
        if answer["changed"]?.boolValue == true {
            lines = ["reload ok: \(name) \(previous) → \(current) (\(ms) ms)"] + self.lines(answer["diff"] ?? .null)
        } else {
            lines = ["reload ok: \(name) \(current) unchanged (\(ms) ms)"]
        }
        let restart = (answer["needs_restart"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !restart.isEmpty { lines.append("  needs restart: " + restart.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    public static func lines(_ diff: RuleSetDiff) -> [String] { lines(diff.json) }

    public static func lines(_ diff: JSONValue) -> [String] {
        func id(_ s: String) -> String { s.count >= 16 ? s + " " : s + String(repeating: " ", count: 18 - s.count) }
        func field(_ s: String) -> String { s.count >= 30 ? s + " " : s + String(repeating: " ", count: 30 - s.count) }
        func value(_ v: JSONValue?) -> String {
            switch v ?? .null {
            case .null: "–"
            case .double(let d): NumberText.plain(d)
            case .int(let i): "\(i)"
            case .string(let s): s
            case let other: other.serializedString
            }
        }
        func items(_ key: String) -> [JSONValue] { diff[key]?.arrayValue ?? [] }
        func text(_ item: JSONValue, _ key: String) -> String { item[key]?.stringValue ?? "" }
        let stateReset = items("state_reset").compactMap(\.stringValue)
        var out: [String] = []
        for a in items("added") { out.append("  + \(id(text(a, "id")))\(text(a, "type")), \(text(a, "mode"))") }
        for r in items("removed") { out.append("  - \(id(text(r, "id")))\(text(r, "type"))") }
        for m in items("mode_changed") {
            out.append("  ~ \(id(text(m, "id")))\(field("mode"))\(text(m, "from")) → \(text(m, "to"))")
        }
        for p in items("params_changed") {
            let param = text(p, "param")
            var line = "  ~ \(id(text(p, "id")))\(field(param))" + value(p["old"]).leftPadded(10) + " → " + value(p["new"])
            var notes: [String] = []
            if let ratio = p["ratio"]?.doubleValue {
                notes.append("×" + NumberText.plain(ratio) + (p["large"]?.boolValue == true ? ", large" : ""))
            }
            if let r = p["overridden_at_runtime"]?.doubleValue {
                notes.append("overridden at runtime: " + NumberText.plain(r))
            }
            if stateReset.contains(text(p, "id")) && param == "params.scope" { notes.append("state reset") }
            if !notes.isEmpty { line += "  (" + notes.joined(separator: ", ") + ")" }
            out.append(line)
        }
        for c in items("policy_changed") {
            out.append("  ~ \(id(text(c, "id")))\(field(text(c, "field")))" + text(c, "from").leftPadded(10)
                + " → \(text(c, "to"))")
        }
        if diff["order_changed"]?.boolValue == true { out.append("  ~ order of rules changed") }
        if !stateReset.isEmpty { out.append("  state reset: " + stateReset.joined(separator: ", ")) }
        return out
    }

    /// A failed reload from its 422 body: `reload FAILED: keeping <name> <fingerprint>`, then one
    /// `file:line:col: severity: message [code]` line per diagnostic with its notes.
    public static func failureText(answer: JSONValue, keeping identity: String) -> String {
        var lines = ["reload FAILED: keeping \(identity)"]
        for item in answer["detail"]?.arrayValue ?? [] {
            let loc = item["loc"]?.arrayValue ?? []
            var place = loc.first?.stringValue ?? ""
            if loc.count > 2, let line = loc[1].intValue, let col = loc[2].intValue { place += ":\(line):\(col)" }
            let ctx = item["ctx"]
            let severity = ctx?["severity"]?.stringValue ?? "error"
            let code = ctx?["code"]?.stringValue.map { " [\($0)]" } ?? ""
            lines.append("\(place.isEmpty ? "" : place + ": ")\(severity): \(item["msg"]?.stringValue ?? "")\(code)")
            for note in ctx?["notes"]?.arrayValue ?? [] { lines.append("  note: \(note.stringValue ?? "")") }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
