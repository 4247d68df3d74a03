import Testing
@testable import Host

struct PrometheusTextTests {
    @Test(arguments: [
        (3.0, "3"), (0.0, "0"), (0.000184, "0.000184"), (1767605400.123, "1767605400.123"), (9_007_199_254_740_992.0,
        "9007199254740992.0"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (Double.nan, "NaN"),
    ])
    func sampleValuesUseIntegersOrTheShortestRoundTripForm(value: Double, text: String) {
        #expect(PrometheusText.format(value) == text)
    }

    @Test func labelValuesAndHelpAreEscaped() {
        var out = PrometheusText()
        out.family("m", type: "gauge", help: "a \\ b\nc")
        out.sample("m", [("l", "q\"u\\o\nte")], 1.0)
        #expect(out.text == "# HELP m a \\\\ b\\nc\n# TYPE m gauge\nm{l=\"q\\\"u\\\\o\\nte\"} 1\n")
    }

    @Test func histogramsAreCumulativeWithInfSumAndCount() {
        var h = Histogram(bounds: [1e-06, 0.5, 1.0])
        h.observe(5e-07)
        h.observe(0.5)
        h.observe(3)
        var out = PrometheusText()
        out.histogram("h", [("rule", "r")], h)
        #expect(out.text == """
            h_bucket{rule="r",le="1e-06"} 1
            h_bucket{rule="r",le="0.5"} 2
            h_bucket{rule="r",le="1.0"} 2
            h_bucket{rule="r",le="+Inf"} 3
            h_sum{rule="r"} 3.5000005
            h_count{rule="r"} 3

            """)
    }
}
