// swift-tools-version:6.0
import PackageDescription

/// kubesim: a discrete-event simulator of a Kubernetes cluster for capacity planning.
///
/// Dependencies point one way: SimCLI → Scenarios → SimCore. No package dependencies: only the
/// Swift toolchain (standard library, Foundation, Dispatch, Swift Testing).
let package = Package(
    name: "kubesim",
    products: [
        .executable(name: "kubesim", targets: ["SimCLI"]),
        .library(name: "SimCore", targets: ["SimCore"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
    ],
    targets: [
        .target(
            name: "SimCore",
            // Release builds drop the run-time exclusivity checks on class properties (the
            // cluster state, the scheduler's buffers), which cost a fifth of a scheduling
            // cycle; debug builds, which the tests use, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))],
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "Scenarios", dependencies: ["SimCore"]),
        .executableTarget(name: "SimCLI", dependencies: ["SimCore", "Scenarios"]),
        .target(name: "TestSupport", dependencies: ["SimCore"], path: "Tests/TestSupport"),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore", "TestSupport"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "SimCore", "TestSupport"]),
        .testTarget(name: "SimCLITests", dependencies: ["SimCLI", "TestSupport"], exclude: ["Golden", "Regression", "ReportFixtures"]),
        // The fuzzer (docs/fuzzing.md): built plainly, a driver that loads and runs fuzz inputs;
        // built by .ci/fuzz with -sanitize=fuzzer -DFUZZING, a libFuzzer target.
        .target(name: "LibFuzzer", path: "Tests/Fuzz/LibFuzzer"),
        .executableTarget(name: "kubesim-fuzz", dependencies: ["Scenarios", "SimCore", "LibFuzzer"], path: "Tests/Fuzz/Target"),
    ],
    swiftLanguageModes: [.v6]
)
