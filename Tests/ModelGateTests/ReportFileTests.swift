import Foundation
import Testing
@testable import ModelGate

/// Report files given back to modelgate are checked before they are read: a regular file, under a cap.
@Suite struct ReportFileTests {
    func error(_ path: String, maxBytes: Int = 1 << 20) -> String {
        do {
            _ = try ReportFile.read(path, what: "baseline report", maxBytes: maxBytes)
            return "no error"
        } catch {
            #expect(error.path == path)
            return error.message
        }
    }

    @Test func aFileOverTheCapIsRefusedWithoutReadingIt() throws {
        let folder = Workspace()
        defer { folder.remove() }
        // Sparse: stat says 8 GiB, no disk is used, and reading it would take minutes and all memory.
        let huge = folder.write("huge.json", "")
        #expect(truncate(huge, 8 << 30) == 0)
        #expect(error(huge).contains("larger than 1 MiB"))
        let baseline = folder.write("b.json", "")
        #expect(truncate(baseline, off_t(BaselineReport.maxFileSize + 1)) == 0)
        #expect((try? BaselineReport.read(path: baseline)) == nil)
        let atCap = folder.write("cap.json", String(repeating: " ", count: 1024))
        #expect(try ReportFile.read(atCap, what: "report", maxBytes: 1024).count == 1024, "the cap itself is allowed")
        #expect(error(atCap, maxBytes: 1023).contains("larger than"))
    }

    @Test func onlyRegularFilesAreRead() throws {
        let folder = Workspace()
        defer { folder.remove() }
        // A FIFO with no writer would block an open(2) for ever: it must be refused before that.
        let fifo = folder.root + "/fifo.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(error(fifo).contains("not a regular file"))
        #expect(error(folder.root).contains("not a regular file"))
        #expect(error("/dev/zero").contains("not a regular file"))
        #expect(error(folder.root + "/absent.json").contains("cannot be read: No such file"))
        let link = folder.root + "/link.json"
        let target = folder.write("target.json", "{}")
        #expect(symlink(target, link) == 0)
        #expect(try ReportFile.read(link, what: "report", maxBytes: 10) == Array("{}".utf8), "a symlink to a file is that file")
    }
}
