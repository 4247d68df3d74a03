extension YAMLNode {
    /// A scalar as written: its text (after YAML unescaping and folding), its style and where it starts.
    public struct Scalar: Sendable, Hashable {
        public let text: String
        public let style: Style
        public let location: SourceLocation
        /// Columns the token spans on its first line (quotes included), at least 1: the caret's `^~~~`.
        public let length: Int

        public enum Style: Sendable, Hashable {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        /// The typing of rule-files.md §2.6. Only plain scalars are typed; every other style is a string.
        public enum Resolved: Sendable, Hashable {
            case null
            case bool(Bool)
            case integer(Int64)
            case number(Double)
            case string(String)
            /// `.inf`, `.nan` (any case, any sign), or a number that overflows a double (`1e400`).
            case notFinite
            /// Written as an integer but outside the 64-bit signed range.
            case integerOverflow
        }

        public init(text: String, style: Style = .plain, location: SourceLocation, length: Int? = nil) {
            self.text = text
            self.style = style
            self.location = location
            self.length = max(1, length ?? text.unicodeScalars.count)
        }

        /// True for single- and double-quoted scalars.
        public var isQuoted: Bool { style == .singleQuoted || style == .doubleQuoted }

        public var resolved: Resolved {
            style == .plain ? ScalarTyping.resolve(text) : .string(text)
        }

        /// See `YAMLNode.kindDescription`.
        public var kindDescription: String {
            switch resolved {
            case .null: "null"
            case .bool(let value): value ? "true" : "false"
            case .integer, .integerOverflow: "the integer \(text)"
            case .number, .notFinite: "the number \(text)"
            case .string(let value): "the string \(ScalarTyping.quoted(value))"
            }
        }
    }
}
