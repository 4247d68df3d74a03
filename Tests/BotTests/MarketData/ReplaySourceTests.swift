import Testing
import Wire

@testable import Bot

@Suite struct ReplaySourceTests {
    static let example =
        #"{"ts_ms":1700000000000,"symbol":"BTCUSDT","recv_ts_ms":1700000000004,"bids":[[60000.0,1.2],[59999.9,0.8]],"#
        + #""asks":[[60000.1,0.5],[60000.2,2.0]],"trades":[{"p":60000.1,"q":0.01,"side":"buy","ts":1699999999950}]}"#

    @Test func theSpecExampleParsesWithItsDataAge() throws {
        let source = try ReplaySource(bytes: Array((Self.example + "\n").utf8), path: "r.jsonl", symbols: ["BTCUSDT"])
        let update = try #require(source.next())
        #expect(update.symbol == "BTCUSDT")
        #expect(update.dataAgeMs == 4)
        #expect(update.book.bids == [.init(60000.0, 1.2), .init(59999.9, 0.8)])
        #expect(update.trades == [.init(price: 60000.1, qty: 0.01, side: .buy, ts: 1_699_999_999_950)])
        #expect(source.next() == nil)
    }

    @Test func decimalStringsCRLFBlankLinesAndOtherSymbolsAreHandled() throws {
        let text = """
            {"ts_ms":1,"symbol":"binance:btc/usdt","bids":[["100.5","2"]],"asks":[["100.6","1"]]}\r

            {"ts_ms":2,"symbol":"ETHUSDT","bids":[],"asks":[]}
            {"ts_ms":3,"symbol":"BTCUSDT","bids":[[100.5,1]],"asks":[[100.6,1]]}
            """
        let source = try ReplaySource(bytes: Array(text.utf8), path: "r.jsonl", symbols: ["BTCUSDT", "SOLUSDT"])
        #expect(source.count == 2)
        #expect(source.skippedLines == 1)
        let first = try #require(source.next())
        #expect(first.book.bids == [.init(100.5, 2)])
        #expect(first.dataAgeMs == 0)
    }

    @Test func recordedUpdatesReplayToTheSameUpdates() throws {
        var parameters = SyntheticParameters()
        parameters.seed = 3
        let synthetic = try #require(SyntheticSource(symbols: ["BTCUSDT"], parameters: parameters, maxSteps: 50))
        var bytes: [UInt8] = []
        var originals: [MarketUpdate] = []
        while let update = synthetic.next() {
            originals.append(update)
            bytes += ReplayRecorder.line(update)
        }
        let replay = try ReplaySource(bytes: bytes, path: "r", symbols: ["BTCUSDT"])
        var replayed: [MarketUpdate] = []
        while let update = replay.next() { replayed.append(update) }
        #expect(replayed == originals)
    }

    @Test(arguments: [
        (
            #"{"ts_ms":1,"bids":[[1,1]],"asks":[[2,1]],"x":1}"#,
            "r.jsonl:1:42: error: unknown key 'x' (valid keys: ts_ms, symbol, recv_ts_ms, bids, asks, trades)"
        ),
        (#"{"bids":[[1,1]],"asks":[[2,1]]}"#, "r.jsonl:1:1: error: missing key 'ts_ms'"),
        (#"{"ts_ms":1.5,"bids":[],"asks":[]}"#, "r.jsonl:1:2: error: 'ts_ms' must be a non-negative integer"),
        (
            #"{"ts_ms":1,"bids":[[1,1],[2,1]],"asks":[]}"#,
            "r.jsonl:1:12: error: 'bids' prices must be strictly descending: bids[1] is 2.0"
        ),
        (#"{"ts_ms":1,"bids":[],"asks":[[2,0]]}"#, "r.jsonl:1:22: error: 'asks[0]' must have price > 0 and qty > 0"),
        (
            #"{"ts_ms":1,"bids":[],"asks":[],"trades":[{"p":1,"q":1,"side":"up","ts":1}]}"#,
            "r.jsonl:1:32: error: 'trades[0].side' must be \"buy\" or \"sell\""
        ),
        (
            #"{"ts_ms":1,"bids":[],"asks":[],"trades":[{"p":1,"q":1,"side":"buy","ts":5}]}"#,
            "r.jsonl:1:32: error: 'trades[0].ts' 5 is after the update's ts_ms 1"
        ),
        (#"{"ts_ms":1,"recv_ts_ms":0,"bids":[],"asks":[]}"#, "r.jsonl:1:12: error: 'recv_ts_ms' must be ≥ 'ts_ms'"),
        (#"{"ts_ms":1,"bids":[],"asks":[],}"#, "r.jsonl:1:32: error: invalid JSON: trailing comma in object"),
        (#"[1]"#, "r.jsonl:1:1: error: a line must be a JSON object"),
    ])
    func everyProblemIsReportedWithItsLocation(line: String, expected: String) {
        #expect(throws: ReplayFileError(problems: [expected])) {
            try ReplaySource(bytes: Array(line.utf8), path: "r.jsonl", symbols: ["BTCUSDT"])
        }
    }

    @Test func decreasingTimestampsAndAMissingSymbolAreReportedPerLine() {
        let text = """
            {"ts_ms":5,"symbol":"BTCUSDT","bids":[],"asks":[]}
            {"ts_ms":4,"symbol":"BTCUSDT","bids":[],"asks":[]}
            {"ts_ms":6,"bids":[],"asks":[]}
            """
        #expect(
            throws: ReplayFileError(problems: [
                "r:2:2: error: 'ts_ms' 4 is earlier than the previous update of BTCUSDT (5)",
                "r:3:1: error: missing key 'symbol' (required when more than one symbol is configured)",
            ])
        ) {
            try ReplaySource(bytes: Array(text.utf8), path: "r", symbols: ["BTCUSDT", "ETHUSDT"])
        }
    }

    @Test func moreThanFiftyProblemsAreCutWithACount() {
        let problems = (1...53).map { "r:\($0):1: error: x" }
        let text = ReplayFileError(problems: problems).description.split(separator: "\n")
        #expect(text.count == 51)
        #expect(text.last == "… and 3 more errors")
    }

    @Test func aMissingFileIsAnError() {
        #expect(
            throws: ReplayFileError(problems: ["/nonexistent/r.jsonl: error: replay file not found or not readable"])
        ) {
            try ReplaySource(path: "/nonexistent/r.jsonl", symbols: ["BTCUSDT"])
        }
    }
}
