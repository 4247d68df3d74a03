/// The synthetic generator's PRNG and its draws (bot.md §3.3). The only randomness in the bot.
public struct SplitMix64: Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): `Double(next() >> 11) * 0x1p-53`.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal from two uniforms: `sqrt(−2·ln(1 − u1))·cos(2π·u2)`.
    public mutating func normal() -> Double {
        let u1 = uniform()
        let u2 = uniform()
        return (-2 * Math.log(1 - u1)).squareRoot() * Math.cos(2 * Double.pi * u2)
    }

    /// Exponential with mean `mean`: `−mean·ln(1 − u)`.
    public mutating func exponential(mean: Double) -> Double { -mean * Math.log(1 - uniform()) }

    /// Poisson(λ) by Knuth's method.
    public mutating func poisson(_ lambda: Double) -> Int {
        let limit = Math.exp(-lambda)
        var k = 0
        var p = 1.0
        repeat {
            k += 1
            p *= uniform()
        } while p > limit
        return k - 1
    }
}
