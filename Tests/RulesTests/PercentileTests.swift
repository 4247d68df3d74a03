@testable import Rules
import Testing

/// gates.md §1.9: the percentile's examples bit for bit (expected values written as Python float reprs of the same
/// arithmetic: `h = (n-1)*q/100; i = int(h); x[i] + (x[i+1]-x[i])*(h-i)`).
@Suite struct PercentileTests {
    @Test("the §1.9 examples", arguments: [
        ([0, 10], 10, 1),
        ([0, 10], 50, 5),
        ([0, 10], 90, 9),
        ([300, 1], 95, 285.05),
        (Array(repeating: 1, count: 19) + [300], 95, 15.950000000000212),
        (Array(repeating: 1, count: 18) + [300, 300], 95, 300),
        (Array(repeating: 29.5, count: 35) + [32, 32], 95, 30.000000000000007),
    ] as [([Double], Double, Double)])
    func examples(values: [Double], q: Double, expected: Double) {
        #expect(Percentile.of(values, q).bitPattern == expected.bitPattern)
    }

    @Test("thirty-five 29.5s and two 32s give a p95 strictly above 30") func aboveThirty() {
        #expect(Percentile.of(Array(repeating: 29.5, count: 35) + [32, 32], 95) > 30)
    }

    @Test("edges: empty is 0.0, q 0 and 100 are the extremes, one value is itself", arguments: [
        ([], 50, 0),
        ([3, 1, 2], 0, 1),
        ([3, 1, 2], 100, 3),
        ([5], 37, 5),
        ([0.1, 0.7, 0.2, 0.9], 33.3, 0.1999),
    ] as [([Double], Double, Double)])
    func edges(values: [Double], q: Double, expected: Double) {
        #expect(Percentile.of(values, q).bitPattern == expected.bitPattern)
    }
}
