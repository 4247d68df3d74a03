import RuleEngine
import YAMLKit

extension AntiChurnGate {
    struct Factory: RuleFactory {
        static let cooldownAfterCloseMs = ConfigKey<Int64>(
            "cooldown_after_close_ms", default: 0, unit: "ms", range: "≥ 0 and ≤ 86400000",
            help: "deny re-entry into a symbol for this long after a close; 0: off",
            isValid: { $0 >= 0 && $0 <= 86_400_000 })
        static let minOpenIntervalMs = ConfigKey<Int64>(
            "min_open_interval_ms", default: 0, unit: "ms", range: "≥ 0 and ≤ 86400000",
            help: "deny an open sooner than this after the symbol's last approved open; 0: off",
            isValid: { $0 >= 0 && $0 <= 86_400_000 })
        static let minPositionHoldMs = ConfigKey<Int64>(
            "min_position_hold_ms", default: 0, unit: "ms", range: "≥ 0 and ≤ 86400000",
            help: "deny an opposite-side order before the position is this old; 0: off",
            isValid: { $0 >= 0 && $0 <= 86_400_000 })
        static let oppositeSideBlock = ConfigKey<Bool>(
            "opposite_side_block", default: true,
            help: "deny opposite-side orders against an open position until the lock expires")
        static let maxLockMs = ConfigKey<Int64>(
            "max_lock_ms", default: 3_600_000, unit: "ms", range: "≥ 1 and ≤ 604800000",
            help: "a position older than this no longer locks the opposite side",
            isValid: { $0 >= 1 && $0 <= 604_800_000 })

        static let info = RuleTypeInfo(
            name: "anti_churn", summary: "cooldown after close, open rate, min hold, opposite-side block",
            params: [
                .init(cooldownAfterCloseMs.info), .init(minOpenIntervalMs.info), .init(minPositionHoldMs.info),
                .init(oppositeSideBlock.info), .init(maxLockMs.info),
            ],
            inputs: ["order.symbol", "order.side", "order.reduce_only"],
            defaultOnMissing: .skip, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let config = Config(
                cooldownAfterCloseMs: params.read(Self.cooldownAfterCloseMs),
                minOpenIntervalMs: params.read(Self.minOpenIntervalMs),
                minPositionHoldMs: params.read(Self.minPositionHoldMs),
                oppositeSideBlock: params.read(Self.oppositeSideBlock), maxLockMs: params.read(Self.maxLockMs))
            return params.diagnostics.hasErrors ? nil : config
        }

        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            AntiChurnGate(id: id, config: config, locks: state as? PositionLocks ?? PositionLocks())
        }
    }
}
