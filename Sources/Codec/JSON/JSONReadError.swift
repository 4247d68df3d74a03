/// Why a byte sequence is not the JSON the reader accepts, and where.
public struct JSONReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 0-based byte offset of the problem in the input.
    public var offset: Int
    /// What is wrong, e.g. "trailing comma in object", "invalid UTF-8", "nesting deeper than 64".
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// "invalid JSON at byte 12: trailing comma in object".
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
