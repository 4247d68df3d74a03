/// Replays a JSONL file (bot.md §3.2). The whole file is parsed and validated before the first update; the end of
/// the file ends the data.
public final class ReplaySource: MarketDataSource {
    public let errorCount = 0
    public let isVirtualClock = true
    /// Lines whose symbol is not configured.
    public let skippedLines: Int
    private var updates: [MarketUpdate]
    private var index = 0

    /// Reads and validates `path`; every problem is in the thrown `ReplayFileError`.
    public convenience init(path: String, symbols: [String]) throws(ReplayFileError) {
        guard let bytes = FileBytes.read(path) else {
            throw ReplayFileError(problems: ["\(path): error: replay file not found or not readable"])
        }
        try self.init(bytes: bytes, path: path, symbols: symbols)
    }

    public init(bytes: [UInt8], path: String, symbols: [String]) throws(ReplayFileError) {
        let parsed = ReplayParser(path: path, symbols: symbols).parse(bytes)
        guard parsed.problems.isEmpty else { throw ReplayFileError(problems: parsed.problems) }
        updates = parsed.updates
        skippedLines = parsed.skipped
    }

    public var count: Int { updates.count }

    public func next() -> MarketUpdate? {
        guard index < updates.count else { return nil }
        defer { index += 1 }
        return updates[index]
    }
}

/// Every problem of a replay file, each `file:line:col: error: message`.
public struct ReplayFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public static let shownLimit = 50
    public var problems: [String]

    public init(problems: [String]) { self.problems = problems }

    /// At most 50 problems, then `… and N more errors`.
    public var description: String {
        var lines = Array(problems.prefix(Self.shownLimit))
        if problems.count > Self.shownLimit { lines.append("… and \(problems.count - Self.shownLimit) more errors") }
        return lines.joined(separator: "\n")
    }
}
