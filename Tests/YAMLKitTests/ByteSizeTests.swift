import Testing
import YAMLKit

@Suite struct ByteSizeTests {
    static let texts: [(String, Int64?)] = [
        ("65536", 65536), ("64KiB", 65536), ("1MiB", 1 << 20), ("2GiB", 2 << 30), ("1TiB", 1 << 40), ("10B", 10),
        ("5KB", 5000), ("3MB", 3_000_000), ("1GB", 1_000_000_000), ("4 MiB", 4 << 20), ("0", 0),
        ("-1", nil), ("1.5MiB", nil), ("KiB", nil), ("1kib", nil), ("", nil), ("9999999999TiB", nil),
    ]

    @Test(arguments: texts)
    func textParses(text: String, bytes: Int64?) {
        #expect(ByteSize(parsing: text)?.bytes == bytes)
    }

    @Test(arguments: [(Int64(0), "0B"), (1000, "1000B"), (65536, "64KiB"), (4 << 20, "4MiB"), (3 << 30, "3GiB")])
    func theDescriptionUsesTheLargestExactBinaryUnit(bytes: Int64, text: String) {
        #expect(ByteSize(bytes: bytes).description == text)
    }

    @Test func theSpacedFormIsForMessages() {
        #expect(ByteSize.mebibytes(4).spaced == "4 MiB")
        #expect(ByteSize(bytes: 10).spaced == "10 B")
    }

    @Test func bareIntegersAndUnitsDecode() throws {
        let root = try mapping("a: 1024\nb: 64KiB\nc: \"1MiB\"\n")
        #expect(try ByteSize.decode(try #require(root["a"]), key: "a").get().bytes == 1024)
        #expect(try ByteSize.decode(try #require(root["b"]), key: "b").get() == .kibibytes(64))
        #expect(try ByteSize.decode(try #require(root["c"]), key: "c").get() == .mebibytes(1))
        #expect(ByteSize.kibibytes(1).plain == .integer(1024))
    }
}
