import RuleEngine
import Testing

/// `WallTime.rfc3339`, checked against Python's datetime (`datetime(1970,1,1,tzinfo=utc) + timedelta(milliseconds=ms)`).
@Suite struct WallTimeTests {
    @Test(arguments: [
        (Int64(1_767_605_400_002), "2026-01-05T09:30:00.002Z"), (0, "1970-01-01T00:00:00.000Z"),
        (1_735_689_600_000, "2025-01-01T00:00:00.000Z"), (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"), (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func rfc3339(_ ms: Int64, _ text: String) {
        #expect(WallTime(ms: ms).rfc3339 == text)
    }
}
