extension StateFile {
    /// The state file's `ops_token` object (observability.md §9, http-api.md §6.3): the digest of the rotated token
    /// in force, the digest of the configured (environment or file) token at the time of the rotation, and when it
    /// happened. Digests are 64 lowercase hex digits; the token itself is never stored.
    public struct RotatedToken: Sendable, Hashable {
        public var sha256: String
        public var configuredSha256: String
        public var rotatedAtMs: Int64

        public init(sha256: String, configuredSha256: String, rotatedAtMs: Int64) {
            self.sha256 = sha256
            self.configuredSha256 = configuredSha256
            self.rotatedAtMs = rotatedAtMs
        }
    }
}
