/// Which rule set decided: its name, fingerprint (rule-files.md §2.8), load time and files.
public struct RuleSetIdentity: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        public var path: String
        /// SHA-256 of the file's bytes, 64 lowercase hex digits (not a fingerprint).
        public var sha256: String
        public var isRoot: Bool
    }

    public var name: String
    /// `sha256:` + 64 lowercase hex digits.
    public var fingerprint: String
    public var loadedAt: WallTime
    public var files: [File]
}
