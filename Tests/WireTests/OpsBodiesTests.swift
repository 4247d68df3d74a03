import Codec
import Testing
import Wire

@Suite struct OpsBodiesTests {
    private func text(_ errors: ValidationErrors?) -> String? {
        errors.map { String(decoding: $0.bodyBytes(), as: UTF8.self) }
    }

    @Test(arguments: [("30", 30), ("-5", -5), ("0", 0), ("123456789", 123_456_789)] as [(String, Int64)])
    func cooloffSecondsAcceptsUpToNineDigits(_ path: String, _ expected: Int64) throws {
        #expect(try CooloffSeconds.parse(path).get() == expected)
    }

    @Test(arguments: ["1234567890", "1.5", "abc", "", "-", "+3"])
    func cooloffSecondsRejectsAnythingElse(_ path: String) {
        guard case .failure(let errors) = CooloffSeconds.parse(path) else {
            Issue.record("accepted \(path)")
            return
        }
        #expect(
            text(errors)
                == #"{"detail":[{"type":"int_parsing","loc":["path","sec"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"# + JSONValue.string(path).serializedString + "}]}")
    }

    @Test func armModeIsCaseInsensitive() {
        #expect(ArmMode(path: "ARM") == .arm)
        #expect(ArmMode(path: "Disarm") == .disarm)
        #expect(ArmMode(path: "on") == nil)
    }

    @Test func haltReasonDefaultsToOpsAndUnknownKeysAreForbidden() throws {
        #expect(try OpsReasonBody.decode([UInt8]()).get().reason == "ops")
        #expect(try OpsReasonBody.decode(Array(#"{"reason":"  "}"#.utf8)).get().reason == "ops")
        #expect(try OpsReasonBody.decode(Array(#"{"reason":" incident "}"#.utf8)).get().reason == "incident")
        guard case .failure(let errors) = OpsReasonBody.decode(Array(#"{"why":"x"}"#.utf8)) else {
            Issue.record("accepted an unknown key")
            return
        }
        #expect(
            text(errors)
                == #"{"detail":[{"type":"extra_forbidden","loc":["body","why"],"msg":"Extra inputs are not permitted","input":"x"}]}"#)
    }

    @Test func resumeNeedsAReasonAndAKnownTarget() throws {
        let ok = try OpsResumeBody.decode(Array(#"{"reason":"fixed","to":"REDUCING"}"#.utf8)).get()
        #expect(ok == OpsResumeBody(reason: "fixed", to: .reducing))
        #expect(try OpsResumeBody.decode(Array(#"{"reason":"fixed"}"#.utf8)).get().to == .active)
        guard case .failure(let errors) = OpsResumeBody.decode(Array(#"{"reason":" ","to":"HALTED"}"#.utf8)) else {
            Issue.record("accepted a blank reason")
            return
        }
        #expect(
            text(errors)
                == #"{"detail":[{"type":"string_too_short","loc":["body","reason"],"msg":"String should have at least 1 character","input":" ","ctx":{"min_length":1}},{"type":"literal_error","loc":["body","to"],"msg":"Input should be 'ACTIVE' or 'REDUCING'","input":"HALTED","ctx":{"expected":"'ACTIVE' or 'REDUCING'"}}]}"#
        )
        guard case .failure(let missing) = OpsResumeBody.decode([UInt8]()) else {
            Issue.record("accepted an absent body")
            return
        }
        #expect(text(missing) == #"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#)
    }

    @Test func rotateTokenRejectsTheAliasNew() {
        guard case .failure(let errors) = RotateTokenBody.decode(Array(#"{"new":"abc"}"#.utf8)) else {
            Issue.record("accepted the alias")
            return
        }
        #expect(errors.items.map(\.type) == ["missing", "extra_forbidden"])
    }

    @Test func riskSetReadsNumericParamsInTableOrderAndClipsSizeScale() throws {
        let body = #"{"size_scale":5,"max_concurrent":"3","dd_day_pct":2,"reason":"calm","reset":true}"#
        let set = try RiskSetBody.decode(Array(body.utf8)).get()
        #expect(JSONValue.object(set.values).serialized() == Array(#"{"dd_day_pct":2.0,"max_concurrent":3,"size_scale":1.0}"#.utf8))
        #expect(set.reason == "calm")
        #expect(set.reset)
        guard case .failure(let errors) = RiskSetBody.decode(Array(#"{"trades_per_minute":0,"notional_action":"deny"}"#.utf8)) else {
            Issue.record("accepted out-of-range values")
            return
        }
        #expect(
            text(errors)
                == #"{"detail":[{"type":"greater_than_equal","loc":["body","trades_per_minute"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}},{"type":"extra_forbidden","loc":["body","notional_action"],"msg":"Extra inputs are not permitted","input":"deny"}]}"#
        )
    }

    @Test func tradingStateResponseMatchesTheSpec() {
        let body = TradingStateResponse(tradingState: .halted, previous: .active, enforced: true).bodyBytes()
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"status":"ok","trading_state":"HALTED","previous":"ACTIVE","enforced":true}"#)
    }
}
