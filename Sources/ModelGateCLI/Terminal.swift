import Foundation
import ModelGate
import Synchronization

/// Where output goes, and whether it may be coloured: only on a TTY, never with NO_COLOR set.
enum Terminal {
    /// The loaded pipeline's secrets: everything printed passes through them, so no message
    /// (`validate`'s gate list, an artifact's path in an error) can show one.
    static let redactor = Mutex(SecretRedactor.none)

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(masked(text).utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(masked(text).utf8))
    }

    private static func masked(_ text: String) -> String {
        redactor.withLock { $0 }.redact(text)
    }

    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    static func colorAllowed(isTTY: Bool, noColorFlag: Bool) -> Bool {
        guard isTTY, !noColorFlag else { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// `error: message` on stderr, the compiler's shape; red on a terminal.
    static func diagnostic(_ message: String) {
        let color = colorAllowed(isTTY: stderrIsTTY, noColorFlag: false)
        if message.contains(": error: ") || message.hasPrefix("error: ") {
            error((color ? message.replacingOccurrences(of: "error:", with: "\u{1B}[1;31merror:\u{1B}[0m") : message) + "\n")
        } else {
            error((color ? "\u{1B}[1;31merror:\u{1B}[0m " : "error: ") + message + "\n")
        }
    }
}
