import Foundation
@testable import Rules
import Testing

/// gates.md §1.9: reason-string numbers are C `printf("%.Nf")`, correctly rounded from the binary value.
@Suite struct FormatTests {
    @Test("the §1.9 examples and ms values", arguments: [
        (30.05, 1, "30.1"), (80.05, 1, "80.0"), (31.0, 1, "31.0"), (2.675, 2, "2.67"), (1000.005, 2, "1000.00"),
        (712.0, 0, "712"), (0.5, 0, "0"), (1.5, 0, "2"), (-0.0, 1, "-0.0"), (-12.345, 2, "-12.35"), (1e21, 2, "1000000000000000000000.00"),
    ] as [(Double, Int, String)])
    func examples(value: Double, digits: Int, expected: String) {
        #expect(Format.fixed(value, digits) == expected)
    }

    @Test("agrees with Foundation's String(format:) across magnitudes and precisions") func agreesWithFoundation() {
        var state: UInt64 = 42
        for _ in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Double(bitPattern: state)
            guard value.isFinite else { continue }
            for digits in [0, 1, 2] {
                #expect(Format.fixed(value, digits) == String(format: "%.\(digits)f", value), "bits \(value.bitPattern)")
            }
        }
        #expect(Format.fixed(.greatestFiniteMagnitude, 2) == String(format: "%.2f", Double.greatestFiniteMagnitude))
        #expect(Format.fixed(.infinity, 1) == String(format: "%.1f", Double.infinity))
    }
}
