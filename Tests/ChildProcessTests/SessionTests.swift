// Children run without a controlling terminal, so a plug-in cannot write around the report onto
// the CI log or the user's terminal through /dev/tty (issue 9, item 15).
@testable import ChildProcess
import Foundation
import Testing

extension ChildProcessTests {
    @Suite struct Session {
        @Test func childCannotOpenTheTerminal() async throws {
            let outcome = try await shell("if (: > /dev/tty) 2>/dev/null; then echo reached; else echo refused; fi").run()
            #expect(outcome.stdoutText == "refused\n")
        }

        #if os(Linux)
        /// Holds whether or not the tests themselves have a terminal: the child leads a new session
        /// (its session id is its pid, not ours) and has no controlling terminal (tty_nr is 0).
        @Test func childLeadsASessionOfItsOwnWithNoControllingTerminal() async throws {
            // Fields after "pid (comm)": state ppid pgrp session tty_nr; `cut` on "; true" keeps $$ the shell.
            let outcome = try await shell(#"echo $$; cut -d' ' -f1,5-7 /proc/$$/stat; true"#).run()
            let lines = outcome.stdoutText.split(separator: "\n")
            try #require(lines.count == 2, "\(outcome.stdoutText)")
            let fields = lines[1].split(separator: " ").compactMap { Int32($0) }
            try #require(fields.count == 4)
            let (pid, group, session, terminal) = (fields[0], fields[1], fields[2], fields[3])
            #expect(Int32(lines[0]) == pid)
            #expect(session == pid, "the child leads its own session")
            #expect(group == pid, "and its own process group, for the group kill")
            #expect(session != getsid(0))
            #expect(terminal == 0, "no controlling terminal")
        }
        #endif
    }
}
