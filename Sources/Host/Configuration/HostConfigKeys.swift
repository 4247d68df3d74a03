import Glibc
import RuleEngine
public import YAMLKit

/// Every key of the host configuration (http-api.md §11), each declared once: its name within its section, default,
/// unit, environment variable, valid range and help. `HostConfiguration.load` reads exactly these.
public enum HostConfigKeys {
    // MARK: server
    public static let listen = ConfigKey<String>(
        "listen", default: "127.0.0.1:8000", env: "AURORA_SERVER_LISTEN",
        range: "host:port with an IPv4 or bracketed IPv6 literal and a port 0…65535 (e.g. 127.0.0.1:8000, [::1]:8000)",
        help: "listen address; port 0 takes a free port", isValid: { ListenAddress(parsing: $0) != nil })
    public static let threads = ConfigKey<Int>(
        "threads", default: onlineCPUs, env: "AURORA_SERVER_THREADS", range: "≥ 1",
        help: "event-loop threads (default: the number of online CPUs)", isValid: { $0 >= 1 })
    public static let maxHeadBytes = positive("max_head_bytes", 16_384, unit: "bytes", help: "request line and headers")
    public static let maxHeaders = positive("max_headers", 100, unit: nil, help: "header fields per request")
    public static let maxBodyBytes = positive("max_body_bytes", 65_536, unit: "bytes", help: "decoded body")
    public static let headTimeoutMs = positive("head_timeout_ms", 10_000, unit: "ms", help: "time to receive a head")
    public static let bodyTimeoutMs = positive("body_timeout_ms", 10_000, unit: "ms", help: "time to receive a body")
    public static let idleTimeoutMs = positive("idle_timeout_ms", 60_000, unit: "ms", help: "keep-alive idle time")
    public static let writeTimeoutMs = positive(
        "write_timeout_ms", 10_000, unit: "ms", help: "time a response may wait")
    public static let maxConnections = positive("max_connections", 10_000, unit: nil, help: "open connections")
    public static let drainTimeoutMs = positive("drain_timeout_ms", 10_000, unit: "ms", help: "graceful-shutdown drain")

    // MARK: top level
    public static let mode = ConfigKey<String>(
        "mode", default: "testnet", env: "AURORA_MODE", range: "a non-empty string of at most 256 characters",
        help: "account mode of requests without account.mode",
        isValid: { !$0.trimmingASCIIWhitespace().isEmpty && $0.count <= 256 })

    // MARK: rules
    public static let ruleFiles = ConfigKey<[String]>(
        "files", default: ["rules/default.yaml"], env: "AURORA_RULES", range: "a list of at least one non-empty path",
        help: "root rule files; in the file, relative to its directory",
        isValid: { !$0.isEmpty && $0.allSatisfy { !$0.isEmpty } })

    // MARK: logging
    public static let sessionDir = ConfigKey<String>(
        "session_dir", default: "logs/<run_id>/", env: "AURORA_SESSION_DIR", range: "a non-empty path",
        help: "session directory; <run_id> is replaced by the run id", isValid: { !$0.isEmpty })
    public static let fsync = ConfigKey<String>(
        "fsync", default: FsyncPolicy.interval.rawValue, env: "AURORA_LOGGING_FSYNC",
        allowed: FsyncPolicy.allCases.map(\.rawValue), help: "fsync policy of the log files")
    public static let fsyncIntervalMs = ConfigKey<Int64>(
        "fsync_interval_ms", default: 1000, unit: "ms", env: "AURORA_LOGGING_FSYNC_INTERVAL_MS", range: "≥ 10",
        help: "background fdatasync period", isValid: { $0 >= 10 })
    public static let rotateMaxBytes = ConfigKey<Int64>(
        "rotate_max_bytes", default: 104_857_600, unit: "bytes", env: "AURORA_LOGGING_ROTATE_MAX_BYTES", range: "≥ 0",
        help: "size rotation threshold; 0 disables size rotation", isValid: { $0 >= 0 })
    public static let rotateDaily = ConfigKey<Bool>(
        "rotate_daily", default: true, env: "AURORA_LOGGING_ROTATE_DAILY", help: "rotate at UTC midnight")
    public static let retentionDays = ConfigKey<Int64>(
        "retention_days", default: 7, env: "AURORA_LOGGING_RETENTION_DAYS", range: "≥ 0",
        help: "days rotated files are kept; 0 keeps them forever", isValid: { $0 >= 0 })
    public static let retentionFiles = ConfigKey<Int64>(
        "retention_files", default: 0, env: "AURORA_LOGGING_RETENTION_FILES", range: "≥ 0",
        help: "rotated files kept per log; 0 means no limit", isValid: { $0 >= 0 })

    // MARK: state
    public static let statePath = ConfigKey<String>(
        "path", default: "state/aurora_state.json", env: "AURORA_STATE_PATH", range: "a non-empty path",
        help: "the state file", isValid: { !$0.isEmpty })

    // MARK: ops
    public static let tokenFile = ConfigKey<String?>(
        "token_file", default: nil, env: "AURORA_OPS_TOKEN_FILE", range: "a non-empty path",
        help: "file holding the OPS token; in the file, relative to its directory",
        isValid: { $0 == nil || !$0!.isEmpty })
    public static let allowlist = ConfigKey<[String]>(
        "allowlist", default: ["127.0.0.1/32", "::1/128"], env: "AURORA_OPS_ALLOWLIST",
        help: "CIDRs allowed to call OPS endpoints")
    public static let trustedProxies = ConfigKey<[String]>(
        "trusted_proxies", default: [], env: "AURORA_OPS_TRUSTED_PROXIES",
        help: "CIDRs whose X-Forwarded-For is believed")
    public static let rotationCooldownS = ConfigKey<Int64>(
        "rotation_cooldown_s", default: 30, unit: "s", env: "AURORA_OPS_ROTATION_COOLDOWN_S", range: "≥ 0",
        help: "minimum time between token rotations", isValid: { $0 >= 0 })

    // MARK: ack
    public static let ackTTLs = ConfigKey<Int64>(
        "ttl_s", default: 300, unit: "s", env: "AURORA_ACK_TTL_S", range: "≥ 0",
        help: "time an approved order may stay unacknowledged", isValid: { $0 >= 0 })
    public static let ackScanPeriodS = ConfigKey<Double>(
        "scan_period_s", default: 1.0, unit: "s", env: "AURORA_ACK_SCAN_PERIOD_S", range: "> 0",
        help: "ack tracker scan period", isValid: { $0 > 0 })

    // MARK: predictor
    public static let predictorWeights = ConfigKey<[Double]?>(
        "weights", default: nil, env: "AURORA_PREDICTOR_WEIGHTS", range: "a list of at least one number",
        help: "linear model weights; setting them configures /predict", isValid: { $0 == nil || !$0!.isEmpty })
    public static let predictorBias = ConfigKey<Double?>(
        "bias", default: nil, env: "AURORA_PREDICTOR_BIAS", help: "model bias (required with weights)")
    public static let predictorResidualSigma = ConfigKey<Double?>(
        "residual_sigma", default: nil, env: "AURORA_PREDICTOR_RESIDUAL_SIGMA", range: "≥ 0",
        help: "residual standard deviation (required with weights)", isValid: { $0 == nil || $0! >= 0 })
    public static let predictorZ = ConfigKey<Double>(
        "z", default: 1.96, env: "AURORA_PREDICTOR_Z", range: "> 0", help: "interval z-score", isValid: { $0 > 0 })
    public static let predictorRegime = ConfigKey<Int64>(
        "regime", default: 0, env: "AURORA_PREDICTOR_REGIME", help: "regime reported by /predict")

    /// Environment variables read besides the keys' own: the configuration file and the OPS token.
    public static let configEnvironmentVariable = "AURORA_CONFIG"
    public static let defaultConfigPath = "configs/aurora.yaml"

    /// `server.<name>`: an integer ≥ 1 with env `AURORA_SERVER_<NAME>`.
    private static func positive(_ name: String, _ value: Int64, unit: String?, help: String) -> ConfigKey<Int64> {
        ConfigKey<Int64>(
            name, default: value, unit: unit, env: "AURORA_SERVER_" + name.uppercased(), range: "≥ 1", help: help,
            isValid: { $0 >= 1 })
    }

    private static let onlineCPUs = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
