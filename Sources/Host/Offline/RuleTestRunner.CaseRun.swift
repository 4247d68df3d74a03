import Codec
import RuleEngine
import YAMLKit

extension RuleTestRunner {
    /// One case on a fresh engine: its steps in order, stopping at the first failing one.
    struct CaseRun {
        let file: RuleTestFile
        let testCase: RuleTestCase
        let registry: RuleRegistry

        /// The result, and the coverage seen: rule key (file NUL id) → pass or deny.
        func run() -> (CaseResult, [(String, DecisionTrace.Verdict)]) {
            var result = CaseResult(name: testCase.name, failures: [])
            var seen: [(String, DecisionTrace.Verdict)] = []
            let runner: StepRunner
            do {
                runner = StepRunner(evaluator: try Evaluator(registry: registry, files: file.ruleFiles,
                                                             now: WallTime(ms: file.startMs)))
            } catch {
                result.failures.append(StepFailure(step: 1, atMs: 0, field: "rule_files", want: "loadable", got: "invalid"))
                return (result, seen)
            }
            if let state = testCase.state { apply(state, to: runner.service.shared) }
            for step in testCase.steps {
                let failuresBefore = result.failures.count
                func fail(_ at: Int64, _ field: String, _ want: JSONValue, _ got: JSONValue, verdict: Bool = false) {
                    result.failures.append(StepFailure(step: step.index, atMs: at, field: field, want: want, got: got,
                                                       isVerdict: verdict))
                }
                switch step.action {
                case .request(let partial, let count, let every, let expect):
                    for k in 0..<count {
                        let at = step.atMs + Int64(k) * every
                        let now = file.startMs + at
                        let body = RequestTemplate.resolve(RequestTemplate.merge(file.base, partial), now: now)
                        switch runner.pretrade(body, now: WallTime(ms: now)) {
                        case .invalid(let detail):
                            fail(at, "request", "a valid request", .string(String(decoding: detail, as: UTF8.self)))
                        case .decided(let outcome):
                            let d = outcome.decision
                            result.lastTrace = Self.traceText(d, named: Set(d.trace.steps.map(\.key.id.rawValue)))
                            for t in d.trace.steps where t.verdict == .pass || t.verdict == .deny || t.verdict == .shadowDeny {
                                if let reason = t.reason, reason.hasPrefix("missing_input:") || reason.hasPrefix("invalid_input:")
                                    || reason.hasPrefix("rule_error:") { continue }
                                let declared = outcome.ruleSet.steps[t.stepIndex].declaredAt.file
                                seen.append((declared + "\u{0}" + t.key.id.rawValue, t.verdict == .pass ? .pass : .deny))
                            }
                            if let expect {
                                let failures = expect.check(d)
                                for f in failures { fail(at, f.field, f.want, f.got, verdict: f.isVerdict) }
                                if !failures.isEmpty {
                                    let named = Set(failures.compactMap(\.tracedRule))
                                    result.trace = Self.traceText(d, named: named)
                                }
                            }
                        }
                        if result.failures.count > failuresBefore { break }
                    }
                case .posttrade(let body):
                    let now = file.startMs + step.atMs
                    let answer = runner.posttrade(RequestTemplate.resolve(body, now: now), now: WallTime(ms: now))
                    if answer.status != 200 {
                        fail(step.atMs, "posttrade", "200", .string("\(answer.status) \(String(decoding: answer.body, as: UTF8.self))"))
                    }
                case .ops(let action, let body):
                    let answer = runner.ops(action, body: body, now: WallTime(ms: file.startMs + step.atMs))
                    if answer.status != 200 {
                        fail(step.atMs, "ops.\(action)", "200", .string("\(answer.status) \(String(decoding: answer.body, as: UTF8.self))"))
                    }
                case .reload(let files):
                    if case .failed(let result) = runner.reload(files, now: WallTime(ms: file.startMs + step.atMs)) {
                        fail(step.atMs, "reload", "success", .string(result.rendered))
                    }
                }
                if result.failures.count > failuresBefore { break }
            }
            return (result, seen)
        }

        private func apply(_ state: RuleTestCase.InitialState, to shared: SharedState) {
            let start = file.startMs
            shared.update { values in
                if let trading = state.trading {
                    values.trading = TradingStatus(state: trading, sinceMs: start, reason: "test", source: .ops)
                }
                if let armed = state.armed { values.armed = armed }
                for (symbol, qty, price, since) in state.positions {
                    values.positions[symbol] = Position(qty: qty, sinceMs: start + since, lastFillPrice: price,
                                                        averageEntryPrice: price)
                }
                for (param, value) in state.riskOverrides { try? values.riskOverrides.set(param, value) }
            }
        }

        /// `governance pass · … · spread deny (80.1 vs 80)`.
        static func traceText(_ d: Decision, named: Set<String>) -> String {
            d.trace.steps.map { step in
                var text = "\(step.key.id) \(step.verdict.rawValue)"
                let show = step.verdict == .deny || step.verdict == .shadowDeny || named.contains(step.key.id.rawValue)
                if show, step.measured != nil || step.threshold != nil {
                    text += " (\(step.measured.map(NumberText.plain) ?? "-") vs \(step.threshold.map(NumberText.plain) ?? "-"))"
                }
                return text
            }.joined(separator: " · ")
        }
    }
}
