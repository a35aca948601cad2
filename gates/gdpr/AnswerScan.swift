import Document
import ModelGate
import PersonalData
import Predictors
import Tabular

/// `use_predictor`: sends rows of the first tabular data file to the candidate's predictor and
/// scans what it answers. A model that returns personal data (memorised, or passed through from
/// its inputs) leaks it to whoever calls it.
struct AnswerScan {
    var options: GDPROptions
    var scanner: PersonalDataScanner

    func findings(_ context: GateContext) async throws -> [Finding] {
        guard let written = options.data.first(where: { TableFormat(path: $0) != nil }), let format = TableFormat(path: written) else {
            throw GateFailure("'use_predictor' needs a CSV or JSON Lines file in 'data' to send rows from")
        }
        let predictor = try CandidatePredictor.make(context)
        let session = try await predictor.openSession()
        do {
            let found = try await scan(context.resolve(written), format: format, predictor: predictor, session: session)
            await session.close()
            return found.sorted { $0.key < $1.key }.map { detector, seen in
                GDPRRules.finding(.inAnswers, path: written, row: seen.row, excerpt: seen.excerpt,
                                  message: "the predictor answered \(seen.count) \(detector.rawValue) values for rows of \(written)")
            }
        } catch {
            await session.close()
            throw error
        }
    }

    private func scan(_ path: String, format: TableFormat, predictor: any Predictor,
                      session: any PredictorSession) async throws -> [DetectorID: (count: Int, row: Int, excerpt: String)] {
        var found: [DetectorID: (count: Int, row: Int, excerpt: String)] = [:]
        do {
            let reader = try openTable(path, format: format)
            let fields = try RequestFields(predictor.inputs, in: reader)
            var batch = PredictionRequests()
            var rows: [Int] = []
            var sent = 0
            var matches: [PersonalDataMatch] = []
            func flush() async throws {
                guard !batch.isEmpty else { return }
                let answers = try await session.predict(batch)
                for (index, answer) in answers.enumerated() {
                    guard case .string(let text)? = answer.prediction else { continue }
                    let bytes = Array(text.utf8)
                    matches.removeAll(keepingCapacity: true)
                    bytes.withUnsafeBytes { scanner.scan($0, into: &matches) }
                    for match in matches {
                        let previous = found[match.detector]
                        found[match.detector] = ((previous?.count ?? 0) + 1, previous?.row ?? rows[index],
                                                 previous?.excerpt ?? PersonalDataMask.excerpt(Array(bytes[match.range]), detector: match.detector))
                    }
                }
                batch.removeAll()
                rows.removeAll(keepingCapacity: true)
            }
            while sent < options.predictorRows, let row = try reader.next() {
                batch.append(row, fields)
                rows.append(row.number)
                sent += 1
                if batch.count >= predictor.batchSize { try await flush() }
            }
            try await flush()
        } catch let error as TabularError {
            throw GateFailure(error.description)
        }
        return found
    }
}
