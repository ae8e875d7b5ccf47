import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// The summary paths `expect` and the study commands read beyond the cluster and workload fields:
/// a fault's (`faults[N].recoverySeconds`), an HPA's (target `HorizontalPodAutoscaler/…`) and a
/// Job's completion.
@Suite("Expectation paths")
struct ExpectationPathTests {
    /// zone-outage-at-peak with one expectation more; its error, or "loaded".
    static func withExpectation(_ entry: String) -> String {
        do {
            _ = try ScenarioLoader.load(
                repositoryRoot + "/scenarios/zone-outage-at-peak.yaml", overrides: [Override("spec.expect[0]=\(entry)")].compactMap { $0 })
            return "loaded"
        } catch {
            return String(describing: error)
        }
    }

    @Test("a fault's and an HPA's fields are paths an expectation and a study can name")
    func namedPaths() {
        #expect(Expectation.isMetric("faults[0].recoverySeconds", forTarget: nil))
        #expect(Expectation.isMetric("faults[12].at", forTarget: nil))
        #expect(!Expectation.isMetric("faults[x].at", forTarget: nil))
        #expect(!Expectation.isMetric("faults[0].duration", forTarget: nil))
        #expect(!Expectation.isMetric("faults[0].at", forTarget: "Deployment/web/storefront"))
        #expect(Expectation.isMetric("rescales", forTarget: "HorizontalPodAutoscaler/web/storefront"))
        #expect(!Expectation.isMetric("rescales", forTarget: "Deployment/web/storefront"))
        #expect(Expectation.isMetric("completion.durationSeconds", forTarget: "Job/batch/report"))
        #expect(StudyMetric(path: "faults[0].recoverySeconds") == StudyMetric(metric: "faults[0].recoverySeconds"))
        #expect(
            StudyMetric(path: "workloads[HorizontalPodAutoscaler/web/storefront].secondsAtMaxReplicas")
                == StudyMetric(metric: "secondsAtMaxReplicas", target: "HorizontalPodAutoscaler/web/storefront"))
        #expect(StudyMetric(path: "faults[0].nope") == nil)
    }

    @Test("a run's summary answers them: the outage's recovery, the HPA's rescales; a fault that did not happen is missing")
    func readFromARun() throws {
        let summary = try ScenarioRun.run(try ScenarioLoader.load(repositoryRoot + "/scenarios/zone-outage-at-peak.yaml")).summary
        // The scenario's one fault: zone-b goes down at 45m = 2,700 s.
        #expect(summary.value(of: "faults[0].at") == 2_700)
        let recovery = try #require(summary.faults.first?.recoverySeconds)
        #expect(summary.value(of: "faults[0].recoverySeconds") == recovery)
        #expect(summary.value(of: "faults[1].recoverySeconds") == nil)
        let hpa = try #require(summary.autoscalers.first)
        #expect(summary.value(of: "rescales", target: "HorizontalPodAutoscaler/\(hpa.namespace)/\(hpa.name)") == Double(hpa.rescales))
        #expect(summary.value(of: "rescales", target: "HorizontalPodAutoscaler/web/nothing") == nil)
    }

    @Test("a scenario's expect takes them, and says which need a target and which take none")
    func decoding() {
        #expect(Self.withExpectation("{metric: \"faults[0].recoverySeconds\", op: \"<=\", value: 600}") == "loaded")
        #expect(
            Self.withExpectation("{metric: rescales, target: HorizontalPodAutoscaler/web/storefront, op: \"<=\", value: 20}") == "loaded")
        #expect(Self.withExpectation("{metric: rescales, op: \"<=\", value: 20}").contains("rescales needs a target workload"))
        #expect(
            Self.withExpectation("{metric: \"faults[0].at\", target: Deployment/web/storefront, op: \">\", value: 0}").contains(
                "faults[0].at takes no target"))
        #expect(
            Self.withExpectation("{metric: rescales, target: HorizontalPodAutoscaler/web/front, op: \"<=\", value: 20}").contains(
                "is not a workload of this scenario, nor a Service that receives traffic, nor an HPA"))
    }
}
