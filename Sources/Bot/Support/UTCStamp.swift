import Glibc

/// UTC calendar stamps of a wall-clock time, without Foundation.
enum UTCStamp {
    /// `YYYYmmdd-HHMMSS` (the run id).
    static func runID(ms: Int64) -> String {
        let t = parts(ms)
        return "\(t.date)-\(t.time)"
    }

    /// `YYYYmmddHHMMSSmmm` (client order ids).
    static func compact(ms: Int64) -> String {
        let t = parts(ms)
        return t.date + t.time + Number.padded(Int(((ms % 1000) + 1000) % 1000), width: 3)
    }

    private static func parts(_ ms: Int64) -> (date: String, time: String) {
        var seconds = time_t(ms / 1000)
        var tm = Glibc.tm()
        gmtime_r(&seconds, &tm)
        let p = { (n: Int32, w: Int) in Number.padded(Int(n), width: w) }
        return (
            p(tm.tm_year + 1900, 4) + p(tm.tm_mon + 1, 2) + p(tm.tm_mday, 2),
            p(tm.tm_hour, 2) + p(tm.tm_min, 2) + p(tm.tm_sec, 2)
        )
    }
}
