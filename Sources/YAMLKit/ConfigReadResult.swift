/// What a finished `ConfigReader` found.
public struct ConfigReadResult: Sendable {
    /// Every problem, including `unknown-key` for every key not read: `unknown key '<k>' in <place>`, a
    /// did-you-mean note and the note `valid keys: <sorted list>`.
    public var diagnostics: Diagnostics
    /// By full dotted key name.
    public var origins: [String: ConfigOrigin]
    /// Full dotted key names and effective values, in read order.
    public var effective: [(name: String, value: PlainValue)]

    public init(
        diagnostics: Diagnostics, origins: [String: ConfigOrigin], effective: [(name: String, value: PlainValue)]
    ) {
        self.diagnostics = diagnostics
        self.origins = origins
        self.effective = effective
    }
}
