import Codec
import Testing

@Suite struct HMACSHA256Tests {
    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// RFC 4231 cases 1–4, 6, 7 and the Binance API example (bot.md §13).
    static let vectors: [(String, [UInt8], [UInt8], String)] = [
        (
            "RFC 4231 #1", Array(repeating: 0x0B, count: 20), bytes("Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            "RFC 4231 #2", bytes("Jefe"), bytes("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        (
            "RFC 4231 #3", Array(repeating: 0xAA, count: 20), Array(repeating: 0xDD, count: 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        ),
        (
            "RFC 4231 #4", Array(1...25), Array(repeating: 0xCD, count: 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        ),
        (
            "RFC 4231 #6", Array(repeating: 0xAA, count: 131),
            bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
        (
            "RFC 4231 #7", Array(repeating: 0xAA, count: 131),
            bytes(
                "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
            ),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        ),
        (
            "Binance API docs", bytes("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"),
            bytes(
                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
            ),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        ),
    ]

    @Test(arguments: vectors)
    func authenticatesTheReferenceVectors(_ name: String, _ key: [UInt8], _ message: [UInt8], _ mac: String) {
        #expect(Hex.encode(HMACSHA256.authenticate(message, key: key)) == mac, "\(name)")
    }

    @Test func aKeyOfExactlyOneBlockIsUsedAsIs() {
        let key = Array(repeating: UInt8(0x42), count: 64)
        let hashedKey = SHA256.hash(key)
        #expect(HMACSHA256.authenticate(Self.bytes("m"), key: key) != HMACSHA256.authenticate(Self.bytes("m"), key: hashedKey))
        let longKey = Array(repeating: UInt8(0x42), count: 65)
        #expect(
            HMACSHA256.authenticate(Self.bytes("m"), key: longKey)
                == HMACSHA256.authenticate(Self.bytes("m"), key: SHA256.hash(longKey)))
    }
}
