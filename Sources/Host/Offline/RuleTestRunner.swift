public import RuleEngine
public import Codec
import Foundation
public import YAMLKit

/// `aurora test` (rule-files.md §7): runs rule test files under a virtual clock, checks every expectation and the
/// rule coverage (each rule seen passing and denying).
public struct RuleTestRunner: Sendable {
    public struct StepFailure: Sendable {
        public var step: Int
        public var atMs: Int64
        public var field: String
        public var want: JSONValue
        public var got: JSONValue
        /// A trace verdict (`rules.<id>: want deny, got pass`): the text report writes the two words unquoted.
        public var isVerdict = false
    }

    public struct CaseResult: Sendable {
        public var name: String
        public var failures: [StepFailure]
        /// The compact trace of the failing evaluation, as text.
        public var trace: String?
        /// The compact trace of the case's last evaluation with every rule's numbers (`--verbose`).
        public var lastTrace: String?
        public var ok: Bool { failures.isEmpty }
    }

    public struct FileResult: Sendable {
        public var path: String
        public var cases: [CaseResult]
    }

    public struct CoveredRule: Sendable {
        public var file: String
        public var id: String
        public var type: String
        public var mode: RuleMode
        public var location: SourceLocation
        public var pass = false
        public var deny = false
    }

    public struct Results: Sendable {
        public var files: [FileResult] = []
        public var coverage: [CoveredRule] = []
        /// Load errors of test or rule files (rendered diagnostics); any makes the run fail.
        public var loadErrors: String = ""
        public var filtered = false

        public var passed: Int { files.reduce(0) { $0 + $1.cases.filter(\.ok).count } }
        public var failed: Int { files.reduce(0) { $0 + $1.cases.filter { !$0.ok }.count } }
        public var coverageComplete: Bool { coverage.allSatisfy { $0.mode == .off || ($0.pass && $0.deny) } }
        public var ok: Bool { loadErrors.isEmpty && failed == 0 && (filtered || coverageComplete) }
    }

    public let registry: RuleRegistry
    public init(registry: RuleRegistry) { self.registry = registry }

    public func run(paths: [String], filter: String? = nil) -> Results {
        var results = Results()
        results.filtered = filter != nil
        let regex = filter.flatMap { try? NSRegularExpression(pattern: $0) }
        var coverage: [String: CoveredRule] = [:]
        var order: [String] = []
        var sources = SourceCache()
        var diagnostics = Diagnostics()
        let loader = RuleSetLoader(registry: registry)
        for path in paths {
            let (file, problems) = RuleTestFile.load(path: path, sources: &sources)
            diagnostics.append(contentsOf: problems)
            // A file with errors still has its rule files loaded and the rule ids of its valid cases checked, so
            // that every problem is reported at once; it is not run.
            guard !file.ruleFiles.isEmpty else { continue }
            // The rule files (and every reload target) are validated with the test file.
            let initial = loader.load(files: file.ruleFiles, options: .init(offline: true, loadedAt: WallTime(ms: file.startMs)))
            var known = Set<String>()
            var loadFailed = false
            for (index, files) in ([file.ruleFiles] + file.reloadSets).enumerated() {
                let result = index == 0 ? initial : loader.load(files: files, options: .init(offline: true))
                if let set = result.ruleSet {
                    for step in set.steps { known.insert(step.key.id.rawValue) }
                } else {
                    results.loadErrors += result.rendered
                    loadFailed = true
                }
            }
            guard !loadFailed, let set = initial.ruleSet else { continue }
            var fileHasErrors = problems.hasErrors
            for c in file.cases {
                for step in c.steps {
                    guard case .request(_, _, _, let expect?) = step.action else { continue }
                    for rule in expect.rules where !known.contains(rule.id) {
                        var notes: [String] = []
                        if let s = DidYouMean.suggestion(for: rule.id, among: Array(known)) { notes.append("did you mean '\(s)'?") }
                        notes.append("rules: \(known.sorted().joined(separator: ", "))")
                        diagnostics.append(Diagnostic(.error, "unknown-rule-id",
                            "expectation names rule '\(rule.id)', which the rule set does not have", at: rule.location,
                            length: rule.id.count, notes: notes))
                        fileHasErrors = true
                    }
                }
            }
            if fileHasErrors { continue }
            for step in set.steps {
                let key = step.declaredAt.file + "\u{0}" + step.key.id.rawValue
                if coverage[key] == nil {
                    coverage[key] = CoveredRule(file: step.declaredAt.file, id: step.key.id.rawValue,
                                                type: step.key.type.rawValue, mode: step.mode, location: step.declaredAt)
                    order.append(key)
                }
            }
            var fileResult = FileResult(path: path, cases: [])
            for c in file.cases {
                if let regex, regex.firstMatch(in: c.name, range: NSRange(c.name.startIndex..., in: c.name)) == nil { continue }
                let (result, seen) = CaseRun(file: file, testCase: c, registry: registry).run()
                fileResult.cases.append(result)
                guard result.ok else { continue }
                for (key, verdict) in seen {
                    if verdict == .pass { coverage[key]?.pass = true } else { coverage[key]?.deny = true }
                }
            }
            results.files.append(fileResult)
        }
        if diagnostics.hasErrors || !diagnostics.isEmpty {
            let errorsOnly = Diagnostics(diagnostics.sorted.filter { $0.severity == .error })
            if !errorsOnly.isEmpty { results.loadErrors = errorsOnly.rendered(sources: sources) + results.loadErrors }
        }
        results.coverage = order.compactMap { coverage[$0] }
        return results
    }
}
