/// A command line that does not fit its command: reported with the usage and a hint, exit 2.
struct UsageError: Error {
    var message: String
    var command: CommandSpec?
}
