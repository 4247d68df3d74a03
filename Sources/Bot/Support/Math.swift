import Glibc

/// The libm functions the bot uses, in one place.
enum Math {
    static func log(_ x: Double) -> Double { Glibc.log(x) }
    static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    static func cos(_ x: Double) -> Double { Glibc.cos(x) }

    static func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double { min(max(x, low), high) }

    /// −1, 0 or 1.
    static func sign(_ x: Double) -> Int64 { x > 0 ? 1 : (x < 0 ? -1 : 0) }

    /// Rounded to `places` decimals (for latency's three decimals).
    static func rounded(_ x: Double, places: Int) -> Double {
        let factor = Glibc.pow(10, Double(places))
        return (x * factor).rounded() / factor
    }
}
