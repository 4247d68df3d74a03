/// Placeholder replaced below.
public struct StateFile: Sendable, Hashable {}
