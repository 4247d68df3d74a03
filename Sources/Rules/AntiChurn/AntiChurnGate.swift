import Codec
import RuleEngine

/// `anti_churn` (gates.md §11): no re-entry right after a close, no opens faster than a minimum interval, no flip
/// before a minimum hold, no opposite-side orders against an open position (until the lock expires).
struct AntiChurnGate: Rule {
    struct Config: Sendable {
        var cooldownAfterCloseMs: Int64
        var minOpenIntervalMs: Int64
        var minPositionHoldMs: Int64
        var oppositeSideBlock: Bool
        var maxLockMs: Int64
    }

    /// One failing check: its reason, remaining time, trace values and event.
    private struct Failure {
        var code: String
        var remainingMs: Int64
        var measured: Double
        var threshold: Double
        var event: RuleEvent
    }

    let id: RuleID
    let config: Config
    let locks: PositionLocks

    var state: (any RuleState)? { locks }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let symbol: Symbol
        switch context.derived.symbol {
        case .absent: return .missing(MissingInput("order.symbol"))
        case .invalid(let path): return .missing(.invalid(path))
        case .valid(let s, _): symbol = s
        }
        let now = context.now.ms
        let entry = locks.entry(for: symbol)
        let position = context.shared.position(for: symbol)
        let rule = JSONValue.string(id.rawValue)
        var failures: [Failure] = []

        // 2. Close cooldown.
        if config.cooldownAfterCloseMs > 0, let until = entry.cooldownUntilMs, now < until {
            failures.append(Failure(
                code: "cooldown_after_close_active", remainingMs: until - now, measured: Double(until - now),
                threshold: Double(config.cooldownAfterCloseMs),
                event: RuleEvent(code: "COOLDOWN.ACTIVE", details: [
                    "remaining_ms": .int(until - now), "until_ms": .int(until), "rule": rule,
                ])))
        }
        // 3. Open interval.
        if config.minOpenIntervalMs > 0, let last = entry.lastOpenMs, now - last < config.minOpenIntervalMs {
            let left = config.minOpenIntervalMs - (now - last)
            failures.append(Failure(
                code: "open_rate_limit", remainingMs: left, measured: Double(left),
                threshold: Double(config.minOpenIntervalMs),
                event: RuleEvent(code: "OPEN.RATE_LIMIT", details: [
                    "ms_left": .int(left), "interval_ms": .int(config.minOpenIntervalMs), "rule": rule,
                ])))
        }
        // 4. Position lock: examined when it decides, or (with a side) for the cooldown of an earlier failure.
        var notes: [String] = []
        var lockExpired = false
        let age = position.map { now - $0.sinceMs }
        let lockApplies = config.minPositionHoldMs > 0 || config.oppositeSideBlock
        if let position, let age, let positionSide = position.side, lockApplies {
            if context.side == nil && failures.isEmpty { return .missing(MissingInput("order.side")) }
            if let side = context.side, side == positionSide.opposite {
                if age >= config.maxLockMs {
                    lockExpired = true
                    notes.append("position_lock_expired:\(symbol.rawValue)")
                } else {
                    failures += lockFailures(age: age, positionSide: positionSide, rule: rule)
                }
            }
        }

        let (cooldownUntil, lastOpen, positionSide) = (entry.cooldownUntilMs, entry.lastOpenMs, position?.side)
        let details: @Sendable () -> JSONObject = { [lockExpired] in
            [
                "cooldown_until_ms": cooldownUntil.map { .int($0) } ?? .null,
                "last_open_ms": lastOpen.map { .int($0) } ?? .null,
                "position_side": positionSide.map { .string($0.rawValue) } ?? .null,
                "position_age_ms": age.map { .int($0) } ?? .null, "lock_expired": .bool(lockExpired),
            ]
        }
        guard let deciding = failures.first else { return .pass(Evidence(notes: notes, deferredDetails: details)) }
        let cooldown = failures.map(\.remainingMs).max() ?? 0
        let evidence = Evidence(measured: deciding.measured, threshold: deciding.threshold, events: [deciding.event],
                                deferredDetails: details)
        return .deny(Denial(code: ReasonCode(deciding.code), hard: false, cooldownMs: cooldown, evidence: evidence))
    }

    /// Step 4 for an opposite-side order inside the lock: the hold (which decides first) and the lock itself.
    private func lockFailures(age: Int64, positionSide: Side, rule: JSONValue) -> [Failure] {
        var failures: [Failure] = []
        let side = JSONValue.string(positionSide.rawValue)
        if config.minPositionHoldMs > 0, age < config.minPositionHoldMs {
            failures.append(Failure(
                code: "position_min_hold_active", remainingMs: config.minPositionHoldMs - age,
                measured: Double(config.minPositionHoldMs - age), threshold: Double(config.minPositionHoldMs),
                event: RuleEvent(code: "POSITION.MIN_HOLD", details: [
                    "position_side": side, "age_ms": .int(age), "min_hold_ms": .int(config.minPositionHoldMs),
                    "rule": rule,
                ])))
        }
        if config.oppositeSideBlock {
            failures.append(Failure(
                code: "opposite_side_block", remainingMs: config.maxLockMs - age, measured: Double(age),
                threshold: Double(config.maxLockMs),
                event: RuleEvent(code: "POSITION.OPPOSITE_BLOCK", details: [
                    "position_side": side, "age_ms": .int(age), "rule": rule,
                ])))
        }
        return failures
    }
}

/// The commit hook (open stamps) and the posttrade hook (close cooldowns) of gates.md §11.
extension AntiChurnGate: CommitObserver, TradeObserver {
    func commit(_ context: RuleContext) {
        guard !context.isReducing, let symbol = context.symbol else { return }
        locks.recordOpen(symbol, at: context.now.ms)
    }

    func observe(_ report: TradeReport, mode: RuleMode, shared: SharedState, now: WallTime) -> [RuleEvent] {
        guard report.isClose, report.outcome != .failed, let symbol = report.symbol, config.cooldownAfterCloseMs > 0
        else { return [] }
        let until = now.ms + config.cooldownAfterCloseMs
        locks.startCooldown(symbol, until: until)
        guard mode == .enforce else { return [] }
        return [RuleEvent(code: "AURORA.COOL_OFF", details: [
            "until_ms": .int(until), "cooldown_ms": .int(config.cooldownAfterCloseMs), "rule": .string(id.rawValue),
        ])]
    }
}
