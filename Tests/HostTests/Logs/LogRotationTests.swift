import AuroraTesting
import Codec
import Foundation
import Glibc
import Testing
@testable import Host

/// Built-in rotation, retention and reopen of the session files (observability.md §7).
struct LogRotationTests {
    private func line(_ n: Int) -> LogRecord { .line(.orders, JSONObject([("n", .int(Int64(n)))])) }

    private func lines(_ path: String) -> [String] {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// 2026-01-05T09:00:00Z in nanoseconds.
    static let now: Int64 = 1_767_603_600_000_000_000

    @Test func aFileRotatesBeforeABatchThatWouldPassTheSizeLimitAndNoRecordIsSplitOrLost() throws {
        let dir = TemporaryDirectory()
        // Each batch is 18 bytes: two batches fit in 40, a third does not.
        let rotation = LogRotation(maxBytes: 40, daily: false, retentionDays: 0, retentionFiles: 0)
        let file = LogFile(stream: .orders, path: dir.file("orders.jsonl"), rotation: rotation)
        for n in 0..<10 { try file.append([line(n), line(100 + n)], clock: EventClock(), now: Self.now) }
        file.close()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let rotated = names.filter { $0 != "orders.jsonl" }
        #expect(rotated == (1...4).map { "orders.20260105.090000.part\($0).jsonl" }.sorted())
        #expect(lines(dir.file("orders.20260105.090000.part1.jsonl")).count == 4)
        var all: [String] = []
        for n in 1...4 { all += lines(dir.file("orders.20260105.090000.part\(n).jsonl")) }
        all += lines(dir.file("orders.jsonl"))
        #expect(all == (0..<10).flatMap { [#"{"n":\#($0)}"#, #"{"n":\#(100 + $0)}"#] })
    }

    @Test func aFileLastWrittenOnAnotherUTCDayRotatesOnTheNextWrite() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("orders.jsonl", "{\"n\":-1}\n")
        var times = [timespec(tv_sec: 1_767_500_000, tv_nsec: 0), timespec(tv_sec: 1_767_500_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
        let rotation = LogRotation(maxBytes: 0, daily: true, retentionDays: 0, retentionFiles: 0)
        let file = LogFile(stream: .orders, path: path, rotation: rotation)
        try file.append([line(1)], clock: EventClock(), now: Self.now)
        try file.append([line(2)], clock: EventClock(), now: Self.now)
        file.close()
        #expect(lines(path) == [#"{"n":1}"#, #"{"n":2}"#])
        #expect(lines(dir.file("orders.20260105.090000.part1.jsonl")) == [#"{"n":-1}"#])
    }

    @Test func retentionKeepsTheNewestFilesAndDropsOldOnesButNeverTheLiveFile() throws {
        let dir = TemporaryDirectory()
        dir.write("orders.jsonl", "live\n")
        dir.write("orders_success.20260101.000000.part1.jsonl", "other stem\n")
        let ages: [(String, Int64)] = [
            ("orders.20260101.000000.part1.jsonl", 10), ("orders.20260102.000000.part1.jsonl", 3),
            ("orders.20260103.000000.part1.jsonl.gz", 2), ("orders.20260104.000000.part1.jsonl", 1),
            ("orders.20260104.000000.part2.jsonl", 0),
        ]
        for (name, days) in ages {
            let path = dir.write(name, "x\n")
            let seconds = Int(Self.now / 1_000_000_000 - days * 86_400 - 60)
            var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
            utimensat(AT_FDCWD, path, &times, 0)
        }
        let byAge = LogRotation(maxBytes: 0, daily: false, retentionDays: 7, retentionFiles: 0)
        #expect(byAge.applyRetention(directory: dir.path, stem: "orders", nowNs: Self.now)
            == ["orders.20260101.000000.part1.jsonl"])
        let byCount = LogRotation(maxBytes: 0, daily: false, retentionDays: 0, retentionFiles: 2)
        #expect(Set(byCount.applyRetention(directory: dir.path, stem: "orders", nowNs: Self.now))
            == ["orders.20260102.000000.part1.jsonl", "orders.20260103.000000.part1.jsonl.gz"])
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["orders.20260104.000000.part1.jsonl", "orders.20260104.000000.part2.jsonl", "orders.jsonl",
                         "orders_success.20260101.000000.part1.jsonl"])
    }

    @Test(arguments: [
        ("aurora_events.20260105.090000.part1.jsonl", true), ("aurora_events.20260105.090000.part12.jsonl.zst", true),
        ("aurora_events.20260105.090000.part1.jsonl.xz", true), ("aurora_events.jsonl", false),
        ("aurora_events.2026015.090000.part1.jsonl", false), ("aurora_events.20260105.090000.part.jsonl", false),
        ("aurora_events.20260105.090000.part1.json", false), ("orders.20260105.090000.part1.jsonl", false),
    ])
    func rotatedNamesAreRecognisedExactly(name: String, rotated: Bool) {
        #expect(LogRotation.isRotated(name, stem: "aurora_events") == rotated)
    }

    @Test func reopenCreatesTheSessionDirectoryAgainWhenItWasRemoved() throws {
        let dir = TemporaryDirectory()
        let session = dir.file("session")
        let logs = try SessionLogs(directory: session, runID: "20260105-090000")
        try logs.write(LogBatch([line(1)]))
        try FileManager.default.moveItem(atPath: session, toPath: dir.file("rotated-away"))
        logs.reopen()
        try logs.write(LogBatch([line(2)]))
        logs.close()
        #expect(lines(dir.file("rotated-away/orders.jsonl")) == [#"{"n":1}"#])
        #expect(lines(session + "/orders.jsonl") == [#"{"n":2}"#])
    }

    @Test func aLogrotateRenameFollowedByReopenLosesNothing() throws {
        let dir = TemporaryDirectory()
        let logs = try SessionLogs(directory: dir.path, runID: "20260105-090000")
        try logs.write(LogBatch([line(1)]))
        rename(dir.file("orders.jsonl"), dir.file("orders.jsonl.1"))
        try logs.write(LogBatch([line(2)]))
        logs.reopen()
        try logs.write(LogBatch([line(3)]))
        logs.close()
        #expect(lines(dir.file("orders.jsonl.1")) == [#"{"n":1}"#, #"{"n":2}"#])
        #expect(lines(dir.file("orders.jsonl")) == [#"{"n":3}"#])
    }
}
