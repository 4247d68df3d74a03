import Codec

/// The outcome of authenticating one OPS request (http-api.md §6.2), with what the caller needs to answer,
/// count (`aurora_ops_auth_fail_total{reason}`) and log (`OPS.AUTH_FAIL`). Carries no token.
public struct OpsAuthResult: Sendable, Hashable {
    /// Nil when the request is authorized.
    public let failure: Failure?
    /// The client address checked against the allowlist (the peer, or the `X-Forwarded-For` address a trusted
    /// proxy reported); the peer when OPS is disabled or the forwarded addresses are malformed.
    public let remote: CIDR.Address
    /// True when this failure should be written as `OPS.AUTH_FAIL`: at most one per reason per 1,000 ms
    /// (observability.md §3.3). Always false for an authorized request.
    public let emitsEvent: Bool

    public init(failure: Failure?, remote: CIDR.Address, emitsEvent: Bool) {
        self.failure = failure
        self.remote = remote
        self.emitsEvent = emitsEvent
    }

    public var isAuthorized: Bool { failure == nil }

    /// 200 when authorized, else the failure's status (503, 403, 401).
    public var status: Int { failure?.status ?? 200 }

    /// The `reason` label of `aurora_ops_auth_fail_total` and `OPS.AUTH_FAIL`; nil when authorized.
    public var reasonLabel: String? { failure?.rawValue }

    /// `{"detail":"…"}` for a failure; nil when authorized.
    public var responseBody: [UInt8]? {
        guard let failure else { return nil }
        var writer = JSONWriter(capacity: 64)
        writer.write(["detail": .string(failure.detail)])
        return writer.bytes
    }
}
