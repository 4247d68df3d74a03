import Foundation
import Host
import YAMLKit

/// `aurora config print`: every host configuration key with its effective value and origin (http-api.md §11).
enum ConfigCommand: Command {
    static let name = "config"
    static let summary = "print every host configuration key with its value and origin"
    static let help = """
        usage: aurora config print [--config FILE] [--set KEY=VALUE]... [--env-file FILE]
                                   [--listen HOST:PORT] [--rules FILE]... [--session-dir DIR]

        Reads the host configuration exactly as 'aurora serve' does and prints every key with its effective value
        and where the value came from: flag, env NAME, FILE:LINE:COL or default. Precedence: flag > environment >
        file > default. An invalid configuration prints every problem and exits 1. The OPS token is never printed:
        only whether one is configured, and from where.

          --config FILE       the configuration file (default: AURORA_CONFIG, else configs/aurora.yaml if present)
          --set KEY=VALUE     set any key by its dotted name, e.g. --set server.threads=4 (repeatable)
          --env-file FILE     KEY=VALUE lines; a variable already set in the environment wins
          --listen HOST:PORT  shortcut for --set server.listen=HOST:PORT
          --rules FILE        shortcut for rules.files (repeatable)
          --session-dir DIR   shortcut for --set logging.session_dir=DIR

        exit status: 0 printed, 1 invalid configuration, 2 usage error

        example:
          aurora config print
          aurora config print --config configs/aurora.yaml --set server.threads=2 --env-file .env
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(
            raw,
            options: [
                "config": .value, "set": .repeated, "env-file": .value, "listen": .value, "rules": .repeated,
                "session-dir": .value,
            ])
        guard let subcommand = args.positionals.first else { throw UsageError("missing subcommand 'print'") }
        guard subcommand == "print" else { throw UsageError("unknown subcommand '\(subcommand)' (expected 'print')") }
        guard args.positionals.count == 1 else { throw UsageError("unexpected argument '\(args.positionals[1])'") }
        var assignments: [HostConfiguration.Flags.Assignment] = []
        for text in args.all("set") {
            guard let assignment = HostConfiguration.Flags.Assignment(parsing: text) else {
                throw UsageError("--set takes KEY=VALUE, got '\(text)'")
            }
            assignments.append(assignment)
        }
        let flags = HostConfiguration.Flags(
            assignments: assignments, listen: args.value("listen"), rules: args.all("rules"),
            sessionDir: args.value("session-dir"))
        let configuration: HostConfiguration
        do {
            configuration = try HostConfiguration.load(
                configPath: args.value("config"), flags: flags, environment: ProcessInfo.processInfo.environment,
                envFile: args.value("env-file"))
        } catch {
            Output.err(error.rendered)
            return .failure
        }
        for warning in configuration.opsToken.warnings { Output.err(warning) }
        Output.out(render(configuration))
        return .success
    }

    /// The file line, the OPS token line, then the table `key  value  origin`, columns padded to their widest cell.
    static func render(_ configuration: HostConfiguration) -> String {
        let file =
            configuration.configFile.map { "\($0) (\(configuration.configFileOrigin))" }
            ?? "none (built-in defaults)"
        let token = configuration.opsToken
        let tokenText: String
        if token.token != nil, let source = token.source {
            tokenText = "set, from \(source) (never printed)"
        } else {
            tokenText = "OPS API disabled: \(token.disabled?.message ?? "no token configured")"
        }
        var rows = [("key", "value", "origin")]
        rows += configuration.settings.map { ($0.key, $0.valueText, $0.origin.description) }
        let keyWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        var text = "config file  \(file)\nops token    \(tokenText)\n\n"
        for (key, value, origin) in rows {
            text += key.padding(keyWidth) + "  " + value.padding(valueWidth) + "  " + origin + "\n"
        }
        return text
    }
}
