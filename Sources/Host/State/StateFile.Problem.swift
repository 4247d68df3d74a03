extension StateFile {
    /// Why a state file was refused: what is wrong, naming the key (`'positions[0].qty' must be a number, got …`).
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable {
            /// The file exists but cannot be read (permissions, a directory, an I/O error).
            case unreadable
            case notJSON = "not_json"
            /// A `version` other than 1.
            case unsupportedVersion = "unsupported_version"
            /// Valid JSON, but a missing or extra key, a wrong type or a value out of its domain.
            case invalid
        }

        public let kind: Kind
        public let message: String

        public init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
        }

        public var description: String { message }
    }
}
