import AuroraTesting
import Codec
import Foundation
import Glibc
import Synchronization
import Testing
import Wire
@testable import Host

struct LogFileTests {
    /// `write(2)` that writes at most `chunk` bytes per call and fails (EIO, nothing written) on the call numbers
    /// in `failing`.
    final class FlakyWrites: Sendable {
        let calls = Atomic<Int>(0)
        let chunk: Int
        let failing: Set<Int>
        init(chunk: Int = .max, failing: Set<Int> = []) {
            self.chunk = chunk
            self.failing = failing
        }
        var io: LogFile.IO {
            var io = LogFile.IO.system
            io.write = { [self] fd, bytes in
                let call = calls.add(1, ordering: .relaxed).newValue
                if failing.contains(call) {
                    errno = EIO
                    return -1
                }
                return Glibc.write(fd, bytes.baseAddress, min(chunk, bytes.count))
            }
            return io
        }
    }

    private func line(_ text: String) -> LogRecord { .line(.orders, JSONObject([("v", .string(text))])) }

    private func contents(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    @Test func shortWritesAreContinuedUntilTheBatchIsWhole() throws {
        let dir = TemporaryDirectory()
        let writes = FlakyWrites(chunk: 3)
        let file = LogFile(stream: .orders, path: dir.file("orders.jsonl"), io: writes.io)
        try file.append([line("first"), line("second")], clock: EventClock(), now: 0)
        #expect(contents(dir.file("orders.jsonl")) == "{\"v\":\"first\"}\n{\"v\":\"second\"}\n")
        #expect(writes.calls.load(ordering: .relaxed) > 2)
    }

    @Test func aTornLineNeverSwallowsTheNextRecord() throws {
        let dir = TemporaryDirectory()
        let writes = FlakyWrites(chunk: 5, failing: [2])  // a short write of 5 bytes, then EIO
        let file = LogFile(stream: .orders, path: dir.file("orders.jsonl"), io: writes.io)
        let error = #expect(throws: LogWriteError.self) { try file.append([line("lost")], clock: EventClock(), now: 7) }
        #expect(error?.failures.first?.errno == EIO)
        #expect(error?.failures.first?.operation == "write")
        #expect(file.isFailed)
        let failedSince = try file.append([line("kept")], clock: EventClock(), now: 9)
        #expect(failedSince == 7)
        #expect(!file.isFailed)
        #expect(contents(dir.file("orders.jsonl")) == "{\"v\":\n{\"v\":\"kept\"}\n")
    }

    @Test func eventLinesAreStampedWhenWritten() throws {
        let dir = TemporaryDirectory()
        let file = LogFile(stream: .events, path: dir.file("events.jsonl"))
        let clock = EventClock(wall: { 42 })
        let event = LogRecord.event(EventRecord(tsNs: 5, runID: "r", code: .auroraHalt, src: .ops))
        try file.append([event, event], clock: clock, now: 0)
        let lines = contents(dir.file("events.jsonl")).split(separator: "\n")
        #expect(lines.map { $0.prefix(14) } == [#"{"ts_ns":42,"r"#, #"{"ts_ns":43,"r"#])
        #expect(lines[0] == #"{"ts_ns":42,"run_id":"r","event_code":"AURORA.HALT","symbol":null,"cid":null,"oid":null,"side":null,"order_type":null,"price":null,"qty":null,"position_id":null,"details":{},"src":"ops"}"#)
    }

    @Test func filesAreCreatedWithMode0640AndAppendedTo() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("orders.jsonl")
        let first = LogFile(stream: .orders, path: path)
        try first.append([line("a")], clock: EventClock(), now: 0)
        first.close()
        let second = LogFile(stream: .orders, path: path)
        try second.append([line("b")], clock: EventClock(), now: 0)
        second.close()
        #expect(contents(path) == "{\"v\":\"a\"}\n{\"v\":\"b\"}\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o640 & ~Int(umaskValue()))
    }

    private func umaskValue() -> mode_t {
        let current = umask(0)
        umask(current)
        return current
    }
}
