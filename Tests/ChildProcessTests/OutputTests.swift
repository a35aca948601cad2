// Feeding and reading large amounts without deadlock, and keeping output within its limits.
import ChildProcess
import Foundation
import Testing

extension ChildProcessTests {
    @Suite struct Output {
        static let tenMiB = 10 << 20

        @Test func childWritingTenMiBWhileIgnoringTenMiBOfStdinDoesNotDeadlock() async throws {
            let input = [UInt8](repeating: 0x41, count: Self.tenMiB)
            let outcome = try await shell("head -c \(Self.tenMiB) /dev/zero", timeout: .seconds(15)).run(stdin: input)
            // Our stdin writes hit EPIPE once head exits; that must neither kill us nor fail the run.
            #expect(outcome.termination == .exited(0))
            #expect(outcome.stdout.count == Self.tenMiB)
            #expect(!outcome.timedOut)
        }

        @Test func childWritingTenMiBBeforeReadingItsStdinDoesNotDeadlock() async throws {
            let input = [UInt8](repeating: 0x41, count: Self.tenMiB)
            let outcome = try await shell("head -c \(Self.tenMiB) /dev/zero; wc -c", timeout: .seconds(15)).run(stdin: input)
            #expect(outcome.succeeded)
            #expect(outcome.stdout.count > Self.tenMiB)
            let count = String(decoding: outcome.stdout[Self.tenMiB...], as: UTF8.self)
            #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "\(Self.tenMiB)")
        }

        @Test func writingToAChildThatClosedItsStdinDoesNotRaiseSIGPIPE() async throws {
            // With SIGPIPE at its default action, a write to a pipe nobody reads would kill the
            // whole test process. The child stays alive, so our writes really do hit the closed pipe.
            let previous = signal(SIGPIPE, SIG_DFL)
            defer { signal(SIGPIPE, previous) }
            let input = [UInt8](repeating: 0x41, count: 1 << 20)
            let outcome = try await shell("exec 0<&-; sleep 0.3; echo survived").run(stdin: input)
            #expect(outcome.succeeded)
            #expect(outcome.stdoutText == "survived\n")
        }

        @Test func stdoutIsCutToItsLimitButTheChildRunsToTheEnd() async throws {
            let outcome = try await shell("head -c 100000 /dev/zero; echo done >&2", stdoutLimit: 1000).run()
            #expect(outcome.stdout == [UInt8](repeating: 0, count: 1000))
            #expect(outcome.stdoutTruncated)
            #expect(outcome.succeeded)
            #expect(outcome.stderrText == "done\n")
        }

        @Test func stderrKeepsItsFirstAndLastHalvesAndSaysWhatWasLeftOut() async throws {
            let script = "{ printf START; head -c 100000 /dev/zero | tr '\\0' x; printf END; } >&2"
            let outcome = try await shell(script, stderrLimit: 1000).run()
            let text = outcome.stderrText
            #expect(outcome.stderrTruncated)
            #expect(text.hasPrefix("START" + String(repeating: "x", count: 495) + "\n[... "))
            #expect(text.hasSuffix("]\n" + String(repeating: "x", count: 497) + "END"))
            // 100 008 bytes written, 1000 kept.
            #expect(text.contains("[... 99008 bytes omitted ...]"))
        }

        @Test func stderrWithinItsLimitIsKeptWhole() async throws {
            let outcome = try await shell("printf 'line one\\nline two\\n' >&2", stderrLimit: 18).run()
            #expect(outcome.stderrText == "line one\nline two\n")
            #expect(!outcome.stderrTruncated)
        }

        @Test func stdinIsClosedAfterTheDocumentSoTheChildSeesItsEnd() async throws {
            let outcome = try await shell("wc -c").run(stdin: Array(repeating: 1, count: 123_457))
            #expect(outcome.stdoutText.trimmingCharacters(in: .whitespaces) == "123457\n")
        }

        @Test func emptyStdinReadsAsEndOfFile() async throws {
            #expect(try await shell("wc -c").run().stdoutText.trimmingCharacters(in: .whitespaces) == "0\n")
        }
    }
}
