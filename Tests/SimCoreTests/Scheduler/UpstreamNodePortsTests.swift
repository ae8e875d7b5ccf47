import TestSupport
import Testing

@testable import SimCore

/// A container exposing host ports written as upstream's "PROTOCOL/hostIP/port".
private func container(_ ports: [String]) -> Container {
    Container(
        name: "c",
        ports: ports.map { text in
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return ContainerPort(containerPort: 0, hostPort: Int32(parts[2]) ?? 0, hostIP: parts[1], protocol: parts[0])
        })
}

/// Ports `TestNodePorts` and `TestFits` from upstream's
/// `pkg/scheduler/framework/plugins/nodeports/node_ports_test.go`: a host port conflicts with one
/// in use on the node for the same protocol and port when the IPs are equal or either is 0.0.0.0.
@Suite("Upstream NodePorts")
struct UpstreamNodePortsTests {
    /// A row of upstream's `TestNodePorts` or `TestFits`, on one node "m1".
    struct PortsCase: CustomTestStringConvertible, Sendable {
        /// What the row checks.
        enum Expected: Sendable {
            /// Node m1 holds a pod with one container using `existing`; the incoming pod has one
            /// container wanting `wanted`; Filter rejects it as Unschedulable exactly when `conflict`.
            case filter(wanted: [String], existing: [String], conflict: Bool)
            /// m1 holds a pod with one container using `existing` (no pod when nil); the incoming
            /// pod has no containers and init containers with the given ports; PreFilter skips.
            case preFilterSkip(existing: [String]?, initContainers: [[String]])
        }

        let name: String
        let expected: Expected
        var testDescription: String { name }

        static func filter(_ name: String, _ wanted: [String], _ existing: [String], conflict: Bool) -> PortsCase {
            PortsCase(name: name, expected: .filter(wanted: wanted, existing: existing, conflict: conflict))
        }
    }

    static let nodePortsCases: [PortsCase] = [
        PortsCase(name: "skip filter", expected: .preFilterSkip(existing: nil, initContainers: [])),
        .filter("other port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/9090"], conflict: false),
        .filter("same udp port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], conflict: true),
        .filter("same tcp port", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], conflict: true),
        .filter("different host ip", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.2/8080"], conflict: false),
        .filter("different protocol", ["UDP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], conflict: false),
        .filter("second udp port conflict", ["UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], conflict: true),
        .filter(
            "first tcp port conflict", ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"], ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081"],
            conflict: true),
        .filter("first tcp port conflict due to 0.0.0.0 hostIP", ["TCP/0.0.0.0/8001"], ["TCP/127.0.0.1/8001"], conflict: true),
        .filter(
            "TCP hostPort conflict due to 0.0.0.0 hostIP", ["TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"], ["TCP/127.0.0.1/8001"],
            conflict: true),
        .filter("second tcp port conflict to 0.0.0.0 hostIP", ["TCP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], conflict: true),
        .filter("second different protocol", ["UDP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], conflict: false),
        .filter(
            "UDP hostPort conflict due to 0.0.0.0 hostIP", ["UDP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001"],
            conflict: true),
        // Upstream's "TCP hostPort conflict from sidecar initContainer" is skipped: counting sidecar
        // ports arrived after v1.32, whose NodePorts reads regular containers only.

        // v1.32 (and later, for init containers that are not sidecars) ignores init containers'
        // host ports: PreFilter skips.
        PortsCase(
            name: "non-sidecar initContainer using hostPort",
            expected: .preFilterSkip(existing: ["TCP/0.0.0.0/8001"], initContainers: [["TCP//8001"]])),
    ]

    static let fitsCases: [PortsCase] = [
        .filter("non-conflicting ports", ["TCP/127.0.0.1/80"], ["TCP/127.0.0.1/9090"], conflict: false),
        .filter(
            "multiple non-conflicting ports", ["TCP/127.0.0.1/80", "TCP/127.0.1.1/80", "TCP/127.0.1.1/90", "TCP/127.0.1.1/100"],
            ["TCP/127.0.0.1/9090", "TCP/127.0.0.1/9191", "TCP/127.0.1.1/8080"], conflict: false),
        .filter("same ports on different protocols", ["TCP/127.0.0.1/80"], ["UDP/127.0.0.1/80"], conflict: false),
        .filter("conflicting ports", ["TCP/127.0.0.1/80"], ["TCP/127.0.0.1/80"], conflict: true),
        .filter(
            "multiple ports, some conflicting", ["TCP/127.0.0.1/80", "TCP/127.0.1.1/80", "TCP/127.0.1.1/90", "TCP/127.0.1.1/100"],
            ["TCP/127.0.0.1/9090", "TCP/127.0.1.1/90", "TCP/127.0.1.1/8080"], conflict: true),
    ]

    private func run(_ testCase: PortsCase) {
        var fixture = ClusterFixture()
        let node = fixture.bareNode("m1")
        switch testCase.expected {
        case .filter(let wanted, let existing, let conflict):
            fixture.addPod(PodSpec(containers: [container(existing)]), on: node)
            let pod = fixture.addPod(PodSpec(containers: [container(wanted)]))
            #expect((fixture.filterCodes(NodePorts(), for: pod) == [.unschedulable]) == conflict)
        case .preFilterSkip(let existing, let initContainers):
            if let existing { fixture.addPod(PodSpec(containers: [container(existing)]), on: node) }
            let pod = fixture.addPod(PodSpec(containers: [], initContainers: initContainers.map(container)))
            #expect(NodePorts().preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isSkip)
        }
    }

    @Test("TestNodePorts", arguments: nodePortsCases)
    func nodePorts(_ testCase: PortsCase) { run(testCase) }

    @Test("TestFits", arguments: fitsCases)
    func fits(_ testCase: PortsCase) { run(testCase) }
}
