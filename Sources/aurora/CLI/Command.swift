/// One `aurora` subcommand: its name, help text (with an example) and what it does.
protocol Command: Sendable {
    static var name: String { get }
    /// One line for `aurora --help`.
    static var summary: String { get }
    /// The usage block and an example, for `aurora help NAME` and usage errors.
    static var help: String { get }
    /// Runs with the arguments after the subcommand name; throws for a usage error.
    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode
}
