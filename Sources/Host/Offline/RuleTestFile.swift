import Codec
import Foundation
import RuleEngine
import YAMLKit

/// A rule test file (rule-files.md §7.1), validated with the same diagnostics as rule files.
struct RuleTestFile: Sendable {
    var path: String
    var ruleFiles: [String] = []
    var startMs: Int64 = 1_735_689_600_000
    var base: JSONValue = .object(JSONObject())
    var cases: [RuleTestCase] = []
    /// Every rule file set a `reload` step names (validated with the file).
    var reloadSets: [[String]] = []

    static let topKeys = ["version", "rule_files", "start_time", "base", "tests"]
    static let caseKeys = ["name", "state", "request", "expect", "steps"]
    static let stepKeys = ["at_ms", "request", "repeat", "every_ms", "expect", "posttrade", "ops", "reload"]
    static let stateKeys = ["trading_state", "armed", "positions", "risk_overrides"]

    /// Parses `path`; diagnostics hold every problem (the file is unusable when any is an error).
    static func load(path: String, sources: inout SourceCache) -> (RuleTestFile, Diagnostics) {
        var file = RuleTestFile(path: path)
        var d = Diagnostics()
        guard let data = FileManager.default.contents(atPath: path) else {
            d.append(Diagnostic(.error, .ioError, "cannot read '\(path)': \(String(cString: strerror(errno)))", file: path))
            return (file, d)
        }
        let text = SourceText(path: path, bytes: Array(data))
        sources.add(text)
        var limits = YAMLLimits()
        limits.fileKind = "rule test file"
        let root: YAMLNode
        switch YAMLParser.parse(text, limits: limits) {
        case .failure(let problems): return (file, problems)
        case .success(let node): root = node
        }
        guard let top = root.mapping else {
            d.append(Diagnostic(.error, .typeMismatch, "the rule test file must be a mapping, got \(root.kindDescription)",
                                at: root.location))
            return (file, d)
        }
        var p = Parser(diagnostics: d)
        p.unknownKeys(top, valid: topKeys, place: "the top level")
        if let v = top["version"] {
            if p.integer(v, "version") != 1 {
                p.error(.unsupportedVersion, "unsupported rule test file version: this build reads version 1", v)
            }
        } else {
            p.missing("version", "the top level", top.location)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let resolve = { (relative: String) in
            relative.hasPrefix("/") || directory.isEmpty ? relative : RulePath.normalize(directory + "/" + relative)
        }
        if let node = top["rule_files"] {
            file.ruleFiles = p.paths(node, "rule_files").map(resolve)
        } else {
            p.missing("rule_files", "the top level", top.location)
        }
        if let node = top["start_time"] {
            if let s = p.string(node, "start_time") {
                if let ms = RFC3339.parse(s) { file.startMs = ms } else {
                    p.error(.invalidValue, "'start_time' must be an RFC 3339 UTC time, got '\(s)'", node)
                }
            }
        }
        if let node = top["base"], !node.isNull {
            RequestTemplate.checkFields(node, diagnostics: &p.diagnostics)
            file.base = RequestTemplate.json(node)
        }
        var names: [String: SourceLocation] = [:]
        if let node = top["tests"] {
            if let list = node.sequence, !list.items.isEmpty {
                for item in list.items {
                    guard let mapping = item.mapping else {
                        p.diagnostics.append(LoaderLike.typeMismatch("tests", "a list of mappings", item))
                        continue
                    }
                    if let c = p.testCase(mapping, resolve: resolve, reloadSets: &file.reloadSets) {
                        if let first = names[c.name] {
                            p.diagnostics.append(Diagnostic(.error, "duplicate-test", "duplicate test name '\(c.name)'",
                                                            at: c.location, notes: ["first defined at \(first)"]))
                        } else {
                            names[c.name] = c.location
                            file.cases.append(c)
                        }
                    }
                }
            } else {
                p.diagnostics.append(LoaderLike.typeMismatch("tests", "a non-empty list", node))
            }
        } else {
            p.missing("tests", "the top level", top.location)
        }
        return (file, p.diagnostics)
    }
}

/// Message builders shared with the rule-file loader's wording (rule-files.md §3).
enum LoaderLike {
    static func typeMismatch(_ key: String, _ expected: String, _ node: YAMLNode) -> Diagnostic {
        Diagnostic(.error, .typeMismatch, "'\(key)' must be \(expected), got \(node.kindDescription)", at: node.location,
                   length: node.length)
    }
}
