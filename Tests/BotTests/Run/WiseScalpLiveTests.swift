import AuroraTesting
import Foundation
import Testing

@testable import Bot

@Suite(.timeLimit(.minutes(1))) struct WiseScalpLiveTests {
    static let key = "fake-api-key-ABCD"
    static let secret = "fake-api-secret-WXYZ"

    static func configuration(_ fake: FakeBinance, _ gate: FakeGate, _ directory: TemporaryDirectory)
        -> BotConfiguration
    {
        var c = BotConfiguration()
        c.mode = .live
        c.dryRun = false
        c.source = .binance
        c.pollMs = 200
        c.maxTicks = 4
        c.binanceBaseURLSetting = fake.baseURL
        c.gateURL = gate.baseURL
        c.gateTimeoutMs = 2000
        c.orderType = .market
        c.orderSize = 0.002
        c.strategy.warmupTicks = 2
        c.sessionDir = directory.file("session")
        return c
    }

    @Test func liveTestnetOrdersAreSignedReportedAndClosedFlatAtTheEnd() throws {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        let gate = FakeGate()
        defer { fake.stop(); gate.stop() }
        let directory = TemporaryDirectory(prefix: "wisescalp-live")
        var warnings: [String] = []
        let bot = WiseScalp(
            configuration: Self.configuration(fake, gate, directory), transport: CurlTransport(),
            environment: ["BINANCE_API_KEY": Self.key, "BINANCE_API_SECRET": Self.secret],
            warn: { warnings.append($0) })
        let summary = try bot.run()
        #expect(summary.endedBy == "max_ticks")
        #expect(summary.exchange == "binance" && summary.mode == "live" && !summary.dryRun)
        #expect(fake.orders.count == 2)
        #expect(fake.orders.map(\.reduceOnly) == [false, true])
        #expect(fake.positions["BTCUSDT"] == 0)
        #expect(summary.closes["shutdown"] == 1)
        let allowed = gate.pretradeBodies.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        .compactMap { ($0["order"] as? [String: Any])?["client_order_id"] as? String }
        #expect(fake.orders.allSatisfy { allowed.contains($0.cid) })
        #expect(gate.posttradeBodies.count == 2)
        #expect(
            gate.posttradeBodies.allSatisfy { $0.contains(#""exchange":"binance""#) && $0.contains(#""testnet":true"#) }
        )
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.file("session"))) ?? []
        #expect(files.sorted() == ["bot_events.jsonl", "bot_orders.jsonl", "summary.json"])
        for file in files {
            let text = (try? String(contentsOfFile: directory.file("session/" + file), encoding: .utf8)) ?? ""
            #expect(!text.contains(Self.key) && !text.contains(Self.secret), "\(file) leaks a key")
        }
        #expect(warnings.allSatisfy { !$0.contains(Self.key) && !$0.contains(Self.secret) })
    }

    @Test func aHedgeModeAccountOrAnOpenPositionIsRefusedAtStart() {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        let gate = FakeGate()
        defer { fake.stop(); gate.stop() }
        fake.setHedgeMode(true)
        fake.setPosition("BTCUSDT", 0.003)
        let directory = TemporaryDirectory(prefix: "wisescalp-live")
        let bot = WiseScalp(
            configuration: Self.configuration(fake, gate, directory), transport: CurlTransport(),
            environment: ["BINANCE_API_KEY": Self.key, "BINANCE_API_SECRET": Self.secret])
        #expect(
            throws: BotStartError(lines: [
                "WiseScalp: refusing to start: the Binance futures account is in hedge mode (dualSidePosition true): "
                    + "switch it to one-way mode",
                "WiseScalp: refusing to start: BTCUSDT already has a position of 0.003 on Binance: the bot must start flat",
            ])
        ) { try bot.run() }
        #expect(fake.orders.isEmpty)
    }

    @Test func theLiveDryRunSendsNoOrderToTheExchange() throws {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        let gate = FakeGate()
        defer { fake.stop(); gate.stop() }
        let directory = TemporaryDirectory(prefix: "wisescalp-live")
        var c = Self.configuration(fake, gate, directory)
        c.dryRun = true
        let summary = try WiseScalp(configuration: c, transport: CurlTransport()).run()
        #expect(summary.ordersPlaced >= 1)
        #expect(fake.requests.allSatisfy { $0.headers["x-mbx-apikey"] == nil })
        #expect(!gate.posttradeBodies.isEmpty)
        #expect(gate.posttradeBodies.allSatisfy { $0.contains(#""dry_run":true"#) })
    }
}
