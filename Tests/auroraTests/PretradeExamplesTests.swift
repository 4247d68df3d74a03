import Codec
import Foundation
import Testing

/// The example exchanges of http-api.md §4.8, compared with the spec's JSON (copied verbatim into
/// `Fixtures/pretrade-examples/`) member by member, key order and number spelling (`1.0` vs `1`) included.
///
/// What may differ is replaced in the expected body before comparing: `us` is dropped everywhere; the ruleset
/// fingerprint is the fixture's (the spec's `sha256:495264c3…` is illustrative: its table lists only the "relevant"
/// params); against `aurora serve` the ids and times that come from the wall clock (`decision_id`'s run id,
/// `loaded_at`, the freshness rule's measured quote age) are checked for their form and then taken as they are.
/// `aurora eval --steps` runs on the examples' own clock, so there those match exactly. OPS is not served yet, so the
/// halt of Example 3 goes through an `ops` step of `aurora eval --steps`.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PretradeExamplesTests {
    static let fixtures = AuroraProcess.packageRoot + "/Tests/auroraTests/Fixtures/"
    static let rules = fixtures + "pretrade-examples.yaml"
    /// `aurora check` of the fixture (rule-files.md §2.8); the spec's example fingerprint is illustrative.
    static let fingerprint = "sha256:7f8b257519217d49d2364d499a598b7abbe75638483f979eee90c415653a7931"
    /// The examples' server clock: 2026-01-05T09:30:00.002Z.
    static let exampleNow: Int64 = 1_767_605_400_002

    @Test func examplesOneToThreeAnswerExactlyOnTheExampleClock() throws {
        let request = try Self.json("example1.request.json")
        let second = Self.setting(["market", "spread_bps"], .double(80.1),
                                  in: Self.setting(["req_id"], "rq-1767605399998002", in: request))
        let third = Self.setting(["req_id"], "rq-1767605399998003", in: request)
        // The process "starts" at 09:00:00.000 (run id 20260105-090000, loaded_at): an invalid request then takes
        // no seq, so the examples get seq 1, 2, the halt 3 and Example 3's check 4, as in the spec.
        let steps = [
            #"{"at":1767603600000,"pretrade":{}}"#,
            #"{"at":\#(Self.exampleNow),"pretrade":\#(Self.text(request))}"#,
            #"{"at":\#(Self.exampleNow),"pretrade":\#(Self.text(second))}"#,
            #"{"at":\#(Self.exampleNow),"ops":{"action":"halt","reason":"exchange incident #42"}}"#,
            #"{"at":\#(Self.exampleNow),"pretrade":\#(Self.text(third))}"#,
        ].joined(separator: "\n")
        let run = try AuroraProcess.run(["eval", "--rules", Self.rules, "--steps", "-"], stdin: steps)
        #expect(run.status == 0, "\(run.stderr)")
        let answers = run.stdout.split(separator: "\n").map(String.init)
        try #require(answers.count == 5, "\(run.stdout)")
        #expect(answers[0].hasPrefix(#"{"detail":[{"type":"missing","loc":["body","account"]"#))
        for (answer, example) in [(answers[1], "example1"), (answers[2], "example2"), (answers[4], "example3")] {
            var expected = try Self.json(example + ".response.json")
            expected = Self.setting(["observability", "ruleset", "fingerprint"], .string(Self.fingerprint), in: expected)
            let difference = Self.difference(Self.withoutUs(try Self.parse(answer)), Self.withoutUs(expected))
            #expect(difference == nil, "\(example): \(difference ?? "")")
        }
        #expect(answers[3] == (try Self.example("example3.halt.response.json")))
    }

    @Test func theServerAnswersExamplesOneAndTwoAndWritesExampleTwosDeniedRecord() throws {
        let dir = try Scratch()
        let serve = try Serve(["--rules", Self.rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"])
        defer { _ = serve.stop(SIGTERM) }
        #expect(serve.banner[1].hasSuffix("(ruleset default, \(Self.fingerprint))"), "\(serve.banner)")
        let runId = try Self.runId(session: dir.path + "/s")

        let first = try Self.json("example1.request.json")
        let second = Self.setting(["market", "spread_bps"], .double(80.1),
                                  in: Self.setting(["req_id"], "rq-1767605399998002", in: first))
        var now: Int64 = 0
        for (request, example, seq) in [(first, "example1", 1), (second, "example2", 2)] {
            // The request's clocks are moved to now, so the shadow freshness rule sees a 12 ms old quote, no skew.
            now = Int64(Date().timeIntervalSince1970 * 1000)
            var body = Self.setting(["ts"], .int(now - 4), in: request)
            body = Self.setting(["market", "quote_ts_ms"], .int(now - 12), in: body)
            let response = try Serve.request(serve.port, "POST", "/pretrade/check", body: Self.text(body))
            #expect(response.status == 200)
            let actual = try Self.parse(response.body)
            let observability = actual["observability"]
            #expect(observability?["decision_id"]?.stringValue == "\(runId)-\(seq)")
            let loadedAt = observability?["ruleset"]?["loaded_at"]?.stringValue ?? ""
            #expect(loadedAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(loadedAt)")
            let age = Self.trace(actual, "freshness")?["measured"]?.doubleValue ?? -1
            #expect(age >= 12 && age < 250, "freshness measured \(age)")

            var expected = try Self.json(example + ".response.json")
            expected = Self.setting(["observability", "ruleset", "fingerprint"], .string(Self.fingerprint), in: expected)
            expected = Self.setting(["observability", "ruleset", "loaded_at"], .string(loadedAt), in: expected)
            expected = Self.setting(["observability", "decision_id"], .string("\(runId)-\(seq)"), in: expected)
            expected = Self.settingTrace("freshness", "measured", .double(age), in: expected)
            let difference = Self.difference(Self.withoutUs(actual), Self.withoutUs(expected))
            #expect(difference == nil, "\(example): \(difference ?? "")")
        }

        // Example 2's side effects: RULE.DENY, SPREAD_GUARD_TRIP, POLICY.DECISION; observability.md §5.2's record.
        let codes = try Self.records(dir.path + "/s/aurora_events.jsonl").compactMap { $0["event_code"]?.stringValue }
        #expect(codes.suffix(4) == ["POLICY.DECISION", "RULE.DENY", "SPREAD_GUARD_TRIP", "POLICY.DECISION"])
        let denied = try Self.records(dir.path + "/s/orders_denied.jsonl")
        try #require(denied.count == 1)
        let record = denied[0]
        let tsNs = record["ts_ns"]?.intValue ?? 0
        #expect(tsNs / 1_000_000 >= now && record["ts_server_ns"] == record["ts_ns"])
        var expected = try Self.json("example2.denied-record.json")
        for (key, value) in [("ts_ns", JSONValue.int(tsNs)), ("ts_server_ns", .int(tsNs)), ("run_id", .string(runId)),
                             ("decision_id", .string("\(runId)-2")), ("ruleset", .string(Self.fingerprint))] {
            expected = Self.setting([key], value, in: expected)
        }
        let difference = Self.difference(record, expected)
        #expect(difference == nil, "denied record: \(difference ?? "")")
    }

    @Test func theServerRejectsExampleFoursQuantitiesWith422AndConsumesNoSeq() throws {
        let dir = try Scratch()
        let serve = try Serve(["--rules", Self.rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"])
        defer { _ = serve.stop(SIGTERM) }
        let runId = try Self.runId(session: dir.path + "/s")
        let request = try Self.example("example4.request.json")
        #expect(request.contains(#""qty": "abc""#))

        let abc = try Serve.request(serve.port, "POST", "/pretrade/check", body: request)
        #expect(abc.status == 422)
        #expect(abc.body == (try Self.example("example4.response.json")))
        let negative = try Serve.request(
            serve.port, "POST", "/pretrade/check", body: request.replacingOccurrences(of: #""abc""#, with: "-1"))
        #expect(negative.status == 422)
        #expect(negative.body == (try Self.example("example4.negative.response.json")))

        // Nothing was decided or written, and no seq was taken: the next decision is the run's first.
        let codes = try Self.records(dir.path + "/s/aurora_events.jsonl").compactMap { $0["event_code"]?.stringValue }
        #expect(!codes.contains("POLICY.DECISION") && !codes.contains("RULE.DENY"), "\(codes)")
        #expect(try Self.records(dir.path + "/s/orders_denied.jsonl").isEmpty)
        let metrics = try Serve.request(serve.port, "GET", "/metrics").body
        #expect(metrics.contains(#"aurora_http_requests_total{route="/pretrade/check",code="422"} 2"#), "\(metrics)")
        let decisions = metrics.split(separator: "\n").filter { $0.hasPrefix("aurora_decisions_total{") }
        #expect(decisions.allSatisfy { $0.hasSuffix(" 0") }, "\(decisions)")

        let half = try Serve.request(
            serve.port, "POST", "/pretrade/check", body: request.replacingOccurrences(of: #""abc""#, with: #""0.5""#))
        #expect(half.status == 200)
        let answer = try Self.parse(half.body)
        #expect(answer["observability"]?["decision_id"]?.stringValue == "\(runId)-1")
        let decision = try Self.records(dir.path + "/s/aurora_events.jsonl").last { $0["event_code"] == "POLICY.DECISION" }
        #expect(decision?["details"]?["derived"]?["qty"] == .double(0.5))
    }
}

// MARK: - JSON helpers

extension PretradeExamplesTests {
    /// A fixture's text without its final newline.
    static func example(_ name: String) throws -> String {
        let text = try String(contentsOfFile: fixtures + "pretrade-examples/" + name, encoding: .utf8)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    static func json(_ name: String) throws -> JSONValue { try parse(example(name)) }

    static func parse(_ text: String) throws -> JSONValue { try JSONReader.parse(Array(text.utf8)) }

    static func text(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Every line of a JSON Lines file; none when the file does not exist.
    static func records(_ path: String) throws -> [JSONValue] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try parse(String($0)) }
    }

    /// The gate's run id, from its start-up event.
    static func runId(session: String) throws -> String {
        let startup = try records(session + "/aurora_events.jsonl").first { $0["event_code"] == "AURORA.STARTUP.OK" }
        return try #require(startup?["run_id"]?.stringValue)
    }

    /// `value` with the member at `path` set to `new` (an existing member keeps its position).
    static func setting(_ path: ArraySlice<String>, _ new: JSONValue, in value: JSONValue) -> JSONValue {
        guard let key = path.first, case .object(var object) = value else { return new }
        object[key] = setting(path.dropFirst(), new, in: object[key] ?? .null)
        return .object(object)
    }

    static func setting(_ path: [String], _ new: JSONValue, in value: JSONValue) -> JSONValue {
        setting(path[...], new, in: value)
    }

    /// The compact trace item of rule `id`.
    static func trace(_ response: JSONValue, _ id: String) -> JSONValue? {
        response["observability"]?["rules"]?.arrayValue?.first { $0["id"]?.stringValue == id }
    }

    /// `response` with `key` of rule `id`'s trace item set to `new`.
    static func settingTrace(_ id: String, _ key: String, _ new: JSONValue, in response: JSONValue) -> JSONValue {
        let items = (response["observability"]?["rules"]?.arrayValue ?? []).map { item in
            item["id"]?.stringValue == id ? setting([key], new, in: item) : item
        }
        return setting(["observability", "rules"], .array(items), in: response)
    }

    /// `value` without any `us` member.
    static func withoutUs(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var out = JSONObject()
            for (key, member) in object where key != "us" { out.append(key, withoutUs(member)) }
            return .object(out)
        case .array(let items): return .array(items.map(withoutUs))
        default: return value
        }
    }

    /// The first place where `actual` differs from `expected` (key order, number kind and value), or nil.
    static func difference(_ actual: JSONValue, _ expected: JSONValue, at path: String = "$") -> String? {
        switch (actual, expected) {
        case (.object(let a), .object(let e)):
            guard a.keys == e.keys else { return "\(path): keys \(a.keys), expected \(e.keys)" }
            for key in e.keys {
                if let found = difference(a[key] ?? .null, e[key] ?? .null, at: path + "." + key) { return found }
            }
            return nil
        case (.array(let a), .array(let e)):
            guard a.count == e.count else { return "\(path): \(text(actual)), expected \(text(expected))" }
            for (index, pair) in zip(a, e).enumerated() {
                if let found = difference(pair.0, pair.1, at: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return actual == expected ? nil : "\(path): \(text(actual)), expected \(text(expected))"
        }
    }
}
