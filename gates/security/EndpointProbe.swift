import Document
import Foundation
import HTTP
import ModelGate
import Predictors

/// `endpoint: true`: probes the candidate's served model (its `http` predictor, started by the
/// gate when the predictor says `start:`) the way an attacker or a careless client would, and
/// reports what a serving endpoint must not do. Probes go to loopback only, a bounded handful.
struct EndpointProbe {
    var predictor: HTTPPredictor
    var inputs: [String]
    var timeout: Duration

    /// A body larger than any model input: the server must refuse it (413 or another 4xx), not
    /// run out of memory or time.
    static let oversizedBytes = 8 << 20
    /// A number no protocol writes on its own, replaced in hostile bodies.
    static let marker = 424_242_424

    func findings(log: GateLog) async throws -> [Finding] {
        let url = predictor.http.url
        let place = url.description
        var findings: [Finding] = []
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(url.host) || url.host.hasPrefix("127.")
        guard loopback else {
            if url.scheme == .http {
                findings.append(EndpointRules.finding(.noTLS, url: place, message: "\(place) is served without TLS to a host that is not loopback"))
            }
            log.write("endpoint probes go only to loopback; \(place) was not probed")
            return findings
        }
        let withCredentials = predictor.probeTransport(withCredentials: true, timeout: timeout)
        let withoutCredentials = predictor.probeTransport(withCredentials: false, timeout: timeout)
        do {
            findings += try await probe(place, withCredentials: withCredentials, withoutCredentials: withoutCredentials)
            await withCredentials.close()
            await withoutCredentials.close()
        } catch {
            await withCredentials.close()
            await withoutCredentials.close()
            throw error
        }
        return findings
    }

    /// The probes themselves, over the two transports.
    private func probe(_ place: String, withCredentials: any HTTPTransport, withoutCredentials: any HTTPTransport) async throws -> [Finding] {
        var findings: [Finding] = []
        let valid = try predictor.body(for: Self.requests(inputs, value: Node(.int(1))))
        // Hostile bodies are the protocol's own with one number swapped for a string or NaN, so they
        // are well-formed requests in every other way, whatever the protocol encodes.
        let marked = String(decoding: try predictor.body(for: Self.requests(inputs, value: Node(.int(Self.marker)))), as: UTF8.self)
        let wrongTypes = Array(marked.replacingOccurrences(of: String(Self.marker), with: "\"not-a-number\"").utf8)
        let nan = Array(marked.replacingOccurrences(of: String(Self.marker), with: "NaN").utf8)
        // A baseline: the endpoint must answer a well-formed request at all, or the probes mean nothing.
        let baseline = await send(withCredentials, body: valid)
        guard case .answered(let ok) = baseline, (200..<300).contains(ok.status) else {
            throw GateFailure("the endpoint \(place) did not answer a well-formed request (\(baseline)); nothing was probed")
        }
        findings += leaks(ok, probe: "a well-formed request", url: place)

        let anonymous = await send(withoutCredentials, body: valid)
        if case .answered(let response) = anonymous, (200..<300).contains(response.status) {
            let how = predictor.sendsCredentials ? "without the credentials the pipeline sends" : "from anyone: the pipeline sends no credentials"
            findings.append(EndpointRules.finding(.unauthenticated, url: place, message: "\(place) answered a prediction \(how) (HTTP \(response.status)); it must refuse with 401 or 403"))
        }
        let hostile: [(name: String, body: [UInt8])] = [
            ("malformed JSON", Array(#"{"inputs": [ {"#.utf8)),
            ("values of the wrong type", wrongTypes),
            ("a NaN literal", nan),
            ("an oversized body (\(Self.oversizedBytes >> 20) MiB)", Array(repeating: UInt8(ascii: " "), count: Self.oversizedBytes)),
        ]
        for (name, body) in hostile {
            let outcome = await send(withCredentials, body: body)
            switch outcome {
            case .answered(let response):
                if response.status >= 500 {
                    findings.append(EndpointRules.finding(.serverErrorOnBadInput, url: place,
                                                          message: "\(place) answered \(name) with HTTP \(response.status); bad input must get a 4xx"))
                } else if (200..<300).contains(response.status) {
                    findings.append(EndpointRules.finding(.acceptsBadInput, url: place,
                                                          message: "\(place) accepted \(name) with HTTP \(response.status); it must refuse it with a 4xx"))
                }
                findings += leaks(response, probe: name, url: place)
            case .failed(let error):
                findings.append(EndpointRules.finding(.brokeOnBadInput, url: place, message: "\(place) did not answer \(name): \(error)"))
            }
        }
        // Still standing after all that?
        let after = await send(withCredentials, body: valid)
        if case .answered(let response) = after, (200..<300).contains(response.status) {} else {
            findings.append(EndpointRules.finding(.crashed, url: place, message: "\(place) no longer answers a well-formed request after the probes (\(after))"))
        }
        return findings
    }

    enum Outcome: CustomStringConvertible {
        case answered(HTTPResponse)
        case failed(HTTPClientError)

        var description: String {
            switch self {
            case .answered(let response): return "HTTP \(response.status)"
            case .failed(let error): return "\(error)"
            }
        }
    }

    private func send(_ transport: any HTTPTransport, body: [UInt8]) async -> Outcome {
        do throws(HTTPClientError) {
            return .answered(try await transport.send(HTTPRequest(method: .post, target: predictor.inferenceTarget,
                                                                  contentType: predictor.inferenceContentType, body: body, mayResend: false)))
        } catch {
            return .failed(error)
        }
    }

    static func requests(_ inputs: [String], value: Node) -> PredictionRequests {
        var requests = PredictionRequests()
        requests.append(object: Node(.object(inputs.map { Node.Member(key: $0, value: value) })), inputs: inputs)
        return requests
    }

    /// Stack traces and framework or version text in a response: what tells an attacker which
    /// exploits to try.
    func leaks(_ response: HTTPResponse, probe: String, url: String) -> [Finding] {
        var found: [String] = []
        for field in response.fields where ["server", "x-powered-by", "x-aspnet-version", "x-runtime"].contains(field.name.lowercased()) {
            if field.value.contains(where: \.isNumber) || field.name.lowercased() == "x-powered-by" {
                found.append("header \(field.name): \(field.value.prefix(60))")
            }
        }
        let body = String(decoding: response.body.prefix(64 << 10), as: UTF8.self)
        for marker in EndpointRules.traceMarkers where body.contains(marker) {
            found.append("a body holding \"\(marker)\"")
        }
        guard !found.isEmpty else { return [] }
        return [EndpointRules.finding(.informationLeak, url: url, message: "\(url) answered \(probe) with \(found.joined(separator: "; "))")]
    }
}
