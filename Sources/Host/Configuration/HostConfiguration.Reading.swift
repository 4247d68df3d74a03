import RuleEngine
import YAMLKit

extension HostConfiguration {
    /// One pass over every key of `HostConfigKeys`, collecting every problem. Internal to `load`.
    struct Reading {
        private let sources: ConfigSources
        /// The directory relative paths in the file resolve against; nil when no file was read.
        private let configDirectory: String?
        private var root: ConfigReader
        private var extra = Diagnostics()
        private(set) var diagnostics = Diagnostics()

        init(sources: ConfigSources, configDirectory: String?) {
            self.sources = sources
            self.configDirectory = configDirectory
            self.root = ConfigReader(sources: sources)
        }

        /// The configuration, or nil with `diagnostics` holding every error.
        mutating func read(configFile: String?, configFileOrigin: String) -> HostConfiguration? {
            typealias K = HostConfigKeys
            var server = root.section("server")
            let listenText = server.read(K.listen)
            let threads = server.read(K.threads)
            let maxHeadBytes = server.read(K.maxHeadBytes)
            let maxHeaders = server.read(K.maxHeaders)
            let maxBodyBytes = server.read(K.maxBodyBytes)
            let headTimeoutMs = server.read(K.headTimeoutMs)
            let bodyTimeoutMs = server.read(K.bodyTimeoutMs)
            let idleTimeoutMs = server.read(K.idleTimeoutMs)
            let writeTimeoutMs = server.read(K.writeTimeoutMs)
            let maxConnections = server.read(K.maxConnections)
            let drainTimeoutMs = server.read(K.drainTimeoutMs)

            let mode = root.read(K.mode).trimmingASCIIWhitespace().lowercased()
            var rules = root.section("rules")
            var ruleFiles = rules.read(K.ruleFiles)
            if isFromFile("rules.files", key: K.ruleFiles, reader: rules), let configDirectory {
                ruleFiles = ruleFiles.map { PathResolution.resolve($0, against: configDirectory) }
            }

            var logging = root.section("logging")
            let sessionDir = logging.read(K.sessionDir)
            let fsync = FsyncPolicy(rawValue: logging.read(K.fsync)) ?? .interval
            let fsyncIntervalMs = logging.read(K.fsyncIntervalMs)
            let rotateMaxBytes = logging.read(K.rotateMaxBytes)
            let rotateDaily = logging.read(K.rotateDaily)
            let retentionDays = logging.read(K.retentionDays)
            let retentionFiles = logging.read(K.retentionFiles)

            var state = root.section("state")
            let statePath = state.read(K.statePath)

            var ops = root.section("ops")
            var tokenFile = ops.read(K.tokenFile)
            if isFromFile("ops.token_file", key: K.tokenFile, reader: ops), let configDirectory {
                tokenFile = tokenFile.map { PathResolution.resolve($0, against: configDirectory) }
            }
            let allowlist = cidrs("ops.allowlist", key: K.allowlist, reader: &ops)
            let trustedProxies = cidrs("ops.trusted_proxies", key: K.trustedProxies, reader: &ops)
            let rotationCooldown = ops.read(K.rotationCooldownS)

            var ack = root.section("ack")
            let ackTTL = ack.read(K.ackTTLs)
            let ackScanPeriod = ack.read(K.ackScanPeriodS)

            var predictorReader = root.section("predictor")
            let weights = predictorReader.read(K.predictorWeights)
            let bias = predictorReader.read(K.predictorBias)
            let sigma = predictorReader.read(K.predictorResidualSigma)
            let z = predictorReader.read(K.predictorZ)
            let regime = predictorReader.read(K.predictorRegime)
            var predictor: PredictorSettings?
            if let weights {
                for (name, value) in [("bias", bias), ("residual_sigma", sigma)] where value == nil {
                    predictorReader.reject(
                        name, code: .missingKey, "'predictor.\(name)' is required when 'predictor.weights' is set")
                }
                if let bias, let sigma {
                    predictor = PredictorSettings(
                        weights: weights, bias: bias, residualSigma: sigma, z: z, regime: regime)
                }
            }

            let result = root.finish()
            diagnostics = Self.withTokenNotes(result.diagnostics)
            diagnostics.append(contentsOf: extra)
            guard !diagnostics.hasErrors, let listen = ListenAddress(parsing: listenText) else { return nil }

            let resolved: [String: PlainValue] = [
                "mode": .string(mode), "rules.files": ruleFiles.plain, "ops.token_file": tokenFile.plain,
            ]
            let settings = result.effective.map { entry in
                Setting(
                    key: entry.name, value: resolved[entry.name] ?? entry.value,
                    origin: result.origins[entry.name] ?? .builtIn)
            }
            return HostConfiguration(
                listen: listen, threads: threads, maxHeadBytes: maxHeadBytes, maxHeaders: maxHeaders,
                maxBodyBytes: maxBodyBytes, headTimeoutMs: headTimeoutMs, bodyTimeoutMs: bodyTimeoutMs,
                idleTimeoutMs: idleTimeoutMs, writeTimeoutMs: writeTimeoutMs, maxConnections: maxConnections,
                drainTimeoutMs: drainTimeoutMs, mode: mode, ruleFiles: ruleFiles, sessionDirTemplate: sessionDir,
                fsync: fsync, fsyncIntervalMs: fsyncIntervalMs, rotateMaxBytes: rotateMaxBytes,
                rotateDaily: rotateDaily,
                retentionDays: retentionDays, retentionFiles: retentionFiles, statePath: statePath,
                opsTokenFile: tokenFile, opsAllowlist: allowlist, opsTrustedProxies: trustedProxies,
                rotationCooldownSeconds: rotationCooldown,
                opsToken: OpsToken.Configured.load(environment: sources.environment, tokenFile: tokenFile),
                ackTTLSeconds: ackTTL, ackScanPeriodSeconds: ackScanPeriod, predictor: predictor,
                configFile: configFile, configFileOrigin: configFileOrigin, settings: settings)
        }

        /// True when the value of `fullName` came from the file (no flag, no environment variable, and written).
        private func isFromFile<V>(_ fullName: String, key: ConfigKey<V>, reader: ConfigReader) -> Bool {
            sources.flags[fullName] == nil && key.env.flatMap { sources.environment[$0] } == nil
                && reader.isWritten(key.name)
        }

        /// A list of CIDRs; each invalid item is an `invalid-value` error located at the item (in the file) or
        /// naming its flag or variable.
        private mutating func cidrs(
            _ fullName: String, key: ConfigKey<[String]>, reader: inout ConfigReader
        ) -> [CIDR] {
            let texts = reader.read(key)
            let items = isFromFile(fullName, key: key, reader: reader) ? reader.node(key.name)?.sequence?.items : nil
            let origin: String? =
                sources.flags[fullName] != nil
                ? "set on the command line"
                : key.env.flatMap { sources.environment[$0] != nil ? "set by environment variable \($0)" : nil }
            var networks: [CIDR] = []
            for (index, text) in texts.enumerated() {
                do throws(CIDR.ParseError) {
                    networks.append(try CIDR(parsing: text))
                } catch {
                    let node = items.flatMap { index < $0.count ? $0[index] : nil }
                    let message =
                        "'\(fullName)[\(index)]' must be a CIDR such as 10.0.0.0/8 or ::1/128 (an address alone is "
                        + "one host), got '\(text)'"
                    extra.append(
                        Diagnostic(
                            .error, .invalidValue, message, at: node?.location, length: node?.length ?? 1,
                            notes: [error.problem] + (origin.map { [$0] } ?? [])))
                }
            }
            return networks
        }

        /// Adds, to an unknown key that looks like an inline OPS token, where the token comes from instead.
        private static func withTokenNotes(_ diagnostics: Diagnostics) -> Diagnostics {
            Diagnostics(
                diagnostics.map { diagnostic in
                    guard diagnostic.code == .unknownKey,
                        let name = diagnostic.message.split(separator: "'").dropFirst().first,
                        name == "security" || (name.contains("token") && !name.hasSuffix("token_file"))
                    else { return diagnostic }
                    var noted = diagnostic
                    noted.notes.append(
                        "the OPS token is never a configuration value: set AURORA_OPS_TOKEN or ops.token_file")
                    return noted
                })
        }
    }
}
