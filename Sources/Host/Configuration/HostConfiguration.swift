import Foundation
public import YAMLKit

/// The host's settings (http-api.md §11), read once at start and checked into typed values: the running server
/// never sees raw configuration. Built by `load(configPath:flags:environment:envFile:)`.
public struct HostConfiguration: Sendable {
    // MARK: server (http-api.md §1)
    public var listen: ListenAddress
    public var threads: Int
    public var maxHeadBytes: Int64
    public var maxHeaders: Int64
    public var maxBodyBytes: Int64
    public var headTimeoutMs: Int64
    public var bodyTimeoutMs: Int64
    public var idleTimeoutMs: Int64
    public var writeTimeoutMs: Int64
    public var maxConnections: Int64
    public var drainTimeoutMs: Int64

    /// Default account mode, trimmed and lower-cased as request modes are (§4.1.1).
    public var mode: String
    /// Root rule files; those written in the configuration file are resolved against its directory.
    public var ruleFiles: [String]

    // MARK: logging (observability.md §1, §6, §7)
    /// The session directory template; `<run_id>` stands for the run id (see `sessionDirectory(runID:)`).
    public var sessionDirTemplate: String
    public var fsync: FsyncPolicy
    public var fsyncIntervalMs: Int64
    public var rotateMaxBytes: Int64
    public var rotateDaily: Bool
    public var retentionDays: Int64
    public var retentionFiles: Int64

    /// The state file (observability.md §9).
    public var statePath: String

    // MARK: ops (http-api.md §6)
    /// Resolved like `ruleFiles`; nil when not set.
    public var opsTokenFile: String?
    public var opsAllowlist: [CIDR]
    public var opsTrustedProxies: [CIDR]
    public var rotationCooldownSeconds: Int64
    /// The configured OPS token (env `AURORA_OPS_TOKEN`, else `opsTokenFile`) as its digest, or why OPS is disabled.
    public var opsToken: OpsToken.Configured

    // MARK: ack tracker (http-api.md §5.8)
    public var ackTTLSeconds: Int64
    public var ackScanPeriodSeconds: Double

    /// Nil when `predictor.weights` is not set: `/predict` answers 503.
    public var predictor: PredictorSettings?

    /// The configuration file that was read, and what named it; nil path when no file was read (defaults).
    public var configFile: String?
    public var configFileOrigin: String
    /// Every key with its effective value and origin, in declaration order (for `aurora config print`, the
    /// reload's `needs_restart` comparison and `rules.files`' reloadability).
    public var settings: [Setting]

    /// The session directory for `runID`: `logs/<run_id>/` → `logs/20260105-090000/`.
    public func sessionDirectory(runID: String) -> String {
        sessionDirTemplate.replacingOccurrences(of: "<run_id>", with: runID)
    }

    /// The allowlist, trusted proxies and rotation cooldown for `OpsGuard`.
    public var opsPolicy: OpsGuard.Policy {
        OpsGuard.Policy(
            allowlist: opsAllowlist, trustedProxies: opsTrustedProxies,
            rotationCooldownSeconds: rotationCooldownSeconds)
    }

    /// The origin of `key` (a full dotted name), nil for an unknown key.
    public func origin(of key: String) -> ConfigOrigin? {
        settings.first { $0.key == key }?.origin
    }
}
