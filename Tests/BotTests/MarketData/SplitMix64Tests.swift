import Testing

@testable import Bot

@Suite struct SplitMix64Tests {
    @Test(arguments: [
        (UInt64(0), [UInt64(0xE220_A839_7B1D_CDAF), 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F]),
        (UInt64(42), [UInt64(0xBDD7_3226_2FEB_6E95), 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52]),
    ])
    func firstOutputsMatchTheSpecVectors(seed: UInt64, expected: [UInt64]) {
        var rng = SplitMix64(seed: seed)
        #expect([rng.next(), rng.next(), rng.next()] == expected)
    }

    @Test func uniformIsTheTop53BitsScaled() {
        var a = SplitMix64(seed: 7)
        var b = SplitMix64(seed: 7)
        let u = a.uniform()
        #expect(u == Double(b.next() >> 11) * 0x1p-53)
        #expect(u >= 0 && u < 1)
    }

    @Test func poissonWithZeroRateIsZero() {
        var rng = SplitMix64(seed: 1)
        #expect(rng.poisson(0) == 0)
    }
}
