import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import SecurityGate

/// Secrets inside zip members (a checkpoint's config, a notebook in a `.keras` or any zip): each
/// member is scanned like a file, stored or deflated, nested or not, and the finding names the
/// archive and the member with a masked excerpt.
@Suite struct MemberSecretTests {
    static let token = SecurityGateRunTests.token
    static let awsSecret = SecurityGateRunTests.awsSecret
    static let config = Array("{\n  \"name\": \"model\",\n  \"hub_token\": \"\(token)\"\n}\n".utf8)

    func run(_ archive: [UInt8], options: String = "paths: [model.pt]") async throws -> GateResult {
        let space = try GateWorkspace(["model.pt": .bytes(archive)], gate: SecurityGate.self)
        return try await space.run(options)
    }

    @Test func aSecretInADeflatedMemberIsFoundAndNamesTheMember() async throws {
        let archive = ZipArchiveBytes.archive([("archive/data.pkl", [0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E], .stored),
                                               ("archive/config.json", Self.config, .deflated)])
        // The token is nowhere in the archive's own bytes: only inflating the member shows it.
        #expect(!archive.contains(Array("ghp_".utf8)))
        let result = try await run(archive)
        let finding = try #require(result.findings.first { $0.rule == "secret.github-token" }, "\(result.findings.map(\.message))")
        // Located at the archive, which a viewer can open; the member and its place are in the message.
        #expect(finding.location == Finding.Location(path: "model.pt"))
        #expect(finding.message.hasPrefix("in member 'archive/config.json', line 3, column 17 (byte 37 of the member): "), "\(finding.message)")
        #expect(finding.excerpt == "ghp_… (40 bytes)")
        #expect(result.status == .fail)
    }

    @Test func aSecretInAStoredMemberIsReportedOnceAsTheMembers() async throws {
        let archive = ZipArchiveBytes.archive([("model/train.py", Array("import torch\n".utf8), .stored),
                                               ("model/config.json", Self.config, .stored)])
        let result = try await run(archive)
        let secrets = result.findings.filter { $0.rule.hasPrefix("secret.") }
        #expect(secrets.map(\.location.path) == ["model.pt"], "\(secrets.map(\.message))")
        #expect(secrets.first?.message.hasPrefix("in member 'model/config.json', line 3,") == true, "\(secrets.map(\.message))")
    }

    @Test func aSecretInANestedArchiveNamesEveryArchiveOnTheWay() async throws {
        let notebook = Array("{\"cells\": [{\"source\": [\"AWS_SECRET_ACCESS_KEY = '\(Self.awsSecret)'\"]}]}".utf8)
        let inner = ZipArchiveBytes.archive([("notebook.ipynb", notebook, .deflated)])
        for method in [ZipArchiveBytes.Method.stored, .deflated] {
            let outer = ZipArchiveBytes.archive([("bundle/inner.zip", inner, method)])
            let result = try await run(outer)
            let secrets = result.findings.filter { $0.rule.hasPrefix("secret.") }
            #expect(secrets.map(\.location.path) == ["model.pt"], "\(method): \(result.findings.map(\.message))")
            #expect(secrets.first?.message.hasPrefix("in member 'bundle/inner.zip!notebook.ipynb', ") == true, "\(method): \(secrets.map(\.message))")
            #expect(secrets.first?.excerpt?.contains(Self.awsSecret) == false)
        }
    }

    @Test func aMemberThatIsWhollyASecretIsFound() async throws {
        for method in [ZipArchiveBytes.Method.stored, .deflated] {
            let archive = ZipArchiveBytes.archive([("token", Array(Self.token.utf8), method)])
            let result = try await run(archive)
            let finding = try #require(result.findings.first { $0.rule == "secret.github-token" }, "\(method)")
            #expect(finding.location.path == "model.pt")
            #expect(finding.message.hasPrefix("in member 'token', line 1, column 1 (byte 0 of the member): "), "\(finding.message)")
        }
    }

    @Test func bytesOutsideEveryMemberAreStillScanned() async throws {
        // Appended after the archive, where no member reaches: a loader ignores it, a leak is still a leak.
        let archive = ZipArchiveBytes.archive([("weights.bin", [1, 2, 3], .stored)]) + Array("\nGH=\(Self.token)\n".utf8)
        let result = try await run(archive)
        let finding = try #require(result.findings.first { $0.rule == "secret.github-token" }, "\(result.findings.map(\.message))")
        #expect(finding.location.path == "model.pt")
        #expect(finding.location.line == nil)
    }

    @Test func noReportFormatShowsAMembersSecret() async throws {
        let archive = ZipArchiveBytes.archive([("archive/config.json", Self.config, .deflated),
                                               ("archive/keys.env", Array("AWS_SECRET_ACCESS_KEY=\(Self.awsSecret)\n".utf8), .stored)])
        let space = try GateWorkspace(["model.pt": .bytes(archive)], gate: SecurityGate.self)
        let report = try await space.report("paths: [model.pt]")
        #expect(report.gates[0].findings.filter { $0.rule.hasPrefix("secret.") }.count == 2, "\(report.gates[0].findings.map(\.message))")
        for format in ReportFormat.allCases {
            let text = format.reporter().render(report)
            #expect(!text.contains(Self.awsSecret) && !text.contains(Self.token), "\(format)")
            #expect(!text.contains(String(Self.token.dropFirst(4).prefix(12))), "\(format)")
            #expect(!text.contains(String(Self.awsSecret.dropFirst(4).prefix(12))), "\(format)")
        }
        // Code scanning maps an alert to a file of the repository: the archive, never "model.pt!member".
        let sarif = ReportFormat.sarif.reporter().render(report)
        #expect(sarif.contains("\"model.pt\""), "\(sarif.prefix(2000))")
        #expect(!sarif.contains("model.pt%21") && !sarif.contains("model.pt!"))
    }

    /// joblib's compressed dumps are zlib streams: what joblib.load would unpickle is scanned for
    /// secrets too (a training config saved with the model, its token in a pickle string).
    @Test func aSecretInsideACompressedJoblibStreamIsFound() async throws {
        let text = Array(Self.token.utf8)
        let pickle: [UInt8] = [0x80, 0x02, 0x58] + (0..<4).map { UInt8(truncatingIfNeeded: text.count >> (8 * $0)) } + text + [0x2E]
        var (a, b) = (1, 0)
        for byte in pickle { a = (a + Int(byte)) % 65_521; b = (b + a) % 65_521 }
        let adler = (b << 16) | a
        let stream = [0x78, 0x9C] + ZipArchiveBytes.deflate(pickle) + (0..<4).reversed().map { UInt8(truncatingIfNeeded: adler >> (8 * $0)) }
        #expect(!stream.contains(Array("ghp_".utf8)), "the token must be hidden by the compression")
        let result = try await run(stream, options: "paths: [model.pt]")
        let finding = try #require(result.findings.first { $0.rule == "secret.github-token" }, "\(result.findings.map(\.message))")
        #expect(finding.location.path == "model.pt")
        #expect(finding.message.hasPrefix("in member '(zlib content)', "), "\(finding.message)")
        #expect(finding.excerpt?.contains(Self.token) == false)
    }

    @Test func secretsOffLeavesMembersUnscannedButStillJudged() async throws {
        let archive = ZipArchiveBytes.archive([("archive/config.json", Self.config, .deflated)])
        let result = try await run(archive, options: "paths: [model.pt]\nsecrets: false")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }
}

/// A file that changes while the gate reads it is an error naming it, never a crash and never a
/// scan of bytes that are not the file's.
@Suite struct ChangingFileTests {
    @Test func aFileLongerThanItsSizeIsAnErrorNamingIt() throws {
        // /proc files say they hold 0 bytes and then give more: a file growing between fstat and read.
        let file = ScanTargets.File(name: "status", path: "/proc/self/status", size: 0)
        do {
            _ = try FileBytes().read(file, maxBytes: 1 << 20)
            Issue.record("a file longer than its size was read as if whole")
        } catch {
            #expect("\(error)".contains("'status' grew"), "\(error)")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/devices/system/cpu/online"), "needs sysfs"))
    func aFileShorterThanItsSizeIsAnErrorNamingIt() throws {
        // sysfs files say they hold 4,096 bytes and give a few: a file truncated between fstat and read.
        let file = ScanTargets.File(name: "online", path: "/sys/devices/system/cpu/online", size: 4096)
        do {
            _ = try FileBytes().read(file, maxBytes: 1 << 20)
            Issue.record("a short read was taken for the whole file")
        } catch {
            #expect("\(error)".contains("'online' shrank while it was read"), "\(error)")
        }
    }

    @Test func theGateStopsWithAnErrorOnAFileThatChangesWhileRead() async throws {
        let space = try GateWorkspace(["a.txt": .text("a")], gate: SecurityGate.self)
        let result = try await space.run("paths: [a.txt, /proc/self/status]")
        #expect(result.status == .error)
        #expect(result.error?.contains("/proc/self/status") == true, "\(result.error ?? "")")
    }

    @Test func aFileLargerThanTheMachinesMemoryIsAnErrorNotAnAllocation() async throws {
        let space = try GateWorkspace(["huge.bin": .text("")], gate: SecurityGate.self)
        // Sparse: it takes no disk, only a size.
        #expect(truncate(space.root + "/huge.bin", off_t(FileBytes.physicalMemory)) == 0)
        let result = try await space.run("paths: [huge.bin]\nmax_file_bytes: \(FileBytes.physicalMemory + 1)")
        #expect(result.status == .error)
        #expect(result.error?.contains("more than this machine's memory") == true, "\(result.error ?? "")")
    }

    @Test func theSameBufferServesFilesOfEverySize() throws {
        let space = try GateWorkspace(["big": .text(String(repeating: "x", count: 3 << 20)), "small": .text("yz")], gate: SecurityGate.self)
        let reader = FileBytes()
        for (name, expected) in [("big", 3 << 20), ("small", 2), ("big", 3 << 20)] {
            let bytes = try reader.read(ScanTargets.File(name: name, path: space.root + "/" + name, size: expected), maxBytes: 4 << 20)
            #expect(bytes.count == expected)
            #expect(bytes.last == (name == "big" ? UInt8(ascii: "x") : UInt8(ascii: "z")))
        }
    }
}
