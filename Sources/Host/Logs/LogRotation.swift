import Foundation
import Glibc

/// Built-in rotation and retention of the session files (observability.md §7): rotate a non-empty file before a
/// batch that would take it past `maxBytes` (0: never by size), or when `daily` and the UTC date differs from the
/// date of the file's last write; rename it `<stem>.<YYYYmmdd.HHMMSS>.part<N>.jsonl`; then delete rotated files older
/// than `retentionDays` (0: keep) and keep only the newest `retentionFiles` (0: no limit), per stem.
public struct LogRotation: Sendable, Hashable {
    public var maxBytes: Int64
    public var daily: Bool
    public var retentionDays: Int64
    public var retentionFiles: Int64

    public init(maxBytes: Int64, daily: Bool, retentionDays: Int64, retentionFiles: Int64) {
        self.maxBytes = maxBytes
        self.daily = daily
        self.retentionDays = retentionDays
        self.retentionFiles = retentionFiles
    }

    /// No rotation, no retention (external rotation with SIGUSR1, tests).
    public static let disabled = LogRotation(maxBytes: 0, daily: false, retentionDays: 0, retentionFiles: 0)

    static let nanosPerDay: Int64 = 86_400 * 1_000_000_000

    /// Whether a file of `size` bytes last written on UTC day `lastDay` rotates before a batch of `batch` bytes.
    func rotates(size: Int64, batch: Int, lastDay: Int64?, nowNs: Int64) -> Bool {
        guard size > 0 else { return false }
        if maxBytes > 0, size + Int64(batch) > maxBytes { return true }
        if daily, let lastDay, lastDay != Self.day(nowNs) { return true }
        return false
    }

    static func day(_ ns: Int64) -> Int64 { ns >= 0 ? ns / nanosPerDay : (ns + 1) / nanosPerDay - 1 }

    /// `aurora_events.20260105.090000.part1.jsonl` for `aurora_events` at `nowNs`, the smallest free `N` ≥ 1.
    static func rotatedName(stem: String, nowNs: Int64, isTaken: (String) -> Bool) -> String {
        let stamp = RFC3339.runID(nowNs / 1_000_000).replacingOccurrences(of: "-", with: ".")
        var n = 1
        while isTaken("\(stem).\(stamp).part\(n).jsonl") { n += 1 }
        return "\(stem).\(stamp).part\(n).jsonl"
    }

    /// True for `<stem>.<8 digits>.<6 digits>.part<N>.jsonl`, optionally with `.gz`, `.zst` or `.xz`.
    static func isRotated(_ name: String, stem: String) -> Bool {
        guard name.hasPrefix(stem + ".") else { return false }
        var rest = Substring(name.dropFirst(stem.count + 1))
        for suffix in [".gz", ".zst", ".xz"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        guard rest.hasSuffix(".jsonl") else { return false }
        rest = rest.dropLast(".jsonl".count)
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        func digits(_ s: Substring, _ count: Int?) -> Bool {
            !s.isEmpty && (count == nil || s.count == count!) && s.allSatisfy { $0.isASCII && $0.isNumber }
        }
        guard parts.count == 3, digits(parts[0], 8), digits(parts[1], 6), parts[2].hasPrefix("part") else {
            return false
        }
        return digits(parts[2].dropFirst(4), nil)
    }

    /// Applies retention to the rotated files of `stem` in `directory`; the live file is never touched. Returns the
    /// names deleted.
    @discardableResult
    func applyRetention(directory: String, stem: String, nowNs: Int64) -> [String] {
        guard retentionDays > 0 || retentionFiles > 0,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory)
        else { return [] }
        var rotated: [(name: String, mtimeNs: Int64)] = []
        for name in names where Self.isRotated(name, stem: stem) {
            var info = stat()
            guard stat(directory + "/" + name, &info) == 0 else { continue }
            rotated.append((name, Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
        }
        rotated.sort { $0.mtimeNs != $1.mtimeNs ? $0.mtimeNs > $1.mtimeNs : $0.name > $1.name }
        var deleted: [String] = []
        for (index, file) in rotated.enumerated() {
            let tooOld = retentionDays > 0 && nowNs - file.mtimeNs > retentionDays * Self.nanosPerDay
            let tooMany = retentionFiles > 0 && Int64(index) >= retentionFiles
            if tooOld || tooMany, unlink(directory + "/" + file.name) == 0 { deleted.append(file.name) }
        }
        return deleted
    }
}
