extension OpsToken {
    /// Why a text is not a valid OPS token. Never carries the text itself.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case tooShort(length: Int)
        case tooLong(length: Int)
        /// A character outside `0x21`–`0x7E` (a space, a control character, anything not ASCII).
        case invalidCharacters

        /// The 400 detail of `POST /ops/rotate_token` (http-api.md §6.5.6).
        public var rotationDetail: String {
            switch self {
            case .empty: "new_token must be non-empty"
            case .tooShort: "new_token too short (min \(OpsToken.minimumLength))"
            case .tooLong: "new_token too long (max \(OpsToken.maximumLength))"
            case .invalidCharacters: "new_token must be printable ASCII without spaces"
            }
        }

        /// What is wrong, for a startup message: `is too short (12 < 24 characters)`.
        public var description: String {
            switch self {
            case .empty: "is empty (a token has \(OpsToken.minimumLength)–\(OpsToken.maximumLength) characters)"
            case .tooShort(let length): "is too short (\(length) < \(OpsToken.minimumLength) characters)"
            case .tooLong(let length): "is too long (\(length) > \(OpsToken.maximumLength) characters)"
            case .invalidCharacters: "has invalid characters (only printable ASCII without spaces, 0x21–0x7E)"
            }
        }
    }
}
