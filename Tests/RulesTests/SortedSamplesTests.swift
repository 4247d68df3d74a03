@testable import Rules
import Testing

/// `SortedSamples` must hold exactly what a stable sort of the live window holds, bit for bit, so health_guard's
/// p95 is unchanged (gates.md §1.9).
@Suite struct SortedSamplesTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Few distinct values (many ties), signed zeros among them.
        mutating func sample() -> Double {
            let pool: [Double] = [0.0, -0.0, 1.0, 1.5, 29.5, 30.0, 32.0, 0.1, 1e-300, 250.25]
            return next() % 4 == 0 ? Double(next() % 10_000) / 7 : pool[Int(next() % UInt64(pool.count))]
        }
    }

    /// Applies a random mix of appends and oldest-first removals to a window and to `SortedSamples`, checking every
    /// rank and the p95 against `window.sorted()` after each step.
    @Test("matches a stable sort of the window after every insert and oldest-first removal", arguments: [1, 2, 3, 4])
    func matchesStableSort(seed: UInt64) {
        var random = Generator(state: seed)
        var window: [Double] = []
        var ordered = SortedSamples()
        for step in 0..<3000 {
            if window.isEmpty || random.next() % 5 < 3 {
                let value = random.sample()
                window.append(value)
                ordered.insert(value)
            } else {
                let drops = Int(random.next() % 40) + 1
                for _ in 0..<min(drops, window.count) {
                    let removed = ordered.removeOldest(window.removeFirst())
                    #expect(removed)
                }
            }
            if step % 97 == 0, !window.isEmpty, random.next() % 3 == 0 {
                window.removeAll()
                ordered.removeAll()
            }
            let expected = window.sorted()
            #expect(ordered.count == expected.count)
            #expect(ordered.elements.map(\.bitPattern) == expected.map(\.bitPattern))
            let p95 = Percentile.of(count: ordered.count, 95) { ordered[$0] }
            #expect(p95.bitPattern == Percentile.of(sorted: expected, 95).bitPattern)
        }
    }

    @Test("ranks read from both ends across many blocks") func ranksAcrossBlocks() {
        var ordered = SortedSamples()
        for value in (0..<2000).reversed() { ordered.insert(Double(value)) }
        #expect(ordered.count == 2000)
        #expect((0..<2000).allSatisfy { ordered[$0] == Double($0) })
    }

    @Test("signed zeros keep insertion order and the oldest is removed first") func signedZeros() {
        var ordered = SortedSamples()
        ordered.insert(0.0)
        ordered.insert(-0.0)
        ordered.insert(-1.0)
        #expect(ordered.elements.map(\.bitPattern) == [-1.0, 0.0, -0.0].map(\.bitPattern))
        let removed = ordered.removeOldest(0.0)
        #expect(removed)
        #expect(ordered.elements.map(\.bitPattern) == [-1.0, -0.0].map(\.bitPattern))
    }

    @Test("removing a value that is not there changes nothing") func removeAbsent() {
        var ordered = SortedSamples()
        ordered.insert(2)
        let removed = ordered.removeOldest(3)
        #expect(!removed)
        #expect(SortedSamples().isEmpty)
        #expect(ordered.elements == [2])
    }
}
