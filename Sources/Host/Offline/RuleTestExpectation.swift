import Codec
import RuleEngine
import YAMLKit

/// The `expect:` of a request step (rule-files.md §7.4) and its comparison with a decision.
struct RuleTestExpectation: Sendable {
    struct RuleExpectation: Sendable {
        var verdict: String?
        var reason: JSONValue?        // .null: must be absent
        var measured: JSONValue?
        var threshold: JSONValue?
    }

    struct Failure: Sendable {
        var field: String
        var want: JSONValue
        var got: JSONValue
        var tracedRule: String?
        /// The mismatch is a trace verdict (`rules.<id>`), written unquoted in the text report.
        var isVerdict = false
    }

    var allow: Bool?
    var reason: String?
    var hardGate: Bool?
    var cooldownMs: Int64?
    var maxQty: Double?
    var riskScale: Double?
    var tradesPmLeft: Int64?
    var symbolExposureLeft: Double?
    var reasons: [String]?
    var reasonsInclude: [String]?
    var diagnostics: [String]?
    var diagnosticsInclude: [String]?
    var rules: [(id: String, expectation: RuleExpectation, location: SourceLocation)] = []

    static let keys = ["allow", "reason", "hard_gate", "cooldown_ms", "max_qty", "risk_scale", "quotas", "reasons",
                       "reasons_include", "diagnostics", "diagnostics_include", "rules"]

    static func approx(_ got: Double, _ want: Double) -> Bool { abs(got - want) <= 1e-9 * max(1, abs(want)) }

    func check(_ d: Decision) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ field: String, _ want: JSONValue, _ got: JSONValue, rule: String? = nil, verdict: Bool = false) {
            failures.append(Failure(field: field, want: want, got: got, tracedRule: rule, isVerdict: verdict))
        }
        if let allow, allow != d.allow { fail("allow", .bool(allow), .bool(d.allow)) }
        if let reason, reason != d.reason.rawValue { fail("reason", .string(reason), .string(d.reason.rawValue)) }
        if let hardGate, hardGate != d.hard { fail("hard_gate", .bool(hardGate), .bool(d.hard)) }
        if let cooldownMs, cooldownMs != d.cooldownMs { fail("cooldown_ms", .int(cooldownMs), .int(d.cooldownMs)) }
        if let maxQty, !Self.approx(d.maxQty, maxQty) { fail("max_qty", .double(maxQty), .double(d.maxQty)) }
        if let riskScale, !Self.approx(d.riskScale, riskScale) { fail("risk_scale", .double(riskScale), .double(d.riskScale)) }
        if let tradesPmLeft, tradesPmLeft != d.quotas.tradesPerMinuteLeft {
            fail("quotas.trades_pm_left", .int(tradesPmLeft), .int(d.quotas.tradesPerMinuteLeft))
        }
        if let symbolExposureLeft, !Self.approx(d.quotas.symbolExposureLeftUsdt, symbolExposureLeft) {
            fail("quotas.symbol_exposure_left_usdt", .double(symbolExposureLeft), .double(d.quotas.symbolExposureLeftUsdt))
        }
        let strings = { (list: [String]) in JSONValue.array(list.map { .string($0) }) }
        if let reasons, reasons != d.reasons { fail("reasons", strings(reasons), strings(d.reasons)) }
        if let reasonsInclude {
            for entry in reasonsInclude where !d.reasons.contains(entry) { fail("reasons_include", .string(entry), strings(d.reasons)) }
        }
        if let diagnostics, diagnostics != d.diagnostics { fail("diagnostics", strings(diagnostics), strings(d.diagnostics)) }
        if let diagnosticsInclude {
            for entry in diagnosticsInclude where !d.diagnostics.contains(entry) {
                fail("diagnostics_include", .string(entry), strings(d.diagnostics))
            }
        }
        for (id, want, _) in rules {
            let step = d.trace.steps.first { $0.key.id.rawValue == id }
            let field = "rules.\(id)"
            guard let step else {
                fail(field, .string(want.verdict ?? "evaluated"), .string("off"), rule: id, verdict: true)
                continue
            }
            if let verdict = want.verdict, verdict != step.verdict.rawValue {
                fail(field, .string(verdict), .string(step.verdict.rawValue), rule: id, verdict: true)
            }
            compare(field + ".reason", want.reason, step.reason.map { .string($0) }, rule: id, into: &failures)
            compare(field + ".measured", want.measured, step.measured.map { .double($0) }, rule: id, into: &failures)
            compare(field + ".threshold", want.threshold, step.threshold.map { .double($0) }, rule: id, into: &failures)
        }
        return failures
    }

    private func compare(_ field: String, _ want: JSONValue?, _ got: JSONValue?, rule: String, into failures: inout [Failure]) {
        guard let want else { return }
        let gotValue = got ?? .null
        let equal: Bool
        switch (want, gotValue) {
        case (.null, .null): equal = true
        case (.null, _), (_, .null): equal = false
        default:
            if let w = want.doubleValue, let g = gotValue.doubleValue { equal = Self.approx(g, w) } else { equal = want == gotValue }
        }
        if !equal { failures.append(Failure(field: field, want: want, got: gotValue, tracedRule: rule)) }
    }
}
