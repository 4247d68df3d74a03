import Codec
import Foundation
import Glibc
import Testing

/// `aurora bot` against `aurora serve`, both as processes (issue 6): every order result the bot reports reaches the
/// gate's order streams, and a gate killed mid-run stops all new orders (fail-closed) without ending the run.
///
/// The gate serves `Fixtures/bot-e2e.yaml`: the shipped rules without the gates that read the gate's own clock, so
/// that the synthetic market (historical timestamps, any speed) gets the same answers on every run, with an
/// expected-return floor that lets some of the calm synthetic market's entries through. That the shipped replay file
/// replays deterministically (the same summary twice) is covered by
/// `BotTests/Run/WiseScalpTests.theShippedReplayFileGivesTheSameSummaryTwice`.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct BotEndToEndTests {
    static let rules = AuroraProcess.packageRoot + "/Tests/auroraTests/Fixtures/bot-e2e.yaml"

    @Test func everyOrderResultTheBotReportsIsInTheGatesOrderStreams() throws {
        let dir = try Scratch()
        let gate = try Serve(["--rules", Self.rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/gate"])
        let bot = try BotProcess(
            ["--mode", "paper", "--source", "synthetic", "--max-ticks", "2000", "--speed", "0",
             "--gate-timeout-ms", "2000", "--set", "gate.posttrade_timeout_ms=5000", "--session-dir", dir.path + "/bot",
             "--no-progress"],
            environment: ["AURORA_GATE_URL": "http://127.0.0.1:\(gate.port)"], in: dir)
        let result = bot.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(gate.stop(SIGTERM) == 0)
        #expect(result.stdout.hasPrefix("WiseScalp summary: "), "\(result.stdout)")

        let summary = try BotProcess.summary(dir.path + "/bot")
        let placed = summary["orders"]?["placed"]?.intValue ?? 0
        #expect(summary["ended_by"] == "max_ticks" && summary["ticks"] == 2000)
        #expect(placed > 0 && (summary["gate"]?["allow"]?.intValue ?? 0) > 0)
        #expect((summary["gate"]?["deny"]?.intValue ?? 0) > 0)
        #expect(summary["gate"]?["errors"] == ["timeout": 0, "connect": 0, "http": 0, "malformed": 0])
        #expect(summary["posttrade"] == ["sent": .int(placed), "pending": 0])

        // The bot's journal holds every report it sent, in order; the gate's raw log holds each exactly once, in the
        // same order, with the same members (plus the server's receive time), and so do its POSTTRADE.LOG events.
        let journal = try Self.records(dir.path + "/bot/bot_orders.jsonl")
        #expect(journal.count == placed)
        let raw = try Self.records(dir.path + "/gate/orders.jsonl")
        #expect(raw.map { Self.removing("ts_server", from: $0) } == journal)
        let events = try Self.records(dir.path + "/gate/aurora_events.jsonl")
        let logged = events.filter { $0["event_code"] == "POSTTRADE.LOG" }.map { $0["details"]?["payload"] ?? .null }
        #expect(logged == journal)
        #expect(Set(journal.map(Self.cid)).count == journal.count)

        // Filled reports are in the success stream, rejected ones in the failed stream, by client order id.
        let filled = journal.filter { ($0["filled"]?.doubleValue ?? 0) > 0 }.map(Self.cid)
        let rejected = journal.filter { $0["error_code"] != nil }.map(Self.cid)
        #expect(!filled.isEmpty)
        #expect(try Self.records(dir.path + "/gate/orders_success.jsonl").map(Self.cid) == filled)
        #expect(try Self.records(dir.path + "/gate/orders_failed.jsonl").map(Self.cid) == rejected)

        // Every order was allowed by the gate first, and its report names that decision; every deny the bot obeyed
        // is the gate's denied record of the same decision and order.
        let decisions = Self.decisions(events)
        for body in journal {
            let decision = decisions[Self.cid(body)]
            #expect(decision?["allow"] == true, "\(Self.cid(body)) has no allow")
            #expect(decision?["decision_id"] == body["decision_id"])
        }
        let botEvents = try Self.records(dir.path + "/bot/bot_events.jsonl")
        #expect(Self.submitted(botEvents) == journal.map(Self.cid))
        let denies = botEvents.filter { $0["event_code"] == "ORDER.DENY" }
        let denied = try Self.records(dir.path + "/gate/orders_denied.jsonl")
        #expect(denies.count == summary["gate"]?["deny"]?.intValue.map(Int.init))
        #expect(denies.map { [$0["cid"], $0["details"]?["decision_id"]] } == denied.map { [$0["cid"], $0["decision_id"]] })
    }

    @Test func aGateKilledMidRunDeniesEveryLaterOrderAndTheBotEndsNormally() throws {
        let dir = try Scratch()
        let gate = try Serve(["--rules", Self.rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/gate"])
        // Paced (200 s of bot time at speed 40: about 5 s) so that the kill falls inside the run.
        let bot = try BotProcess(
            ["--mode", "paper", "--source", "synthetic", "--max-ticks", "2000", "--speed", "40",
             "--gate-url", "http://127.0.0.1:\(gate.port)", "--gate-timeout-ms", "2000",
             "--set", "gate.posttrade_timeout_ms=5000", "--session-dir", dir.path + "/bot", "--no-progress"],
            environment: [:], in: dir)
        let reported = dir.path + "/gate/orders.jsonl"
        let deadline = ContinuousClock.now + .seconds(60)
        while (try Self.records(reported)).count < 3, bot.process.isRunning, ContinuousClock.now < deadline {
            usleep(5_000)
        }
        try #require(bot.process.isRunning, "the bot ended before the gate had 3 reports")
        #expect(try Self.records(reported).count >= 3)
        kill(gate.process.processIdentifier, SIGKILL)
        gate.process.waitUntilExit()
        let result = bot.wait()

        #expect(bot.process.terminationReason == .exit && result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("WiseScalp summary: "), "\(result.stdout)")
        let summary = try BotProcess.summary(dir.path + "/bot")
        #expect(summary["ended_by"] == "max_ticks" && summary["ticks"] == 2000)
        let errors = summary["gate"]?["errors"]
        let connect = errors?["connect"]?.intValue ?? 0
        let unavailable = ["timeout", "connect", "http", "malformed"].compactMap { errors?[$0]?.intValue }.reduce(0, +)
        #expect(connect > 0)
        #expect(summary["denies"]?["gate_unavailable"]?.intValue == unavailable)
        // A position whose exits the dead gate denied stays open, and is named on stderr as well as in the summary.
        let open = (summary["positions"]?.objectValue ?? [:]).filter { ($0.value.doubleValue ?? 0) != 0 }
        for (symbol, _) in open { #expect(result.stderr.contains("WiseScalp: positions still open: \(symbol) ")) }

        // After the first gate_unavailable deny the bot submits nothing, and every order it did submit was allowed
        // by the gate before the kill.
        let botEvents = try Self.records(dir.path + "/bot/bot_events.jsonl")
        let firstUnavailable = try #require(botEvents.firstIndex {
            $0["event_code"] == "ORDER.DENY" && $0["details"]?["reason"]?.stringValue?.hasPrefix("gate_unavailable:") == true
        })
        #expect(!botEvents[firstUnavailable...].contains { $0["event_code"] == "ORDER.SUBMIT" })
        let submitted = Self.submitted(botEvents)
        #expect(!submitted.isEmpty)
        let decisions = Self.decisions(try Self.records(dir.path + "/gate/aurora_events.jsonl"))
        for cid in submitted { #expect(decisions[cid]?["allow"] == true, "\(cid) was placed without an allow") }
        #expect((summary["orders"]?["placed"]?.intValue).map(Int.init) == submitted.count)

        // Every report is in the gate's raw log (sent before the kill) or left undelivered in the bot's directory.
        let journal = Set(try Self.records(dir.path + "/bot/bot_orders.jsonl").map(Self.cid))
        let delivered = Set(try Self.records(reported).map(Self.cid))
        let undelivered = Set(try Self.records(dir.path + "/bot/bot_undelivered.jsonl").map(Self.cid))
        #expect(delivered.isSubset(of: journal))
        #expect(journal == delivered.union(undelivered))
    }
}

// MARK: - Helpers

extension BotEndToEndTests {
    static func records(_ path: String) throws -> [JSONValue] {
        try PretradeExamplesTests.records(path)
    }

    static func cid(_ record: JSONValue) -> String { record["cid"]?.stringValue ?? "" }

    static func removing(_ key: String, from value: JSONValue) -> JSONValue {
        guard case .object(var object) = value else { return value }
        object[key] = nil
        return .object(object)
    }

    /// The gate's POLICY.DECISION details by the order's client order id.
    static func decisions(_ events: [JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for event in events where event["event_code"] == "POLICY.DECISION" {
            if let cid = event["cid"]?.stringValue, let details = event["details"] { out[cid] = details }
        }
        return out
    }

    /// The client order ids of the bot's ORDER.SUBMIT events, in order.
    static func submitted(_ botEvents: [JSONValue]) -> [String] {
        botEvents.filter { $0["event_code"] == "ORDER.SUBMIT" }.map(cid)
    }
}

/// A running `aurora bot`, its output going to files of the test's directory (run from the package root, so it reads
/// the shipped `configs/bot.yaml`; the environment that would override it is cleared).
final class BotProcess {
    let process = Process()
    private let stdoutPath: String
    private let stderrPath: String

    init(_ arguments: [String], environment: [String: String], in dir: Scratch) throws {
        stdoutPath = try dir.write("bot.stdout", "")
        stderrPath = try dir.write("bot.stderr", "")
        process.executableURL = URL(fileURLWithPath: AuroraProcess.binary)
        process.arguments = ["bot"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: AuroraProcess.packageRoot)
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("WISESCALP_") || key.hasPrefix("AURORA_") || key.hasPrefix("BINANCE_")
            || ["DRY_RUN", "EXCHANGE_USE_FUTURES", "EXCHANGE_TESTNET"].contains(key) {
            env[key] = nil
        }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }

    /// Waits for the exit; the status and what the bot printed.
    func wait() -> (status: Int32, stdout: String, stderr: String) {
        process.waitUntilExit()
        let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, out, err)
    }

    /// `summary.json` of a bot session directory.
    static func summary(_ session: String) throws -> JSONValue {
        try JSONReader.parse(Array(try String(contentsOfFile: session + "/summary.json", encoding: .utf8).utf8))
    }
}
