import Foundation
import Host
import RuleEngine
import Rules
import YAMLKit

/// `aurora serve`: the gate (http-api.md). Reads the few settings it needs from flags, the environment and the
/// configuration file (flag > env > file > default), starts the server, and runs until SIGTERM or SIGINT.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "run the gate's HTTP API"
    static let help = """
        usage: aurora serve [--config FILE] [--rules FILE]... [--listen HOST:PORT] [--session-dir DIR]

        Serves POST /pretrade/check, POST /posttrade/log, /health, /version, /liveness, /readiness, /metrics and
        /predict. Every decision and report is written to the session directory before it is answered.
        SIGTERM or SIGINT drains the connections and exits 0; SIGUSR1 reopens the log files.

          --config FILE       host configuration (env AURORA_CONFIG; default configs/aurora.yaml when present)
          --rules FILE        root rule file (repeatable; env AURORA_RULES; default rules.files of the
                              configuration, else rules/default.yaml)
          --listen HOST:PORT  listen address (env AURORA_SERVER_LISTEN; default 127.0.0.1:8000; port 0 takes a
                              free port; IPv6 as [::1]:8000)
          --session-dir DIR   session directory (env AURORA_SESSION_DIR; default logs/<run_id>/)

        environment: AURORA_MODE, AURORA_SERVER_THREADS, AURORA_LOGGING_FSYNC (never|interval|always),
          AURORA_LOGGING_FSYNC_INTERVAL_MS, AURORA_ACK_TTL_S

        exit status: 0 after a graceful shutdown, 1 invalid configuration or rules, session directory in use or
        address unavailable, 2 usage error

        example:
          aurora serve --rules rules/default.yaml --listen 127.0.0.1:8000
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: ["config": .value, "rules": .repeated, "listen": .value,
                                                "session-dir": .value])
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        let environment = ProcessInfo.processInfo.environment
        let settings: HostSettings
        switch ServeSettings.resolve(args: args, environment: environment) {
        case .failure(let problem):
            Output.err("aurora serve: \(problem)")
            return .failure
        case .success(let resolved): settings = resolved
        }
        UnixSignals.ignoreBrokenPipe()
        let host: GateHost
        do throws(GateStartError) {
            host = try GateHost(settings: settings, registry: .standard(),
                            build: .init(version: VersionCommand.version))
            try host.start()
        } catch {
            switch error.kind {
            case .invalidRules: Output.err(error.description)
            case .sessionDirectory, .listen: Output.err("aurora: \(error.description)")
            }
            return .failure
        }
        let set = host.store.current.identity
        Output.out("aurora \(VersionCommand.version) listening on http://"
            + HostSettings.listenText(host: settings.listenHost, port: host.port ?? settings.listenPort))
        Output.out("rules: \(settings.ruleFiles.joined(separator: ", ")) (ruleset \(set.name), \(set.fingerprint))")
        Output.out("session directory: \(host.sessionDirectory)")
        Output.out("OPS disabled: no AURORA_OPS_TOKEN")
        let signal = host.run()
        Output.out("aurora: \(signal): shut down")
        return .success
    }
}

/// The settings `serve` resolves itself until the full configuration loader lands: flag > env > file > default.
enum ServeSettings {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func resolve(args: Arguments, environment: [String: String]) -> Result<HostSettings, ServeSettings.Problem> {
        var settings = HostSettings()
        var configPath = args.value("config") ?? environment["AURORA_CONFIG"]
        if let named = configPath {
            guard FileManager.default.fileExists(atPath: named) else {
                return .failure(Problem(description: "configuration file '\(named)' does not exist"))
            }
        } else if FileManager.default.fileExists(atPath: RuleFileSelection.defaultConfig) {
            configPath = RuleFileSelection.defaultConfig
        }
        var file: YAMLNode.Mapping?
        if let configPath {
            guard let data = FileManager.default.contents(atPath: configPath) else {
                return .failure(Problem(description: "cannot read configuration file '\(configPath)'"))
            }
            switch YAMLParser.parse(SourceText(path: configPath, bytes: Array(data))) {
            case .success(let root): file = root.mapping
            case .failure(let error): return .failure(Problem(description: "\(error)"))
            }
            settings.configName = configPath
        }
        func fileValue(_ section: String?, _ key: String) -> String? {
            let mapping = section.map { file?[$0]?.mapping } ?? file
            return mapping?[key]?.scalar?.text
        }
        func pick(flag: String?, env: String, section: String?, key: String) -> String? {
            if let flag, let value = args.value(flag) { return value }
            if let value = environment[env], !value.isEmpty { return value }
            return fileValue(section, key)
        }

        if let listen = pick(flag: "listen", env: "AURORA_SERVER_LISTEN", section: "server", key: "listen") {
            guard let (host, port) = HostSettings.parseListen(listen) else {
                return .failure(Problem(description: "server.listen must be HOST:PORT (e.g. 127.0.0.1:8000 or [::1]:8000), got '\(listen)'"))
            }
            settings.listenHost = host
            settings.listenPort = port
        }
        if let threads = pick(flag: nil, env: "AURORA_SERVER_THREADS", section: "server", key: "threads") {
            guard let n = Int(threads), n >= 1 else { return .failure(Problem(description: "server.threads must be an integer ≥ 1, got '\(threads)'")) }
            settings.threads = n
        }
        if let mode = pick(flag: nil, env: "AURORA_MODE", section: nil, key: "mode") {
            settings.mode = mode.trimmingCharacters(in: .whitespaces).lowercased()
        }
        settings.sessionDirectory = pick(flag: "session-dir", env: "AURORA_SESSION_DIR", section: "logging",
                                         key: "session_dir")
        if let fsync = pick(flag: nil, env: "AURORA_LOGGING_FSYNC", section: "logging", key: "fsync") {
            guard let policy = HostSettings.FsyncPolicy(rawValue: fsync) else {
                return .failure(Problem(description: "logging.fsync must be never, interval or always, got '\(fsync)'"))
            }
            settings.fsync = policy
        }
        if let ms = pick(flag: nil, env: "AURORA_LOGGING_FSYNC_INTERVAL_MS", section: "logging", key: "fsync_interval_ms") {
            guard let n = Int(ms), n >= 10 else {
                return .failure(Problem(description: "logging.fsync_interval_ms must be an integer ≥ 10, got '\(ms)'"))
            }
            settings.fsyncInterval = .milliseconds(n)
        }
        if let ttl = pick(flag: nil, env: "AURORA_ACK_TTL_S", section: "ack", key: "ttl_s") {
            guard let n = Int64(ttl), n >= 0 else { return .failure(Problem(description: "ack.ttl_s must be an integer ≥ 0, got '\(ttl)'")) }
            settings.ackTTLSeconds = n
        }
        settings.ruleFiles = RuleFileSelection.resolve(flags: args.all("rules"), environment: environment,
                                                       configPath: configPath).files
        return .success(settings)
    }
}
