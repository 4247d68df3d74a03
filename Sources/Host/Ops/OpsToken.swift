import Codec

/// An OPS token, held only as its SHA-256 digest (http-api.md §6.1–§6.3). A valid token is 24–512 characters, each
/// printable ASCII without spaces (`0x21`–`0x7E`). The token text is never stored: `description` and `mask` show at
/// most `****` and its last four characters.
public struct OpsToken: Sendable, Hashable, CustomStringConvertible {
    /// The shortest and longest valid token, in characters.
    public static let minimumLength = 24
    public static let maximumLength = 512

    /// SHA-256 of the token's bytes (32 bytes).
    public let digest: [UInt8]
    /// `"****" + the last 4 characters`, for events; nil for a token restored from its digest alone.
    public let mask: String?

    /// Validates `text` as written (callers trim first when the contract says so) and keeps its digest.
    public init(validating text: String) throws(Problem) {
        let scalars = text.unicodeScalars
        if scalars.isEmpty { throw Problem.empty }
        if scalars.count < Self.minimumLength { throw Problem.tooShort(length: scalars.count) }
        if scalars.count > Self.maximumLength { throw Problem.tooLong(length: scalars.count) }
        guard scalars.allSatisfy({ $0.value >= 0x21 && $0.value <= 0x7E }) else { throw Problem.invalidCharacters }
        digest = SHA256.hash(text.utf8)
        mask = "****" + String(text.suffix(4))
    }

    /// A token known only by its digest (the rotated token restored from the state file): 64 lowercase hex digits.
    public init?(sha256Hex: String) {
        guard Self.isDigestHex(sha256Hex), let bytes = Hex.decode(sha256Hex) else { return nil }
        digest = bytes
        mask = nil
    }

    /// 64 lowercase hex digits.
    public var sha256Hex: String { Hex.encode(digest) }

    /// True when `presented` is this token. Compares the SHA-256 digests of both in constant time: all 32 bytes
    /// are always compared, so the time taken depends on neither the content nor the length of `presented`.
    public func matches(_ presented: some Sequence<UInt8>) -> Bool {
        ConstantTime.equals(SHA256.hash(presented), digest)
    }

    /// `OpsToken(****abcd)`; never the token.
    public var description: String { "OpsToken(\(mask ?? "****"))" }

    /// True for exactly 64 lowercase hex digits (the state file's digest form).
    public static func isDigestHex(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 64 && bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
