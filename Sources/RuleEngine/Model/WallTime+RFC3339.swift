extension WallTime {
    /// `2026-01-05T09:00:00.000Z`: RFC 3339 UTC with milliseconds, without Foundation (used per response).
    public var rfc3339: String {
        let msPerDay: Int64 = 86_400_000
        var dayMs = ms % msPerDay
        if dayMs < 0 { dayMs += msPerDay }
        let day = DailyPnl.utcDay(WallTime(ms: ms - dayMs))
        let hours = dayMs / 3_600_000, minutes = dayMs / 60_000 % 60, seconds = dayMs / 1000 % 60, millis = dayMs % 1000
        func pad(_ v: Int64, _ width: Int) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(day)T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))Z"
    }
}
