/// Every problem found, collected so that all are reported at once; an exact duplicate is kept once.
public struct Diagnostics: Error, Sendable, Sequence, Hashable {
    private var items: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    public init() {}

    public init(_ items: [Diagnostic]) {
        for item in items { append(item) }
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errorCount: Int { items.count { $0.severity == .error } }
    public var warningCount: Int { items.count { $0.severity == .warning } }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    /// In the order they were appended.
    public var all: [Diagnostic] { items }

    public mutating func append(_ d: Diagnostic) {
        guard seen.insert(d).inserted else { return }
        items.append(d)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        for item in other.items { append(item) }
    }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }

    /// Sorted as rule-files.md §4.1: path (byte-wise), line, column, severity (errors first), code, message.
    /// Diagnostics without a location (`io-error`, `file-too-large`, flag and environment problems) follow every
    /// located one, by path (none first), as in the §4.1 example where `rules/extra.yaml: error: cannot read …`
    /// comes after the `rules/pretrade.yaml:…` diagnostics.
    public var sorted: [Diagnostic] {
        items.sorted(by: Self.precedes)
    }

    static func precedes(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if (lhs.location == nil) != (rhs.location == nil) { return lhs.location != nil }
        let lhsPath = lhs.path ?? ""
        let rhsPath = rhs.path ?? ""
        if lhsPath != rhsPath { return ByteOrder.precedes(lhsPath, rhsPath) }
        let lhsMark = lhs.location?.mark ?? Mark(line: 0, column: 0)
        let rhsMark = rhs.location?.mark ?? Mark(line: 0, column: 0)
        if lhsMark != rhsMark { return lhsMark < rhsMark }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return ByteOrder.precedes(lhs.message, rhs.message)
    }

    public static func == (lhs: Diagnostics, rhs: Diagnostics) -> Bool { lhs.items == rhs.items }

    public func hash(into hasher: inout Hasher) { hasher.combine(items) }
}
