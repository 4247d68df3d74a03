extension CIDR {
    /// Why a CIDR did not parse: `'10.0.0.1/8' is not a valid CIDR: host bits are set beyond the /8 prefix; …`.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text as written.
        public let text: String
        /// What is wrong with it, and what would be right.
        public let problem: String

        public var description: String { "'\(text)' is not a valid CIDR: \(problem)" }
    }
}
