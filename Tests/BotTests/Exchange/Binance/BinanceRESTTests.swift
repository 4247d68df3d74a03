import Testing

@testable import Bot

@Suite struct BinanceRESTTests {
    static let secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"

    @Test func theSignerReproducesTheBinanceDocsExample() {
        let rest = BinanceREST(
            baseURL: "http://127.0.0.1:1", market: .spot, transport: CurlTransport(), timeoutMs: 100,
            recvWindowMs: 5000, apiKey: "k", apiSecret: Self.secret)
        let params = [
            ("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"),
            ("quantity", "1"), ("price", "0.1"),
        ]
        let (query, signature) = rest.signedQuery(params, nowMs: 1_499_827_319_559)
        #expect(
            query
                == "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        )
        #expect(signature == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
    }

    @Test(arguments: [("abc-._~", "abc-._~"), ("a b", "a%20b"), ("x/y=z&", "x%2Fy%3Dz%26"), ("é", "%C3%A9")])
    func valuesArePercentEncodedPerRFC3986(value: String, encoded: String) {
        #expect(BinanceREST.percentEncoded(value) == encoded)
    }

    @Test(arguments: [(5, 5), (6, 10), (20, 20), (21, 50), (2000, 1000)])
    func futuresDepthLimitsRoundUpToAnAllowedValue(levels: Int, limit: Int) {
        #expect(BinanceEndpoints(market: .futures).depthLimit(levels: levels) == limit)
        #expect(BinanceEndpoints(market: .spot).depthLimit(levels: levels) == levels)
    }

    @Test(arguments: [(0.0019, 0.001, "0.001"), (60000.15, 0.1, "60000.1"), (0.00001, 0.00001, "0.00001")])
    func quantitiesRoundDownAndPrintWithoutExponents(value: Double, step: Double, text: String) {
        #expect(Rounding.text(Rounding.down(value, step: step), step: step) == text)
    }
}
