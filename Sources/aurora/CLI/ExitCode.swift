/// The exit statuses every subcommand uses.
enum ExitCode: Int32 {
    case success = 0
    /// The command ran and found a problem (invalid rule files, a failed test, an invalid input).
    case failure = 1
    /// Command-line usage error.
    case usage = 2
    /// `aurora eval --fail-on-deny`: a request was denied.
    case denied = 3
}
