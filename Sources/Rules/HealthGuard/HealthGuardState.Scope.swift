extension HealthGuardState {
    /// One scope's state machine (gates.md §4): OK → COOLOFF → HALTED, driven by warns. A value: `record` returns
    /// what happened and the caller turns that into verdicts and events.
    struct Scope: Sendable {
        enum Phase: String, Sendable {
            case ok, cooloff, halted, disarmed
        }

        /// What one recorded sample did.
        struct Recording: Sendable {
            /// The p95 computed by this evaluation (step 1.2), if any.
            var p95: Double?
            var warned = false
            /// The number of samples after step 1.1 (before a warn cleared them).
            var samples: Int
        }

        var samples = RollingWindow<Double>()
        /// The values of `samples`, in the order of a stable sort: the p95 without sorting the window each time.
        var ordered = SortedSamples()
        /// Warn times, oldest first, at most `halt_repeats + 1`.
        var warns: [Int64] = []
        var cooloffUntil: Int64 = 0
        var halted = false
        var lastP95: Double?

        /// The end of the cooloff in force, manual or automatic (0 = none).
        func cooloffEnd(manual: Int64) -> Int64 { max(cooloffUntil, manual) }

        /// The scope's state, without the armed flag.
        func phase(now: Int64, manual: Int64) -> Phase {
            if halted { return .halted }
            return now < cooloffEnd(manual: manual) ? .cooloff : .ok
        }

        /// Steps 1 and 2 of gates.md §4 for one valid latency sample at `now`.
        mutating func record(_ latency: Double, now: Int64, config: HealthGuardGate.Config, manual: Int64) -> Recording {
            samples.append(latency, at: now)
            ordered.insert(latency)
            let cutoff = now - Int64(config.windowS) * 1000
            while let oldest = samples.first, oldest.t < cutoff { dropOldest(oldest.value) }
            while samples.count > max(config.maxSamples, 0), let oldest = samples.first { dropOldest(oldest.value) }
            var recording = Recording(samples: samples.count)
            guard samples.count >= config.minSamples else { return recording }
            let p95 = Percentile.of(count: ordered.count, 95) { self.ordered[$0] }
            recording.p95 = p95
            lastP95 = p95
            guard p95 > config.thresholdMs else { return recording }
            warn(now: now, config: config, manual: manual)
            recording.warned = true
            return recording
        }

        /// Drops the oldest sample from the window and from the order.
        private mutating func dropOldest(_ value: Double) {
            samples.removeFirst()
            let removed = ordered.removeOldest(value)
            assert(removed, "the ordered samples lost track of the window")
        }

        /// Step 2: a warn escalates and clears the samples, so further escalation needs fresh evidence.
        private mutating func warn(now: Int64, config: HealthGuardGate.Config, manual: Int64) {
            warns.append(now)
            let horizonStart = now - Int64(config.warnHorizonS) * 1000
            warns.removeAll { $0 < horizonStart }
            if warns.count > config.haltRepeats + 1 { warns.removeFirst(warns.count - (config.haltRepeats + 1)) }
            if now < cooloffEnd(manual: manual) {
                halted = true
            } else {
                cooloffUntil = max(cooloffUntil, now + Int64(config.cooloffS) * 1000)
            }
            if warns.count >= config.haltRepeats { halted = true }
            samples.removeAll()
            ordered.removeAll()
        }

        /// `POST /ops/reset`: back to OK with no evidence.
        mutating func reset() {
            self = Scope()
        }

        /// Warns still inside the horizon at `now`.
        func recentWarns(now: Int64, horizonS: Int) -> Int {
            let start = now - Int64(horizonS) * 1000
            return warns.reduce(0) { $0 + ($1 >= start ? 1 : 0) }
        }
    }
}
