import Testing

@testable import Bot

@Suite struct RunSummaryTests {
    static func sample() -> RunSummary {
        var s = RunSummary()
        s.runID = "20250101-120000"
        s.seed = 42
        s.symbols = ["BTCUSDT"]
        s.endedBy = "max_ticks"
        s.ticks = 6000
        s.botTimeS = 600.0
        s.gateChecks = 3
        s.gateAllow = 1
        s.gateDeny = 2
        s.gateDenyHard = 1
        s.gateErrors["timeout"] = 1
        s.rttP50 = 0.21
        s.rttP99 = 0.48
        s.countDeny("spread_bps_too_wide:80.1")
        s.countDeny("gate_unavailable:timeout")
        s.skips["warmup"] = 30
        s.ordersPlaced = 1
        s.ordersRejected = 1
        s.countReject("-2010")
        s.volumeUsdt = 60.000000001
        s.positions = [("BTCUSDT", 0.0)]
        s.posttradeSent = 1
        return s
    }

    @Test func theJSONHasEveryKeyInTheSpecOrder() {
        #expect(
            Self.sample().jsonText()
                == #"{"run_id":"20250101-120000","mode":"paper","dry_run":true,"exchange":"paper","venue":"futures","testnet":true,"source":"synthetic","seed":42,"symbols":["BTCUSDT"],"ended_by":"max_ticks","ticks":6000,"bot_time_s":600.0,"gate":{"checks":3,"allow":1,"deny":2,"deny_hard":1,"errors":{"timeout":1,"connect":0,"http":0,"malformed":0},"errors_allowed":0,"rtt_ms":{"p50":0.21,"p99":0.48}},"denies":{"spread_bps_too_wide":1,"gate_unavailable":1},"skips":{"warmup":30,"no_signal":0,"cooldown":0,"rate_limit":0,"exposure_cap":0,"posttrade_backlog":0,"insufficient_depth":0,"max_qty_below_min":0,"spot_no_short":0,"exchange_suspended":0,"no_book":0,"md_errors":0},"orders":{"placed":1,"filled":0,"partial":0,"unfilled":0,"rejected":1,"rejected_by_code":{"-2010":1}},"closes":{"tp":0,"sl":0,"time_stop":0,"reversal":0,"signal_exit":0,"shutdown":0},"volume_usdt":60.0,"fees_usdt":0.0,"pnl_realised_usdt":0.0,"pnl_unrealised_usdt":0.0,"positions":{"BTCUSDT":0.0},"posttrade":{"sent":1,"pending":0}}"#
        )
    }

    @Test func theTextHasOneLinePerGroupInOrder() {
        #expect(
            Self.sample().text() == """
                WiseScalp summary: run_id=20250101-120000 mode=paper dry_run=true exchange=paper venue=futures testnet=true source=synthetic seed=42 symbols=BTCUSDT ended_by=max_ticks ticks=6000 bot_time_s=600.0
                gate: checks=3 allow=1 deny=2 deny_hard=1 errors.timeout=1 errors.connect=0 errors.http=0 errors.malformed=0 errors_allowed=0 rtt_ms.p50=0.21 rtt_ms.p99=0.48
                denies: spread_bps_too_wide=1 gate_unavailable=1
                skips: warmup=30 no_signal=0 cooldown=0 rate_limit=0 exposure_cap=0 posttrade_backlog=0 insufficient_depth=0 max_qty_below_min=0 spot_no_short=0 exchange_suspended=0 no_book=0 md_errors=0
                orders: placed=1 filled=0 partial=0 unfilled=0 rejected=1 rejected_by_code.-2010=1
                closes: tp=0 sl=0 time_stop=0 reversal=0 signal_exit=0 shutdown=0
                money: volume_usdt=60.0 fees_usdt=0.0 pnl_realised_usdt=0.0 pnl_unrealised_usdt=0.0
                positions: BTCUSDT=0.0
                posttrade: sent=1 pending=0

                """)
    }

    @Test(arguments: [([Double](), 50.0, 0.0), ([3.0, 1.0, 2.0], 50, 2.0), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10)])
    func percentilesAreNearestRank(samples: [Double], p: Double, expected: Double) {
        #expect(RunSummary.percentile(samples, p) == expected)
    }

    @Test func theProgressLineHasTheSpecShape() {
        var s = RunSummary()
        s.ordersPlaced = 12
        s.ordersFilled = 10
        s.ordersRejected = 1
        s.gateDeny = 33
        s.pnlRealisedUsdt = 1.234
        s.rttP99 = 0.41
        #expect(
            ProgressLine.render(
                tick: 1234, symbol: "BTCUSDT", mid: 60012.34, spreadBps: 1.66, score: 0.421,
                position: 0.002, summary: s)
                == "tick 1234  BTCUSDT 60012.3 spr 1.7bp score +0.42  pos +0.002  ord 12 fill 10 rej 1  deny 33  pnl +1.23  gate p99 0.41ms"
        )
    }
}
