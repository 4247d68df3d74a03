extension HostSettings {
    /// The settings of `aurora serve`, from the configuration read with flag > env > file > default (http-api.md
    /// §11). `reloadSources` re-reads the configuration on every reload; pass nil to keep the start's rule files.
    public init(configuration c: HostConfiguration, reloadSources: (@Sendable () -> RuleSetReloader.Sources)?) {
        let limits = HTTPLimits(
            maxHeadBytes: Int(c.maxHeadBytes), maxHeaders: Int(c.maxHeaders), maxBodyBytes: Int(c.maxBodyBytes),
            headTimeout: .milliseconds(c.headTimeoutMs), bodyTimeout: .milliseconds(c.bodyTimeoutMs),
            idleTimeout: .milliseconds(c.idleTimeoutMs), writeTimeout: .milliseconds(c.writeTimeoutMs),
            maxConnections: Int(c.maxConnections), drainTimeout: .milliseconds(c.drainTimeoutMs))
        var predictor: Predictor?
        if let p = c.predictor {
            predictor = Predictor(weights: p.weights, bias: p.bias, residualSigma: p.residualSigma, z: p.z,
                                  regime: p.regime)
        }
        let scanNanos = Int64((c.ackScanPeriodSeconds * 1e9).rounded())
        self.init(
            listenHost: c.listen.host.description, listenPort: Int(c.listen.port), threads: c.threads, limits: limits,
            mode: c.mode, ruleFiles: c.ruleFiles, sessionDirectory: c.sessionDirTemplate,
            fsync: FsyncPolicy(rawValue: c.fsync.rawValue) ?? .interval,
            fsyncInterval: .milliseconds(c.fsyncIntervalMs), ackTTLSeconds: c.ackTTLSeconds,
            ackScanPeriod: .nanoseconds(max(1_000_000, scanNanos)), predictor: predictor,
            configName: c.configFile, statePath: c.statePath, opsToken: c.opsToken, opsPolicy: c.opsPolicy,
            rotation: LogRotation(maxBytes: c.rotateMaxBytes, daily: c.rotateDaily, retentionDays: c.retentionDays,
                                  retentionFiles: c.retentionFiles),
            reloadSources: reloadSources)
    }
}
