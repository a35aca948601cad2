import Foundation
import HTTP
import ModelGate
import Synchronization

/// Requests to one served model over one transport, for the length of a gate.
final class HTTPPredictorSession: PredictorSession {
    let predictor: HTTPPredictor
    let transport: any HTTPTransport
    private let sent = Atomic<Int>(0)
    /// Header values and their longer words (the token after "Bearer "), masked in any text of
    /// the server's that an error quotes: a server may echo the request's headers.
    private let masked: [String]

    /// The server this session started (`start:`), stopped when it closes.
    let server: ManagedServer?

    init(predictor: HTTPPredictor, transport: any HTTPTransport, server: ManagedServer? = nil) {
        self.predictor = predictor
        self.transport = transport
        self.server = server
        var masked = Set<String>()
        for header in predictor.http.headers {
            masked.insert(header.value)
            for word in header.value.split(separator: " ") where word.utf8.count >= 6 { masked.insert(String(word)) }
        }
        self.masked = masked.filter { $0.utf8.count >= 4 }.sorted { $0.utf8.count > $1.utf8.count }
    }

    private var serving: any ServingProtocol { predictor.serving }
    private var target: String { predictor.http.url.appending(serving.inferencePath) }

    func predict(_ requests: PredictionRequests) async throws -> [PredictionAnswer] {
        guard !requests.isEmpty else { return [] }
        if !serving.oneRowPerRequest {
            return try await exchange(requests, rows: 0..<requests.count)
        }
        var answers: [PredictionAnswer] = []
        answers.reserveCapacity(requests.count)
        for row in 0..<requests.count {
            try Task.checkCancellation()
            answers.append(contentsOf: try await exchange(requests, rows: row..<(row + 1)))
        }
        return answers
    }

    /// One request for `rows`, its answers checked; failures name the row (as an index into the
    /// batch) when they concern one.
    private func exchange(_ requests: PredictionRequests, rows: Range<Int>) async throws -> [PredictionAnswer] {
        var body: [UInt8] = []
        do throws(ServingFailure) {
            try serving.encode(requests, rows: rows, into: &body)
        } catch {
            throw located(error, rows: rows)
        }
        let request = HTTPRequest(method: .post, target: target, contentType: serving.contentType, body: body,
                                  // A prediction changes nothing on the server: resending one that was never answered is safe.
                                  mayResend: true)
        let response: HTTPResponse
        do throws(HTTPClientError) {
            response = try await transport.send(request)
        } catch {
            throw GateFailure("the http predictor \(predictor.name) (\(transport.clientName) client): \(error) \(during(rows))")
        }
        sent.add(1, ordering: .relaxed)
        guard (200...299).contains(response.status) else {
            throw GateFailure("the http predictor \(predictor.name) answered HTTP \(response.status) \(during(rows))\(mask(Self.errorText(response)))")
        }
        do throws(ServingFailure) {
            return try serving.decode(response.body, count: rows.count)
        } catch {
            throw located(error, rows: rows)
        }
    }

    private func during(_ rows: Range<Int>) -> String {
        rows.count == 1 ? "on its request for one row" : "on a request of \(rows.count) rows"
    }

    /// A failure about one row becomes a `PredictionFailure` (the gate names the data row);
    /// one about the whole request a `GateFailure`.
    private func located(_ failure: ServingFailure, rows: Range<Int>) -> any Error {
        let message = mask(failure.message)
        if let row = failure.row { return PredictionFailure(request: rows.lowerBound + row, message: message) }
        return GateFailure(rows.count == 1 ? message : "\(message) (request of \(rows.count) rows)")
    }

    private func mask(_ text: String) -> String {
        var text = text
        for value in masked { text = text.replacingOccurrences(of: value, with: SecretRedactor.mask) }
        return text
    }

    /// ": <the server's error message>" from a JSON error body, else a cut of the body.
    private static func errorText(_ response: HTTPResponse) -> String {
        guard !response.body.isEmpty else { return "" }
        if let root = try? ResponseJSON.read(response.body), let message = ServingAnswers.serverError(root) { return ": \(message)" }
        return ": \(ServingAnswers.excerpt(response.body))"
    }

    func close() async {
        await transport.close()
        await server?.stop()
        let count = sent.load(ordering: .relaxed)
        var line = "http predictor: \(count) requests to \(predictor.name) (\(predictor.http.serving.rawValue)) through the \(transport.clientName) client"
        if transport.resentRequests > 0 {
            line += "; \(transport.resentRequests) resent on a new connection after the server closed an idle one before answering"
        }
        predictor.log.write(line)
    }
}
