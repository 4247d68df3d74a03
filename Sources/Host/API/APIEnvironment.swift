import Synchronization

/// What the API handlers share: the decision path, the logs, the metrics and the host's run-time facts.
public final class APIEnvironment: Sendable {
    /// Build facts embedded in the binary (`/health.version`, `aurora_build_info`).
    public struct Build: Sendable, Hashable {
        public var version: String
        public var sha: String
        public var branch: String
        public var buildTimestamp: String
        public init(version: String, sha: String = "unknown", branch: String = "unknown", buildTimestamp: String = "unknown") {
            self.version = version
            self.sha = sha
            self.branch = branch
            self.buildTimestamp = buildTimestamp
        }
    }

    public let service: DecisionService
    public let posttrade: PosttradeService
    public let committer: LogCommitter
    public let metrics: HostMetrics
    public let ackTracker: AckTracker
    public let build: Build
    public let predictor: HostSettings.Predictor?
    public let ackTTLSeconds: Int64
    /// The state file; nil when the process-wide state is kept in memory only.
    public let state: StateKeeper?
    let events: EventFactory
    /// The `ts_ns` of the last event line written (`/readiness.last_event_ts`), 0 before the first.
    let lastEventNs: @Sendable () -> Int64
    private let drainingFlag = Atomic<Bool>(false)

    init(service: DecisionService, committer: LogCommitter, metrics: HostMetrics, events: EventFactory,
         ackTracker: AckTracker, build: Build, predictor: HostSettings.Predictor?, ackTTLSeconds: Int64,
         state: StateKeeper? = nil, lastEventNs: @escaping @Sendable () -> Int64) {
        self.service = service
        self.posttrade = PosttradeService(service: service)
        self.committer = committer
        self.metrics = metrics
        self.events = events
        self.ackTracker = ackTracker
        self.build = build
        self.predictor = predictor
        self.ackTTLSeconds = ackTTLSeconds
        self.state = state
        self.lastEventNs = lastEventNs
    }

    /// Set at the start of graceful shutdown: `/readiness` answers 503 with `draining: true`.
    public var draining: Bool {
        get { drainingFlag.load(ordering: .acquiring) }
        set { drainingFlag.store(newValue, ordering: .releasing) }
    }

    /// Records `aurora_http_requests_total` and the duration for one response.
    func observe(loop: Int, route: String?, code: Int, since start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.http(loop: loop, route: route.map(Self.routeLabel), code: code, seconds: seconds)
    }

    /// Writes the state file when `needed` and then calls `done` (true when written or not needed); without a
    /// state file `done` runs at once. A failure is counted and reported by the keeper.
    func persistState(if needed: Bool, _ done: @escaping @Sendable (Bool) -> Void) {
        guard needed, let state else { return done(true) }
        state.persist { error in done(error == nil) }
    }

    /// `/metrics/` is the same route as `/metrics` (http-api.md §2.4).
    static func routeLabel(_ template: String) -> String { template == "/metrics/" ? "/metrics" : template }
}
