import Codec
import Foundation
import Glibc
import Synchronization
import Testing

/// `aurora serve` run as a process: the start banner, refusals, graceful shutdown, the §4.8 exchanges with the
/// shipped gates, and write-before-ack across a SIGKILL under load.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ServeCommandTests {
    static let rules = """
        version: 1
        name: default
        pipeline:
          - id: latency
            type: latency
            params: {max_ms: 30}
          - id: spread
            type: spread
            params: {max_bps: 80}
        """

    @Test func theBannerNamesTheAddressRulesSessionAndOPSAndSIGTERMExitsZero() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.rules)
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"])
        let banner = serve.banner
        #expect(banner[0] == "aurora 0.1.0 listening on http://127.0.0.1:\(serve.port)")
        #expect(banner[1].hasPrefix("rules: \(rules) (ruleset default, sha256:"))
        #expect(banner[2] == "session directory: \(dir.path)/s")
        #expect(banner[3] == "OPS disabled: no token configured (set AURORA_OPS_TOKEN or ops.token_file)")
        #expect(try Serve.request(serve.port, "GET", "/liveness").body == #"{"ok":true}"#)
        let status = serve.stop(SIGTERM)
        #expect(status == 0)
        let events = try String(contentsOfFile: dir.path + "/s/aurora_events.jsonl", encoding: .utf8)
        #expect(events.split(separator: "\n").last?.contains(#""event_code":"AURORA.SHUTDOWN""#) == true)
    }

    @Test func aSecondSIGTERMEndsTheDrainAtOnce() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.rules)
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s",
                               "--set", "server.drain_timeout_ms=60000"])
        // a request whose body never completes keeps the drain waiting for its 60 s
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(serve.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        // Expect: 100-continue makes the server say when it has read the head; the body then never comes
        let head = "POST /pretrade/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100\r\nExpect: 100-continue\r\n\r\n"
        _ = head.withCString { send(fd, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !String(decoding: received, as: UTF8.self).contains("100 Continue") {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            received += buffer[0..<n]
        }
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("HTTP/1.1 100 Continue"))
        kill(serve.process.processIdentifier, SIGTERM)
        usleep(500_000)
        #expect(serve.process.isRunning, "the first SIGTERM drains: the unfinished request is still open")
        // stop() gives up after 30 s (returning -1), well before the 60 s drain would end by itself
        #expect(serve.stop(SIGTERM) == 0)
    }

    @Test func invalidRulesRefuseToStartWithTheirDiagnostics() throws {
        let dir = try Scratch()
        let rules = try dir.write("bad.yaml", "version: 1\nname: x\npipeline:\n  - id: a\n    type: latncy\n")
        let result = try AuroraProcess.run(["serve", "--rules", rules, "--listen", "127.0.0.1:0",
                                            "--session-dir", dir.path + "/s"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown rule type 'latncy'"), "\(result.stderr)")
    }

    @Test func aSessionDirectoryInUseIsRefused() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.rules)
        let first = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"])
        let second = try AuroraProcess.run(["serve", "--rules", rules, "--listen", "127.0.0.1:0",
                                            "--session-dir", dir.path + "/s"])
        #expect(second.status == 1)
        #expect(second.stderr == "aurora: OPS API disabled: no token configured (set AURORA_OPS_TOKEN or ops.token_file)\n"
            + "aurora: session directory \(dir.path)/s is in use by another process\n")
        #expect(first.stop(SIGINT) == 0)
    }

    @Test func theSpreadDenyAndBadQuantityExamplesAnswerAsSpecified() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.rules)
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"])
        defer { _ = serve.stop(SIGTERM) }
        let body = """
            {"ts":1767605399998,"req_id":"rq-1767605399998002","account":{"mode":"testnet"},"order":{"symbol":"BTCUSDT",\
            "side":"buy","type":"LIMIT","qty":0.01,"price":100000.0,"reduce_only":false,"client_order_id":"ws-000042"},\
            "market":{"latency_ms":1.0,"spread_bps":80.1,"score":1.0,"a_bps":0.0,"b_bps":10.0,"slip_bps_est":0.5,\
            "pnl_today_pct":-1.2,"open_positions":1,"quote_ts_ms":1767605399990},"fees_bps":1.0}
            """
        let response = try Serve.request(serve.port, "POST", "/pretrade/check", body: body)
        #expect(response.status == 200)
        let expected = """
            {"allow":false,"max_qty":0.0,"risk_scale":1.0,"cooldown_ms":0,"reason":"spread_bps_too_wide:80.1",\
            "hard_gate":false,"quotas":{"trades_pm_left":999,"symbol_exposure_left_usdt":1000000000000.0},\
            "observability":{"gate_state":"BLOCK","spread_bps":80.1,"mode":"testnet","latency_ms":1.0,\
            "slip_bps_est":0.5,"a_bps":0.0,"b_bps":10.0,"score":1.0,"risk":null,"trap":null,\
            "sprt":{"decision":null,"llr":null,"n_obs":null},"reasons":["spread_bps_too_wide:80.1"],"diagnostics":[],\
            "rules":[{"id":"latency","type":"latency","mode":"enforce","verdict":"pass","measured":1.0,"threshold":30.0},\
            {"id":"spread","type":"spread","mode":"enforce","verdict":"deny","reason":"spread_bps_too_wide:80.1",\
            "measured":80.1,"threshold":80.0}],"ruleset":{"name":"default","fingerprint":"*","loaded_at":"*"},\
            "decision_id":"*","req_id":"rq-1767605399998002"}}
            """
        #expect(Self.normalized(try JSONReader.parse(Array(response.body.utf8)))
            == (try JSONReader.parse(Array(expected.utf8))))

        let bad = #"{"account":{"mode":"testnet"},"order":{"symbol":"BTCUSDT","side":"buy","qty":-1},"market":{"latency_ms":1.0,"spread_bps":2.0}}"#
        let rejected = try Serve.request(serve.port, "POST", "/pretrade/check", body: bad)
        #expect(rejected.status == 422)
        #expect(rejected.body == #"{"detail":[{"type":"greater_than_equal","loc":["body","order","qty"],"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}}]}"#)
    }

    @Test func everyAcknowledgedReportSurvivesASIGKILLUnderLoad() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.rules)
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"])
        let acked = Synchronization.Mutex<Set<String>>([])
        let stopping = Synchronization.Atomic<Bool>(false)
        let port = serve.port
        let workers = (0..<4).map { worker in
            Thread {
                var i = 0
                while !stopping.load(ordering: .relaxed) {
                    let id = "w\(worker)-\(i)"
                    i += 1
                    let body = #"{"symbol":"BTCUSDT","side":"buy","qty":0.001,"price":100000.0,"status":"filled","filled":0.001,"order_id":"\#(id)"}"#
                    guard let response = try? Serve.request(port, "POST", "/posttrade/log", body: body) else { continue }
                    if (200..<300).contains(response.status) { acked.withLock { _ = $0.insert(id) } }
                }
            }
        }
        for worker in workers { worker.start() }
        let deadline = ContinuousClock.now + .seconds(30)
        while acked.withLock({ $0.count }) < 400, ContinuousClock.now < deadline { usleep(2_000) }
        kill(serve.process.processIdentifier, SIGKILL)
        serve.process.waitUntilExit()
        stopping.store(true, ordering: .relaxed)
        usleep(200_000)
        let ids = acked.withLock { $0 }
        #expect(ids.count >= 400)
        let orders = try String(contentsOfFile: dir.path + "/s/orders.jsonl", encoding: .utf8)
        let events = try String(contentsOfFile: dir.path + "/s/aurora_events.jsonl", encoding: .utf8)
        var logged: Set<String> = []
        var logEvents: Set<String> = []
        for line in orders.split(separator: "\n") {
            let record = try JSONReader.parse(Array(line.utf8))
            if let id = record["order_id"]?.stringValue { logged.insert(id) }
        }
        for line in events.split(separator: "\n") {
            let record = try JSONReader.parse(Array(line.utf8))
            if record["event_code"] == "POSTTRADE.LOG", let id = record["oid"]?.stringValue { logEvents.insert(id) }
        }
        #expect(ids.subtracting(logged).isEmpty, "acknowledged but missing from orders.jsonl: \(ids.subtracting(logged).sorted().prefix(5))")
        #expect(ids.subtracting(logEvents).isEmpty, "acknowledged but no POSTTRADE.LOG")
    }

    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var out = JSONObject()
            for (key, member) in object where key != "us" {
                out.append(key, ["decision_id", "loaded_at", "fingerprint"].contains(key) ? .string("*") : normalized(member))
            }
            return .object(out)
        case .array(let items): return .array(items.map(normalized))
        default: return value
        }
    }
}

/// A temporary directory for one test.
final class Scratch {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("aurora-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// A running `aurora serve` whose banner has been read.
final class Serve {
    let process = Process()
    let banner: [String]
    let port: Int
    private let output = Pipe()

    /// Starts `aurora serve ARGUMENTS` with `environment` added (the state file goes to a fresh temporary path unless
    /// `AURORA_STATE_PATH` is given); standard error goes to `stderr` when given.
    init(_ arguments: [String], environment: [String: String] = [:], stderr: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: AuroraProcess.binary)
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: AuroraProcess.packageRoot)
        var env = ProcessInfo.processInfo.environment
        for key in ["AURORA_RULES", "AURORA_CONFIG", "AURORA_SERVER_LISTEN", "AURORA_SESSION_DIR", "AURORA_OPS_TOKEN",
                    "AURORA_STATE_PATH", "AURORA_GATE_URL"] { env[key] = nil }
        env["AURORA_STATE_PATH"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("aurora-state-\(UUID().uuidString).json").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = output
        if let stderr {
            _ = FileManager.default.createFile(atPath: stderr, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderr)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        var text = ""
        let deadline = ContinuousClock.now + .seconds(20)
        while text.split(separator: "\n").count < 4, ContinuousClock.now < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        banner = text.split(separator: "\n").map(String.init)
        guard let first = banner.first, let colon = first.lastIndex(of: ":"), let port = Int(first[first.index(after: colon)...])
        else { throw CocoaError(.fileReadCorruptFile) }
        self.port = port
    }

    /// Everything the server wrote to standard output after the banner, once it has exited.
    func remainingOutput() -> String {
        String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Sends `signal` and waits for the exit status; a server still running after 30 s is killed and reported
    /// as -1, so a lost signal fails the test instead of hanging the run.
    func stop(_ signal: Int32) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline { usleep(2_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }

    /// One request on a new connection (`Connection: close`), read until the server closes.
    static func request(_ port: Int, _ method: String, _ path: String, body: String? = nil,
                        headers: [(String, String)] = []) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            sent += n
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received.append(contentsOf: chunk[0..<n])
        }
        let response = String(decoding: received, as: UTF8.self)
        guard let split = response.range(of: "\r\n\r\n"), let status = Int(response.split(separator: " ").dropFirst().first ?? "")
        else { throw POSIXError(.EBADMSG) }
        return (status, String(response[split.upperBound...]))
    }
}
