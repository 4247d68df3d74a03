/// The source files a set of diagnostics may point into, by path; used to draw snippets.
public struct SourceCache: Sendable {
    private var texts: [String: SourceText] = [:]

    public init() {}

    public init(_ texts: [SourceText]) {
        for text in texts { add(text) }
    }

    /// Adds (or replaces) the text stored under `text.path`.
    public mutating func add(_ text: SourceText) {
        texts[text.path] = text
    }

    public subscript(path: String) -> SourceText? { texts[path] }
}
