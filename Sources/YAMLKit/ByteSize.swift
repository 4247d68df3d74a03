/// A size in bytes: a bare integer (bytes) or an integer with a unit: `B`, `KiB`, `MiB`, `GiB`, `TiB`
/// (powers of 1024) or `KB`, `MB`, `GB`, `TB` (powers of 1000): `64KiB`, `1MiB`, `65536`.
public struct ByteSize: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: Int64

    public init(bytes: Int64) { self.bytes = bytes }

    public static func kibibytes(_ value: Int64) -> ByteSize { ByteSize(bytes: value << 10) }
    public static func mebibytes(_ value: Int64) -> ByteSize { ByteSize(bytes: value << 20) }

    private static let units: [(String, Int64)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
        ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000), ("B", 1),
    ]

    /// Parses a byte size (see the type's documentation); nil for anything else or a negative size.
    public init?(parsing text: String) {
        let trimmed = text.trimmed
        var digits = trimmed
        var factor: Int64 = 1
        if let unit = Self.units.first(where: { trimmed.hasSuffix($0.0) }) {
            digits = String(trimmed.dropLast(unit.0.count)).trimmed
            factor = unit.1
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int64(digits)
        else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        self.init(bytes: product)
    }

    /// The largest binary unit that divides the size exactly: `64KiB`, `4MiB`, `1000B`.
    public var description: String { format(separator: "") }

    /// As `description` with a space before the unit: `4 MiB`.
    public var spaced: String { format(separator: " ") }

    private func format(separator: String) -> String {
        for (unit, factor) in [("TiB", Int64(1) << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes != 0 && bytes % factor == 0 {
            return "\(bytes / factor)\(separator)\(unit)"
        }
        return "\(bytes)\(separator)B"
    }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}

extension ByteSize: ConfigValue {
    public static var typeDescription: String { "a byte size" }

    /// A plain non-negative integer (bytes) or a scalar `64KiB`; otherwise a type-mismatch with the note
    /// "write bytes or a size with a unit: 65536, 64KiB, 1MiB".
    public static func decode(_ node: YAMLNode, key: String) -> Result<ByteSize, Diagnostic> {
        if let scalar = node.scalar {
            switch scalar.resolved {
            case .integer(let value) where value >= 0: return .success(ByteSize(bytes: value))
            case .string(let text): if let value = ByteSize(parsing: text) { return .success(value) }
            case .integerOverflow: return .failure(ConfigDecoding.overflow(node, key: key))
            default: break
            }
        }
        return .failure(
            ConfigDecoding.mismatch(
                node, key: key, expected: typeDescription,
                notes: ["write bytes or a size with a unit: 65536, 64KiB, 1MiB"]))
    }

    public static func parse(text: String) -> ByteSize? { ByteSize(parsing: text) }

    public var plain: PlainValue { .integer(bytes) }
}
