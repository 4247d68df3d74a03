import Foundation

/// Number formatting for reason strings (gates.md §1.9): C `printf("%.Nf")`, correctly rounded from the binary value.
enum Format {
    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
