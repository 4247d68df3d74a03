import Foundation
import Glibc

/// The `process_*` gauges, read at scrape from `/proc/self` and `RLIMIT_NOFILE`.
struct ProcessStats {
    var residentBytes: Double = 0
    var cpuSeconds: Double = 0
    var openFDs: Double = 0
    var maxFDs: Double = 0

    static func read() -> ProcessStats {
        var stats = ProcessStats()
        let page = Double(sysconf(Int32(_SC_PAGESIZE)))
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Double(fields[1]) { stats.residentBytes = pages * page }
        }
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
            let rest = stat[stat.index(after: close)...].split(separator: " ")
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            if rest.count > 12, let user = Double(rest[11]), let system = Double(rest[12]), ticks > 0 {
                stats.cpuSeconds = (user + system) / ticks
            }
        }
        stats.openFDs = Double((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.count ?? 0)
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 { stats.maxFDs = Double(limit.rlim_cur) }
        return stats
    }
}
