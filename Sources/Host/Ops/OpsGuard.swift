public import RuleEngine
import Synchronization

/// Authenticates OPS requests and owns the token in force, including rotation (http-api.md §6.1–§6.3).
/// Thread-safe: `authorize` may run on any event loop at once; rotations are serialised.
public final class OpsGuard: Sendable {
    /// The address rules and the rotation cooldown (from `ops.*`, http-api.md §11).
    public struct Policy: Sendable, Hashable {
        public var allowlist: [CIDR]
        public var trustedProxies: [CIDR]
        public var rotationCooldownSeconds: Int64

        public init(allowlist: [CIDR] = CIDR.loopback, trustedProxies: [CIDR] = [], rotationCooldownSeconds: Int64 = 30)
        {
            self.allowlist = allowlist
            self.trustedProxies = trustedProxies
            self.rotationCooldownSeconds = rotationCooldownSeconds
        }
    }

    /// What happened to the token at start.
    public enum Startup: Sendable, Hashable {
        /// No valid configured token: OPS is disabled (a stored rotation is kept on file, not in force).
        case disabled(OpsToken.DisabledReason)
        /// The configured token is in force; there was no stored rotation.
        case configured
        /// The stored rotated token is in force: the configured token is the one it replaced.
        case rotationKept
        /// The configured token changed since the stored rotation, so it is in force and the rotation is
        /// discarded: write the state file (its `ops_token` is now null) and emit `OPS.TOKEN_ROTATE` with
        /// `source: "config"` and this mask.
        case rotationDiscarded(mask: String)
    }

    private struct State {
        var current: OpsToken?
        /// The record the state file must hold.
        var rotation: StateFile.RotatedToken?
        var lastRotationMs: Int64?
        var lastEventMs: [OpsAuthResult.Failure: Int64] = [:]
    }

    public let policy: Policy
    public let startup: Startup
    private let configured: OpsToken.Configured
    private let state: Mutex<State>
    private let rotations = Mutex<Void>(())

    /// Starts with the configured token and the state file's `ops_token` (nil when none), reconciled as §6.3 says.
    public init(configured: OpsToken.Configured, stored: StateFile.RotatedToken?, policy: Policy) {
        self.configured = configured
        self.policy = policy
        var initial = State(current: configured.token, rotation: stored)
        if let token = configured.token {
            if let stored {
                if stored.configuredSha256 == token.sha256Hex, let rotated = OpsToken(sha256Hex: stored.sha256) {
                    initial.current = rotated
                    initial.lastRotationMs = stored.rotatedAtMs
                    startup = .rotationKept
                } else {
                    initial.rotation = nil
                    startup = .rotationDiscarded(mask: token.mask ?? "****")
                }
            } else {
                startup = .configured
            }
        } else {
            startup = .disabled(
                configured.disabled ?? OpsToken.DisabledReason(code: .noTokenConfigured, message: "no token configured")
            )
        }
        state = Mutex(initial)
    }

    /// True when a token is in force.
    public var isEnabled: Bool { state.withLock { $0.current != nil } }

    /// Why OPS is disabled; nil when enabled.
    public var disabledReason: OpsToken.DisabledReason? { configured.disabled }

    /// The `ops_token` record every state-file write must carry (nil: no rotated token in force).
    public var rotation: StateFile.RotatedToken? { state.withLock { $0.rotation } }

    /// Checks one request in the order of http-api.md §6.2: disabled (503), client address and allowlist (403),
    /// `X-OPS-TOKEN` present (401), token matches (403). `peer` is the TCP peer; `headers` are the request's fields
    /// in order (names in any case); `now` drives the `OPS.AUTH_FAIL` debounce only.
    public func authorize(
        peer: CIDR.Address, headers: some Sequence<(name: String, value: String)>, now: WallTime
    ) -> OpsAuthResult {
        guard let token = state.withLock({ $0.current }) else { return failed(.disabled, remote: peer, now: now) }
        var forwarded: [String] = []
        var presented: [String] = []
        for (name, value) in headers {
            switch name.lowercased() {
            case "x-forwarded-for": forwarded.append(value)
            case "x-ops-token": presented.append(value)
            default: break
            }
        }
        guard let client = clientAddress(peer: peer, forwarded: forwarded) else {
            return failed(.notAllowed, remote: peer, now: now)
        }
        guard CIDR.any(policy.allowlist, contains: client) else { return failed(.notAllowed, remote: client, now: now) }
        guard let first = presented.first else { return failed(.missing, remote: client, now: now) }
        let value = Self.trimmingOWS(first)
        guard presented.count == 1, !value.isEmpty, token.matches(value.utf8) else {
            return failed(.invalid, remote: client, now: now)
        }
        return OpsAuthResult(failure: nil, remote: client, emitsEvent: false)
    }

    /// `POST /ops/rotate_token` after the body's schema check (http-api.md §6.3, §6.5.6): validates the trimmed
    /// `newToken` (400s), checks the cooldown (429), then calls `commit` with the new `ops_token` record, which must
    /// write the state file. Only when `commit` returns is the new token in force and the previous one revoked; if
    /// it throws, nothing changes (503). Rotations are serialised; `authorize` is never blocked by one.
    public func rotate(
        to newToken: String, now: WallTime, commit: (StateFile.RotatedToken) throws -> Void
    ) -> RotationResult {
        rotations.withLock { _ in
            let (current, last) = state.withLock { ($0.current, $0.lastRotationMs) }
            guard current != nil, let configuredToken = configured.token else { return .disabled }
            let token: OpsToken
            do throws(OpsToken.Problem) {
                token = try OpsToken(validating: newToken.trimmingASCIIWhitespace())
            } catch {
                return .invalid(error)
            }
            let cooldownMs = policy.rotationCooldownSeconds * 1000
            if let last, now.ms - last < cooldownMs {
                let remaining = last + cooldownMs - now.ms
                return .cooldown(retryAfterSeconds: (remaining + 999) / 1000)
            }
            let record = StateFile.RotatedToken(
                sha256: token.sha256Hex, configuredSha256: configuredToken.sha256Hex, rotatedAtMs: now.ms)
            do {
                try commit(record)
            } catch {
                return .stateFileUnavailable
            }
            state.withLock {
                $0.current = token
                $0.rotation = record
                $0.lastRotationMs = now.ms
            }
            return .rotated(mask: token.mask ?? "****")
        }
    }

    /// The client address (§6.2 step 2), or nil when a trusted proxy sent a malformed `X-Forwarded-For` entry.
    private func clientAddress(peer: CIDR.Address, forwarded: [String]) -> CIDR.Address? {
        guard !forwarded.isEmpty, CIDR.any(policy.trustedProxies, contains: peer) else { return peer }
        var addresses: [CIDR.Address] = []
        for entry in forwarded.joined(separator: ",").split(separator: ",", omittingEmptySubsequences: false) {
            guard let address = CIDR.Address(parsing: Self.trimmingOWS(String(entry))) else { return nil }
            addresses.append(address)
        }
        return addresses.last { !CIDR.any(policy.trustedProxies, contains: $0) } ?? addresses.first
    }

    private func failed(_ failure: OpsAuthResult.Failure, remote: CIDR.Address, now: WallTime) -> OpsAuthResult {
        let emits = state.withLock { state in
            if let last = state.lastEventMs[failure], now.ms - last < 1000, now.ms >= last { return false }
            state.lastEventMs[failure] = now.ms
            return true
        }
        return OpsAuthResult(failure: failure, remote: remote, emitsEvent: emits)
    }

    /// Without leading and trailing spaces and tabs (HTTP optional whitespace).
    static func trimmingOWS(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[start...end])
    }
}
