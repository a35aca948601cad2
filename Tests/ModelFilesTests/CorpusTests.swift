import Testing
import ModelFiles

/// Every file of the corpus ends as expected.json says: malicious files fail with the callables
/// and rules named there, benign real models give no finding at all.
@Suite struct CorpusTests {
    @Test(arguments: CorpusEntry.all.filter { $0.container == true })
    func containerScanEndsAsTheCorpusSays(_ entry: CorpusEntry) throws {
        let findings = try ModelFileScanner().scanFile(atPath: entry.path)
        let summary = findings.map { "\($0.rule) \($0.severity) \($0.member ?? "") @\($0.offset) \($0.callable ?? "-"): \($0.message)" }
        #expect(findings.contains { $0.severity >= .high } == entry.fails, "\(entry.file): \(summary)")
        #expect(!findings.isEmpty == entry.flagged, "\(entry.file): \(summary)")
        let callables = Set(findings.compactMap(\.callable))
        for callable in entry.callables {
            #expect(callables.contains(callable), "\(entry.file) should name \(callable): \(summary)")
        }
        let rules = Set(findings.map(\.rule))
        for rule in entry.rules {
            #expect(rules.contains(rule), "\(entry.file) should report \(rule): \(summary)")
        }
    }

    @Test(arguments: CorpusEntry.all.filter { $0.container != true })
    func scanEndsAsTheCorpusSays(_ entry: CorpusEntry) throws {
        let bytes = try entry.bytes()
        let report = bytes.withUnsafeBytes { PickleScanner().scan($0, pickleCount: entry.pickles) }
        let summary = report.findings.map { "\($0.rule.rawValue) \($0.severity) @\($0.offset) \($0.callable ?? "-"): \($0.message)" }
        #expect(report.fails(at: .high) == entry.fails, "\(entry.file): \(summary)")
        #expect(!report.findings.isEmpty == entry.flagged, "\(entry.file): \(summary)")
        let callables = Set(report.findings.compactMap(\.callable))
        for callable in entry.callables {
            #expect(callables.contains(callable), "\(entry.file) should name \(callable): \(summary)")
        }
        let rules = Set(report.findings.map(\.rule.rawValue))
        for rule in entry.rules {
            #expect(rules.contains(rule), "\(entry.file) should report \(rule): \(summary)")
        }
        if entry.malicious || entry.fails {
            #expect(report.findings.allSatisfy { $0.offset >= 0 && $0.offset <= max(bytes.count, 0) })
        }
    }

    @Test func corpusCoversEveryProtocolAndBothKindsOfFile() {
        let files = CorpusEntry.all.map(\.file)
        for version in 0...5 {
            #expect(files.contains("reduce-os-system-p\(version).pkl"))
            #expect(files.contains("benign-sklearn-forest-pipeline-p\(version).pkl"))
        }
        #expect(CorpusEntry.all.filter(\.malicious).count >= 60)
        #expect(CorpusEntry.all.filter { !$0.flagged }.count >= 60)
    }

    @Test func scanningAMappedFileGivesTheSameReportAsScanningItsBytes() throws {
        for entry in CorpusEntry.all.prefix(40) where entry.pickles == nil && entry.container != true {
            let fromFile = try PickleScanner().scanFile(atPath: entry.path)
            let fromBytes = PickleScanner().scan(try entry.bytes())
            #expect(fromFile == fromBytes, "\(entry.file)")
        }
    }
}
