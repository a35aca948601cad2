import HTTP
import ModelGate

/// What the latency gate needs of an `http` predictor to load its endpoint with the load
/// generator: every row's request encoded once, exactly as a session would send it, and a check
/// of each answer that does not allocate per request beyond the protocol's own reading.
extension HTTPPredictor {
    /// Why a 2xx response is not a valid answer.
    public enum AnswerProblem: Sendable, Equatable {
        /// Readable, but more or fewer answers than rows sent.
        case wrongCount
        /// Not an answer the protocol can read (not JSON, no output, NaN...).
        case unreadable
    }

    /// One complete HTTP/1.1 request per single-row batch of `rows`: the protocol's path, body and
    /// headers, the user's headers, keep-alive.
    public func encodedRequests(_ rows: [PredictionRequests]) throws -> [[UInt8]] {
        let headers = Self.requestHeaders(http, adding: serving.protocolHeaders)
        let writer: HTTPRequestWriter
        do {
            writer = try HTTPRequestWriter(method: .post, target: http.url.appending(serving.inferencePath), host: http.url.authority,
                                           contentType: serving.contentType, headers: headers)
        } catch {
            throw GateFailure("the http predictor's request cannot be written: \(error)")
        }
        var encoded: [[UInt8]] = []
        encoded.reserveCapacity(rows.count)
        var body: [UInt8] = []
        for (index, requests) in rows.enumerated() {
            body.removeAll(keepingCapacity: true)
            do throws(ServingFailure) {
                try serving.encode(requests, rows: 0..<requests.count, into: &body)
            } catch {
                throw GateFailure("row \(index + 1) cannot be sent with \(http.serving.rawValue): \(error.message)")
            }
            var request: [UInt8] = []
            writer.write(body: body, into: &request)
            encoded.append(request)
        }
        return encoded
    }

    /// nil when a successful response's body holds exactly `count` readable answers.
    public func answerProblem(_ body: UnsafeRawBufferPointer, count: Int) -> AnswerProblem? {
        do throws(ServingFailure) {
            _ = try serving.decode(Array(body), count: count)
            return nil
        } catch {
            return error.countMismatch ? .wrongCount : .unreadable
        }
    }
}

extension HTTPPredictor {
    /// The same predictor without `start:`: for a caller that started the server once and opens
    /// several sessions against it.
    public func withoutServerStart() throws -> HTTPPredictor {
        var http = self.http
        http.start = nil
        var config = self.config
        config.http = http
        var copy = try HTTPPredictor(config: config, log: log)
        copy.workingDirectory = workingDirectory
        copy.serverLifetime = serverLifetime
        return copy
    }
}

extension HTTPPredictor {
    /// The path inference requests go to, and their content type: what a probe imitates.
    public var inferenceTarget: String { http.url.appending(serving.inferencePath) }
    public var inferenceContentType: String { serving.contentType }

    /// The body the protocol sends for these rows (one request's worth).
    public func body(for requests: PredictionRequests) throws -> [UInt8] {
        var body: [UInt8] = []
        do throws(ServingFailure) {
            try serving.encode(requests, rows: 0..<requests.count, into: &body)
        } catch {
            throw GateFailure("a probe request cannot be written with \(http.serving.rawValue): \(error.message)")
        }
        return body
    }

    /// A transport to the endpoint that sends the protocol's headers and, unless
    /// `withCredentials` is false, the user's (a probe checks what the server does without them).
    public func probeTransport(withCredentials: Bool, timeout: Duration) -> any HTTPTransport {
        var config = http
        config.timeout = timeout
        config.connectTimeout = min(config.connectTimeout, timeout)
        if !withCredentials {
            config.headers.removeAll { HTTPPredictorConfig.credentialHeaders.contains($0.name.lowercased()) }
        }
        return HTTPPredictor.transport(for: config, adding: serving.protocolHeaders)
    }

    /// Whether the user's headers carry a credential.
    public var sendsCredentials: Bool {
        http.headers.contains { HTTPPredictorConfig.credentialHeaders.contains($0.name.lowercased()) }
    }
}
