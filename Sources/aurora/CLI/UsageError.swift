/// A command line that cannot be run: printed as one line, then the command's usage; exit status 2.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
