import Testing
@testable import ChildProcess

/// What a child wrote before it exited is read, however little time the stop leaves: on a busy
/// machine the search for its descendants can use up the whole grace, and a predictor's answers
/// left in the pipe would read as no answers at all.
@Suite struct OutputAfterExitTests {
    @Test func outputWrittenJustBeforeExitIsKeptEvenWithNoGrace() throws {
        for _ in 0..<20 {
            let process = ChildProcess(executable: "/bin/sh", arguments: ["-c", "printf 'answer\\n'"], timeout: .seconds(600),
                                       killGrace: .zero)
            let outcome = try process.runOnThisThread()
            #expect(outcome.termination == .exited(0))
            #expect(outcome.stdout == Array("answer\n".utf8))
        }
    }
}
