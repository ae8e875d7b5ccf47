import Testing
@testable import SimCore
import TestSupport

/// A container exposing host ports written as upstream's "PROTOCOL/hostIP/port".
private func container(_ ports: [String]) -> Container {
    Container(name: "c", ports: ports.map { text in
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return ContainerPort(containerPort: 0, hostPort: Int32(parts[2]) ?? 0, hostIP: parts[1], protocol: parts[0])
    })
}

/// Ports `TestNodePorts` and `TestFits` from upstream's
/// `pkg/scheduler/framework/plugins/nodeports/node_ports_test.go`: a host port conflicts with one
/// in use on the node for the same protocol and port when the IPs are equal or either is 0.0.0.0.
@Suite("Upstream NodePorts")
struct UpstreamNodePortsTests {
    /// One node holding a pod that uses `existing`; the incoming pod wants `wanted`.
    private func conflicts(_ wanted: [String], existing: [String]) -> Bool {
        var fixture = ClusterFixture()
        let node = fixture.bareNode("m1")
        fixture.addPod(PodSpec(containers: [container(existing)]), on: node)
        let pod = fixture.addPod(PodSpec(containers: [container(wanted)]))
        return fixture.filterCodes(NodePorts(), for: pod) == [.unschedulable]
    }

    @Test("upstream case \"skip filter\"")
    func skipWithoutPorts() {
        var fixture = ClusterFixture()
        fixture.bareNode("m1")
        let pod = fixture.addPod()
        #expect(NodePorts().preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isSkip)
    }

    @Test("TestNodePorts", arguments: [
        ("other port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/9090"], false),
        ("same udp port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], true),
        ("same tcp port", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], true),
        ("different host ip", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.2/8080"], false),
        ("different protocol", ["UDP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], false),
        ("second udp port conflict", ["UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], true),
        ("first tcp port conflict", ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"], ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081"], true),
        ("first tcp port conflict due to 0.0.0.0 hostIP", ["TCP/0.0.0.0/8001"], ["TCP/127.0.0.1/8001"], true),
        ("TCP hostPort conflict due to 0.0.0.0 hostIP", ["TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"], ["TCP/127.0.0.1/8001"], true),
        ("second tcp port conflict to 0.0.0.0 hostIP", ["TCP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], true),
        ("second different protocol", ["UDP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], false),
        ("UDP hostPort conflict due to 0.0.0.0 hostIP", ["UDP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001"], true),
    ] as [(String, [String], [String], Bool)])
    func nodePorts(name: String, wanted: [String], existing: [String], conflict: Bool) {
        #expect(conflicts(wanted, existing: existing) == conflict, "upstream case \"\(name)\"")
    }

    @Test("TestFits", arguments: [
        ("non-conflicting ports", ["TCP/127.0.0.1/80"], ["TCP/127.0.0.1/9090"], false),
        ("multiple non-conflicting ports", ["TCP/127.0.0.1/80", "TCP/127.0.1.1/80", "TCP/127.0.1.1/90", "TCP/127.0.1.1/100"],
         ["TCP/127.0.0.1/9090", "TCP/127.0.0.1/9191", "TCP/127.0.1.1/8080"], false),
        ("same ports on different protocols", ["TCP/127.0.0.1/80"], ["UDP/127.0.0.1/80"], false),
        ("conflicting ports", ["TCP/127.0.0.1/80"], ["TCP/127.0.0.1/80"], true),
        ("multiple ports, some conflicting", ["TCP/127.0.0.1/80", "TCP/127.0.1.1/80", "TCP/127.0.1.1/90", "TCP/127.0.1.1/100"],
         ["TCP/127.0.0.1/9090", "TCP/127.0.1.1/90", "TCP/127.0.1.1/8080"], true),
    ] as [(String, [String], [String], Bool)])
    func fits(name: String, wanted: [String], existing: [String], conflict: Bool) {
        #expect(conflicts(wanted, existing: existing) == conflict, "upstream case \"\(name)\"")
    }

    // Upstream's "TCP hostPort conflict from sidecar initContainer" is skipped: counting sidecar
    // ports arrived after v1.32, whose NodePorts reads regular containers only.

    @Test("upstream case \"non-sidecar initContainer using hostPort\"")
    func initContainerPortsIgnored() {
        var fixture = ClusterFixture()
        let node = fixture.bareNode("m1")
        fixture.addPod(PodSpec(containers: [container(["TCP/0.0.0.0/8001"])]), on: node)
        let pod = fixture.addPod(PodSpec(containers: [], initContainers: [container(["TCP//8001"])]))
        // v1.32 (and later, for init containers that are not sidecars) ignores init containers'
        // host ports: PreFilter skips.
        #expect(NodePorts().preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isSkip)
    }
}
