import Foundation
import SimCore

/// Running a loaded scenario: the one entry point `kubesim run`, and the studies that will run
/// scenarios by the thousand across threads, call.
///
/// A run owns its whole state (the `Simulation` it builds), so any number can go at once on
/// different threads; its result is a `Sendable` value.
public enum ScenarioRun {
    /// A run that did not finish: the simulation refused the scenario (only what the loader
    /// cannot see), the run grew past its memory limit, or — a kubesim bug — the invariant
    /// checks found the cluster state inconsistent.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public enum Kind: Sendable {
            case refused, tooLarge, invariantsBroken
        }

        public let kind: Kind
        public let description: String

        init(_ kind: Kind = .refused, description: String) {
            self.kind = kind
            self.description = description
        }
    }

    /// Builds the simulation of `scenario` at time 0 — the cluster, its workloads, the controllers
    /// and their first events — as `run` does; `kubesim validate` calls it so that a scenario it
    /// passes is one `run` will start.
    public static func prepare(_ scenario: LoadedScenario) throws(Refusal) -> Simulation {
        do {
            return try Simulation(scenario.setup)
        } catch {
            throw Refusal(description: "\(scenario.scenario.specLocation): error: \(error)")
        }
    }

    /// The message for a run stopped by its memory limit, with what had grown.
    private static func grewTooLarge(_ scenario: LoadedScenario, _ use: MemoryUse, at time: SimTime) -> Refusal {
        let limit = scenario.setup.memoryLimit ?? 0
        return Refusal(
            .tooLarge,
            description: """
                \(scenario.scenario.specLocation): error: the run was stopped at \(GoDuration.format(time)) of simulated time: it had grown to an estimated \(MemoryUse.formatted(use.bytes)) (\(use)), past the \(MemoryUse.formatted(limit)) this run may use
                  hint: a long run of pods that never fit, or a fault every few milliseconds, grows the event log without end; shorten spec.duration, raise spec.metrics.interval, or fix what repeats
                """)
    }

    /// The message for broken invariants: the first few, and how many there were.
    private static func invariantsBroken(_ violations: [String]) -> Refusal {
        let shown = violations.prefix(5).map { "  " + $0 }.joined(separator: "\n")
        let more = violations.count > 5 ? "\n  … and \(violations.count - 5) more" : ""
        return Refusal(
            .invariantsBroken,
            description:
                "kubesim: internal error: the cluster state broke its invariants (a kubesim bug; please report it with the scenario):\n\(shown)\(more)"
        )
    }

    /// Runs `scenario` to its end. `progress`, when given, is told the simulated time reached a
    /// hundred times along the way. With `checkInvariants`, the cluster's invariants are checked
    /// after every event, and any broken one ends the run as `.invariantsBroken`.
    public static func run(
        _ scenario: LoadedScenario, checkInvariants: Bool = false, progress: ((SimTime) -> Void)? = nil
    ) throws(Refusal) -> RunResult {
        let simulation = try prepare(scenario)
        simulation.checksInvariants = checkInvariants
        let clock = ContinuousClock()
        let started = clock.now
        let duration = scenario.setup.duration
        let steps: Int64 = 100
        for step in 1...steps {
            let until = step == steps ? duration : duration / steps * step
            simulation.run(until: until)
            if let use = simulation.stoppedForMemory { throw grewTooLarge(scenario, use, at: simulation.now) }
            if !simulation.invariantViolations.isEmpty { throw invariantsBroken(simulation.invariantViolations) }
            progress?(until)
        }
        let elapsed = clock.now - started
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return simulation.result(wallSeconds: (wallSeconds * 1_000).rounded() / 1_000)
    }
}
