import Glibc

/// Number formatting for reason strings (gates.md §1.9): C `printf("%.Nf")`, correctly rounded from the binary value.
enum Format {
    /// Room for `%.Nf` of any finite double (at most 309 integer digits) with up to 100 decimals.
    private static let capacity = 512

    /// glibc's `%.*f` (correctly rounded, as `String(format:)` is) into a stack buffer, without Foundation.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        precondition((0...100).contains(digits), "Format.fixed supports 0 to 100 decimals, not \(digits)")
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let written = withVaList([Int32(digits), value]) { arguments in
                vsnprintf(buffer.baseAddress!, capacity, "%.*f", arguments)
            }
            let length = max(0, min(Int(written), capacity - 1))
            return buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
            }
        }
    }
}
