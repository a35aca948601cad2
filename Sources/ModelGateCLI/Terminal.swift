import Foundation
import ModelGate
import Synchronization

/// Where output goes, and whether it may be coloured: only on a TTY, never with NO_COLOR set.
/// Writes never crash: a closed or broken stream makes `write` return false, nothing more.
enum Terminal {
    /// The loaded pipeline's secrets: everything printed passes through them, so no message
    /// (`validate`'s gate list, an artifact's path in an error) can show one.
    static let redactor = Mutex(SecretRedactor.none)

    /// The text on stdout; false when stdout is closed or its reader has gone.
    @discardableResult
    static func write(_ text: String) -> Bool {
        StandardStreams.write(masked(text).utf8, to: STDOUT_FILENO) == nil
    }

    static func error(_ text: String) {
        // Nowhere is left to say that stderr failed.
        _ = StandardStreams.write(masked(text).utf8, to: STDERR_FILENO)
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
