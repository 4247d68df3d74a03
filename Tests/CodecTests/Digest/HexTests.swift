import Codec
import Testing

@Suite struct HexTests {
    @Test func encodesLowercaseTwoDigitsPerByte() {
        #expect(Hex.encode([0x00, 0x0F, 0xA5, 0xFF]) == "000fa5ff")
        #expect(Hex.encode([]) == "")
    }

    @Test(arguments: [("000fa5ff", [0x00, 0x0F, 0xA5, 0xFF] as [UInt8]), ("DEADbeef", [0xDE, 0xAD, 0xBE, 0xEF]), ("", [])])
    func decodesEitherCase(_ text: String, _ bytes: [UInt8]) {
        #expect(Hex.decode(text) == bytes)
    }

    @Test(arguments: ["abc", "0g", "zz", " 0", "0x00", "é0"])
    func rejectsOddLengthsAndNonHexCharacters(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test func roundTripsEveryByte() {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(all)) == all)
    }
}
