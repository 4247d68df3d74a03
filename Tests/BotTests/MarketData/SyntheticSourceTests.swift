import Testing

@testable import Bot

@Suite struct SyntheticSourceTests {
    /// The first three updates of seed 42 with default parameters, in replay format (bot.md §3.3 golden test).
    static let seed42: [String] = [
        #"{"ts_ms":1700000000000,"symbol":"BTCUSDT","bids":[[59997.2,2.205],[59997.1,0.268],[59997.0,1.755],[59996.9,0.452],[59996.8,1.049],[59996.7,0.25],[59996.6,0.739],[59996.5,0.784],[59996.4,0.799],[59996.3,1.191],[59996.2,0.248],[59996.1,0.119],[59996.0,0.745],[59995.9,0.107],[59995.8,1.271],[59995.7,3.432],[59995.6,0.083],[59995.5,0.997],[59995.4,1.052],[59995.3,0.084]],"asks":[[59997.3,0.296],[59997.4,1.235],[59997.5,1.404],[59997.6,2.595],[59997.7,1.08],[59997.8,1.423],[59997.9,1.674],[59998.0,0.95],[59998.1,1.39],[59998.2,0.925],[59998.3,0.436],[59998.4,0.059],[59998.5,0.282],[59998.6,1.306],[59998.7,0.088],[59998.8,0.689],[59998.9,0.158],[59999.0,0.291],[59999.1,1.359],[59999.2,1.006]],"trades":[{"p":59997.3,"q":0.035,"side":"buy","ts":1699999999950}]}"#,
        #"{"ts_ms":1700000000100,"symbol":"BTCUSDT","bids":[[59995.7,3.432],[59995.6,0.083],[59995.5,0.997],[59995.4,1.052],[59995.3,0.337],[59995.2,3.757],[59995.1,1.056],[59995.0,0.052],[59994.9,0.441],[59994.8,1.096],[59994.7,4.852],[59994.6,0.414],[59994.5,2.494],[59994.4,2.899],[59994.3,2.551],[59994.2,1.254],[59994.1,0.201],[59994.0,2.024],[59993.9,1.795],[59993.8,1.905]],"asks":[[59995.8,0.091],[59995.9,1.459],[59996.0,0.335],[59996.1,0.602],[59996.2,0.012],[59996.3,1.15],[59996.4,0.25],[59996.5,0.378],[59996.6,1.189],[59996.7,0.2],[59996.8,1.428],[59996.9,1.136],[59997.0,1.665],[59997.1,1.107],[59997.2,1.242],[59997.3,0.296],[59997.4,0.618],[59997.5,1.404],[59997.6,0.978],[59997.7,1.1]],"trades":[{"p":59995.7,"q":0.083,"side":"sell","ts":1700000000033},{"p":59995.7,"q":0.001,"side":"sell","ts":1700000000066}]}"#,
        #"{"ts_ms":1700000000200,"symbol":"BTCUSDT","bids":[[60003.4,0.365],[60003.3,3.43],[60003.2,0.256],[60003.1,0.541],[60003.0,0.324],[60002.9,2.33],[60002.8,0.769],[60002.7,5.632],[60002.6,2.186],[60002.5,2.017],[60002.4,0.495],[60002.3,0.056],[60002.2,0.243],[60002.1,0.126],[60002.0,0.058],[60001.9,0.552],[60001.8,0.049],[60001.7,0.793],[60001.6,1.612],[60001.5,0.658]],"asks":[[60003.5,3.135],[60003.6,0.175],[60003.7,2.588],[60003.8,0.778],[60003.9,3.186],[60004.0,0.893],[60004.1,0.178],[60004.2,0.581],[60004.3,0.89],[60004.4,1.78],[60004.5,2.432],[60004.6,1.307],[60004.7,0.519],[60004.8,0.017],[60004.9,0.572],[60005.0,1.087],[60005.1,1.014],[60005.2,1.276],[60005.3,0.809],[60005.4,0.86]],"trades":[{"p":60003.5,"q":0.047,"side":"buy","ts":1700000000116},{"p":60003.5,"q":0.023,"side":"buy","ts":1700000000133},{"p":60003.4,"q":0.084,"side":"sell","ts":1700000000150},{"p":60003.4,"q":0.036,"side":"sell","ts":1700000000166},{"p":60003.4,"q":0.02,"side":"sell","ts":1700000000183}]}"#,
    ]

    @Test func seed42GoldenUpdatesArePinned() throws {
        var parameters = SyntheticParameters()
        parameters.seed = 42
        let source = try #require(SyntheticSource(symbols: ["BTCUSDT"], parameters: parameters))
        var lines: [String] = []
        for _ in 0..<3 {
            let update = try #require(source.next())
            var line = ReplayRecorder.line(update)
            line.removeLast()
            lines.append(String(decoding: line, as: UTF8.self))
        }
        #expect(lines == Self.seed42)
    }

    @Test func theSameSeedGivesByteIdenticalUpdates() throws {
        var parameters = SyntheticParameters()
        parameters.seed = 9
        let a = try #require(SyntheticSource(symbols: ["BTCUSDT", "ETHUSDT"], parameters: parameters, maxSteps: 200))
        let b = try #require(SyntheticSource(symbols: ["BTCUSDT", "ETHUSDT"], parameters: parameters, maxSteps: 200))
        var count = 0
        while let x = a.next() {
            let y = try #require(b.next())
            #expect(ReplayRecorder.line(x) == ReplayRecorder.line(y))
            count += 1
        }
        #expect(count == 400)
        #expect(b.next() == nil)
    }

    @Test func symbolsAlternateInConfigurationOrderWithOneClockPerStep() throws {
        let source = try #require(SyntheticSource(symbols: ["BTCUSDT", "ETHUSDT"], parameters: SyntheticParameters()))
        let updates = (0..<4).compactMap { _ in source.next() }
        #expect(updates.map(\.symbol) == ["BTCUSDT", "ETHUSDT", "BTCUSDT", "ETHUSDT"])
        #expect(updates.map(\.tsMs) == [1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_100, 1_700_000_000_100])
    }

    @Test(arguments: [0.1, 0.001, 1.0, 5.0])
    func integerOrReciprocalSizesAreAccepted(size: Double) {
        #expect(Quantum(size) != nil)
    }

    @Test(arguments: [0.3, 2.5, 0.0, -1.0])
    func otherSizesAreRefused(size: Double) {
        #expect(Quantum(size) == nil)
    }
}
