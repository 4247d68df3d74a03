@testable import Host

/// Feeds bytes to an `HTTPParser` in a given split and records what a server would do, with `TestRouter`
/// answering each request in-process: the statuses in order, then how the connection ends.
struct ParseRun: Equatable, CustomStringConvertible {
    enum Split: Sendable, CustomStringConvertible {
        case whole
        case byteByByte
        case random(seed: UInt64)

        var description: String {
            switch self {
            case .whole: "whole"
            case .byteByByte: "byte by byte"
            case .random(let seed): "random splits (seed \(seed))"
            }
        }
    }

    var events: [String] = []
    var statuses: [Int] = []
    var ending = ""
    var error: HTTPParseError.Code?

    /// `"404 405 close"`: the answered statuses, then `close` (an error or a request that closes),
    /// `open` (idle, waiting for the next request) or `waiting` (inside a request).
    var outcome: String { (statuses.map(String.init) + [ending]).joined(separator: " ") }
    var description: String { outcome + " " + events.joined(separator: ",") }

    init(_ bytes: [UInt8], limits: HTTPLimits = .default, split: Split = .whole) {
        var parser = HTTPParser(limits: limits)
        var buffer = InputBuffer()
        let responder = TestRouter.make().buildResponder()
        var generator = SplitMix(seed: { if case .random(let seed) = split { seed } else { 0 } }())
        var position = 0
        feeding: while position < bytes.count {
            let size: Int
            switch split {
            case .whole: size = bytes.count
            case .byteByByte: size = 1
            case .random: size = Int(generator.next() % 7) + 1
            }
            let end = min(bytes.count, position + size)
            buffer.append(bytes[position..<end])
            position = end
            while true {
                do {
                    guard let event = try parser.next(from: &buffer) else { break }
                    switch event {
                    case .expectContinue(let head):
                        events.append("100?\(head.method) \(head.target)")
                    case .request(let request):
                        events.append("\(request.method) \(request.target) body=\(request.body.count)")
                        var context = TestRouter.context()
                        let status: Int
                        do {
                            status = try responder.respond(to: request, context: &context).status.code
                        } catch {
                            status = error.status.code
                        }
                        statuses.append(status)
                        if !request.keepAlive {
                            ending = "close"
                            break feeding
                        }
                    }
                } catch {
                    statuses.append(error.status.code)
                    self.error = error.code
                    ending = "close"
                    break feeding
                }
            }
        }
        if ending.isEmpty { ending = parser.phase == .idle ? "open" : "waiting" }
    }
}

/// A small deterministic PRNG for split plans.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
