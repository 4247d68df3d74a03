import Synchronization

/// Every exported metric of observability.md §8 (one file names them all): fixed counters are `Atomic`s, labelled
/// counters and histograms live in per-loop `MetricShard`s, gauges are read from the host at scrape time.
public final class HostMetrics: Sendable {
    /// What a scrape reads from the running host.
    public struct Gauges: Sendable {
        public var openConnections = 0
        public var refusedConnections = 0
        public var tradingState = "ACTIVE"
        public var rulesetName = ""
        public var rulesetFingerprint = ""
        /// Every active rule as (id, type), pipeline order: the per-rule series are kept for these only.
        public var rules: [(id: String, type: String)] = []
        /// Per health_guard rule id: the number of its scopes in each state (`ok`, `cooloff`, `halted`, `disarmed`).
        public var healthGuards: [(rule: String, states: [String: Int])] = []
        public init() {}
    }

    public static let verdicts = ["pass", "deny", "shadow_deny", "skip", "not_evaluated"]
    public static let classifications = ["success", "failed", "neither"]
    public static let authReasons = ["disabled", "not_allowed", "missing", "invalid"]
    public static let dropReasons = ["debounce", "queue_full", "unknown_code", "write_error"]
    public static let logFiles = ["events", "orders", "orders_success", "orders_failed", "orders_denied", "state"]
    public static let tradingStates = ["ACTIVE", "REDUCING", "HALTED"]
    public static let healthGuardStates = ["ok", "cooloff", "halted", "disarmed"]

    public let version: String
    public let sha: String
    public let startTimeSeconds: Double
    let shards: [MetricShard]
    private let gauges: @Sendable () -> Gauges

    let decisionsAllow = Atomic<UInt64>(0)
    let decisionsDeny = Atomic<UInt64>(0)
    let ordersDenied = Atomic<UInt64>(0)
    let ordersSuccess = Atomic<UInt64>(0)
    let ordersRejected = Atomic<UInt64>(0)
    let posttradeRecords = CounterSet(count: 3)
    let reloadSuccess = Atomic<UInt64>(0)
    let reloadFailure = Atomic<UInt64>(0)
    let lastReloadSuccessful = Atomic<Int>(1)
    let lastReloadMs = Atomic<Int64>(0)
    let authFailures = CounterSet(count: 4)
    let tokenRotations = Atomic<UInt64>(0)
    let predictions = Atomic<UInt64>(0)
    let dropped = CounterSet(count: 4)
    let writeErrors = CounterSet(count: 6)

    /// `loops` shards for the event loops plus one for every other thread (index `loops`).
    public init(loops: Int, version: String, sha: String, startTimeSeconds: Double, rulesLoadedAtMs: Int64,
                gauges: @escaping @Sendable () -> Gauges) {
        shards = (0...max(1, loops)).map { _ in MetricShard() }
        self.version = version
        self.sha = sha
        self.startTimeSeconds = startTimeSeconds
        self.gauges = gauges
        lastReloadMs.store(rulesLoadedAtMs, ordering: .relaxed)
    }

    /// The shard of loop `loop`; any other index (a background thread) gets the last one.
    func shard(_ loop: Int) -> MetricShard { shards[loop >= 0 && loop < shards.count - 1 ? loop : shards.count - 1] }

    var currentGauges: Gauges { gauges() }

    // MARK: - Updates

    public func decision(allow: Bool) {
        if allow { decisionsAllow.add(1, ordering: .relaxed) } else { decisionsDeny.add(1, ordering: .relaxed) }
        if !allow { ordersDenied.add(1, ordering: .relaxed) }
    }

    /// One rule of one decision: its verdict, duration and, when applicable, the error or missing-input policy.
    public func rule(loop: Int, id: String, type: String, verdict: String, seconds: Double?, onError: String?,
                     onMissing: String?) {
        let labels = MetricShard.RuleLabels(rule: id, type: type)
        shard(loop).update { data in
            data.verdicts[.init(rule: labels, value: verdict), default: 0] += 1
            if let seconds {
                data.ruleDurations[labels, default: Histogram(bounds: Histogram.ruleDurationBounds)].observe(seconds)
            }
            if let onError { data.ruleErrors[.init(rule: labels, value: onError), default: 0] += 1 }
            if let onMissing { data.missingInputs[.init(rule: labels, value: onMissing), default: 0] += 1 }
        }
    }

    public func posttrade(classification: String) {
        guard let index = Self.classifications.firstIndex(of: classification) else { return }
        posttradeRecords.add(index)
        if index == 0 { ordersSuccess.add(1, ordering: .relaxed) }
        if index == 1 { ordersRejected.add(1, ordering: .relaxed) }
    }

    /// One response: `aurora_http_requests_total{route,code}` and its duration.
    public func http(loop: Int, route: String?, code: Int, seconds: Double) {
        let route = route ?? "unmatched"
        shard(loop).update { data in
            data.httpRequests[.init(route: route, code: code), default: 0] += 1
            data.httpDurations[route, default: Histogram(bounds: Histogram.httpDurationBounds)].observe(seconds)
        }
    }

    public func eventWritten(code: String, loop: Int = -1) {
        shard(loop).update { $0.eventsEmitted[code, default: 0] += 1 }
    }

    public func eventDropped(reason: String) {
        guard let index = Self.dropReasons.firstIndex(of: reason) else { return }
        dropped.add(index)
    }

    public func writeError(file: String) {
        guard let index = Self.logFiles.firstIndex(of: file) else { return }
        writeErrors.add(index)
    }

    public func authFailure(reason: String) {
        guard let index = Self.authReasons.firstIndex(of: reason) else { return }
        authFailures.add(index)
    }

    public func tokenRotated() { tokenRotations.add(1, ordering: .relaxed) }

    public func prediction(loop: Int, seconds: Double) {
        predictions.add(1, ordering: .relaxed)
        shard(loop).update { $0.prediction.observe(seconds) }
    }

    /// A rule reload after startup (`aurora_rules_reload_total`, last-reload gauges).
    public func reload(success: Bool, atMs: Int64) {
        if success { reloadSuccess.add(1, ordering: .relaxed) } else { reloadFailure.add(1, ordering: .relaxed) }
        lastReloadSuccessful.store(success ? 1 : 0, ordering: .relaxed)
        if success { lastReloadMs.store(atMs, ordering: .relaxed) }
    }
}
