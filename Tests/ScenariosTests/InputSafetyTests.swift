import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// Hostile input: every value that once trapped, was taken in silence or echoed a whole file now
/// gives one positioned error that names the limit (issue 10's list, case by case).
@Suite("Input safety")
struct InputSafetyTests {
    static let web = ManifestText.deployment("web", replicas: 1, cpu: "100m")

    /// A scenario of one pool (its capacity and reserved as given) running `web.yaml`, plus `extra`.
    static func scenario(capacity: String = "{cpu: \"4\", memory: 16Gi}", reserved: String? = nil, extra: String = "") -> String {
        ScenarioDecodingTests.scenario(
            """
            duration: 10m
            cluster:
              nodePools:
              - {name: general, count: 2, capacity: \(capacity)\(reserved.map { ", reserved: \($0)" } ?? "")}
            workloads:
            - manifests: web.yaml
            \(extra)
            """)
    }

    /// The error loading `scenario` with `files` beside it, as `file:LINE:COL: message`.
    static func error(_ scenario: String, files: [String: String] = [:], standardInput: [UInt8] = []) -> String {
        ScenarioTest.failure(withFile: true) {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            try folder.write("web.yaml", web)
            for (name, contents) in files { try folder.write(name, contents) }
            _ = try ScenarioLoader.load(try folder.write("scenario.yaml", scenario), standardInput: { standardInput })
        }
    }

    static let rateTrace = "traffic:\n- target: Deployment/default/web\n  rate: {shape: trace, file: t.csv}"
    static let requestTrace = "traffic:\n- target: Deployment/default/web\n  rate: {shape: trace, file: t.csv, format: requests}"

    @Test(
        "rate-trace times are plain decimals from 0 to 9e9 seconds; rates are numbers up to 1e12",
        arguments: [
            ("0,1\n1e16,2\n", "t.csv:2:1: the time \"1e16\" is past what kubesim takes (9e9 seconds, about 285 years)"),
            ("0,1\nnan,2\n", "t.csv:2:1: expected a time in seconds, found \"nan\""),
            ("0,1\ninf,2\n", "t.csv:2:1: expected a time in seconds, found \"inf\""),
            ("0,1\n0x10,2\n", "t.csv:2:1: expected a time in seconds, found \"0x10\""),
            ("0,1\n-5,2\n", "t.csv:2:1: the time \"-5\" is negative; times are seconds from the start"),
            ("0,1\n60,7\u{0}\n", "t.csv:2:5: a NUL character in the trace"),
            ("0,1\n60,1e13\n", "t.csv:2:4: the rate \"1e13\" is more than kubesim takes (1e12 requests per second)"),
            ("0,1\n60,0x10\n", "t.csv:2:4: expected a rate (requests per second, not negative) after the time"),
        ])
    func rateTraceValues(rows: String, expected: String) {
        #expect(Self.error(Self.scenario(extra: Self.rateTrace), files: ["t.csv": rows]) == expected)
    }

    @Test(
        "request-log timestamps are seconds within 9e9 or real dates of the years 1 to 9999",
        arguments: [
            ("1e16", "the time \"1e16\" is past what kubesim takes (9e9 seconds, about 285 years)"),
            ("-1e16", "the time \"-1e16\" is negative; times are seconds from the start"),
            ("1e306", "the time \"1e306\" is past what kubesim takes (9e9 seconds, about 285 years)"),
            ("2023-01-01 00:00:1e300", "expected a timestamp, found \"2023-01-01 00:00:1e300\""),
            ("99999999999999999-01-01 00:00:00", "expected a timestamp, found \"99999999999999999-01-01 00:00:00\""),
            ("2023-01-01 99999999999999999:00:00", "expected a timestamp, found \"2023-01-01 99999999999999999:00:00\""),
            ("2023-13-45 25:61:61", "\"2023-13-45 25:61:61\" is not a real date and time"),
            ("2023-02-29 00:00:00", "\"2023-02-29 00:00:00\" is not a real date and time"),
            ("0000-01-01 00:00:00", "\"0000-01-01 00:00:00\" is not a real date and time"),
        ])
    func requestTimestamps(timestamp: String, expected: String) {
        #expect(Self.error(Self.scenario(extra: Self.requestTrace), files: ["t.csv": "TIMESTAMP\n5\n\(timestamp)\n"]) == "t.csv:3:1: " + expected)
    }

    @Test("a request log spanning 9e9 seconds is refused by its bucket count, not by an overflow")
    func requestSpan() {
        // (9e9 s − 0 s) / 60 s + 1 = 150,000,001 buckets, over the 1,000,000 kubesim reads.
        #expect(
            Self.error(Self.scenario(extra: Self.requestTrace), files: ["t.csv": "0\n9000000000\n"])
                == "t.csv:1:1: the trace spans 150000001 buckets; kubesim reads at most 1000000")
        // 2024 is a leap year: 29 February is a real date.
        #expect(Self.error(Self.scenario(extra: Self.requestTrace), files: ["t.csv": "2024-02-29 23:59:59.5\n"]) == "no error")
    }

    @Test(
        "resource amounts stop at a million cores, a million pods and 1Pi, where node arithmetic stays exact",
        arguments: [
            (
                "{cpu: \"1e14\", memory: 16Gi}",
                "scenario.yaml:9:49: \"capacity.cpu\" is 1e14; kubesim takes at most 1000000 cores of cpu in one place"
            ),
            ("{cpu: \"4\", memory: 100Pi}", "scenario.yaml:9:62: \"capacity.memory\" is 100Pi; kubesim takes at most 1Pi of memory in one place"),
            ("{cpu: \"9e15\", memory: 9Ei}", "scenario.yaml:9:49: \"capacity.cpu\" is 9e15; kubesim takes at most 1000000 cores of cpu in one place"),
            (
                "{cpu: \"4\", memory: 16Gi, pods: 2000000}",
                "scenario.yaml:9:74: \"capacity.pods\" is 2000000; kubesim takes at most 1000000 of pods in one place"
            ),
        ])
    func capacities(capacity: String, expected: String) {
        #expect(Self.error(Self.scenario(capacity: capacity)) == expected)
    }

    @Test("a container's request past the limit is refused where it is written, whatever its resource")
    func requests() throws {
        let twoContainers = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec: {containers: [{name: c, image: i, resources: {requests: {cpu: "1e18"}}}]}
            """
        #expect(
            Self.error(Self.scenario(extra: "- manifests: p.yaml"), files: ["p.yaml": twoContainers])
                == "p.yaml:4:69: \"requests.cpu\" is 1e18; kubesim takes at most 1000000 cores of cpu in one place")
        let gpu = twoContainers.replacingOccurrences(of: "requests: {cpu: \"1e18\"}", with: "limits: {nvidia.com/gpu: \"1e19\"}")
        #expect(
            Self.error(Self.scenario(extra: "- manifests: p.yaml"), files: ["p.yaml": gpu])
                == "p.yaml:4:78: \"limits.nvidia.com/gpu\" is 1e19; kubesim takes at most 1125899906842624 (2^50) of nvidia.com/gpu in one place")
    }

    @Test("seconds that become milliseconds on the clock stop at 9e9, so adding them to a time cannot overflow")
    func secondsFields() {
        let grace =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {terminationGracePeriodSeconds: 9223372036854775807, containers: [{name: c, image: i}]}\n"
        #expect(
            Self.error(Self.scenario(extra: "- manifests: p.yaml"), files: ["p.yaml": grace])
                == "p.yaml:4:39: \"terminationGracePeriodSeconds\" is 9223372036854775807; kubesim takes at most 9e9 seconds, about 285 years")
        let toleration = grace.replacingOccurrences(
            of: "terminationGracePeriodSeconds: 9223372036854775807",
            with: "tolerations: [{operator: Exists, tolerationSeconds: -9223372036854775807}]")
        #expect(
            Self.error(Self.scenario(extra: "- manifests: p.yaml"), files: ["p.yaml": toleration])
                == "p.yaml:4:60: \"tolerationSeconds\" is -9223372036854775807; kubesim takes at most 9e9 seconds, about 285 years")
    }

    @Test("reserved may not exceed capacity, nor a Node's allocatable its capacity")
    func negativeAllocatable() {
        #expect(
            Self.error(Self.scenario(reserved: "{cpu: \"5\"}"))
                == "scenario.yaml:9:79: node pool \"general\" reserves more cpu than its capacity; allocatable would be negative")
        let node = "apiVersion: v1\nkind: Node\nmetadata: {name: big}\nstatus: {capacity: {cpu: \"4\", memory: 1Gi}, allocatable: {cpu: \"8\"}}\n"
        #expect(
            Self.error(Self.scenario(extra: "- manifests: n.yaml"), files: ["n.yaml": node])
                == "n.yaml:4:58: Node big has more allocatable cpu than capacity")
    }

    @Test("a rate that would overflow to infinity is refused at the value, or at the scale that makes it so")
    func rates() {
        let sum = "traffic:\n- target: Deployment/default/web\n  rate: {shape: sum, of: [{shape: constant, value: 1e308}]}"
        #expect(
            Self.error(Self.scenario(extra: sum))
                == "scenario.yaml:14:54: \"value\" is 1e+308 requests per second; kubesim takes at most 1e12")
        let scaled = "traffic:\n- target: Deployment/default/web\n  rate: {shape: trace, file: t.csv, scale: 1e300}"
        #expect(
            Self.error(Self.scenario(extra: scaled), files: ["t.csv": "0,10\n"])
                == "scenario.yaml:14:46: the trace peaks at 1e+301 requests per second after scaling; kubesim takes at most 1e12")
    }

    @Test("a file that is not UTF-8 is reported at the line and column of its first bad byte")
    func notUTF8() {
        let bytes: [UInt8] = Array("apiVersion: v1\nkind: Pod\nmetadata: {name: p".utf8) + [0xFF] + Array("}\n".utf8)
        let folder = try? TemporaryFolder()
        defer { folder?.remove() }
        let path = (folder?.path ?? "/tmp") + "/bad.yaml"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect(
            ScenarioTest.failure(withFile: true) { _ = try ScenarioLoader.validateManifests(path) }
                == "bad.yaml:3:19: not UTF-8 text: byte 0xFF here starts no UTF-8 character")
    }

    @Test("a missing file, a folder and empty standard input are errors at the place that names them")
    func missingInputs() {
        let missing = Self.error(Self.scenario(extra: Self.rateTrace))
        #expect(missing.hasPrefix("scenario.yaml:14:32: ") && missing.hasSuffix("/t.csv: no such file"), "\(missing)")
        #expect(Self.error(Self.scenario(extra: "- manifests: \"-\"")) == "scenario.yaml:12:16: standard input is empty")
        let fromStandardInput = ScenarioTest.failure(withFile: true) {
            _ = try ScenarioLoader.load("-", standardInput: { Array(Self.scenario(extra: "- manifests: \"-\"").utf8) })
        }
        #expect(fromStandardInput.hasPrefix("<stdin>:11:16: manifests \"web.yaml\" not found"))
        #expect(
            ScenarioTest.failure(withFile: true) { _ = try ScenarioLoader.load("/") } == "/:1:1: / is a directory, not a file")
        // A device would be read for ever: only regular files are read.
        #expect(
            Self.error(Self.scenario(extra: "- manifests: /dev/zero"))
                == "scenario.yaml:12:16: /dev/zero is not a regular file (a device, a pipe or a socket)")
    }

    @Test("an error quotes at most one line of what it found, cut to 60 characters")
    func quotesAreShort() throws {
        let secret = (1...50).map { "line \($0) of a file that is not a manifest" }.joined(separator: "\n")
        let message = Self.error(Self.scenario(extra: "- manifests: secret.txt"), files: ["secret.txt": secret])
        #expect(message.count < 160, "\(message)")
        // A plain scalar folds the file's lines into one: the quote stops within its second.
        #expect(!message.contains("line 3 "))
        #expect(Diagnostic.quote("a\nb") == "\"a…\"")
        #expect(Diagnostic.quote(String(repeating: "x", count: 61)) == "\"" + String(repeating: "x", count: 60) + "…\"")
        #expect(Diagnostic.quote("tab\there \"q\"") == "\"tab\\there \\\"q\\\"\"")
    }

    @Test("names follow the API server's rules, so they fit a CSV cell and a message as they are")
    func names() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: \"Web,1\"}\nspec: {containers: [{name: c, image: i}]}\n"
        #expect(
            Self.error(Self.scenario(extra: "- manifests: p.yaml"), files: ["p.yaml": pod])
                == "p.yaml:3:18: Pod name \"Web,1\" is not a valid Kubernetes name")
        let namespaced = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a.b}\nspec: {containers: [{name: c, image: i}]}\n"
        #expect(
            Self.error(Self.scenario(extra: "- manifests: p.yaml"), files: ["p.yaml": namespaced])
                == "p.yaml:3:32: namespace \"a.b\" is not a valid Kubernetes namespace name")
        #expect(ObjectNames.isSubdomain("web-1.shop") && !ObjectNames.isSubdomain("-web") && !ObjectNames.isSubdomain("a..b"))
        #expect(ObjectNames.isLabel(String(repeating: "a", count: 63)) && !ObjectNames.isLabel(String(repeating: "a", count: 64)))
    }

    @Test("a Node manifest named like a pool's node is refused at the manifest, before anything is built")
    func nodeNameTaken() {
        let node = "apiVersion: v1\nkind: Node\nmetadata: {name: general-1}\nstatus: {capacity: {cpu: \"4\", memory: 16Gi}}\n"
        #expect(
            Self.error(Self.scenario(extra: "- manifests: n.yaml"), files: ["n.yaml": node])
                == "n.yaml:1:1: Node general-1 has the name of node 1 of pool \"general\", so it would be defined twice")
        // general-2 is not taken: the pool has nodes 0 and 1.
        let free = node.replacingOccurrences(of: "general-1", with: "general-2")
        #expect(Self.error(Self.scenario(extra: "- manifests: n.yaml"), files: ["n.yaml": free]) == "no error")
    }
}
