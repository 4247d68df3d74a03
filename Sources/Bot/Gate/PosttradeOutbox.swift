/// Delivery of posttrade reports (bot.md §9): each body is appended to `bot_orders.jsonl` first, then sent; what
/// is not delivered waits in a FIFO (at most `capacity`), retried oldest first, stopping at the first failure.
final class PosttradeOutbox {
    static let capacity = 10_000

    private let journal: AppendFile
    var journalPath: String { journal.path }
    private let send: ([UInt8]) -> Bool
    private(set) var pending: [[UInt8]] = []
    private(set) var sent = 0

    /// nil when the journal cannot be opened.
    init?(journalPath: String, send: @escaping ([UInt8]) -> Bool) {
        guard let journal = AppendFile(path: journalPath) else { return nil }
        self.journal = journal
        self.send = send
    }

    var isFull: Bool { pending.count >= Self.capacity }
    var isEmpty: Bool { pending.isEmpty }

    /// Journals and sends one report; false when the journal write failed (fatal for the run).
    func submit(_ body: [UInt8]) -> Bool {
        guard journal.append(body + [0x0A]) else { return false }
        if pending.isEmpty, send(body) {
            sent += 1
        } else {
            pending.append(body)
        }
        return true
    }

    /// Retries the oldest reports until one fails.
    func retry() {
        while let first = pending.first {
            guard send(first) else { return }
            pending.removeFirst()
            sent += 1
        }
    }

    /// Retries until empty or until `deadlineNs` (monotonic) passes.
    func flush(deadlineNs: Int64) {
        while !pending.isEmpty, MonotonicClock.nowNs() < deadlineNs {
            let before = pending.count
            retry()
            if pending.count == before { Sleep.milliseconds(50) }
        }
    }
}
