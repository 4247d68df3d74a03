import Foundation
import Synchronization
@testable import Host

/// Parks every request and keeps the tickets for the test to complete from another thread.
final class ParkingResponder: HTTPResponder {
    private let tickets = Mutex<[ResponseTicket]>([])

    var parkedCount: Int { tickets.withLock { $0.count } }

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        let ticket = context.park()
        tickets.withLock { $0.append(ticket) }
        return HTTPResponse(status: .internalServerError)  // a placeholder: never sent
    }

    /// Completes the oldest parked ticket from a new thread.
    func completeOldest(with body: String) {
        let ticket = tickets.withLock { $0.removeFirst() }
        let thread = Thread { ticket.complete(.json(.ok, Array(body.utf8))) }
        thread.start()
    }
}

/// Counts the requests it answered.
final class CountingResponder: HTTPResponder {
    private let count = Atomic<Int>(0)
    var calls: Int { count.load(ordering: .sequentiallyConsistent) }

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        let n = count.add(1, ordering: .sequentiallyConsistent).newValue
        return .json(.ok, Array("\(n)".utf8))
    }
}

/// Records, at each loop turn, how many responses the responder had produced: what a group commit would cover.
final class RecordingDelegate: LoopTurnDelegate {
    let responder = CountingResponder()
    private let covered = Atomic<Int>(0)
    var coveredResponses: Int { covered.load(ordering: .sequentiallyConsistent) }

    func loopTurnWillFlush(loop: Int) {
        covered.store(responder.calls, ordering: .sequentiallyConsistent)
    }
}
