import Testing
import YAMLKit

@Suite struct DidYouMeanTests {
    static let types = [
        "anti_churn", "expected_return", "freshness", "governance", "health_guard", "latency", "risk_caps", "slippage",
        "spread", "sprt", "trap",
    ]

    static let cases: [(String, [String], String?)] = [
        ("latncy", types, "latency"),  // one deletion
        ("sprad", types, "spread"),  // one insertion
        ("trpa", types, "trap"),  // one transposition
        ("spret", types, "sprt"),  // distance 1 to sprt, 2 to spread
        ("max_bsp", ["max_bps", "max_ms"], "max_bps"),
        ("zzzzzz", types, nil),  // nothing within 2
        ("ab", ["xy"], nil),  // distance 2 is not smaller than the written length 2
        ("a", ["b"], nil),  // distance 1 is not smaller than 1
        ("ab", ["b"], "b"),  // distance 1 < 2
        ("cat", ["hat", "cab", "bat"], "bat"),  // ties: alphabetically first
        ("ca", ["abc"], nil),  // optimal string alignment gives 3 (unrestricted Damerau would give 2)
        ("x", [], nil),
    ]

    @Test(arguments: cases)
    func suggestsTheClosestCandidate(written: String, candidates: [String], expected: String?) {
        #expect(DidYouMean.suggestion(for: written, among: candidates) == expected)
    }

    @Test func theNoteQuotesTheSuggestion() {
        #expect(DidYouMean.note(for: "latncy", among: Self.types) == "did you mean 'latency'?")
        #expect(DidYouMean.note(for: "qqqqqq", among: Self.types) == nil)
    }
}
