import TestSupport
import Testing

@testable import SimCore

/// ResourceQuotas and LimitRanges as the API server enforces them when controllers create pods.
@Suite("Namespace admission")
struct NamespaceAdmissionTests {
    @Test("a ResourceQuota of 3 pods stops a 5-replica Deployment at 3, with upstream's FailedCreate message")
    func podQuota() throws {
        var setup = SimulationSetup(
            name: "quota", duration: 60_000, nodePools: [Build.pool("general", count: 2)], deployments: [Build.deployment("web", replicas: 5)])
        setup.resourceQuotas = [ResourceQuotaSpec(meta: ObjectMeta(name: "pods-cap"), hard: ResourceList([ResourceAmount("pods", 3)]))]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 60_000)
        #expect(simulation.invariantViolations.isEmpty)
        #expect(simulation.cluster.pods.count == 3)
        let refusals = simulation.eventLog.filter { $0.reason == "FailedCreate" }
        #expect(!refusals.isEmpty)
        #expect(refusals.allSatisfy { $0.type == .warning && $0.object.kind == "ReplicaSet" })
        let first = try #require(refusals.first)
        let name = try #require(first.message.split(separator: "\"").dropFirst().first)
        #expect(
            first.message
                == "Error creating: pods \"\(name)\" is forbidden: exceeded quota: pods-cap, requested: pods=1, used: pods=3, limited: pods=3")
        // The quota's usage is what exists: 3 pods.
        #expect(simulation.cluster.resourceQuotas["default"]?.first?.status.used["pods"] == 3)
    }

    @Test("a finished Job pod gives its quota back, so the next one fits")
    func quotaFollowsFinishedPods() throws {
        var template = Build.template(app: "batch", cpu: 1_000, memory: nil)
        template.spec.restartPolicy = .never
        template.runDuration = .fixed(10_000)
        let job = JobSpec(
            meta: ObjectMeta(name: "batch"), completions: 3, parallelism: 3, selector: LabelSelector(matchLabels: Labels([("app", "batch")])),
            template: template)
        var setup = SimulationSetup(name: "quota-jobs", duration: 300_000, nodePools: [Build.pool("general", count: 2)])
        setup.jobs = [job]
        // 1 core of requests: one pod at a time, though the Job asks for 3 in parallel.
        setup.resourceQuotas = [ResourceQuotaSpec(meta: ObjectMeta(name: "cpu"), hard: ResourceList([ResourceAmount("requests.cpu", 1_000)]))]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 300_000)
        #expect(simulation.invariantViolations.isEmpty)
        let status = simulation.cluster.jobs[JobID(0)].status
        #expect(status.succeeded == 3)
        #expect(status.outcome?.reason == "Completed")
        #expect(simulation.cluster.resourceQuotas["default"]?.first?.status.used["requests.cpu"] == 0)
    }

    @Test("a LimitRange's default request is what the scheduler sees for a container that names none")
    func limitRangeDefaults() throws {
        var setup = SimulationSetup(
            name: "limits", duration: 10_000, nodePools: [Build.pool("general", count: 1)],
            deployments: [Build.deployment("web", replicas: 2, cpu: nil, memory: nil)])
        setup.limitRanges = [
            LimitRangeSpec(
                meta: ObjectMeta(name: "defaults"),
                items: [
                    LimitRangeItem(
                        type: .container, defaultLimit: ResourceList([ResourceAmount("cpu", 500)]),
                        defaultRequest: ResourceList([ResourceAmount("cpu", 250)]))
                ])
        ]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 10_000)
        // 2 pods × the default request of 250m.
        #expect(simulation.cluster.nodes.requested[0].cpu == 500)
    }
}
