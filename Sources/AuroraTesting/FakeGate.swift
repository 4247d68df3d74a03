import Foundation
import Synchronization

/// A scripted gate on `127.0.0.1:0` (bot.md §13): answers `/pretrade/check` from a script (allow, deny with a
/// cooldown, slow, 5xx, 422, malformed, connection drop), accepts `/posttrade/log` (or fails it on request), and
/// records every body for assertions.
public final class FakeGate: Sendable {
    /// One pretrade answer.
    public enum Answer: Sendable, Hashable {
        case allow(maxQty: Double?)
        case deny(reason: String, hard: Bool, cooldownMs: Int)
        case slow(delayMs: Int)
        case status(Int)
        case malformed
        case drop
    }

    private struct State {
        var script: [Answer] = []
        var fallback: Answer = .allow(maxQty: nil)
        var pretrade: [[UInt8]] = []
        var posttrade: [[UInt8]] = []
        var posttradeFailures = 0
        var decisions = 0
    }

    private final class Store: Sendable {
        let mutex: Mutex<State>
        init(_ state: State) { mutex = Mutex(state) }
    }

    private let store: Store
    private let server: LoopbackHTTPServer

    /// `fallback` answers every request once the script is used up.
    public init(script: [Answer] = [], fallback: Answer = .allow(maxQty: nil)) {
        let store = Store(State(script: script, fallback: fallback))
        self.store = store
        server = LoopbackHTTPServer { request in FakeGate.handle(request, store) }
    }

    public var baseURL: String { server.baseURL }
    public func stop() { server.stop() }

    /// Appends answers to the script.
    public func enqueue(_ answers: Answer...) { store.mutex.withLock { $0.script.append(contentsOf: answers) } }
    /// The next `count` posttrade calls answer 503.
    public func failPosttrade(_ count: Int) { store.mutex.withLock { $0.posttradeFailures += count } }

    /// Every pretrade body received, parsed as JSON text.
    public var pretradeBodies: [String] {
        store.mutex.withLock { $0.pretrade.map { String(decoding: $0, as: UTF8.self) } }
    }
    /// Every posttrade body delivered (not the failed attempts).
    public var posttradeBodies: [String] {
        store.mutex.withLock { $0.posttrade.map { String(decoding: $0, as: UTF8.self) } }
    }

    private static func handle(_ request: LoopbackHTTPServer.Request, _ store: Store) -> LoopbackHTTPServer.Response {
        switch request.path {
        case "/health":
            return .json(200, #"{"status":"ok"}"#)
        case "/posttrade/log":
            return store.mutex.withLock { s -> LoopbackHTTPServer.Response in
                if s.posttradeFailures > 0 {
                    s.posttradeFailures -= 1
                    return .json(503, #"{"detail":"log unavailable"}"#)
                }
                s.posttrade.append(request.body)
                return .json(200, #"{"status":"ok","classification":"success","ignored_fields":[]}"#)
            }
        case "/pretrade/check":
            let (answer, n) = store.mutex.withLock { s -> (Answer, Int) in
                s.pretrade.append(request.body)
                s.decisions += 1
                return (s.script.isEmpty ? s.fallback : s.script.removeFirst(), s.decisions)
            }
            let qty =
                (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
                .flatMap { ($0["order"] as? [String: Any])?["qty"] as? Double } ?? 0
            let id = "20250101-000000-\(n)"
            switch answer {
            case .allow(let maxQty):
                return .json(
                    200, decision(allow: true, maxQty: maxQty ?? qty, reason: "ok", hard: false, cooldown: 0, id: id))
            case .deny(let reason, let hard, let cooldown):
                return .json(
                    200, decision(allow: false, maxQty: 0, reason: reason, hard: hard, cooldown: cooldown, id: id))
            case .slow(let delay):
                return .json(
                    200, decision(allow: true, maxQty: qty, reason: "ok", hard: false, cooldown: 0, id: id),
                    delayMs: delay)
            case .status(let status):
                return .json(status, #"{"detail":"scripted"}"#)
            case .malformed:
                return .json(200, #"{"allow":"yes"}"#)
            case .drop:
                return LoopbackHTTPServer.Response(status: 200, close: true)
            }
        default:
            return .json(404, #"{"detail":"Not Found"}"#)
        }
    }

    private static func decision(allow: Bool, maxQty: Double, reason: String, hard: Bool, cooldown: Int, id: String)
        -> String
    {
        #"{"allow":\#(allow),"max_qty":\#(maxQty),"risk_scale":1.0,"cooldown_ms":\#(cooldown),"reason":"\#(reason)","#
            + #""hard_gate":\#(hard),"quotas":{"trades_pm_left":999,"symbol_exposure_left_usdt":1e12},"#
            + #""observability":{"decision_id":"\#(id)"}}"#
    }
}
