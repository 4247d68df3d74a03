public import YAMLKit

/// Why the host configuration cannot be used: every problem found, with the texts their snippets are drawn from.
/// `aurora serve` prints `rendered` on stderr and exits 1.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: Diagnostics
    public var sources: SourceCache

    public init(diagnostics: Diagnostics, sources: SourceCache = SourceCache()) {
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// The diagnostics in the format of rule-files.md §4.1, then the summary line.
    public var rendered: String { diagnostics.rendered(sources: sources) }

    public var description: String { rendered }
}
