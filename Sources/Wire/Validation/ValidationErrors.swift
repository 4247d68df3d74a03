public import Codec

/// Every problem found in one request, in schema order: the 422 body `{"detail": [...]}`.
public struct ValidationErrors: Error, Sendable, Hashable, Sequence, CustomStringConvertible {
    /// The most items a 422 body carries (http-api.md §2.3); more are collected but not encoded.
    public static let maxEncodedItems = 100

    public private(set) var items: [ValidationError]

    public init(_ items: [ValidationError] = []) { self.items = items }

    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    public mutating func append(_ error: ValidationError) { items.append(error) }
    public mutating func append(contentsOf other: ValidationErrors) { items.append(contentsOf: other.items) }

    public func makeIterator() -> IndexingIterator<[ValidationError]> { items.makeIterator() }

    /// The `detail` list: at most `maxEncodedItems` items.
    public var detail: JSONValue { .array(items.prefix(Self.maxEncodedItems).map(\.json)) }

    /// `{"detail":[...]}`, compact.
    public func bodyBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("detail")
        writer.write(detail)
        writer.endObject()
        return writer.bytes
    }

    public var description: String { items.map(\.description).joined(separator: "\n") }
}
