/// The percentile of gates.md §1.9: NumPy's "linear" method with one fixed order of operations, reproduced bit for
/// bit (boundary cases depend on the last bits, so NumPy itself is no oracle).
enum Percentile {
    /// The `q`-th percentile (`0 ≤ q ≤ 100`) of `sorted`, which must be in ascending order; 0.0 when empty.
    /// `h = (n − 1) · q / 100` (product first), `i = ⌊h⌋`, then `x[i] + (x[i+1] − x[i]) × (h − i)`, or `x[n−1]`
    /// when `i` is the last index.
    static func of(sorted x: [Double], _ q: Double) -> Double {
        of(count: x.count, q) { x[$0] }
    }

    /// The same percentile over `n` values given by rank: `x(k)` is the `k`-th smallest (0-based). Reads at most two
    /// ranks, so an order-statistics structure answers without materialising the sorted list.
    static func of(count n: Int, _ q: Double, rank x: (Int) -> Double) -> Double {
        guard n > 0 else { return 0 }
        let h = Double(n - 1) * q / 100
        let i = Int(h.rounded(.down))
        guard i + 1 <= n - 1 else { return x(n - 1) }
        let low = x(i)
        return low + (x(i + 1) - low) * (h - Double(i))
    }

    /// The `q`-th percentile of `values` in any order.
    static func of(_ values: some Sequence<Double>, _ q: Double) -> Double {
        of(sorted: values.sorted(), q)
    }
}
