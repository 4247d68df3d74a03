/// The host's `LoopTurnDelegate`: the group commit of the logs, and the count of the responses the server makes
/// itself (route `unmatched`).
struct HostLoopDelegate: LoopTurnDelegate {
    let committer: LogCommitter
    let metrics: HostMetrics

    func loopTurnWillFlush(loop: Int) { committer.loopTurnWillFlush(loop: loop) }

    func serverResponded(loop: Int, status: HTTPStatus) {
        metrics.http(loop: loop, route: nil, code: status.code, seconds: 0)
    }
}
