import Host
import RuleEngine
import Testing

/// `OpsGuard` (http-api.md §6.2, §6.3): the order of checks, client addresses behind proxies, rotation.
@Suite struct OpsGuardTests {
    static let token = "configured-token-0123456789abcd"
    static let newToken = "rotated-token-0123456789abcdefgh"
    static let loopback = CIDR.Address(parsing: "127.0.0.1")!
    static let now = WallTime(ms: 1_767_605_400_000)

    static func configured(_ token: String = token) -> OpsToken.Configured {
        OpsToken.Configured(token: try! OpsToken(validating: token), source: .environment, disabled: nil)
    }

    static func opsGuard(
        stored: StateFile.RotatedToken? = nil, trusted: [String] = [], allowlist: [CIDR] = CIDR.loopback
    ) -> OpsGuard {
        OpsGuard(
            configured: configured(), stored: stored,
            policy: OpsGuard.Policy(
                allowlist: allowlist, trustedProxies: trusted.map { try! CIDR(parsing: $0) }, rotationCooldownSeconds: 30))
    }

    func check(
        _ opsGuard: OpsGuard, peer: String = "127.0.0.1", _ headers: [(name: String, value: String)],
        at now: WallTime = OpsGuardTests.now
    ) -> OpsAuthResult {
        opsGuard.authorize(peer: CIDR.Address(parsing: peer)!, headers: headers, now: now)
    }

    @Test func theRightTokenFromLoopbackIsAuthorized() {
        let result = check(Self.opsGuard(), [("Content-Type", "application/json"), ("X-OPS-TOKEN", Self.token)])
        #expect(result.isAuthorized)
        #expect(result.remote == Self.loopback)
        #expect(!result.emitsEvent)
    }

    @Test func theHeaderNameIsCaseInsensitiveAndItsValueIsTrimmed() {
        #expect(check(Self.opsGuard(), [("x-ops-token", " \t\(Self.token) ")]).isAuthorized)
        #expect(check(Self.opsGuard(), peer: "::ffff:127.0.0.1", [("X-Ops-Token", Self.token)]).isAuthorized)
        #expect(check(Self.opsGuard(), peer: "::1", [("X-OPS-TOKEN", Self.token)]).isAuthorized)
    }

    @Test(arguments: [
        ([(name: String, value: String)](), OpsAuthResult.Failure.missing),
        ([("X-OPS-TOKEN", "wrong-token-0123456789abcdefgh")], .invalid),
        ([("X-OPS-TOKEN", Self.token + "x")], .invalid),
        ([("X-OPS-TOKEN", "  ")], .invalid),
        ([("X-OPS-TOKEN", Self.token), ("x-ops-token", Self.token)], .invalid),
    ])
    func aMissingOrWrongTokenIsRefused(_ headers: [(name: String, value: String)], _ failure: OpsAuthResult.Failure) {
        let result = check(Self.opsGuard(), headers)
        #expect(result.failure == failure)
        #expect(result.remote == Self.loopback)
    }

    @Test func aPeerOutsideTheAllowlistIsRefusedBeforeTheTokenIsLookedAt() {
        let result = check(Self.opsGuard(), peer: "192.0.2.7", [])
        #expect(result.failure == .notAllowed)
        #expect(result.remote == CIDR.Address(parsing: "192.0.2.7"))
    }

    @Test func withoutATokenEveryRequestIsDisabledFirst() {
        let disabled = OpsGuard(
            configured: OpsToken.Configured.load(environment: [:], tokenFile: nil), stored: nil, policy: .init())
        #expect(!disabled.isEnabled)
        #expect(disabled.startup == .disabled(disabled.disabledReason!))
        let result = check(disabled, peer: "192.0.2.7", [("X-OPS-TOKEN", Self.token)])
        #expect(result.failure == .disabled)
        #expect(result.status == 503)
    }

    @Test func forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
        let opsGuard = Self.opsGuard(trusted: ["10.0.0.0/8"])
        let spoofed = check(opsGuard, peer: "192.0.2.7", [("X-Forwarded-For", "127.0.0.1"), ("X-OPS-TOKEN", Self.token)])
        #expect(spoofed.failure == .notAllowed)
        #expect(spoofed.remote == CIDR.Address(parsing: "192.0.2.7"))
        let fromLoopback = check(opsGuard, [("X-Forwarded-For", "192.0.2.7"), ("X-OPS-TOKEN", Self.token)])
        #expect(fromLoopback.isAuthorized)
    }

    @Test(arguments: [
        (["127.0.0.1"], "127.0.0.1"),
        (["192.0.2.1, 127.0.0.1, 10.0.0.8"], "127.0.0.1"),
        (["192.0.2.1", "127.0.0.1 ,10.1.1.1"], "127.0.0.1"),
        (["127.0.0.1, 192.0.2.1"], "192.0.2.1"),
        (["10.0.0.1, 10.0.0.2"], "10.0.0.1"),
    ])
    func aTrustedProxysForwardedForIsWalkedFromTheRight(_ fields: [String], _ client: String) {
        let opsGuard = Self.opsGuard(trusted: ["10.0.0.0/8"])
        let headers = fields.map { (name: "X-Forwarded-For", value: $0) } + [(name: "X-OPS-TOKEN", value: Self.token)]
        let result = check(opsGuard, peer: "10.9.9.9", headers)
        #expect(result.remote == CIDR.Address(parsing: client))
        #expect(result.isAuthorized == (client == "127.0.0.1"))
    }

    @Test(arguments: ["127.0.0.1, bogus", "127.0.0.1,,10.0.0.1", "127.0.0.1:8000", ""])
    func aMalformedForwardedForFromATrustedProxyIsForbidden(_ field: String) {
        let result = check(
            Self.opsGuard(trusted: ["10.0.0.0/8"]), peer: "10.9.9.9",
            [("X-Forwarded-For", field), ("X-OPS-TOKEN", Self.token)])
        #expect(result.failure == .notAllowed)
        #expect(result.remote == CIDR.Address(parsing: "10.9.9.9"))
    }

    @Test func failureEventsAreDebouncedPerReason() {
        let opsGuard = Self.opsGuard()
        #expect(check(opsGuard, [], at: Self.now).emitsEvent)
        #expect(!check(opsGuard, [], at: Self.now.adding(ms: 999)).emitsEvent)
        #expect(check(opsGuard, [("X-OPS-TOKEN", "x")], at: Self.now.adding(ms: 999)).emitsEvent)
        #expect(check(opsGuard, [], at: Self.now.adding(ms: 1000)).emitsEvent)
    }

    @Test func aRotationRevokesThePreviousTokenOnceCommitted() throws {
        let opsGuard = Self.opsGuard()
        var committed: StateFile.RotatedToken?
        let result = opsGuard.rotate(to: "  \(Self.newToken)\n", now: Self.now) { committed = $0 }
        #expect(result == .rotated(mask: "****efgh"))
        #expect(result.status == 200)
        let record = try #require(committed)
        #expect(record == StateFile.RotatedToken(
            sha256: try OpsToken(validating: Self.newToken).sha256Hex,
            configuredSha256: try OpsToken(validating: Self.token).sha256Hex, rotatedAtMs: Self.now.ms))
        #expect(opsGuard.rotation == record)
        #expect(check(opsGuard, [("X-OPS-TOKEN", Self.token)]).failure == .invalid)
        #expect(check(opsGuard, [("X-OPS-TOKEN", Self.newToken)]).isAuthorized)
    }

    @Test func aFailedCommitChangesNothing() {
        struct DiskFull: Error {}
        let opsGuard = Self.opsGuard()
        let result = opsGuard.rotate(to: Self.newToken, now: Self.now) { _ in throw DiskFull() }
        #expect(result == .stateFileUnavailable)
        #expect(result.status == 503)
        #expect(result.detail == "state file unavailable")
        #expect(opsGuard.rotation == nil)
        #expect(check(opsGuard, [("X-OPS-TOKEN", Self.token)]).isAuthorized)
        #expect(opsGuard.rotate(to: Self.newToken, now: Self.now) { _ in } == .rotated(mask: "****efgh"))
    }

    @Test func weakNewTokensAreRefusedBeforeTheCooldown() {
        let opsGuard = Self.opsGuard()
        #expect(opsGuard.rotate(to: Self.newToken, now: Self.now) { _ in } == .rotated(mask: "****efgh"))
        let short = opsGuard.rotate(to: " short ", now: Self.now) { _ in Issue.record("must not commit") }
        #expect(short == .invalid(.tooShort(length: 5)))
        #expect(short.status == 400)
        #expect(short.detail == "new_token too short (min 24)")
        #expect(opsGuard.rotate(to: "   ", now: Self.now) { _ in } == .invalid(.empty))
    }

    @Test(arguments: [(Int64(1), Int64(30)), (999, 30), (1000, 29), (29_000, 1), (29_999, 1)])
    func aSecondRotationInsideTheCooldownIsTooManyRequests(_ elapsed: Int64, _ retryAfter: Int64) {
        let opsGuard = Self.opsGuard()
        _ = opsGuard.rotate(to: Self.newToken, now: Self.now) { _ in }
        let result = opsGuard.rotate(to: Self.token + "-again", now: Self.now.adding(ms: elapsed)) { _ in
            Issue.record("must not commit")
        }
        #expect(result == .cooldown(retryAfterSeconds: retryAfter))
        #expect(result.status == 429)
        #expect(result.detail == "rotation cooldown active")
        #expect(opsGuard.rotate(to: Self.token + "-again", now: Self.now.adding(ms: 30_000)) { _ in }
            == .rotated(mask: "****gain"))
    }

    @Test func aStoredRotationStaysInForceWhileTheConfiguredTokenIsUnchanged() throws {
        let stored = StateFile.RotatedToken(
            sha256: try OpsToken(validating: Self.newToken).sha256Hex,
            configuredSha256: try OpsToken(validating: Self.token).sha256Hex, rotatedAtMs: Self.now.ms)
        let opsGuard = Self.opsGuard(stored: stored)
        #expect(opsGuard.startup == .rotationKept)
        #expect(opsGuard.rotation == stored)
        #expect(check(opsGuard, [("X-OPS-TOKEN", Self.newToken)]).isAuthorized)
        #expect(check(opsGuard, [("X-OPS-TOKEN", Self.token)]).failure == .invalid)
        #expect(opsGuard.rotate(to: Self.token + "-again", now: Self.now.adding(ms: 10_000)) { _ in }
            == .cooldown(retryAfterSeconds: 20))
    }

    @Test func aChangedConfiguredTokenDiscardsTheStoredRotation() throws {
        let stored = StateFile.RotatedToken(
            sha256: try OpsToken(validating: Self.newToken).sha256Hex,
            configuredSha256: try OpsToken(validating: "an-older-configured-token-000").sha256Hex, rotatedAtMs: 1)
        let opsGuard = Self.opsGuard(stored: stored)
        #expect(opsGuard.startup == .rotationDiscarded(mask: "****abcd"))
        #expect(opsGuard.rotation == nil)
        #expect(check(opsGuard, [("X-OPS-TOKEN", Self.token)]).isAuthorized)
        #expect(check(opsGuard, [("X-OPS-TOKEN", Self.newToken)]).failure == .invalid)
    }

    @Test func aDisabledGuardKeepsTheStoredRotationOnFile() throws {
        let stored = StateFile.RotatedToken(
            sha256: String(repeating: "c", count: 64), configuredSha256: String(repeating: "d", count: 64), rotatedAtMs: 1)
        let opsGuard = OpsGuard(
            configured: OpsToken.Configured.load(environment: [:], tokenFile: nil), stored: stored, policy: .init())
        #expect(opsGuard.rotation == stored)
        #expect(opsGuard.rotate(to: Self.newToken, now: Self.now) { _ in } == .disabled)
    }
}
