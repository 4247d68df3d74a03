/// Where something was written: a file (as the user named it) and a 1-based line and column.
///
/// Locations order by file (byte-wise), then line, then column, which is the order diagnostics are reported in.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as the user wrote it (or as it was resolved from an include).
    public let file: String
    /// The 1-based line and column.
    public let mark: Mark

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.mark = Mark(line: line, column: column)
    }

    public init(file: String, mark: Mark) {
        self.file = file
        self.mark = mark
    }

    public var line: Int { mark.line }
    public var column: Int { mark.column }

    /// `file:line:column`, e.g. `rules/default.yaml:12:7`.
    public var description: String { "\(file):\(mark.line):\(mark.column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return ByteOrder.precedes(lhs.file, rhs.file) }
        return lhs.mark < rhs.mark
    }
}

/// Byte-wise ordering of strings (UTF-8 code units), independent of Unicode collation.
enum ByteOrder {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
