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
    public var loadedAt: WallTime {
        didSet { loadedAtText = loadedAt.rfc3339 }
    }
    /// `loaded_at` as every response writes it, formatted once per load.
    public private(set) var loadedAtText: String
    public var files: [File]

    public init(name: String, fingerprint: String, loadedAt: WallTime, files: [File]) {
        self.name = name
        self.fingerprint = fingerprint
        self.loadedAt = loadedAt
        self.loadedAtText = loadedAt.rfc3339
        self.files = files
    }
}
