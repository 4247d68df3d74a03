/// Wall-clock time in whole milliseconds since the Unix epoch: the `now_ms` every rule of a request sees.
public struct WallTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ms: Int64
    public init(ms: Int64) { self.ms = ms }
    public static func < (a: WallTime, b: WallTime) -> Bool { a.ms < b.ms }
    public var description: String { "\(ms)" }
    public func adding(ms delta: Int64) -> WallTime { WallTime(ms: ms &+ delta) }
}
