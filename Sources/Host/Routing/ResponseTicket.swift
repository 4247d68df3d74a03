import Synchronization

/// A parked response (architecture.md §8): obtained from `RequestContext.park()` on the loop thread, completed
/// later from any thread. `complete(_:)` hands the response to the loop that owns the connection (through its
/// `execute`), which sends it in request order; pipelined answers behind it wait. Only the first completion
/// counts. A ticket released without a completion answers 500, so a forgotten ticket never hangs a connection.
public final class ResponseTicket: Sendable {
    private let deliver: @Sendable (HTTPResponse) -> Void
    private let completed = Atomic<Bool>(false)

    package init(deliver: @escaping @Sendable (HTTPResponse) -> Void) {
        self.deliver = deliver
    }

    /// Sends `response` as the answer to the parked request. Safe from any thread; later calls are ignored.
    public func complete(_ response: HTTPResponse) {
        guard !completed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        deliver(response)
    }

    deinit {
        if !completed.exchange(true, ordering: .acquiringAndReleasing) {
            deliver(HTTPError.internalServerError.response)
        }
    }
}
