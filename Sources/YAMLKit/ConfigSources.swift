/// The layers of a host or bot configuration; precedence flag > env > file > default.
public struct ConfigSources: Sendable {
    /// Flag values by full dotted key (`server.listen`), as `--set KEY=VALUE` and the named flags give them.
    public var flags: [String: String]
    /// The process environment (or a test's), by variable name.
    public var environment: [String: String]
    /// The configuration file's top-level mapping, if a file was read.
    public var file: YAMLNode.Mapping?
    /// The file's path, for messages (`unknown key 'x' in configs/aurora.yaml`).
    public var path: String?

    public init(
        flags: [String: String] = [:], environment: [String: String] = [:], file: YAMLNode.Mapping? = nil,
        path: String? = nil
    ) {
        self.flags = flags
        self.environment = environment
        self.file = file
        self.path = path
    }
}
