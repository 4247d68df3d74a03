import Dispatch
public import RuleEngine
import Synchronization
public import YAMLKit

/// Hot reload (rule-files.md §6): validate every file first, then swap the rule set atomically; keep the old one on
/// any failure. Reloads are serialised; SIGHUPs arriving while one runs coalesce into exactly one more run.
/// Runs off the event loops (the caller's thread, or a background queue for signals).
public final class RuleSetReloader: Sendable {
    public enum Trigger: String, Sendable { case startup, sighup, ops }

    /// What a reload reads before loading: the root rule files, and the config keys that changed but need a
    /// restart — or the diagnostics of an invalid configuration file (a failure).
    public struct Sources: Sendable {
        public var files: [String]
        public var needsRestart: [String]
        public var configProblems: Diagnostics
        public var configSources: SourceCache
        public init(files: [String], needsRestart: [String] = [], configProblems: Diagnostics = Diagnostics(),
                    configSources: SourceCache = SourceCache()) {
            self.files = files
            self.needsRestart = needsRestart
            self.configProblems = configProblems
            self.configSources = configSources
        }
    }

    public struct Report: Sendable {
        public enum Outcome: Sendable {
            case reloaded(previous: CompiledRuleSet, current: CompiledRuleSet, diff: RuleSetDiff)
            case unchanged(CompiledRuleSet)
            case failed(active: CompiledRuleSet, diagnostics: Diagnostics, rendered: String)
        }
        public var trigger: Trigger
        public var outcome: Outcome
        public var needsRestart: [String]
        public var durationMs: Double
        public var at: WallTime
        public var files: [String]
        public var succeeded: Bool {
            if case .failed = outcome { return false }
            return true
        }
    }

    private let store: RuleSetStore
    private let loader: RuleSetLoader
    private let shared: SharedState
    private let sources: @Sendable () -> Sources
    private let now: @Sendable () -> WallTime
    private let onReport: @Sendable (Report) -> Void
    private let serial = Mutex(())
    private let signals = Mutex((running: false, pending: false))
    private let queue = DispatchQueue(label: "aurora.reload")
    private let last: Mutex<Report?> = Mutex(nil)

    public init(store: RuleSetStore, loader: RuleSetLoader, shared: SharedState,
                sources: @escaping @Sendable () -> Sources, now: @escaping @Sendable () -> WallTime,
                onReport: @escaping @Sendable (Report) -> Void) {
        self.store = store
        self.loader = loader
        self.shared = shared
        self.sources = sources
        self.now = now
        self.onReport = onReport
    }

    /// The last reload's report (for `GET /ops/rules` `last_reload`).
    public var lastReport: Report? { last.withLock { $0 } }

    /// Performs one reload now, after any running one (POST /ops/reload). Blocks the calling thread.
    @discardableResult
    public func reload(trigger: Trigger) -> Report {
        serial.withLock { _ in
            let report = perform(trigger)
            last.withLock { $0 = report }
            onReport(report)
            return report
        }
    }

    /// A SIGHUP: runs a reload on the reload queue; one that arrives while a reload runs causes exactly one more.
    public func signal(completion: (@Sendable () -> Void)? = nil) {
        let start = signals.withLock { state -> Bool in
            if state.running {
                state.pending = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            while true {
                reload(trigger: .sighup)
                let again = signals.withLock { state -> Bool in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.running = false
                    return false
                }
                if !again { break }
            }
            completion?()
        }
    }

    private func perform(_ trigger: Trigger) -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        let at = now()
        let input = sources()
        let current = store.current
        func elapsed() -> Double {
            let c = started.duration(to: clock.now).components
            return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
        }
        if input.configProblems.hasErrors {
            return Report(trigger: trigger, outcome: .failed(active: current, diagnostics: input.configProblems,
                                                             rendered: input.configProblems.rendered(sources: input.configSources)),
                          needsRestart: [], durationMs: elapsed(), at: at, files: input.files)
        }
        let result = loader.load(files: input.files, previous: current, options: .init(loadedAt: at))
        guard let next = result.ruleSet else {
            return Report(trigger: trigger, outcome: .failed(active: current, diagnostics: result.diagnostics,
                                                             rendered: result.rendered),
                          needsRestart: input.needsRestart, durationMs: elapsed(), at: at, files: input.files)
        }
        if next.identity.fingerprint == current.identity.fingerprint {
            return Report(trigger: trigger, outcome: .unchanged(current), needsRestart: input.needsRestart,
                          durationMs: elapsed(), at: at, files: input.files)
        }
        let diff = RuleSetDiff.reload(from: current, to: next, shared: shared)
        store.replace(with: next)
        return Report(trigger: trigger, outcome: .reloaded(previous: current, current: next, diff: diff),
                      needsRestart: input.needsRestart, durationMs: elapsed(), at: at, files: input.files)
    }
}
