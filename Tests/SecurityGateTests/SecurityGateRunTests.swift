import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import SecurityGate

/// The gate end to end on real files: findings located and masked, files it must not read turned
/// into findings, pins and manifests held against the bytes, and no secret in any report format.
@Suite struct SecurityGateRunTests {
    static let token = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    static let awsSecret = "Ab3dEf7hIj1lMn0pQr5tUv9xYz2bCd4fGh6jKl8n"

    func workspace(_ files: [String: ExampleFile]) throws -> GateWorkspace {
        try GateWorkspace(files, gate: SecurityGate.self)
    }

    @Test func aSecretIsLocatedByLineColumnAndOffsetAndShownMasked() async throws {
        let space = try workspace(["repo/train.py": .text("import os\n\nTOKEN = \"\(Self.token)\"\n")])
        let result = try await space.run("paths: [repo/]")
        #expect(result.status == .fail)
        let finding = try #require(result.findings.first)
        #expect(finding.rule == "secret.github-token")
        #expect(finding.location.path == "repo/train.py")
        #expect(finding.location.line == 3)
        #expect(finding.location.column == 10)
        #expect(finding.location.offset == 20)
        #expect(finding.excerpt == "ghp_… (40 bytes)")
    }

    @Test func noReportFormatShowsTheSecret() async throws {
        let space = try workspace(["cfg.env": .text("AWS_SECRET_ACCESS_KEY=\(Self.awsSecret)\nGH=\(Self.token)\n")])
        let report = try await space.report("paths: [cfg.env]")
        #expect(report.gates[0].findings.count == 2)
        for format in ReportFormat.allCases {
            let text = format.reporter().render(report)
            #expect(!text.contains(Self.awsSecret) && !text.contains(Self.token), "\(format)")
            #expect(!text.contains(String(Self.token.dropFirst(4).prefix(12))), "\(format)")
        }
        let log = report.gates[0].log ?? ""
        #expect(!log.contains(Self.token))
    }

    @Test func linksFIFOsAndDevicesAreFindingsAndNeverRead() async throws {
        let space = try workspace(["model/weights.bin": .text("w")])
        #expect(symlink("/etc/passwd", space.root + "/model/link") == 0)
        #expect(mkfifo(space.root + "/model/pipe", 0o600) == 0)
        // Reading /dev/zero or the FIFO would never end: the gate's own limit is far beyond the test's patience.
        let result = try await space.run("paths: [model/, /dev/zero]\ntimeout: 2h")
        let rules = Set(result.findings.map(\.rule))
        #expect(rules == ["file.symlink", "file.special"])
        #expect(result.findings.filter { $0.rule == "file.special" }.count == 2)
        #expect(result.status == .fail)
        #expect(result.evidence["files_scanned"] == 1)
    }

    @Test func boundsAreFindingsNotSilentPasses() async throws {
        let space = try workspace(["m/a.txt": .text("a"), "m/b.txt": .text("b"), "m/c.txt": .text(String(repeating: "c", count: 100))])
        let tooMany = try await space.run("paths: [m/]\nmax_files: 2")
        #expect(tooMany.findings.map(\.rule) == ["scan.limit-exceeded"])
        #expect(tooMany.status == .fail)
        let tooBig = try await space.run("paths: [m/]\nmax_file_bytes: 10")
        #expect(tooBig.findings.map(\.rule) == ["scan.limit-exceeded"])
        #expect(tooBig.findings.first?.location.path == "m/c.txt")
    }

    @Test func aManifestThatLiesOrLeavesItsFolderIsFoundOut() async throws {
        let weights = "cf945b5236e101dbe0471d5200f28b1ae64f21c1f35bf55fcf40cd0fe42cd8e7"
        let space = try workspace([
            "model/SHA256SUMS": .text("""
                \(weights)  weights.txt
                \(String(repeating: "0", count: 64)) *card.md
                \(weights)  ../outside.txt
                not a line
                \(weights)  gone.bin

                """),
            "model/SHA256SUMS.asc": .text("signature"),
            "model/weights.txt": .text("w\n"),
            "model/card.md": .text("# card\n"),
        ])
        let result = try await space.run("manifest: model/SHA256SUMS")
        let byRule = Dictionary(grouping: result.findings, by: \.rule)
        #expect(byRule["integrity.sha256-mismatch"]?.count == 2)
        #expect(byRule["integrity.manifest-malformed"]?.count == 2)
        #expect(byRule["integrity.unlisted-file"] == nil)
        #expect(result.findings.contains { $0.message.contains("card.md") && $0.rule == "integrity.sha256-mismatch" })
        #expect(result.findings.contains { $0.message.contains("gone.bin") })
    }

    @Test func aPinnedFileThatIsMissingIsCritical() async throws {
        let space = try workspace(["a.txt": .text("a")])
        let result = try await space.run("paths: [a.txt]\nsha256: {gone.bin: \"\(String(repeating: "ab", count: 32))\"}")
        #expect(result.findings.contains { $0.rule == "file.unreadable" && $0.location.path == "gone.bin" })
        #expect(result.findings.contains { $0.rule == "integrity.sha256-mismatch" && $0.severity == .critical })
        #expect(result.status == .fail)
    }

    @Test func findingsBelowFailOnAreReportedButPass() async throws {
        let space = try workspace(["cfg.yaml": .text("password: Xk9#mP2$vL7qR4w!\n")])
        let result = try await space.run("paths: [cfg.yaml]")
        #expect(result.findings.map(\.rule) == ["secret.assigned-high-entropy"])
        #expect(result.status == .pass)
        let strict = try await space.run("paths: [cfg.yaml]\nfail_on: medium")
        #expect(strict.status == .fail)
    }

    @Test func theCandidatesArtifactsAreScannedByDefault() async throws {
        let space = try workspace(["model.bin": .text("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n")])
        space.candidate = "{name: m, version: '1', artifacts: [model.bin]}"
        let result = try await space.run("sha256: {}")
        #expect(result.findings.first?.rule == "secret.private-key")
        #expect(result.findings.first?.excerpt == "-----BEGIN EC PRIVATE KEY-----")
    }

    /// The report names the digests the runner took before the gates ran; if an artifact's bytes
    /// change before this gate reads them, the verdict would be about another file than the report.
    @Test func anArtifactThatChangedSinceTheRunBeganIsAFinding() async throws {
        let space = try workspace(["model.bin": .text("weights v1\n")])
        space.candidate = "{name: m, version: '1', artifacts: [model.bin]}"
        let pipeline = try space.read("sha256: {}")
        let hashed = try ArtifactHasher.hash(pipeline.config.candidate, baseDirectory: pipeline.config.baseDirectory, configPath: pipeline.config.path)
        let unchanged = try await space.run("sha256: {}", artifacts: hashed)
        #expect(unchanged.findings.isEmpty, "\(unchanged.findings.map(\.message))")
        #expect(unchanged.status == .pass)

        try space.write("model.bin", "weights v2, swapped in after hashing\n")
        let changed = try await space.run("sha256: {}", artifacts: hashed)
        #expect(changed.findings.map(\.rule) == ["integrity.artifact-changed"])
        #expect(changed.findings.first?.message.contains(hashed[0].sha256) == true)
        #expect(changed.status == .fail)
    }
}

/// A file reached through two given paths (a folder and its manifest's folder) is read once.
@Suite struct ScanTargetSpellingTests {
    @Test func aFolderGivenTwiceIsReadOnce() async throws {
        let space = try GateWorkspace(["m/a.txt": .text("a\n"), "m/SHA256SUMS": .text("87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a.txt\n")],
                                      gate: SecurityGate.self)
        let result = try await space.run("paths: [m/, m, ./m]\nmanifest: m/SHA256SUMS")
        #expect(result.evidence["files_scanned"] == 2, "\(result.findings.map(\.message))")
        #expect(result.status == .pass, "\(result.findings.map(\.message))")
    }
}

extension ScanTargetSpellingTests {
    @Test func anUnlistedFileIsFoundWhateverSpellingReachedIt() async throws {
        let space = try GateWorkspace(["m/a.txt": .text("a\n"), "m/extra.py": .text("import os\n"),
                                       "m/SHA256SUMS": .text("87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a.txt\n")],
                                      gate: SecurityGate.self)
        let result = try await space.run("paths: [./m/]\nmanifest: m/SHA256SUMS")
        #expect(result.findings.map(\.rule) == ["integrity.unlisted-file"], "\(result.findings.map(\.message))")
    }
}
