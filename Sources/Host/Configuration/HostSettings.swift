/// Everything `Host` needs to serve, as plain values with the defaults of http-api.md §11. The configuration loader
/// (flags > env > `configs/aurora.yaml` > defaults) fills it; tests build it directly.
public struct HostSettings: Sendable {
    /// `logging.fsync` (observability.md §6 item 5).
    public enum FsyncPolicy: String, Sendable, Hashable, CaseIterable {
        /// Left to the kernel.
        case never
        /// A background thread `fdatasync`s every file with unsynced data every `fsyncInterval`.
        case interval
        /// Responses are sent only after an `fdatasync` covering their records.
        case always
    }

    /// `predictor.*` (http-api.md §7.6): a linear forecast with a symmetric interval.
    public struct Predictor: Sendable, Hashable {
        public var weights: [Double]
        public var bias: Double
        public var residualSigma: Double
        public var z: Double
        public var regime: Int64

        public init(weights: [Double], bias: Double, residualSigma: Double, z: Double = 1.96, regime: Int64 = 0) {
            self.weights = weights
            self.bias = bias
            self.residualSigma = residualSigma
            self.z = z
            self.regime = regime
        }
    }

    /// `server.listen` host part: an IPv4 or IPv6 literal (`127.0.0.1`, `::1`).
    public var listenHost: String
    /// `server.listen` port part; 0 takes a free port.
    public var listenPort: Int
    /// `server.threads`.
    public var threads: Int
    /// `server.max_*`, `server.*_timeout_ms`, `server.drain_timeout_ms`.
    public var limits: HTTPLimits
    /// `mode`: the account mode of a request without `account.mode`.
    public var mode: String
    /// `rules.files`, already resolved to paths.
    public var ruleFiles: [String]
    /// `logging.session_dir`; nil means `logs/<run_id>/` relative to the working directory.
    public var sessionDirectory: String?
    /// `logging.fsync`.
    public var fsync: FsyncPolicy
    /// `logging.fsync_interval_ms` (minimum 10 ms).
    public var fsyncInterval: Duration
    /// `ack.ttl_s`.
    public var ackTTLSeconds: Int64
    /// `ack.scan_period_s`.
    public var ackScanPeriod: Duration
    /// `predictor.*`; nil when `predictor.weights` is unset (`/predict` answers 503).
    public var predictor: Predictor?
    /// The host configuration file as given (`CONFIG.SWITCHED.details.name`); nil when none was used.
    public var configName: String?
    /// `state.path`: the state file (observability.md §9); nil keeps the process-wide state in memory only.
    public var statePath: String?
    /// The configured OPS token (env `AURORA_OPS_TOKEN` or `ops.token_file`), or why OPS is disabled.
    public var opsToken: OpsToken.Configured
    /// `ops.allowlist`, `ops.trusted_proxies`, `ops.rotation_cooldown_s`.
    public var opsPolicy: OpsGuard.Policy
    /// `logging.rotate_*` and `logging.retention_*` (observability.md §7).
    public var rotation: LogRotation
    /// What a reload reads (rule-files.md §6.2 step 1): the root rule files and the changed non-reloadable keys of a
    /// re-read configuration file. Nil: the rule files of `ruleFiles`, nothing to restart.
    public var reloadSources: (@Sendable () -> RuleSetReloader.Sources)?

    public init(
        listenHost: String = "127.0.0.1", listenPort: Int = 8000, threads: Int = HTTPServerConfiguration.onlineCores,
        limits: HTTPLimits = .default, mode: String = "testnet", ruleFiles: [String] = ["rules/default.yaml"],
        sessionDirectory: String? = nil, fsync: FsyncPolicy = .interval, fsyncInterval: Duration = .seconds(1),
        ackTTLSeconds: Int64 = 300, ackScanPeriod: Duration = .seconds(1), predictor: Predictor? = nil,
        configName: String? = nil, statePath: String? = nil,
        opsToken: OpsToken.Configured = .load(environment: [:], tokenFile: nil),
        opsPolicy: OpsGuard.Policy = OpsGuard.Policy(), rotation: LogRotation = .disabled,
        reloadSources: (@Sendable () -> RuleSetReloader.Sources)? = nil
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.threads = threads
        self.limits = limits
        self.mode = mode
        self.ruleFiles = ruleFiles
        self.sessionDirectory = sessionDirectory
        self.fsync = fsync
        self.fsyncInterval = fsyncInterval
        self.ackTTLSeconds = ackTTLSeconds
        self.ackScanPeriod = ackScanPeriod
        self.predictor = predictor
        self.configName = configName
        self.statePath = statePath
        self.opsToken = opsToken
        self.opsPolicy = opsPolicy
        self.rotation = rotation
        self.reloadSources = reloadSources
    }

    /// `host:port` as `AURORA.STARTUP.OK` and the start banner print it (`[::1]:8000` for IPv6).
    public static func listenText(host: String, port: Int) -> String {
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        return bare.contains(":") ? "[\(bare)]:\(port)" : "\(bare):\(port)"
    }

    /// Splits `server.listen` (`127.0.0.1:8000`, `[::1]:8000`) into host and port; nil when malformed.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else { return nil }
        return (String(host), port)
    }
}
