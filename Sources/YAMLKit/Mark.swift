/// A position in a source file: 1-based line and 1-based column, where columns count Unicode scalar values
/// (libyaml's 0-based marks plus one).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalar values.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`, e.g. `12:7`.
    public var description: String { "\(line):\(column)" }
}
