import Codec
import Testing

@Suite struct ConstantTimeTests {
    @Test(arguments: [
        ([], [], true), ([1, 2, 3], [1, 2, 3], true), ([1, 2, 3], [1, 2, 4], false), ([0, 2, 3], [1, 2, 3], false),
        ([1, 2], [1, 2, 3], false), ([1, 2, 3], [1, 2], false), ([], [0], false),
    ] as [([UInt8], [UInt8], Bool)])
    func equalsComparesEveryByte(_ a: [UInt8], _ b: [UInt8], _ expected: Bool) {
        #expect(ConstantTime.equals(a, b) == expected)
    }

    @Test func comparesDifferentCollectionTypes() {
        #expect(ConstantTime.equals("token".utf8, Array("token".utf8)))
        #expect(!ConstantTime.equals("token".utf8, Array("tokeN".utf8)[...]))
    }
}
