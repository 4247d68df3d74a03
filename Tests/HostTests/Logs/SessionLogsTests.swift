import AuroraTesting
import Codec
import Foundation
import Glibc
import Testing
import Wire
@testable import Host

struct SessionLogsTests {
    @Test func aSecondProcessOnTheSameDirectoryIsRefused() throws {
        let dir = TemporaryDirectory()
        let session = dir.file("logs/run-1")
        let first = try SessionLogs(directory: session, runID: "run-1")
        let error = #expect(throws: SessionLogs.OpenError.self) { try SessionLogs(directory: session, runID: "run-1") }
        #expect(error?.description == "session directory \(session) is in use by another process")
        first.close()
        let again = try SessionLogs(directory: session, runID: "run-1")
        again.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: session)
        #expect(((attributes[.posixPermissions] as? Int) ?? 0) & 0o700 == 0o700)
    }

    @Test func concurrentBatchesKeepWholeLinesAndIncreasingStamps() throws {
        let dir = TemporaryDirectory()
        let logs = try SessionLogs(directory: dir.path, runID: "r")
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<250 {
                let records = (0..<3).map { n in
                    LogRecord.event(EventRecord(tsNs: 0, runID: "r", code: .policyDecision,
                                                details: JSONObject([("w", .int(Int64(worker))), ("i", .int(Int64(i))),
                                                                     ("n", .int(Int64(n)))]), src: .api))
                }
                try? logs.write(LogBatch(records))
            }
        }
        logs.close()
        let text = String(decoding: FileManager.default.contents(atPath: logs.path(of: .events)) ?? Data(), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3_000)
        var previous: Int64 = 0
        var lastN: [Int64: Int64] = [:]
        for line in lines {
            let record = try JSONReader.parse(Array(line.utf8))
            let ts = try #require(record["ts_ns"]?.intValue)
            #expect(ts > previous)
            previous = ts
            let worker = try #require(record["details"]?["w"]?.intValue)
            let n = try #require(record["details"]?["n"]?.intValue)
            #expect(n == ((lastN[worker] ?? 2) + 1) % 3, "the records of one batch are contiguous")
            lastN[worker] = n
        }
    }

    @Test func aFailingFileWritesHealthErrorThenHealthRecoveryOnItsNextWrite() throws {
        let dir = TemporaryDirectory()
        let writes = LogFileTests.FlakyWrites(failing: [1])
        let logs = try SessionLogs(directory: dir.path, runID: "r", clock: EventClock(), io: writes.io,
                                   onEventWritten: { _ in })
        let record = LogRecord.line(.orders, JSONObject([("k", 1)]))
        #expect(throws: LogWriteError.self) { try logs.write(LogBatch([record])) }
        #expect(logs.failedStreams == [.orders])
        try logs.write(LogBatch([record]))
        #expect(logs.failedStreams.isEmpty)
        logs.close()
        let text = String(decoding: FileManager.default.contents(atPath: logs.path(of: .events)) ?? Data(), as: UTF8.self)
        let events = try text.split(separator: "\n").map { try JSONReader.parse(Array($0.utf8)) }
        #expect(events.map { $0["event_code"]?.stringValue } == ["HEALTH.ERROR", "HEALTH.RECOVERY"])
        #expect(events[0]["details"]?["component"] == "log")
        #expect(events[0]["details"]?["file"] == "orders.jsonl")
        #expect(events[0]["details"]?["errno"] == .int(Int64(EIO)))
        #expect(events[0]["details"]?["error"] == .string(String(cString: strerror(EIO))))
        #expect(events[1]["details"]?.objectValue?.keys == ["component", "file", "failed_for_ms"])
        #expect(events[0]["src"] == "host")
    }
}
