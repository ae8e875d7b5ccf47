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

/// Quotas on objects other than pods: a CronJob's Jobs and a StatefulSet's claims.
@Suite("Object-count quotas")
struct ObjectQuotaTests {
    @Test("count/jobs.batch of 2 lets a CronJob keep at most 2 Jobs; the third run is refused with upstream's message")
    func jobCount() throws {
        // Every 10 minutes, each Job running 25 minutes: at 30 min the Jobs of 10 and 20 min still
        // exist (Allow lets them overlap), so the third is refused until the first is deleted.
        var cronJob = try CronJobTests.cronJob(schedule: "*/10 * * * *", runFor: 25 * Millis.minute)
        cronJob.successfulJobsHistoryLimit = 0
        var setup = SimulationSetup(name: "quota-jobs", duration: Millis.hour, nodePools: [Build.pool("general", count: 2)])
        setup.cronJobs = [cronJob]
        setup.resourceQuotas = [ResourceQuotaSpec(meta: ObjectMeta(name: "jobs"), hard: ResourceList([ResourceAmount("count/jobs.batch", 2)]))]
        let simulation = try Build.simulation(setup)
        simulation.run(until: Millis.hour)
        #expect(simulation.invariantViolations.isEmpty)
        let refused = simulation.eventLog.filter { $0.reason == "FailedCreate" && $0.object.kind == "CronJob" }
        let first = try #require(refused.first)
        #expect(first.time == 30 * Millis.minute + 100)
        #expect(
            first.message
                == "Error creating job: jobs.batch \"report-\(CronJobTests.startMinute + 30)\" is forbidden: exceeded quota: jobs, requested: count/jobs.batch=1, used: count/jobs.batch=2, limited: count/jobs.batch=2"
        )
        #expect((simulation.cluster.resourceQuotas["default"]?.first?.status.used["count/jobs.batch"] ?? 0) <= 2)
    }

    @Test("a quota of 2 claims stops a 3-replica StatefulSet at 2 pods, with upstream's claim error")
    func claimCount() throws {
        var set = StatefulSetSpec(
            meta: ObjectMeta(name: "db"), replicas: 3, selector: LabelSelector(matchLabels: Labels([("app", "db")])),
            template: Build.template(app: "db"))
        set.volumeClaimTemplates = [PersistentVolumeClaimSpec(meta: ObjectMeta(name: "data"), request: 10 << 30)]
        var setup = SimulationSetup(name: "quota-claims", duration: 120_000, nodePools: [Build.pool("general", count: 2)])
        setup.statefulSets = [set]
        setup.storageClasses = [StorageClassSpec(name: "standard", volumeBindingMode: .waitForFirstConsumer, isDefault: true)]
        setup.resourceQuotas = [
            ResourceQuotaSpec(meta: ObjectMeta(name: "storage"), hard: ResourceList([ResourceAmount("persistentvolumeclaims", 2)]))
        ]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 120_000)
        #expect(simulation.invariantViolations.isEmpty)
        #expect(simulation.cluster.pods.count == 2)
        let refusal = try #require(simulation.eventLog.first { $0.reason == "FailedCreate" })
        #expect(
            refusal.message
                == "create Claim data-db-2 for Pod db-2 in StatefulSet db failed error: persistentvolumeclaims \"data-db-2\" is forbidden: exceeded quota: storage, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=2, limited: persistentvolumeclaims=2"
        )
    }
}
