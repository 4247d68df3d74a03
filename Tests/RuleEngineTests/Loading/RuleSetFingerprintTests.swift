import AuroraTesting
import Codec
import Foundation
import RuleEngine
import Testing

/// rule-files.md §2.8: the fingerprint identifies meaning, not bytes.
@Suite struct RuleSetFingerprintTests {
    static let vector = """
        version: 1
        name: vector
        pipeline:
          - id: latency
            type: latency
            params: {max_ms: 30.5}
          - id: spread
            type: spread
            mode: shadow
            params: {max_bps: 80.0}
            overrides:
              - match: {symbols: ["btc/usdt", ETH-USDT]}
                params: {max_bps: 40}
        """

    @Test func specVector() throws {
        let set = try InlineRuleSet.load(Self.vector, registry: FakeRegistry.standard)
        #expect(String(decoding: RuleSetFingerprint.canonicalJSON(of: set.steps).canonicalBytes(), as: UTF8.self) == """
            [{"id":"latency","mode":"enforce","on_error":"deny","on_missing":"deny","overrides":[],"params":{"max_ms":30.5},"reducing_orders":"exempt","stop":false,"type":"latency"},{"id":"spread","mode":"shadow","on_error":"deny","on_missing":"deny","overrides":[{"match":{"symbols":["BTCUSDT","ETHUSDT"]},"params":{"max_bps":40}}],"params":{"max_bps":80},"reducing_orders":"exempt","stop":false,"type":"spread"}]
            """)
        #expect(set.identity.fingerprint == "sha256:3a8d1babf56efa4d31be0fa03b3382fa3723acce19c9c580f5e9784d9b2d10ce")
        #expect(set.identity.name == "vector")
    }

    @Test func reformattingAndExplicitDefaultsDoNotChangeIt() throws {
        let reformatted = """
            # a comment
            version: 1
            name: vector
            defaults: {on_error: deny}
            pipeline:
              - id: latency
                type: latency
                mode: enforce
                params:
                  max_ms: 30.50
              - {id: spread, type: spread, mode: shadow, params: {max_bps: 80}, stop: false,
                 overrides: [{match: {symbols: [BTCUSDT, ethusdt]}, params: {max_bps: 40.0}}]}
            """
        let a = try InlineRuleSet.load(Self.vector, registry: FakeRegistry.standard)
        let b = try InlineRuleSet.load(reformatted, registry: FakeRegistry.standard)
        #expect(a.identity.fingerprint == b.identity.fingerprint)
        let changed = try InlineRuleSet.load(Self.vector.replacingOccurrences(of: "30.5", with: "31"),
                                             registry: FakeRegistry.standard)
        #expect(changed.identity.fingerprint != a.identity.fingerprint)
    }
}
