/// A strict RFC 8259 JSON reader over bytes.
///
/// Rejects everything RFC 8259 does not allow: trailing commas, leading zeros, `+1`, `.5`, `1.`, `NaN`, `Infinity`,
/// single quotes, comments, unescaped control characters, lone surrogates in `\u` escapes, invalid UTF-8 (overlong
/// forms, encoded surrogates, code points above U+10FFFF) and anything but whitespace after the top-level value.
/// A repeated object key keeps its first position and takes the last value (as Python's `json` does). An integer
/// literal that fits `Int64` becomes `.int`; every other number becomes the correctly rounded `.double`, and a number
/// that rounds to infinity is an error.
public struct JSONReader {
    /// Bounds that keep a hostile document from costing more than the caller allows.
    public struct Limits: Sendable {
        /// The deepest nesting of arrays and objects accepted; the top-level container is depth 1.
        public var maxDepth = 64
        /// The largest input accepted, in bytes.
        public var maxBytes = 1 << 20
        /// When true, a number that overflows (`1e400`) becomes `.double(±infinity)` instead of the error "number out
        /// of range", so a validator can report it at its field (FastAPI's `finite_number`). Off by default.
        public var allowsOverflowToInfinity = false

        public init(maxDepth: Int = 64, maxBytes: Int = 1 << 20, allowsOverflowToInfinity: Bool = false) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
            self.allowsOverflowToInfinity = allowsOverflowToInfinity
        }
    }

    /// Parses one JSON document; throws the first problem with its byte offset.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        limits: Limits = .init()
    ) throws(JSONReadError) -> JSONValue {
        let result: Result<JSONValue, JSONReadError>
        if let contiguous = bytes.withContiguousStorageIfAvailable({ Self.parse(buffer: $0, limits: limits) }) {
            result = contiguous
        } else {
            result = Array(bytes).withUnsafeBufferPointer { Self.parse(buffer: $0, limits: limits) }
        }
        return try result.get()
    }

    private static func parse(
        buffer: UnsafeBufferPointer<UInt8>,
        limits: Limits
    ) -> Result<JSONValue, JSONReadError> {
        guard buffer.count <= limits.maxBytes else {
            return .failure(JSONReadError(offset: limits.maxBytes, message: "input larger than \(limits.maxBytes) bytes"))
        }
        var scanner = JSONScanner(bytes: buffer, maxDepth: limits.maxDepth, allowsOverflow: limits.allowsOverflowToInfinity)
        do {
            return .success(try scanner.document())
        } catch {
            return .failure(error)
        }
    }
}
