// swift-tools-version:6.0
// modelgate: a quality-gate runner for machine-learning models.
// No package dependencies, by design: the supply chain of a security gate is part of its security.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

/// A built-in gate: its target (sources in gates/<folder>, with its README), the support targets
/// it uses besides ModelGate and Document, and its tests (Tests/<target>Tests, which may keep
/// fixtures in a Fixtures folder). Adding a gate is one entry here, one line in BuiltinGates.
struct BuiltinGate {
    var target: String
    var folder: String
    var uses: [Target.Dependency]
    var testFixtures = false
}

let builtinGates = [
    BuiltinGate(target: "AccuracyGate", folder: "accuracy", uses: ["Predictors", "Tabular", "Statistics"], testFixtures: true),
    BuiltinGate(target: "LatencyGate", folder: "latency", uses: ["Predictors", "Tabular", "Statistics", "HTTP"]),
    BuiltinGate(target: "SecurityGate", folder: "security", uses: ["Digest", "ModelFiles", "Predictors", "HTTP"]),
    BuiltinGate(target: "GDPRGate", folder: "gdpr", uses: ["PersonalData", "Predictors", "Tabular"]),
]

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
        .target(name: "Statistics", swiftSettings: strict),      // confidence intervals, Holm's procedure, seeded RNG
        .target(name: "Tabular", swiftSettings: strict),         // streaming CSV and JSON Lines readers
        .target(name: "HTTP", swiftSettings: strict),            // incremental HTTP/1.1 response parser, request writer
        .target(name: "PersonalData", swiftSettings: strict),    // personal-data detectors with validation, scanner, masks
        .target(name: "ModelFiles", swiftSettings: strict),      // model file readers: pickle opcodes, simulation, judgement

        // The runner: configuration, conditions, gate protocol, runner, reports.
        .target(name: "ModelGate",
                dependencies: ["Document", "Digest", "ChildProcess", "Statistics", "HTTP"],
                swiftSettings: strict),

        // How gates get predictions from the candidate: command today, http and onnx next.
        .target(name: "Predictors", dependencies: ["ModelGate", "ChildProcess", "Document", "Tabular", "HTTP"], swiftSettings: strict),

        // The one list of built-in gates.
        .target(name: "BuiltinGates", dependencies: ["ModelGate"] + builtinGates.map { .target(name: $0.target) },
                swiftSettings: strict),

        // The executable: argument parsing and wiring only.
        .executableTarget(name: "ModelGateCLI", dependencies: ["ModelGate", "BuiltinGates"], swiftSettings: strict),

        // What every gate's tests share: a workspace that reads and runs one gate as `modelgate` does,
        // the runner of a gate's worked examples, and a scriptable loopback HTTP server.
        .target(name: "GateTestSupport", dependencies: ["ModelGate"], path: "Tests/GateTestSupport", swiftSettings: strict),

        // The load generator alone, run by Tests/Scripts/bench-latency.sh beside wrk.
        .executableTarget(name: "LoadBench", dependencies: ["HTTP", "GateTestSupport"], path: "Tests/Scripts/LoadBench", swiftSettings: strict),

        .testTarget(name: "DocumentTests", dependencies: ["Document"], exclude: ["Fixtures"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], exclude: ["Fixtures"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "GateTestSupport"]),
        .testTarget(name: "PersonalDataTests", dependencies: ["PersonalData"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelFilesTests", dependencies: ["ModelFiles"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelGateTests", dependencies: ["ModelGate", "Document"], exclude: ["Golden"]),
        .testTarget(name: "PredictorsTests", dependencies: ["Predictors", "ModelGate", "Tabular", "Document", "HTTP"]),
        .testTarget(name: "BuiltinGatesTests", dependencies: ["BuiltinGates", "GateTestSupport", "ModelGate", "Predictors", "Tabular", "ChildProcess"]),
        .testTarget(name: "CLITests", dependencies: ["ModelGateCLI"]),
    ]
    // Built-in gates: one folder each under gates/, each with its test target.
    + builtinGates.flatMap { gate -> [Target] in [
        .target(name: gate.target, dependencies: ["ModelGate", "Document"] + gate.uses, path: "gates/\(gate.folder)",
                exclude: ["README.md"], swiftSettings: strict),
        .testTarget(name: "\(gate.target)Tests", dependencies: [.target(name: gate.target), "GateTestSupport", "ModelGate", "Document"] + gate.uses,
                    exclude: gate.testFixtures ? ["Fixtures"] : []),
    ] },
    swiftLanguageModes: [.v6]
)
