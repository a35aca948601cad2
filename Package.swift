// swift-tools-version:6.0
// modelgate: a quality-gate runner for machine-learning models.
// No package dependencies, by design: the supply chain of a security gate is part of its security.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "modelgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "modelgate", targets: ["ModelGateCLI"]),
        .library(name: "ModelGate", targets: ["ModelGate"]),
    ],
    targets: [
        // Support libraries, each usable on its own.
        .target(name: "Document", swiftSettings: strict),        // YAML/JSON reader with source locations, JSON writer
        .target(name: "Digest", swiftSettings: strict),          // streaming SHA-256
        .target(name: "ChildProcess", swiftSettings: strict),    // spawn, feed, capture, time out, kill process groups
        .target(name: "Statistics", swiftSettings: strict),      // confidence intervals, Holm adjustment, seeded RNG
        .target(name: "Tabular", swiftSettings: strict),         // streaming CSV and JSON Lines readers

        // The runner: configuration, conditions, gate protocol, runner, reports.
        .target(name: "ModelGate",
                dependencies: ["Document", "Digest", "ChildProcess", "Statistics"],
                swiftSettings: strict),

        // How gates get predictions from the candidate: command today, http and onnx next.
        .target(name: "Predictors", dependencies: ["ModelGate", "ChildProcess", "Document", "Tabular"], swiftSettings: strict),

        // Built-in gates: one folder each under gates/.
        .target(name: "AccuracyGate",
                dependencies: ["ModelGate", "Predictors", "Tabular", "Statistics", "Document"],
                path: "gates/accuracy",
                exclude: ["README.md"],
                swiftSettings: strict),

        // The one list of built-in gates.
        .target(name: "BuiltinGates", dependencies: ["ModelGate", "AccuracyGate"], swiftSettings: strict),

        // The executable: argument parsing and wiring only.
        .executableTarget(name: "ModelGateCLI", dependencies: ["ModelGate", "BuiltinGates"], swiftSettings: strict),

        // What every gate's tests share: a workspace that reads and runs one gate as `modelgate` does,
        // and the runner of a gate's worked examples.
        .target(name: "GateTestSupport", dependencies: ["ModelGate"], path: "Tests/GateTestSupport", swiftSettings: strict),

        .testTarget(name: "DocumentTests", dependencies: ["Document"], exclude: ["Fixtures"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], exclude: ["Fixtures"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular"]),
        .testTarget(name: "ModelGateTests", dependencies: ["ModelGate", "Document"], exclude: ["Golden"]),
        .testTarget(name: "PredictorsTests", dependencies: ["Predictors", "ModelGate", "Tabular", "Document"]),
        .testTarget(name: "AccuracyGateTests", dependencies: ["AccuracyGate", "GateTestSupport", "ModelGate", "Tabular", "Document"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "BuiltinGatesTests", dependencies: ["BuiltinGates", "GateTestSupport", "ModelGate"]),
        .testTarget(name: "CLITests", dependencies: ["ModelGateCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
