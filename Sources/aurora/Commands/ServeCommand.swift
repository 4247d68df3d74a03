import Foundation
import Host
import RuleEngine
import Rules
import YAMLKit

/// `aurora serve`: the gate (http-api.md). Reads the host configuration (flag > env > file > default, every key of
/// http-api.md §11), loads the state file, starts the server with the OPS API, and runs until SIGTERM or SIGINT;
/// SIGHUP reloads the rule files, SIGUSR1 reopens the log files.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "run the gate's HTTP API"
    static let help = """
        usage: aurora serve [--config FILE] [--set KEY=VALUE]... [--env-file FILE] [--rules FILE]...
                            [--listen HOST:PORT] [--session-dir DIR]

        Serves the API of http-api.md, the OPS API included when a token is configured (env AURORA_OPS_TOKEN or
        ops.token_file; without one every OPS endpoint answers 503). Every decision and report is written to the
        session directory, and every change of the persisted state to the state file, before it is answered.
        SIGHUP reloads the rule files (the old rules stay on any error); SIGUSR1 reopens the log files; SIGTERM or
        SIGINT drains the connections, persists the state and exits 0.

          --config FILE       host configuration (env AURORA_CONFIG; default configs/aurora.yaml when present)
          --set KEY=VALUE     set any configuration key by its dotted name (repeatable), e.g. --set state.path=s.json
          --env-file FILE     KEY=VALUE lines; a variable already set in the environment wins
          --rules FILE        root rule file (repeatable; env AURORA_RULES; default rules.files of the
                              configuration, else rules/default.yaml)
          --listen HOST:PORT  listen address (env AURORA_SERVER_LISTEN; default 127.0.0.1:8000; port 0 takes a
                              free port; IPv6 as [::1]:8000)
          --session-dir DIR   session directory (env AURORA_SESSION_DIR; default logs/<run_id>/)

        'aurora config print' shows every key with its value and origin.

        exit status: 0 after a graceful shutdown, 1 invalid configuration or rules, session directory in use or
        address unavailable, 2 usage error

        example:
          AURORA_OPS_TOKEN=$(cat /etc/aurora/token) aurora serve --config configs/aurora.yaml --listen 127.0.0.1:8000
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: ["config": .value, "set": .repeated, "env-file": .value,
                                                "rules": .repeated, "listen": .value, "session-dir": .value])
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        var assignments: [HostConfiguration.Flags.Assignment] = []
        for text in args.all("set") {
            guard let assignment = HostConfiguration.Flags.Assignment(parsing: text) else {
                throw UsageError("--set takes KEY=VALUE, got '\(text)'")
            }
            assignments.append(assignment)
        }
        let flags = HostConfiguration.Flags(assignments: assignments, listen: args.value("listen"),
                                            rules: args.all("rules"), sessionDir: args.value("session-dir"))
        let environment = ProcessInfo.processInfo.environment
        let configPath = args.value("config")
        let envFile = args.value("env-file")
        let configuration: HostConfiguration
        do {
            configuration = try HostConfiguration.load(configPath: configPath, flags: flags, environment: environment,
                                                       envFile: envFile)
        } catch {
            Output.err(error.rendered)
            return .failure
        }
        let reload: @Sendable () -> RuleSetReloader.Sources = {
            ReloadSources.read(start: configuration, configPath: configPath, flags: flags, environment: environment,
                               envFile: envFile)
        }
        let settings = HostSettings(configuration: configuration, reloadSources: reload)
        UnixSignals.ignoreBrokenPipe()
        for warning in configuration.opsToken.warnings { Output.err(warning) }
        if let line = configuration.opsToken.disabledLine { Output.err(line) }
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
        host.trapSignals()
        if host.stateKeeper?.startStatus == "corrupt_at_start" {
            Output.err("aurora: state file '\(configuration.statePath)' could not be used: starting HALTED "
                + "(kill switch latched, source startup); POST /ops/resume to leave")
        }
        let set = host.store.current.identity
        Output.out("aurora \(VersionCommand.version) listening on http://"
            + HostSettings.listenText(host: settings.listenHost, port: host.port ?? settings.listenPort))
        Output.out("rules: \(settings.ruleFiles.joined(separator: ", ")) (ruleset \(set.name), \(set.fingerprint))")
        Output.out("session directory: \(host.sessionDirectory)")
        if let source = configuration.opsToken.source, host.opsGuard.isEnabled {
            Output.out("OPS enabled (token from \(source))")
        } else {
            Output.out("OPS disabled: \(configuration.opsToken.disabled?.message ?? "no token configured")")
        }
        let signal = host.run()
        Output.out("aurora: \(signal): shut down")
        return .success
    }
}

/// What a reload reads (rule-files.md §6.2 step 1): the configuration file read again with the start's flags and
/// environment; the rule files it names (unless they came from `--rules` or `AURORA_RULES`, which fix them for the
/// life of the process); every other key whose value changed, as `needs_restart`; an invalid file fails the reload.
enum ReloadSources {
    static func read(start: HostConfiguration, configPath: String?, flags: HostConfiguration.Flags,
                     environment: [String: String], envFile: String?) -> RuleSetReloader.Sources {
        let fresh: HostConfiguration
        do {
            fresh = try HostConfiguration.load(configPath: configPath, flags: flags, environment: environment,
                                               envFile: envFile)
        } catch {
            return RuleSetReloader.Sources(files: start.ruleFiles, configProblems: error.diagnostics,
                                           configSources: error.sources)
        }
        var before: [String: PlainValue] = [:]
        for setting in start.settings { before[setting.key] = setting.value }
        let needsRestart = fresh.settings.filter { $0.key != "rules.files" && before[$0.key] != $0.value }.map(\.key)
        let fixed: Bool
        switch start.origin(of: "rules.files") {
        case .flag?, .environment?: fixed = true
        default: fixed = false
        }
        return RuleSetReloader.Sources(files: fixed ? start.ruleFiles : fresh.ruleFiles, needsRestart: needsRestart)
    }
}
