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
    private let sessionLogs: SessionLogs?
    private let committer: LogCommitter
    private let flusher: LogFlusher
    private let startedAtMs: Int64
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
        sessionDirectory = settings.sessionDirectory ?? "logs/\(identity.runID)"
        let clock: EventClock
        switch logs {
        case .memory(let memory):
            sink = memory
            clock = memory.clock
            sessionLogs = nil
        case .sessionDirectory:
            clock = EventClock()
            do {
                let files = try SessionLogs(directory: sessionDirectory, runID: identity.runID, clock: clock) { code in
                    metrics.eventWritten(code: code)
                }
                sink = files
                sessionLogs = files
            } catch {
                throw StartError(kind: .sessionDirectory, description: error.description)
            }
        }
        flusher = LogFlusher(sink: sink, policy: settings.fsync, interval: settings.fsyncInterval) { error in
            for stream in error.streams.sorted() { metrics.writeError(file: stream.metricLabel) }
        }
        committer = LogCommitter(sink: sink, loops: settings.threads, metrics: metrics, flusher: flusher,
                                 syncBeforeAck: settings.fsync == .always)
        environment = APIEnvironment(
            service: service, committer: committer, metrics: metrics,
            events: EventFactory(runID: identity.runID, debouncer: Debouncer(), metrics: metrics),
            ackTracker: AckTracker(), build: build, predictor: settings.predictor,
            ackTTLSeconds: settings.ackTTLSeconds, lastEventNs: { clock.lastStamp })
        router.withLock { Routes.addAPI(to: &$0, env: environment) }
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
            ("ops_enabled", .bool(false)), ("ops_disabled_reason", .string("no token configured")),
            ("state_file", .string("fresh")), ("state", stateJSON()),
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
        http.shutdown(drain: settings.limits.drainTimeout)
        let elapsed = start.duration(to: .now)
        let drainMs = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
        hostEvent("AURORA.SHUTDOWN", [("signal", .string(signal)), ("drain_ms", .double(drainMs)),
                                      ("in_flight_at_signal", .int(Int64(inFlight))), ("forced_closed", .int(0))])
        flusher.stop()
        try? sink.sync()
        sessionLogs?.close()
    }

    /// SIGUSR1: every log file is synced, closed and opened again on its next write.
    public func reopenLogs() { sessionLogs?.reopen() }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully. SIGUSR1 reopens the logs; SIGHUP is taken (so it
    /// does not end the process). Returns the name of the signal that ended the run.
    public func run() -> String {
        let signals = UnixSignals()
        let stop = DispatchSemaphore(value: 0)
        let received = Mutex<String?>(nil)
        signals.handle([SIGTERM, SIGINT]) { number in
            let first = received.withLock { name -> Bool in
                defer { if name == nil { name = UnixSignals.name(number) } }
                return name == nil
            }
            if first { stop.signal() }
        }
        signals.handle([SIGUSR1]) { [self] _ in reopenLogs() }
        signals.handle([SIGHUP]) { _ in }
        stop.wait()
        let name = received.withLock { $0 } ?? "SIGTERM"
        shutdown(signal: name)
        signals.cancel()
        return name
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

    /// The persisted state as loaded (observability.md §9 keys), for `AURORA.STARTUP.OK.details.state`.
    private func stateJSON() -> JSONValue {
        let v = shared.snapshot
        let t = v.trading
        let killSwitch = JSONObject([
            ("latched", .bool(t.latched)), ("since", t.sinceMs.map { .string(RFC3339.milliseconds($0)) } ?? .null),
            ("reason", t.reason.map { .string($0) } ?? .null), ("source", t.source.map { .string($0.rawValue) } ?? .null),
        ])
        var overrides = JSONObject()
        for (param, value) in v.riskOverrides.entries {
            overrides.append(param.rawValue, param.isInteger ? .int(Int64(value)) : .double(value))
        }
        let positions: [JSONValue] = shared.positions.map { entry in
            .object(JSONObject([("symbol", .string(entry.symbol.rawValue)), ("qty", .double(entry.position.qty)),
                                ("avg_price", .double(entry.position.averageEntryPrice)),
                                ("last_fill_price", .double(entry.position.lastFillPrice)),
                                ("since_ms", .int(entry.position.sinceMs))]))
        }
        let daily = shared.daily(at: WallTime(ms: startedAtMs))
        return .object(JSONObject([
            ("trading_state", .string(t.state.rawValue)), ("kill_switch", .object(killSwitch)), ("armed", .bool(v.armed)),
            ("risk_overrides", .object(overrides)), ("positions", .array(positions)),
            ("daily", .object(JSONObject([("day", .string(daily.day.isEmpty ? DailyPnl.utcDay(WallTime(ms: startedAtMs)) : daily.day)),
                                          ("realised_pnl_usdt", .double(daily.realisedPnlUsdt))]))),
        ]))
    }
}
