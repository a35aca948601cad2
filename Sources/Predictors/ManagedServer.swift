import ChildProcess
import HTTP
import ModelGate

/// The candidate's model server, when the pipeline says how to start it (`start:` on the `http`
/// predictor): started in its own process group in the pipeline's folder, polled until its
/// readiness GET answers 200, and stopped with everything it started when the gate is done —
/// pass, fail, error, timeout or interruption. A server that exits or never gets ready is the
/// gate's error, with the server's last output.
public final class ManagedServer: Sendable {
    let child: RunningChild
    let log: GateLog

    /// What a server may print that its error shows: the end of its stdout and stderr.
    static let keptOutput = 8 << 10
    static let pollInterval = Duration.milliseconds(100)

    private init(child: RunningChild, log: GateLog) {
        self.child = child
        self.log = log
    }

    /// Starts `http.start` and returns once the server is ready; nil when there is nothing to start.
    public static func startIfConfigured(_ http: HTTPPredictorConfig, inputs: [String], workingDirectory: String,
                                         lifetime: Duration, log: GateLog) async throws -> ManagedServer? {
        guard let command = http.start else { return nil }
        // A `ready:` path is ready on 200; a protocol's own check may also read the body (TF
        // Serving lists an AVAILABLE version only once the model is loaded).
        guard let check = http.ready.map({ ReadinessCheck(path: $0) }) ?? HTTPPredictor.readiness(for: http, inputs: inputs) else {
            throw GateFailure("the server started with 'start' needs a 'ready' path: its protocol has none")
        }
        let process = ChildProcess(executable: command[0], arguments: Array(command.dropFirst()),
                                   workingDirectory: workingDirectory == "." ? nil : workingDirectory,
                                   timeout: lifetime, stdoutLimit: keptOutput, stderrLimit: keptOutput)
        let child: RunningChild
        do {
            child = try process.start(stdout: .captured)
        } catch {
            throw GateFailure("cannot start the model server \(command[0]): \(error)")
        }
        // Nothing is written to a server's stdin: it reads end of file, as with `< /dev/null`.
        child.closeInput()
        let server = ManagedServer(child: child, log: log)
        do {
            try await server.waitUntilReady(http, check: check)
        } catch {
            await server.stop()
            throw error
        }
        return server
    }

    private func waitUntilReady(_ http: HTTPPredictorConfig, check: ReadinessCheck) async throws {
        let deadline = ContinuousClock.now + http.readyTimeout
        let probe = SocketTransport(endpoint: http.url, limits: HTTPClientLimits(connectTimeout: .seconds(1), readTimeout: .seconds(2)))
        do {
            try await poll(probe, http: http, check: check, until: deadline)
            await probe.close()
        } catch {
            await probe.close()
            throw error
        }
    }

    private func poll(_ probe: SocketTransport, http: HTTPPredictorConfig, check: ReadinessCheck,
                      until deadline: ContinuousClock.Instant) async throws {
        var last = "no answer yet"
        while ContinuousClock.now < deadline {
            try Task.checkCancellation()
            guard child.isRunning else {
                // Its ending is final once its output is drained: wait for that, briefly.
                let ending = await child.waitForEnding(until: .now + .seconds(60)).map { "\($0.termination)" } ?? "ended"
                throw GateFailure("the model server \(child.executable) \(ending) before it was ready\(lastOutput())")
            }
            switch await check.probe(probe) {
            case .ready:
                log.write("model server \(child.executable) (pid \(child.pid)) ready at \(http.url)")
                return
            case .notReady(let status):
                last = "GET \(check.path) answered \(status)"
            case .unreachable(let error):
                last = "GET \(check.path): \(error)"
            }
            try await Task.sleep(for: Self.pollInterval)
        }
        throw GateFailure("the model server \(child.executable) was not ready within \(http.readyTimeout) (\(last))\(lastOutput())")
    }

    /// The end of what the server printed, for an error; empty when it printed nothing.
    private func lastOutput() -> String {
        let output = child.recentOutput
        let text = (String(decoding: output.stderr, as: UTF8.self) + String(decoding: output.stdout, as: UTF8.self))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        return "; its last output: " + String(text.suffix(2000))
    }

    /// Stops the server and every process it started; safe to call more than once.
    public func stop() async {
        let ending = await child.stop()
        if !ending.everyProcessStopped { log.write("the model server \(child.executable) left processes that could not be confirmed stopped") }
    }
}

import Foundation
