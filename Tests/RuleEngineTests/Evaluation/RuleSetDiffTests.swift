import AuroraTesting
import Codec
import RuleEngine
import Testing

/// rule-files.md §6.5: the semantic diff on effective values.
@Suite struct RuleSetDiffTests {
    func load(_ pipeline: String, previous: CompiledRuleSet? = nil) throws -> CompiledRuleSet {
        try InlineRuleSet.load("version: 1\nname: t\npipeline:\n" + pipeline, registry: FakeRegistry.standard,
                               previous: previous)
    }

    @Test func formattingAndExplicitDefaultsProduceNoEntry() throws {
        let a = try load("  - {id: s, type: spread}\n")
        let b = try load("  - id: s\n    type: spread\n    mode: enforce\n    params: {max_bps: 80.0}\n", previous: a)
        #expect(RuleSetDiff(old: a, new: b).isEmpty)
    }

    @Test func everyKindOfChangeIsListed() throws {
        let a = try load("""
              - {id: s, type: spread, params: {max_bps: 80}}
              - {id: l, type: latency, mode: shadow}
              - {id: c, type: counter}
              - {id: gone, type: threshold}
            """)
        let b = try load("""
              - {id: l, type: latency, mode: enforce, on_missing: skip}
              - id: s
                type: spread
                params: {max_bps: 60}
                overrides:
                  - match: {symbols: [ETHUSDT]}
                    params: {max_bps: 20}
              - {id: c, type: threshold}
              - {id: new, type: spread, mode: shadow}
            """, previous: a)
        let diff = RuleSetDiff(old: a, new: b) { key, name in key.id == "s" && name == "max_bps" ? 55 : nil }
        #expect(diff.added.map(\.id) == ["c", "new"])
        #expect(diff.removed.map(\.id) == ["c", "gone"])
        #expect(diff.modeChanged.map { "\($0.id):\($0.from)->\($0.to)" } == ["l:shadow->enforce"])
        #expect(diff.policyChanged.map { "\($0.id).\($0.field):\($0.from)->\($0.to)" } == ["l.on_missing:deny->skip"])
        #expect(diff.orderChanged)
        #expect(diff.stateReset == ["c"])
        let params = diff.paramsChanged.map(\.param)
        #expect(params == ["params.max_bps", "overrides[0].match", "overrides[0].params.max_bps"])
        let base = try #require(diff.paramsChanged.first)
        #expect(base.old == .double(80) && base.new == .double(60) && base.ratio == 0.75 && !base.large)
        #expect(base.overriddenAtRuntime == 55)
        #expect(diff.json["params_changed"]?.serializedString.contains(#""old":null,"new":20.0,"ratio":null"#) == true)
    }

    @Test func tenfoldChangesAreMarkedLarge() throws {
        let a = try load("  - {id: s, type: spread, params: {max_bps: 80}}\n")
        let b = try load("  - {id: s, type: spread, params: {max_bps: 800}}\n", previous: a)
        #expect(RuleSetDiff(old: a, new: b).paramsChanged.first?.large == true)
    }
}
