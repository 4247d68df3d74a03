/// Rounding to exchange steps (bot.md §8): quantities down to the step, limit buys down to the tick, sells up.
enum Rounding {
    /// The number of fraction digits of a step (`0.001` → 3), at most 12.
    static func decimals(_ step: Double) -> Int {
        var scaled = step
        for d in 0...12 {
            if abs(scaled - scaled.rounded()) < 1e-9 * max(1, scaled) { return d }
            scaled *= 10
        }
        return 12
    }

    static func down(_ x: Double, step: Double) -> Double {
        guard step > 0 else { return x }
        let n = (x / step + 1e-9).rounded(.down)
        return Math.rounded(n * step, places: decimals(step))
    }

    static func up(_ x: Double, step: Double) -> Double {
        guard step > 0 else { return x }
        let n = (x / step - 1e-9).rounded(.up)
        return Math.rounded(n * step, places: decimals(step))
    }

    /// A plain decimal with the step's fraction digits, never exponent notation: `0.001`, `60000.1`.
    static func text(_ x: Double, step: Double) -> String { Number.fixed(x, places: decimals(step)) }
}
