import Codec
import Foundation
public import RuleEngine

/// `aurora eval --steps` (rule-files.md §8): a JSON Lines sequence of pretrade, posttrade, OPS and reload steps
/// evaluated in one process, one JSON answer per step.
public struct StepsRun: Sendable {
    public struct InvalidStep: Error, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public let registry: RuleRegistry
    public let files: [String]
    public let defaultMode: String
    public let explain: Bool

    public init(registry: RuleRegistry, files: [String], defaultMode: String, explain: Bool) {
        self.registry = registry
        self.files = files
        self.defaultMode = defaultMode
        self.explain = explain
    }

    public enum Failure: Error, Sendable {
        case invalidRules(String)
        case invalidStep(InvalidStep)
    }

    /// Runs every line of `text`, handing each answer to `emit` as it is produced; stops at the first invalid line.
    public func run(_ text: String, emit: (String) -> Void) throws(Failure) {
        var runner: StepRunner?
        var lastAt: Int64 = .min
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            func invalid(_ message: String) -> Failure { .invalidStep(InvalidStep(line: lineNumber, message: message)) }
            let value: JSONValue
            do { value = try JSONReader.parse(Array(line.utf8)) } catch { throw invalid("not valid JSON: \(error)") }
            guard case .object(let step) = value else { throw invalid("a step must be a JSON object") }
            for key in step.keys where !["at", "pretrade", "posttrade", "ops", "reload"].contains(key) {
                throw invalid("unknown key '\(key)'")
            }
            guard let at = step["at"]?.intValue else { throw invalid("missing integer 'at' (epoch ms)") }
            guard at >= lastAt else { throw invalid("'at' \(at) is earlier than the previous step's \(lastAt)") }
            lastAt = at
            let kinds = ["pretrade", "posttrade", "ops", "reload"].filter { step[$0] != nil }
            guard kinds.count == 1, let kind = kinds.first, let body = step[kind] else {
                throw invalid("a step has exactly one of pretrade, posttrade, ops, reload")
            }
            let now = WallTime(ms: at)
            if runner == nil {
                do {
                    runner = StepRunner(evaluator: try Evaluator(registry: registry, files: files, now: now,
                                                                 defaultMode: defaultMode))
                } catch {
                    if case .invalidRules(let rendered) = error { throw .invalidRules(rendered) }
                    throw .invalidRules("")
                }
            }
            guard let runner else { continue }
            switch kind {
            case "pretrade":
                switch runner.pretrade(body, now: now, explain: explain) {
                case .invalid(let detail): emit(String(decoding: detail, as: UTF8.self))
                case .decided(let outcome): emit(String(decoding: outcome.responseBody(), as: UTF8.self))
                }
            case "posttrade":
                emit(String(decoding: runner.posttrade(body, now: now).body, as: UTF8.self))
            case "ops":
                guard case .object(var fields) = body, let action = fields["action"]?.stringValue else {
                    throw invalid("'ops' must be an object with a string 'action'")
                }
                fields["action"] = nil
                let outcome = runner.ops(action, body: fields, now: now)
                if outcome.effect != .readOnly, outcome.status == 200 { _ = runner.service.identity.nextSeq() }
                emit(String(decoding: outcome.body, as: UTF8.self))
            default:
                let paths: [String]
                if let one = body.stringValue {
                    paths = [one]
                } else if case .array(let items) = body, !items.isEmpty, items.allSatisfy({ $0.stringValue != nil }) {
                    paths = items.compactMap(\.stringValue)
                } else {
                    throw invalid("'reload' must be a path or a list of paths")
                }
                let started = ContinuousClock.now
                let result = runner.reload(paths, now: now)
                let elapsed = (ContinuousClock.now - started).components
                let ms = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
                _ = runner.service.identity.nextSeq()
                switch result {
                case .failed(let load): emit(ReloadAnswer.failure(load.diagnostics).serializedString)
                case .unchanged(let set):
                    emit(ReloadAnswer.success(previous: set, current: set, diff: nil, needsRestart: [], durationMs: ms)
                        .serializedString)
                case .reloaded(let previous, let current):
                    let diff = RuleSetDiff.reload(from: previous, to: current, shared: runner.service.shared)
                    emit(ReloadAnswer.success(previous: previous, current: current, diff: diff, needsRestart: [],
                                              durationMs: ms).serializedString)
                }
            }
        }
    }
}
