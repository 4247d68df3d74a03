import Glibc
import Host

/// The `aurora` executable: the explicit list of subcommands and the dispatch.
@main
enum Aurora {
    static let commands: [any Command.Type] = [
        ServeCommand.self, CheckCommand.self, TestCommand.self, EvalCommand.self, ReplayCommand.self,
        RulesCommand.self, ConfigCommand.self, OpsCommand.self, BotCommand.self, BenchCommand.self, VersionCommand.self,
    ]

    static func main() {
        let argv = Array(CommandLine.arguments.dropFirst())
        // The gate takes its signals on one thread with sigwait: block them before any thread exists, so that a
        // SIGTERM, SIGHUP or SIGUSR1 sent at any moment is handled, never lost and never the default action.
        if argv.first == "serve" { UnixSignals.block() }
        exit(dispatch(argv).rawValue)
    }

    static func dispatch(_ argv: [String]) -> ExitCode {
        guard let first = argv.first else {
            Output.err(Help.overview(commands))
            return .usage
        }
        switch first {
        case "--help", "-h":
            Output.out(Help.overview(commands))
            return .success
        case "help":
            guard argv.count > 1 else {
                Output.out(Help.overview(commands))
                return .success
            }
            guard let command = commands.first(where: { $0.name == argv[1] }) else {
                Output.err("aurora: unknown command '\(argv[1])'\n\n" + Help.overview(commands))
                return .usage
            }
            Output.out(command.help)
            return .success
        case "--version":
            return (try? VersionCommand.run([])) ?? .failure
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            Output.err("aurora: unknown command '\(first)'\n\n" + Help.overview(commands))
            return .usage
        }
        let rest = Array(argv.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Output.out(command.help)
            return .success
        }
        do {
            return try command.run(rest)
        } catch {
            Output.err("aurora \(command.name): \(error.message)\n\n\(command.help)")
            return .usage
        }
    }
}
