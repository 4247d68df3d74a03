/// The "did you mean" rule of rule-files.md §3.
public enum DidYouMean {
    /// The candidate with the smallest optimal-string-alignment distance to `written`, if that distance is ≤ 2 and
    /// smaller than `written`'s length (in characters); ties go to the alphabetically (byte-wise) first.
    public static func suggestion(for written: String, among candidates: [String]) -> String? {
        let target = Array(written)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = optimalStringAlignment(target, Array(candidate))
            guard distance <= 2, distance < target.count else { continue }
            if let current = best {
                if distance > current.distance { continue }
                if distance == current.distance, !ByteOrder.precedes(candidate, current.candidate) { continue }
            }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// The note: `did you mean '<candidate>'?`, or nil when nothing is close.
    public static func note(for written: String, among candidates: [String]) -> String? {
        suggestion(for: written, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// Edit distance counting insertions, deletions, substitutions and transpositions of adjacent characters
    /// (each substring edited at most once).
    static func optimalStringAlignment(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
