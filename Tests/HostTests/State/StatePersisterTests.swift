import AuroraTesting
import Foundation
import Glibc
import Host
import RuleEngine
import Testing

/// `StatePersister`: load at start (fresh, loaded, corrupt → HALTED) and the atomic write.
@Suite struct StatePersisterTests {
    let directory = TemporaryDirectory()
    let now = WallTime(ms: 1_767_605_400_360)

    var path: String { directory.file("state/aurora_state.json") }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aMissingFileIsAFreshActiveState() {
        let loaded = StatePersister(path: path).load(now: now)
        #expect(loaded.status == .fresh)
        #expect(loaded.status.label == "fresh")
        #expect(loaded.values == SharedState.Values())
        #expect(loaded.opsToken == nil)
        #expect(loaded.problem == nil)
    }

    @Test func writesAtomicallyAndLoadsWhatItWrote() throws {
        let persister = StatePersister(path: path)
        let token = StateFile.RotatedToken(
            sha256: String(repeating: "1", count: 64), configuredSha256: String(repeating: "2", count: 64),
            rotatedAtMs: now.ms)
        try persister.write(values: StateFileTests.example.values, opsToken: token, now: now)
        #expect(persister.lastWriteMs == now.ms)
        let text = try #require(contents(path))
        #expect(text.hasPrefix(#"{"version":1,"written_at":"2026-01-05T09:30:00.360Z","trading_state":"HALTED","#))
        #expect(!FileManager.default.fileExists(atPath: directory.file("state/.aurora_state.json.tmp")))
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)

        let loaded = StatePersister(path: path).load(now: WallTime(ms: 0))
        #expect(loaded.status == .loaded)
        #expect(loaded.values == StateFileTests.example.values)
        #expect(loaded.opsToken == token)
    }

    @Test func everyWriteCarriesTheRememberedRotatedToken() throws {
        let token = StateFile.RotatedToken(
            sha256: String(repeating: "a", count: 64), configuredSha256: String(repeating: "b", count: 64),
            rotatedAtMs: 1)
        let first = StatePersister(path: path)
        try first.write(values: SharedState.Values(), opsToken: token, now: now)
        let second = StatePersister(path: path)
        _ = second.load(now: now)
        #expect(second.opsToken == token)
        var values = SharedState.Values()
        values.armed = false
        try second.write(values: values, now: now)
        #expect(StatePersister(path: path).load(now: now).opsToken == token)
        try second.write(values: values, opsToken: nil, now: now)
        #expect(StatePersister(path: path).load(now: now).opsToken == nil)
        #expect(second.opsToken == nil)
    }

    static let corruptions: [(name: String, text: String, kind: StateFile.Problem.Kind, problem: String)] = [
        ("truncated", String(StateFileTests.exampleJSON.prefix(120)), .notJSON,
         "not JSON: invalid JSON at byte 120: unexpected end of input; unterminated string"),
        ("not JSON", "state: halted\n", .notJSON,
         "not JSON: invalid JSON at byte 0: unexpected character 's'; expected a JSON value"),
        ("empty", "", .notJSON, "not JSON: invalid JSON at byte 0: unexpected end of input; expected a JSON value"),
        ("wrong version", StateFileTests.exampleJSON.replacingFirst(#""version":1"#, #""version":7"#),
         .unsupportedVersion, "version 7 is not supported (this build reads version 1)"),
        ("wrong type", StateFileTests.exampleJSON.replacingFirst(#""armed":true"#, #""armed":"yes""#), .invalid,
         #"'armed' must be true or false, got the string "yes""#),
    ]

    @Test(arguments: corruptions.indices)
    func aCorruptFileStartsHaltedWithTheProblemAsReason(_ index: Int) {
        let (_, text, kind, problem) = Self.corruptions[index]
        directory.write("state/aurora_state.json", text)
        let loaded = StatePersister(path: path).load(now: now)
        let reason = "state file '\(path)' is corrupt: \(problem)"
        #expect(loaded.status == .corrupt(StateFile.Problem(kind, reason)))
        #expect(loaded.status.label == "corrupt_at_start")
        #expect(loaded.values.trading == TradingStatus(state: .halted, sinceMs: now.ms, reason: reason, source: .startup))
        #expect(loaded.values.armed)
        #expect(loaded.values.positions.isEmpty)
        #expect(loaded.opsToken == nil)
    }

    @Test func anUnreadableFileStartsHalted() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let loaded = StatePersister(path: path).load(now: now)
        let reason = "cannot read state file '\(path)': Is a directory"
        #expect(loaded.problem == StateFile.Problem(.unreadable, reason))
        #expect(loaded.values.trading.state == .halted)
        #expect(loaded.values.trading.source == .startup)
        #expect(loaded.values.trading.reason == reason)
    }

    @Test func aFailedWriteLeavesTheOldFileIntact() throws {
        let persister = StatePersister(path: path)
        try persister.write(values: SharedState.Values(), now: now)
        let before = try #require(contents(path))
        let temporary = directory.file("state/.aurora_state.json.tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        var values = SharedState.Values()
        values.armed = false
        let error = #expect(throws: StatePersister.WriteError.self) {
            try persister.write(values: values, now: WallTime(ms: now.ms + 1))
        }
        #expect(error?.errno == EISDIR)
        #expect(error?.description == "cannot write state file '\(path)': create \(temporary) failed: Is a directory")
        #expect(contents(path) == before)
        #expect(persister.lastWriteMs == now.ms)
    }

    @Test func aFailedRenameRemovesTheTemporaryFile() throws {
        try FileManager.default.createDirectory(atPath: path + "/occupied", withIntermediateDirectories: true)
        let persister = StatePersister(path: path)
        let error = #expect(throws: StatePersister.WriteError.self) {
            try persister.write(values: SharedState.Values(), now: now)
        }
        #expect(error?.step.hasPrefix("rename ") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.file("state/.aurora_state.json.tmp")))
        #expect(FileManager.default.fileExists(atPath: path + "/occupied"))
    }

    @Test func aStaleTemporaryFileFromACrashDoesNotBlockWriting() throws {
        directory.write("state/.aurora_state.json.tmp", "{\"half\": ")
        let persister = StatePersister(path: path)
        try persister.write(values: SharedState.Values(), now: now)
        #expect(StatePersister(path: path).load(now: now).status == .loaded)
        #expect(!FileManager.default.fileExists(atPath: directory.file("state/.aurora_state.json.tmp")))
    }

    @Test func missingDirectoriesAreCreated() throws {
        let deep = directory.file("a/b/c/state.json")
        try StatePersister(path: deep).write(values: SharedState.Values(), now: now)
        #expect(StatePersister(path: deep).load(now: now).status == .loaded)
    }
}
