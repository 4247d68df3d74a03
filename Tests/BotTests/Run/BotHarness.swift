import AuroraTesting
import Foundation

@testable import Bot

/// Runs WiseScalp over replay lines against a gate URL, in a temporary session directory.
struct BotHarness {
    let directory = TemporaryDirectory(prefix: "wisescalp")

    /// A book strongly tilted to the bids (score ≈ +0.54: a buy signal).
    static func bullish(_ ts: Int64, mid: Double = 100.05) -> String {
        let bid = mid - 0.05
        let ask = mid + 0.05
        return #"{"ts_ms":\#(ts),"bids":[[\#(bid),10],[\#(bid - 0.1),10]],"asks":[[\#(ask),0.5],[\#(ask + 0.1),0.5]]}"#
    }

    /// A balanced book (score 0: a soft exit).
    static func balanced(_ ts: Int64, mid: Double = 100.05) -> String {
        #"{"ts_ms":\#(ts),"bids":[[\#(mid - 0.05),1],[\#(mid - 0.15),1]],"asks":[[\#(mid + 0.05),1],[\#(mid + 0.15),1]]}"#
    }

    static func configuration() -> BotConfiguration {
        var c = BotConfiguration()
        c.source = .replay
        c.speed = 0
        c.strategy.warmupTicks = 2
        c.orderType = .market
        c.orderSize = 0.01
        c.paperFilters = .init(qtyStep: 0.001, minQty: 0.001, minNotional: 0)
        c.maxSymbolExposureUsdt = 1e9
        c.tradesPerMinuteLimit = 1000
        c.strategy.closeOnExit = false
        return c
    }

    func run(_ configuration: BotConfiguration, lines: [String], gateURL: String) throws -> RunSummary {
        var c = configuration
        c.replayFile = directory.write("replay.jsonl", lines.joined(separator: "\n") + "\n")
        c.sessionDir = directory.file("session")
        c.gateURL = gateURL
        c.gateTimeoutMs = 2000
        return try WiseScalp(configuration: c, transport: CurlTransport(), startWallMs: 1_735_732_800_123).run()
    }

    func sessionFile(_ name: String) -> [String] {
        let text = (try? String(contentsOfFile: directory.file("session/" + name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}
