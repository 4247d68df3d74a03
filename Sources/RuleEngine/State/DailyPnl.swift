/// The realised PnL of one UTC day (http-api.md §5.4): informational, persisted, shown by `GET /ops/state`.
public struct DailyPnl: Sendable, Hashable {
    /// `YYYY-MM-DD` (UTC); empty before the first report of a fresh start.
    public var day: String
    public var realisedPnlUsdt: Double

    public init(day: String = "", realisedPnlUsdt: Double = 0) {
        self.day = day
        self.realisedPnlUsdt = realisedPnlUsdt
    }

    /// This value as of `now`: a new UTC day starts from 0.
    public func rolled(to now: WallTime) -> DailyPnl {
        let today = Self.utcDay(now)
        return today == day ? self : DailyPnl(day: today, realisedPnlUsdt: 0)
    }

    /// The UTC calendar day of `time` as `YYYY-MM-DD` (proleptic Gregorian; days-from-civil inverse).
    public static func utcDay(_ time: WallTime) -> String {
        let msPerDay: Int64 = 86_400_000
        var days = time.ms / msPerDay
        if time.ms % msPerDay < 0 { days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
