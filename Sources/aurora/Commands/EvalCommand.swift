/// `aurora eval` (placeholder until the wire types land).
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "evaluate one request against rule files and explain the decision"
    static let help = "usage: aurora eval --rules FILE --input REQUEST.json [--explain] [--now TIME]"
    static func run(_ raw: [String]) throws(UsageError) -> ExitCode { .failure }
}
