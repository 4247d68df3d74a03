/// One problem found in a file or a configuration: a stable code, a message, where, and notes.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        /// Errors sort before warnings.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    /// The file of a diagnostic without a line (`io-error`, `file-too-large`): `<path>: error: …`.
    /// Ignored when `location` is set.
    public var file: String?
    public var location: SourceLocation?
    /// Columns under the caret (`^` then `~` × (length − 1)), at least 1.
    public var length: Int
    /// Printed as `   note: <text>`, in order.
    public var notes: [String]

    public init(
        _ severity: Severity = .error, _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil,
        length: Int = 1, file: String? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.location = location
        self.length = max(1, length)
        self.notes = notes
    }

    /// An error located at a node, the caret spanning the scalar (or `^` alone for a collection).
    public static func error(
        _ code: DiagnosticCode, _ message: String, at node: YAMLNode, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: node.location, length: node.length, notes: notes)
    }

    /// An error located at a scalar (a key or a value), the caret spanning it.
    public static func error(
        _ code: DiagnosticCode, _ message: String, at scalar: YAMLNode.Scalar, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: scalar.location, length: scalar.length, notes: notes)
    }

    /// The path the diagnostic belongs to: the location's file, else `file`.
    public var path: String? { location?.file ?? file }

    /// The header line: `<path>:<line>:<col>: <severity>: <message> [<code>]`, `<path>: <severity>: …` without a
    /// location, or `<severity>: …` with neither a location nor a file.
    public var description: String {
        let tail = "\(severity.rawValue): \(message) [\(code.rawValue)]"
        if let location { return "\(location): \(tail)" }
        if let file { return "\(file): \(tail)" }
        return tail
    }
}
