/// `aurora version`.
enum VersionCommand: Command {
    static let name = "version"
    static let summary = "print the version"
    static let help = """
        usage: aurora version

        Prints the Aurora version.

        example:
          aurora version
        """
    static let version = "0.1.0"

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: [:])
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        Output.out("aurora \(version)")
        return .success
    }
}
