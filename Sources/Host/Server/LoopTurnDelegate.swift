/// The write-before-ack hook (architecture.md §6 step 9, §8): the decision logs append one loop turn's records
/// here, in one group-commit write, before any response of that turn reaches a socket.
public protocol LoopTurnDelegate: Sendable {
    /// Called on loop `loop`'s thread once per loop turn that produced responses, after every ready connection
    /// of the turn was handled and before any of those responses is written. Must not block for long: the
    /// loop's other connections wait.
    func loopTurnWillFlush(loop: Int)

    /// Called on loop `loop`'s thread for each response the server makes itself — parse, framing, limit and timeout
    /// errors and the max-connections 503 — which no responder sees (for `aurora_http_requests_total`).
    func serverResponded(loop: Int, status: HTTPStatus)
}

extension LoopTurnDelegate {
    public func serverResponded(loop: Int, status: HTTPStatus) {}
}
