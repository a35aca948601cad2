import Foundation
import ModelGate
import Predictors
import Tabular
import Testing

/// The `command` predictor through the Predictor layer: requests built from rows go to a real
/// program, and exactly one readable answer per request comes back, or the gate cannot run.
@Suite struct CommandPredictorTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "predictors-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// A predictor running `sh -c script`, with the rows of `csv` (columns a, b) as one batch.
    func predict(_ script: String, csv: String = "a,b\n1,x\n2.5,\n,y\n") async throws -> (answers: [PredictionAnswer], sent: String) {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = PredictorConfig(type: "command", command: ["/bin/sh", "-c", "tee \"$0/sent\" | " + script, folder],
                                     inputs: ["a", "b"], batchSize: 100, options: .init(.null))
        let predictor = CommandPredictor(config: config, workingDirectory: folder, timeout: .seconds(20), log: GateLog())
        let reader = try CSVReader(bytes: Array(csv.utf8))
        let fields = try RequestFields(predictor.inputs, in: reader)
        var requests = PredictionRequests()
        while let row = try reader.next() { requests.append(row, fields) }
        let session = try await predictor.openSession()
        defer { Task { await session.close() } }
        let answers = try await session.predict(requests)
        return (answers, (try? String(contentsOfFile: folder + "/sent", encoding: .utf8)) ?? "")
    }

    @Test func rowsGoOutAsJSONObjectsAndAnswersComeBackInOrder() async throws {
        let (answers, sent) = try await predict("awk '{print NR/10}'")
        #expect(sent == "{\"a\":1.0,\"b\":\"x\"}\n{\"a\":2.5,\"b\":null}\n{\"a\":null,\"b\":\"y\"}\n")
        #expect(answers.map(\.prediction) == [.double(0.1), .double(0.2), .double(0.3)])
    }

    @Test(arguments: [
        ("head -n 2 | sed 's/.*/1/'", "answered 2 lines for 3 rows"),
        ("sed 's/.*/1/'; echo 1", "answered 4 lines for 3 rows"),
        ("cat >/dev/null; exit 3", "the predictor /bin/sh exited with status 3 on a batch of 3 rows"),
        ("cat >/dev/null; kill -9 $$", "was killed by signal 9"),
    ])
    func aPredictorThatDoesNotAnswerEveryRowCannotRunTheGate(script: String, words: String) async {
        do {
            _ = try await predict(script)
            Issue.record("\(script) was accepted")
        } catch let failure as GateFailure {
            #expect(failure.message.contains(words), "\(failure.message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func anUnreadableAnswerNamesItsRequest() async {
        do {
            _ = try await predict("sed '2s/.*/oops/; 1s/.*/1/; 3s/.*/1/'")
            Issue.record("accepted")
        } catch let failure as PredictionFailure {
            #expect(failure.request == 1 && failure.message.contains("not JSON"))
        } catch {
            Issue.record("\(error)")
        }
    }
}
