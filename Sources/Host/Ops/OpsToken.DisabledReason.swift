extension OpsToken {
    /// Why OPS is disabled: the `ops_disabled_reason` of `AURORA.STARTUP.OK` and the stderr message.
    public struct DisabledReason: Sendable, Hashable {
        /// The event's `ops_disabled_reason` value (observability.md §3.5.1).
        public enum Code: String, Sendable, Hashable {
            case noTokenConfigured = "no token configured"
            case tokenTooShort = "token too short"
            /// Not in observability.md's list, which has no value for a token over 512 characters.
            case tokenTooLong = "token too long"
            case invalidCharacters = "token has invalid characters"
            case tokenFileUnreadable = "token file unreadable"

            init(_ problem: OpsToken.Problem) {
                switch problem {
                case .empty, .tooShort: self = .tokenTooShort
                case .tooLong: self = .tokenTooLong
                case .invalidCharacters: self = .invalidCharacters
                }
            }
        }

        public let code: Code
        /// After `aurora: OPS API disabled: `; never contains the token.
        public let message: String

        public init(code: Code, message: String) {
            self.code = code
            self.message = message
        }
    }
}
