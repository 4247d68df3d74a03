import AuroraTesting
import Glibc
import Host
import Testing

/// `OpsToken.Configured.load` (http-api.md §6.1): environment over file, trimming, refusals, warnings.
@Suite struct OpsTokenConfiguredTests {
    let directory = TemporaryDirectory()
    static let token = "env-token-0123456789abcdefXYZ"
    static let fileToken = "file-token-0123456789abcdefQRS"

    func tokenFile(_ contents: String, mode: mode_t = 0o600) -> String {
        let path = directory.write("ops_token", contents)
        chmod(path, mode)
        return path
    }

    @Test func theEnvironmentWinsOverTheFile() {
        let configured = OpsToken.Configured.load(
            environment: ["AURORA_OPS_TOKEN": Self.token], tokenFile: tokenFile(Self.fileToken))
        #expect(configured.source == .environment)
        #expect(configured.token?.matches(Self.token.utf8) == true)
        #expect(configured.disabled == nil)
        #expect(configured.disabledLine == nil)
    }

    @Test func anEmptyVariableCountsAsUnsetAndTheFileIsTrimmedAtTheEnd() throws {
        let path = tokenFile(Self.fileToken + " \r\n\n")
        let configured = OpsToken.Configured.load(environment: ["AURORA_OPS_TOKEN": ""], tokenFile: path)
        #expect(configured.source == .file(path))
        #expect(configured.source?.description == "file \(path)")
        #expect(try #require(configured.token).matches(Self.fileToken.utf8))
        #expect(configured.warnings.isEmpty)
    }

    @Test func noTokenDisablesOps() {
        let configured = OpsToken.Configured.load(environment: [:], tokenFile: nil)
        #expect(configured.token == nil)
        #expect(configured.disabled?.code == .noTokenConfigured)
        #expect(configured.disabled?.code.rawValue == "no token configured")
        #expect(configured.disabledLine
            == "aurora: OPS API disabled: no token configured (set AURORA_OPS_TOKEN or ops.token_file)")
    }

    @Test func aShortTokenDisablesOpsWithoutShowingIt() {
        let configured = OpsToken.Configured.load(environment: ["AURORA_OPS_TOKEN": "short-secret"], tokenFile: nil)
        #expect(configured.disabled?.code == .tokenTooShort)
        #expect(configured.disabledLine == "aurora: OPS API disabled: AURORA_OPS_TOKEN is too short (12 < 24 characters)")
    }

    @Test func aFileTokenWithASpaceInsideIsRefused() {
        let path = tokenFile(" " + Self.fileToken + "\n")
        let configured = OpsToken.Configured.load(environment: [:], tokenFile: path)
        #expect(configured.disabled?.code == .invalidCharacters)
        #expect(configured.disabledLine == "aurora: OPS API disabled: the token in ops.token_file '\(path)' has invalid "
            + "characters (only printable ASCII without spaces, 0x21–0x7E)")
        #expect(configured.disabledLine?.contains(Self.fileToken) == false)
    }

    @Test func anUnreadableFileDisablesOps() {
        let missing = directory.file("nope")
        let configured = OpsToken.Configured.load(environment: [:], tokenFile: missing)
        #expect(configured.disabled == OpsToken.DisabledReason(
            code: .tokenFileUnreadable, message: "cannot read ops.token_file '\(missing)': No such file or directory"))
        let configuredDirectory = OpsToken.Configured.load(environment: [:], tokenFile: directory.path)
        #expect(configuredDirectory.disabled?.message == "cannot read ops.token_file '\(directory.path)': Is a directory")
    }

    @Test func aFileReadableByOthersIsAWarningNotARefusal() {
        let path = tokenFile(Self.fileToken, mode: 0o644)
        let configured = OpsToken.Configured.load(environment: [:], tokenFile: path)
        #expect(configured.token != nil)
        #expect(configured.warnings == [
            "aurora: warning: ops.token_file '\(path)' is readable by group or others (mode 644); restrict it with chmod 600",
        ])
    }
}
