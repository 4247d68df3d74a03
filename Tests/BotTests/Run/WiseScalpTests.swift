import AuroraTesting
import Codec
import Foundation
import Testing

@testable import Bot

@Suite(.timeLimit(.minutes(1))) struct WiseScalpTests {
    static func json(_ text: String) -> JSONValue? { try? JSONReader.parse(Array(text.utf8)) }

    @Test func aDenyPlacesNoOrderAndIsCountedByReasonGroup() throws {
        let gate = FakeGate(fallback: .deny(reason: "spread_bps_too_wide:80.1", hard: false, cooldownMs: 0))
        defer { gate.stop() }
        let harness = BotHarness()
        let lines = (0..<5).map { BotHarness.bullish(1000 + Int64($0) * 100) }
        let summary = try harness.run(BotHarness.configuration(), lines: lines, gateURL: gate.baseURL)
        #expect(summary.ordersPlaced == 0)
        #expect(summary.gateChecks == 4 && summary.gateDeny == 4)
        #expect(summary.denies.map(\.0) == ["spread_bps_too_wide"] && summary.denies.map(\.1) == [4])
        #expect(summary.skips["warmup"] == 1)
        #expect(gate.posttradeBodies.isEmpty)
        let events = harness.sessionFile("bot_events.jsonl").compactMap(Self.json)
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0["event_code"]?.stringValue == "ORDER.DENY" && $0["src"]?.stringValue == "bot" })
    }

    @Test func maxQtyCapsTheOrderRoundedDownToTheStep() throws {
        let gate = FakeGate(script: [.allow(maxQty: 0.0057)], fallback: .deny(reason: "x", hard: false, cooldownMs: 0))
        defer { gate.stop() }
        let harness = BotHarness()
        let lines = (0..<4).map { BotHarness.bullish(1000 + Int64($0) * 100) }
        let summary = try harness.run(BotHarness.configuration(), lines: lines, gateURL: gate.baseURL)
        #expect(summary.ordersPlaced == 1 && summary.ordersFilled == 1)
        let report = try #require(gate.posttradeBodies.first.flatMap(Self.json))
        #expect(report["qty"] == .double(0.005))
        #expect(report["filled"] == .double(0.005))
        #expect(report["status"] == "FILLED")
        #expect(report["decision_id"] == "20250101-000000-1")
        #expect(summary.positions.first?.1 == 0.005)
        let request = try #require(gate.pretradeBodies.first.flatMap(Self.json))
        #expect(request["order"]?["qty"] == .double(0.01))
        #expect(request["order"]?["reduce_only"] == false)
    }

    @Test func aCapBelowTheMinimumQuantityIsSkipped() throws {
        let gate = FakeGate(script: [.allow(maxQty: 0.0004)], fallback: .deny(reason: "x", hard: false, cooldownMs: 0))
        defer { gate.stop() }
        let summary = try BotHarness().run(
            BotHarness.configuration(), lines: (0..<3).map { BotHarness.bullish(1000 + Int64($0) * 100) },
            gateURL: gate.baseURL)
        #expect(summary.ordersPlaced == 0)
        #expect(summary.skips["max_qty_below_min"] == 1)
    }

    @Test func aCooldownPausesNewEntriesUntilItHasPassedOnTheBotClock() throws {
        let gate = FakeGate(
            script: [.deny(reason: "cooldown_after_close_active", hard: false, cooldownMs: 450)],
            fallback: .deny(reason: "other", hard: false, cooldownMs: 0))
        defer { gate.stop() }
        let lines = (0..<10).map { BotHarness.bullish(1000 + Int64($0) * 100) }
        let summary = try BotHarness().run(BotHarness.configuration(), lines: lines, gateURL: gate.baseURL)
        let times = gate.pretradeBodies.compactMap { Self.json($0)?["ts"]?.intValue }
        #expect(times == [1100, 1600, 1700, 1800, 1900])
        #expect(summary.skips["cooldown"] == 4)
    }

    @Test func anExitDeniedWithACooldownIsAskedAgainOnTheNextUpdate() throws {
        let gate = FakeGate(script: [
            .allow(maxQty: nil),
            .deny(reason: "cooldown_after_close_active", hard: false, cooldownMs: 60_000),
        ])
        defer { gate.stop() }
        var lines = (0..<3).map { BotHarness.bullish(1000 + Int64($0) * 100) }
        lines += (0..<3).map { BotHarness.balanced(1300 + Int64($0) * 100) }
        let summary = try BotHarness().run(BotHarness.configuration(), lines: lines, gateURL: gate.baseURL)
        let bodies = gate.pretradeBodies.compactMap(Self.json)
        // 1100 entry at the ask 100.1 (allowed); at 1200 the mid 100.05 is below the stop 100.1·(1 − 2 bps): the
        // exit is denied with a 60 s cooldown; at 1300 the same exit is asked again (allowed) and closes.
        #expect(bodies.map { $0["order"]?["reduce_only"]?.boolValue } == [false, true, true])
        #expect(bodies.map { $0["ts"]?.intValue } == [1100, 1200, 1300])
        #expect(summary.closes["sl"] == 1)
        let reports = gate.posttradeBodies.compactMap(Self.json)
        #expect(reports.map { $0["reason"]?.stringValue } == ["entry", "sl"])
        #expect(reports.last?["action"] == "close")
        #expect(summary.positions.first?.1 == 0)
    }

    @Test func anUnreachableGateDeniesEveryOrder() throws {
        let summary = try BotHarness().run(
            BotHarness.configuration(), lines: (0..<4).map { BotHarness.bullish(1000 + Int64($0) * 100) },
            gateURL: LoopbackHTTPServer.refusedURL())
        #expect(summary.ordersPlaced == 0)
        #expect(summary.gateDenyHard == 3)
        #expect(summary.gateErrors["connect"] == 3)
        #expect(summary.denies.map(\.0) == ["gate_unavailable"])
    }

    @Test func undeliveredReportsAreRetriedAtTheStartOfLaterUpdates() throws {
        let gate = FakeGate(script: [.allow(maxQty: nil)], fallback: .deny(reason: "x", hard: false, cooldownMs: 0))
        defer { gate.stop() }
        gate.failPosttrade(2)
        let harness = BotHarness()
        var c = BotHarness.configuration()
        c.strategy.exitScore = 0.0001
        let lines = (0..<6).map { BotHarness.bullish(1000 + Int64($0) * 100) }
        let summary = try harness.run(c, lines: lines, gateURL: gate.baseURL)
        #expect(gate.posttradeBodies.count == 1)
        #expect(summary.posttradeSent == 1 && summary.posttradePending == 0)
        #expect(harness.sessionFile("bot_orders.jsonl").count == 1)
    }

    @Test func theShippedReplayFileGivesTheSameSummaryTwice() throws {
        let gate = FakeGate()
        defer { gate.stop() }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "examples/wisescalp_replay.jsonl"
            ).path
        func once() throws -> String {
            let directory = TemporaryDirectory(prefix: "wisescalp-replay")
            var c = BotConfiguration()
            c.source = .replay
            c.replayFile = file
            c.speed = 0
            c.sessionDir = directory.file("session")
            c.gateURL = gate.baseURL
            c.gateTimeoutMs = 2000
            var summary = try WiseScalp(configuration: c, transport: CurlTransport(), startWallMs: 0).run()
            summary.rttP50 = 0
            summary.rttP99 = 0
            #expect(summary.ticks == 5000)
            #expect(summary.endedBy == "end_of_data")
            #expect(summary.ordersPlaced > 0)
            return summary.jsonText()
        }
        #expect(try once() == once())
    }
}
