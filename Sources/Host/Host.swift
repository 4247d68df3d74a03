import Codec
import Dispatch
import Foundation
import Glibc
public import RuleEngine
import Synchronization
import Wire

/// The gate, composed: rules, shared state, the decision service, the session logs and their group commit, the
/// metrics, the API routes and the HTTP server (architecture.md §4 `Host.swift`). `start()` binds and serves;
/// `shutdown(signal:)` drains, records `AURORA.SHUTDOWN`, flushes and syncs the logs.
public final class Host: Sendable {
    public struct StartError: Error, Sendable, CustomStringConvertible {
        public enum Kind: Sendable { case invalidRules, sessionDirectory, listen }
        public let kind: Kind
        public let description: String
    }

    /// Where the records go: the session directory's files, or memory (tests).
    public enum LogTarget: Sendable {
        case sessionDirectory
        case memory(InMemoryEventSink)
    }

    public let settings: HostSettings
    public let identity: RunIdentity
    public let store: RuleSetStore
    public let shared: SharedState
    public let service: DecisionService
    public let metrics: HostMetrics
    public let environment: APIEnvironment
    public let sessionDirectory: String
    public let sink: any EventSink
    /// The OPS token in force and the request checks (http-api.md §6.1–§6.3).
    public let opsGuard: OpsGuard
    /// SIGHUP and `POST /ops/reload` (rule-files.md §6).
    public let reloader: RuleSetReloader
    /// The state file; nil when `settings.statePath` is nil.
    public let stateKeeper: StateKeeper?
    private let sessionLogs: SessionLogs?
    let committer: LogCommitter
    private let flusher: LogFlusher
    let startedAtMs: Int64
    /// What the state file held at start (`AURORA.STARTUP.OK.state_file`).
    let stateStatus: String
    /// The start's events about the state file and the token, written by `start()` before `AURORA.STARTUP.OK`.
    let startupEvents: [(code: String, details: JSONObject)]
    private let router = Mutex(Router())
    private final class ServerBox: Sendable {
        let server = Mutex<HTTPServer?>(nil)
    }

    /// The ack scan's timer (DispatchSource objects are thread-safe but not marked Sendable).
    private struct ScanTimer: @unchecked Sendable {
        let timer: any DispatchSourceTimer
    }

    private let serverBox = ServerBox()
    private let scanTimer = Mutex<ScanTimer?>(nil)
    private let boundPort = Atomic<Int>(-1)
    private let signalTrap = Mutex<SignalTrap?>(nil)
    /// The server while `shutdown` drains it: a second SIGTERM/SIGINT closes what is left at once.
    private let drainingServer = Mutex<HTTPServer?>(nil)

    /// Loads the rule files (any diagnostic error refuses to start) and opens the session directory (taking its lock).
    public init(settings: HostSettings, registry: RuleRegistry, build: APIEnvironment.Build, logs: LogTarget = .sessionDirectory,
                startedAtMs: Int64 = EventClock.wallNanoseconds() / 1_000_000) throws(StartError) {
        self.settings = settings
        self.startedAtMs = startedAtMs
        let identity = RunIdentity(startedAtMs: startedAtMs)
        self.identity = identity
        let loaded = RuleSetLoader(registry: registry).load(files: settings.ruleFiles,
                                                            options: .init(loadedAt: WallTime(ms: startedAtMs)))
        guard let ruleSet = loaded.ruleSet else { throw StartError(kind: .invalidRules, description: loaded.rendered) }
        let store = RuleSetStore(ruleSet)
        self.store = store
        let shared = SharedState()
        self.shared = shared
        let now = WallTime(ms: startedAtMs)
        var startupEvents: [(code: String, details: JSONObject)] = []
        let persister = settings.statePath.map(StatePersister.init(path:))
        let stored = persister?.load(now: now)
        switch stored?.status {
        case .loaded?: if let stored { shared.replace(with: stored.values) }
        case .corrupt(let problem)?:
            startupEvents.append(("HEALTH.ERROR", Self.stateFileError(path: settings.statePath ?? "", problem)))
            startupEvents += shared.haltAtStartup(reason: problem.message, now: now).events.map { ($0.code, $0.details) }
        case .fresh?, nil: break
        }
        stateStatus = stored?.status.label ?? "fresh"
        service = DecisionService(store: store, shared: shared, identity: identity, defaultMode: settings.mode)
        let serverBox = self.serverBox
        let metrics = HostMetrics(
            loops: settings.threads, version: build.version, sha: build.sha,
            startTimeSeconds: Double(startedAtMs) / 1000, rulesLoadedAtMs: startedAtMs
        ) {
            var g = HostMetrics.Gauges()
            if let server = serverBox.server.withLock({ $0 }) {
                g.openConnections = server.openConnections
                g.refusedConnections = server.refusedConnections
            }
            let set = store.current
            g.tradingState = shared.trading.state.rawValue
            g.rulesetName = set.identity.name
            g.rulesetFingerprint = set.identity.fingerprint
            g.rules = set.steps.filter { $0.mode != .off }.map { ($0.key.id.rawValue, $0.key.type.rawValue) }
            g.healthGuards = HealthGuardProbe.states(set, nowMs: EventClock.wallNanoseconds() / 1_000_000)
            return g
        }
        self.metrics = metrics
        sessionDirectory = Self.sessionDirectory(settings.sessionDirectory, runID: identity.runID)
        let clock: EventClock
        switch logs {
        case .memory(let memory):
            sink = memory
            clock = memory.clock
            sessionLogs = nil
        case .sessionDirectory:
            clock = EventClock()
            do {
                let files = try SessionLogs(directory: sessionDirectory, runID: identity.runID, clock: clock,
                                            rotation: settings.rotation) { code in metrics.eventWritten(code: code) }
                sink = files
                sessionLogs = files
            } catch {
                throw StartError(kind: .sessionDirectory, description: error.description)
            }
        }
        flusher = LogFlusher(sink: sink, policy: settings.fsync, interval: settings.fsyncInterval) { error in
            for stream in error.streams.sorted() { metrics.writeError(file: stream.metricLabel) }
        }
        let committer = LogCommitter(sink: sink, loops: settings.threads, metrics: metrics, flusher: flusher,
                                     syncBeforeAck: settings.fsync == .always)
        self.committer = committer
        let events = EventFactory(runID: identity.runID, debouncer: Debouncer(), metrics: metrics)
        let keeper = persister.map { persister in
            StateKeeper(persister: persister, shared: shared, startStatus: stored?.status.label ?? "fresh") { error in
                metrics.writeError(file: "state")
                let details = JSONObject([
                    ("component", .string("state_file")), ("file", .string(error.path)),
                    ("errno", .int(Int64(error.errno))), ("error", .string(error.reason)),
                ])
                let nowMs = EventClock.wallNanoseconds() / 1_000_000
                if let record = events.record("HEALTH.ERROR", details: details, src: .host, nowMs: nowMs) {
                    committer.writeNow([record])
                }
            }
        }
        stateKeeper = keeper
        let environment = APIEnvironment(
            service: service, committer: committer, metrics: metrics, events: events, ackTracker: AckTracker(),
            build: build, predictor: settings.predictor, ackTTLSeconds: settings.ackTTLSeconds, state: keeper,
            lastEventNs: { clock.lastStamp })
        self.environment = environment

        let opsGuard = OpsGuard(configured: settings.opsToken, stored: stored?.opsToken, policy: settings.opsPolicy)
        self.opsGuard = opsGuard
        if case .rotationDiscarded(let mask) = opsGuard.startup {
            keeper?.writeNow(replacingToken: nil)
            startupEvents.append(("OPS.TOKEN_ROTATE", JSONObject([
                ("token_mask", .string(mask)), ("version", .string(build.version)), ("source", .string("config")),
            ])))
        }
        self.startupEvents = startupEvents
        let ruleFiles = settings.ruleFiles
        reloader = RuleSetReloader(
            store: store, loader: RuleSetLoader(registry: registry), shared: shared,
            sources: settings.reloadSources ?? { RuleSetReloader.Sources(files: ruleFiles) },
            now: { WallTime(ms: EventClock.wallNanoseconds() / 1_000_000) },
            onReport: { report in Self.record(report, environment: environment) })
        let ops = OpsService(env: environment, opsGuard: opsGuard, reloader: reloader,
                             sessionDirectory: sessionDirectory)
        router.withLock { router in
            Routes.addAPI(to: &router, env: environment)
            OpsHandlers.add(to: &router, ops: ops)
        }
    }

    /// Adds routes (the OPS API) before `start()` freezes the router.
    public func addRoutes(_ body: (inout Router) -> Void) { router.withLock { body(&$0) } }

    /// The bound port once started, else nil.
    public var port: Int? { boundPort.load(ordering: .acquiring) >= 0 ? boundPort.load(ordering: .acquiring) : nil }

    /// Writes `CONFIG.SWITCHED`, binds and serves, writes `AURORA.STARTUP.OK`, starts the flusher and the ack scan.
    /// Returns the bound port.
    @discardableResult
    public func start() throws(StartError) -> Int {
        hostEvent("CONFIG.SWITCHED", [("name", .string(settings.configName ?? "default")),
                                      ("rules", .array(settings.ruleFiles.map { .string($0) }))])
        for event in startupEvents { hostEvent(event.code, event.details.map { ($0.key, $0.value) }) }
        let responder = MeteredResponder(inner: router.withLock { $0.buildResponder() }, env: environment)
        let http = HTTPServer(
            configuration: HTTPServerConfiguration(host: settings.listenHost, port: settings.listenPort,
                                                   threads: settings.threads, limits: settings.limits),
            responder: responder, delegate: HostLoopDelegate(committer: committer, metrics: metrics))
        let port: Int
        do {
            port = try http.start()
        } catch {
            throw StartError(kind: .listen, description: "cannot listen on "
                + HostSettings.listenText(host: settings.listenHost, port: settings.listenPort) + ": \(error)")
        }
        serverBox.server.withLock { $0 = http }
        boundPort.store(port, ordering: .releasing)
        flusher.start()
        startAckScan()
        let set = store.current
        hostEvent("AURORA.STARTUP.OK", [
            ("version", .string(environment.build.version)), ("pid", .int(Int64(getpid()))),
            ("listen", .array([.string(HostSettings.listenText(host: settings.listenHost, port: port))])),
            ("session_dir", .string(sessionDirectory)), ("ruleset", InfoHandlers.rulesetJSON(set.identity)),
            ("ops_enabled", .bool(opsGuard.isEnabled)),
            ("ops_disabled_reason", opsGuard.isEnabled ? .null : .string(opsGuard.disabledReason?.code.rawValue
                ?? OpsToken.DisabledReason.Code.noTokenConfigured.rawValue)),
            ("state_file", .string(stateStatus)), ("state", stateJSON()),
        ])
        return port
    }

    /// Graceful shutdown (http-api.md §1.6): readiness turns 503, listeners close, received requests finish, the
    /// rest are closed after `server.drain_timeout_ms`; then `AURORA.SHUTDOWN` is written and every file is synced
    /// and closed. Calling it again does nothing.
    public func shutdown(signal: String) {
        guard let http = serverBox.server.withLock({ server -> HTTPServer? in
            defer { server = nil }
            return server
        }) else { return }
        environment.draining = true
        scanTimer.withLock { scan in
            scan?.timer.cancel()
            scan = nil
        }
        let inFlight = http.openConnections
        let start = ContinuousClock.now
        drainingServer.withLock { $0 = http }
        http.shutdown(drain: settings.limits.drainTimeout)
        drainingServer.withLock { $0 = nil }
        let elapsed = start.duration(to: .now)
        let drainMs = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
        hostEvent("AURORA.SHUTDOWN", [("signal", .string(signal)), ("drain_ms", .double(drainMs)),
                                      ("in_flight_at_signal", .int(Int64(inFlight))), ("forced_closed", .int(0))])
        flusher.stop()
        try? sink.sync()
        stateKeeper?.writeNow()
        sessionLogs?.close()
    }

    /// SIGUSR1: every log file is synced, closed and opened again on its next write.
    public func reopenLogs() { sessionLogs?.reopen() }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully. SIGUSR1 reopens the logs; SIGHUP reloads the rule
    /// files (coalesced, keep-old-on-failure). Returns the name of the signal that ended the run.
    public func run() -> String {
        let trap = trapSignals()
        trap.stop.wait()
        let name = trap.received.withLock { $0 } ?? "SIGTERM"
        shutdown(signal: name)
        trap.signals.cancel()
        return name
    }

    /// Takes over SIGTERM, SIGINT, SIGUSR1 and SIGHUP now (before the banner, so that a signal sent as soon as the
    /// server answers is never the default action); `run()` waits on them. Calling it again returns the same trap.
    @discardableResult
    public func trapSignals() -> SignalTrap {
        signalTrap.withLock { trap in
            if let trap { return trap }
            let made = SignalTrap()
            made.signals.handle([SIGTERM, SIGINT]) { [made, weak self] number in
                let first = made.received.withLock { name -> Bool in
                    defer { if name == nil { name = UnixSignals.name(number) } }
                    return name == nil
                }
                if first {
                    made.stop.signal()
                } else {
                    // a second signal ends the drain at once (architecture.md §8)
                    self?.drainingServer.withLock { $0 }?.endDrainNow()
                }
            }
            made.signals.handle([SIGUSR1]) { [self] _ in reopenLogs() }
            made.signals.handle([SIGHUP]) { [reloader] _ in reloader.signal() }
            trap = made
            return made
        }
    }

    /// The signal sources of `run()` and what they received.
    public final class SignalTrap: Sendable {
        let signals = UnixSignals()
        let stop = DispatchSemaphore(value: 0)
        let received = Mutex<String?>(nil)
    }

    // MARK: - Internals

    private func hostEvent(_ code: String, _ details: [(String, JSONValue)]) {
        if let record = environment.events.record(code, details: JSONObject(details), src: .host,
                                                  nowMs: EventClock.wallNanoseconds() / 1_000_000) {
            committer.writeNow([record])
        }
    }

    private func startAckScan() {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "aurora.ack-scan"))
        let period = settings.ackScanPeriod
        let nanos = max(1_000_000, Int(period.components.seconds) * 1_000_000_000
            + Int(period.components.attoseconds / 1_000_000_000))
        timer.schedule(deadline: .now() + .nanoseconds(nanos), repeating: .nanoseconds(nanos))
        let env = environment
        timer.setEventHandler { AckScan.run(env: env, nowMs: EventClock.wallNanoseconds() / 1_000_000) }
        timer.resume()
        let scan = ScanTimer(timer: timer)
        scanTimer.withLock { $0 = scan }
    }
}
