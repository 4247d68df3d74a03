import Bot
import Foundation
import YAMLKit

/// The run's stop flag, set by SIGINT/SIGTERM.
private let botStop = StopSignal()

/// `aurora bot`: WiseScalp, the trading bot (bot.md).
enum BotCommand: Command {
    static let name = "bot"
    static let summary = "run WiseScalp, the trading bot that asks the gate before every order"
    static let help = """
        usage: aurora bot [--config FILE] [--mode paper|live] [--source replay|synthetic|binance]
                          [--max-ticks N] [--duration 10m] [--env-file FILE] [--set KEY=VALUE]...
                          [--symbols A,B] [--replay FILE] [--seed N] [--speed X] [--record FILE]
                          [--gate-url URL] [--gate-timeout-ms N] [--on-gate-error deny|allow]
                          [--dry-run|--no-dry-run] [--testnet|--no-testnet] [--session-dir DIR]
                          [--summary-json FILE] [--no-progress] [--print-config]

        Reads market data, computes signals, asks the gate (POST /pretrade/check) before every order, obeys the
        answer, places the order (paper fills by default) and reports every result (POST /posttrade/log). Gate
        errors deny. Precedence for every key: flag > environment > configs/bot.yaml > default.

          --config FILE        configuration file (env WISESCALP_CONFIG; default configs/bot.yaml if present)
          --env-file FILE      KEY=VALUE lines; sets only variables not already set (API keys go here)
          --set KEY=VALUE      any key, dotted (repeatable): --set strategy.entry_score=0.4
          --print-config       print every effective value with its origin and exit

        exit status: 0 run ended normally, 1 fatal runtime error, 2 usage, configuration or start-up refusal

        example:
          aurora bot --source synthetic --seed 42 --max-ticks 6000 --speed 0
          aurora bot --replay examples/wisescalp_replay.jsonl --speed 0 --gate-url http://127.0.0.1:8000
        """

    static let valueOptions: [String: String] = [
        "mode": "mode", "source": "market_data.source", "max-ticks": "max_ticks", "duration": "duration",
        "symbols": "symbols", "session-dir": "session_dir", "gate-url": "gate.url",
        "gate-timeout-ms": "gate.timeout_ms", "on-gate-error": "gate.on_gate_error", "speed": "market_data.speed",
        "record": "market_data.record", "seed": "market_data.synthetic.seed",
    ]

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        var options: [String: Arguments.Kind] = [
            "config": .value, "env-file": .value, "set": .repeated, "replay": .value, "summary-json": .value,
            "dry-run": .flag, "no-dry-run": .flag, "testnet": .flag, "no-testnet": .flag, "no-progress": .flag,
            "print-config": .flag,
        ]
        for name in valueOptions.keys { options[name] = .value }
        let args = try Arguments(raw, options: options)
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        var flags: [String: String] = [:]
        for (option, key) in valueOptions { if let value = args.value(option) { flags[key] = value } }
        if let replay = args.value("replay") {
            flags["market_data.replay.file"] = replay
            flags["market_data.source"] = flags["market_data.source"] ?? "replay"
        }
        if args.flag("dry-run") { flags["dry_run"] = "true" }
        if args.flag("no-dry-run") { flags["dry_run"] = "false" }
        if args.flag("testnet") { flags["binance.testnet"] = "true" }
        if args.flag("no-testnet") { flags["binance.testnet"] = "false" }
        for item in args.all("set") {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw UsageError("--set takes KEY=VALUE, got '\(item)'")
            }
            flags[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }

        var environment = ProcessInfo.processInfo.environment
        if let envFile = args.value("env-file") {
            guard let data = FileManager.default.contents(atPath: envFile) else {
                Output.err("aurora bot: env file '\(envFile)' does not exist or is not readable")
                return .usage
            }
            let text = SourceText(path: envFile, bytes: Array(data))
            switch EnvFile.parse(text) {
            case .failure(let diagnostics):
                Output.err(diagnostics.rendered(sources: SourceCache([text])))
                return .usage
            case .success(let variables):
                for (key, value) in variables where environment[key] == nil { environment[key] = value }
            }
        }

        let named = args.value("config") ?? environment["WISESCALP_CONFIG"]
        let path = named ?? "configs/bot.yaml"
        var sources = ConfigSources(flags: flags, environment: environment)
        var cache = SourceCache()
        if let data = FileManager.default.contents(atPath: path) {
            let text = SourceText(path: path, bytes: Array(data))
            cache.add(text)
            switch YAMLParser.parse(text) {
            case .failure(let diagnostics):
                Output.err(diagnostics.rendered(sources: cache))
                return .usage
            case .success(let node):
                guard let mapping = node.mapping ?? (node.isNull ? nil : nil) else {
                    if !node.isNull {
                        Output.err("aurora bot: \(path): the configuration must be a mapping")
                        return .usage
                    }
                    break
                }
                sources.file = mapping
                sources.path = path
            }
        } else if named != nil {
            Output.err("aurora bot: configuration file '\(path)' does not exist")
            return .usage
        }
        let configuration: BotConfiguration
        switch BotConfiguration.read(sources) {
        case .failure(let diagnostics):
            Output.err(diagnostics.rendered(sources: cache))
            return .usage
        case .success(let value):
            configuration = value
        }
        if args.flag("print-config") {
            Output.out(printConfig(configuration, environment: environment))
            return .success
        }

        signal(SIGINT) { _ in botStop.request() }
        signal(SIGTERM) { _ in botStop.request() }
        signal(SIGPIPE, SIG_IGN)
        let showProgress = !args.flag("no-progress") && isatty(2) == 1
        let bot = WiseScalp(
            configuration: configuration, transport: CurlTransport(), environment: environment, stop: botStop,
            warn: { Output.err($0) },
            progress: showProgress ? { text in FileHandle.standardError.write(Data(text.utf8)) } : nil,
            summaryJSONPath: args.value("summary-json"))
        do {
            let summary = try bot.run()
            Output.out(summary.text())
            return summary.endedBy == "fatal" ? .failure : .success
        } catch {
            Output.err(error.description)
            return error.exitCode == 1 ? .failure : .usage
        }
    }

    /// Every effective value with its origin; keys masked (bot.md §12).
    static func printConfig(_ c: BotConfiguration, environment: [String: String]) -> String {
        var lines: [String] = []
        for (name, value) in c.effective {
            lines.append("\(name) = \(value.description)  (\(c.origin(of: name)))")
        }
        let key = environment[c.apiKeyEnv] ?? ""
        let secret = environment[c.apiSecretEnv] ?? ""
        lines.append(
            "binance.api_key = \(key.isEmpty ? "unset" : "****" + String(key.suffix(4)))  (env \(c.apiKeyEnv))")
        lines.append("binance.api_secret = \(secret.isEmpty ? "unset" : "****")  (env \(c.apiSecretEnv))")
        return lines.joined(separator: "\n")
    }
}
