/// Limits (and the wording) of one parse.
public struct YAMLLimits: Sendable {
    /// A file with more bytes is rejected (`file-too-large`) before it is parsed.
    public var maxBytes = 4 << 20
    /// Collections may nest this deep (the root mapping is depth 1); deeper is `yaml-too-deep`.
    public var maxDepth = 64
    /// What the file is called in messages: `a rule file holds exactly one YAML document`.
    public var fileKind = "rule file"

    public init() {}
}
