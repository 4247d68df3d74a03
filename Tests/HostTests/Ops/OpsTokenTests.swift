import Codec
import Host
import Testing

/// `OpsToken`: validation (http-api.md §6.1, §6.5.6), digest-only storage, constant-time matching.
@Suite struct OpsTokenTests {
    static let valid = "abcdefghijklmnopqrstuvwxyz0123"

    @Test func keepsOnlyTheDigestAndAMask() throws {
        let token = try OpsToken(validating: Self.valid)
        #expect(token.digest == SHA256.hash(Self.valid.utf8))
        #expect(token.sha256Hex == SHA256.hexDigest(Self.valid.utf8))
        #expect(token.mask == "****0123")
        #expect(token.description == "OpsToken(****0123)")
        #expect(!String(reflecting: token).contains("abcdefghijklmnop"))
    }

    @Test func matchesOnlyTheSameBytes() throws {
        let token = try OpsToken(validating: Self.valid)
        #expect(token.matches(Self.valid.utf8))
        #expect(!token.matches((Self.valid + "4").utf8))
        #expect(!token.matches(Self.valid.dropLast().utf8))
        #expect(!token.matches([UInt8]()))
    }

    @Test(arguments: [
        ("", OpsToken.Problem.empty, "new_token must be non-empty"),
        (String(repeating: "a", count: 23), .tooShort(length: 23), "new_token too short (min 24)"),
        (String(repeating: "a", count: 513), .tooLong(length: 513), "new_token too long (max 512)"),
        (String(repeating: "a", count: 23) + " b", .invalidCharacters, "new_token must be printable ASCII without spaces"),
        (String(repeating: "é", count: 24), .invalidCharacters, "new_token must be printable ASCII without spaces"),
        (String(repeating: "a", count: 24) + "\u{7F}", .invalidCharacters,
         "new_token must be printable ASCII without spaces"),
    ])
    func refusesWeakTokens(_ text: String, _ problem: OpsToken.Problem, _ detail: String) {
        #expect(throws: problem) { try OpsToken(validating: text) }
        #expect(problem.rotationDetail == detail)
    }

    @Test func acceptsTheBoundaryLengths() throws {
        #expect(try OpsToken(validating: String(repeating: "!", count: 24)).mask == "****!!!!")
        #expect(try OpsToken(validating: String(repeating: "~", count: 512)).mask == "****~~~~")
    }

    @Test func describesProblemsForTheStartupLine() {
        #expect(OpsToken.Problem.tooShort(length: 12).description == "is too short (12 < 24 characters)")
        #expect(OpsToken.Problem.tooLong(length: 600).description == "is too long (600 > 512 characters)")
        #expect(OpsToken.Problem.invalidCharacters.description
            == "has invalid characters (only printable ASCII without spaces, 0x21–0x7E)")
    }

    @Test func isRestoredFromItsDigest() throws {
        let token = try OpsToken(validating: Self.valid)
        let restored = try #require(OpsToken(sha256Hex: token.sha256Hex))
        #expect(restored.matches(Self.valid.utf8))
        #expect(restored.mask == nil)
        #expect(OpsToken(sha256Hex: token.sha256Hex.uppercased()) == nil)
        #expect(OpsToken(sha256Hex: "abc") == nil)
    }
}
