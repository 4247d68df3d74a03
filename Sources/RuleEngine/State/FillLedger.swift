/// The largest cumulative fill already applied per exchange order id, for the 65,536 most recent oids
/// (http-api.md §5.4): re-posting a report changes nothing. In memory only (not in the state file).
struct FillLedger: Sendable {
    static let capacity = 65_536
    private var filled = LRUTable<String, Double>(capacity: FillLedger.capacity)

    /// The fill delta of a report with cumulative fill `cumulative` for `oid`: `max(0, F − F_prev)`; then
    /// `F_prev = max(F_prev, F)`. Without an oid the delta is `F`.
    mutating func delta(cumulative: Double, oid: String?) -> Double {
        guard let oid else { return cumulative }
        let previous = filled[oid] ?? 0
        filled.set(max(previous, cumulative), for: oid)
        return max(0, cumulative - previous)
    }

    var count: Int { filled.count }
}
