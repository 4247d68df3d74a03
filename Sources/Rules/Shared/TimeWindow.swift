/// A time-ordered list of stamps (ms) with a length cap (gates.md §1.8): appending beyond the cap drops the oldest.
/// Used for approval stamps and the reject-storm window.
struct TimeWindow<Tag: Sendable>: Sendable {
    private(set) var entries: [(t: Int64, tag: Tag)] = []
    private var head = 0

    init() {}

    var count: Int { entries.count - head }
    var isEmpty: Bool { count == 0 }

    /// Live entries, oldest first.
    var live: ArraySlice<(t: Int64, tag: Tag)> { entries[head...] }

    /// Appends a stamp (times never go backwards in practice; an earlier one is still appended at the end) and drops
    /// the oldest entries beyond `cap`.
    mutating func append(_ t: Int64, _ tag: Tag, cap: Int) {
        entries.append((t, tag))
        while count > max(cap, 0) { head += 1 }
        compact()
    }

    /// Drops entries with `t ≤ cutoff`.
    mutating func drop(atOrBefore cutoff: Int64) {
        while head < entries.count, entries[head].t <= cutoff { head += 1 }
        compact()
    }

    /// The stamps "within the last `windowMs`" of `now` (gates.md §1.9: `t > now − W`), oldest first.
    func within(_ windowMs: Int64, of now: Int64) -> [Int64] {
        live.filter { $0.t > now - windowMs }.map(\.t)
    }

    mutating func removeAll() {
        entries = []
        head = 0
    }

    private mutating func compact() {
        if head > 1024 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}

extension TimeWindow where Tag == Bool {
    /// The number of entries tagged `false` (failures in the reject-storm window).
    var falseCount: Int { live.reduce(0) { $0 + ($1.tag ? 0 : 1) } }
}
