import ModelGate

/// Why a job stops before any gate runs (exit 2).
enum JobError: Error {
    case usage(String)
    case config(ConfigError)
}
