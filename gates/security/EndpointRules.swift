import ModelGate

/// What the endpoint probes report.
enum EndpointRules {
    enum Kind: String, CaseIterable {
        case noTLS = "endpoint.no-tls"
        case unauthenticated = "endpoint.unauthenticated"
        case serverErrorOnBadInput = "endpoint.server-error-on-bad-input"
        case acceptsBadInput = "endpoint.accepts-bad-input"
        case brokeOnBadInput = "endpoint.no-answer-to-bad-input"
        case crashed = "endpoint.crashed"
        case informationLeak = "endpoint.information-leak"
    }

    /// Text in an error body that only a stack trace or a framework's debug page holds.
    static let traceMarkers = ["Traceback (most recent call last)", "File \"/", "at java.", "at org.", "Exception in thread",
                               "Werkzeug Debugger", "django.core", "uvicorn", "gunicorn", "at System.", "panic: ", "goroutine "]

    static let catalogue: [Kind: FindingRule] = [
        .noTLS: FindingRule(id: Kind.noTLS.rawValue, summary: "A model endpoint served without TLS",
                            help: "Predictions and credentials cross the network in clear text. Serve https (loopback is exempt).", severity: .high),
        .unauthenticated: FindingRule(id: Kind.unauthenticated.rawValue, summary: "The endpoint answers without credentials",
                                      help: "Anyone who reaches it can query the model (and extract it, query by query). Require a token and answer 401 or 403 without one.",
                                      severity: .high),
        .serverErrorOnBadInput: FindingRule(id: Kind.serverErrorOnBadInput.rawValue, summary: "Bad input gets a 5xx",
                                            help: "Malformed JSON, wrong types, NaN or an oversized body reached the model code and broke it. Validate requests and answer 4xx.",
                                            severity: .medium),
        .acceptsBadInput: FindingRule(id: Kind.acceptsBadInput.rawValue, summary: "Bad input gets a 2xx",
                                      help: "The endpoint answered a prediction for input it should have refused, so garbage in becomes a confident answer out. Validate requests.",
                                      severity: .medium),
        .brokeOnBadInput: FindingRule(id: Kind.brokeOnBadInput.rawValue, summary: "Bad input gets no answer",
                                      help: "A hostile request hung or dropped the connection: a cheap denial of service. Bound request sizes and validate before work.",
                                      severity: .high),
        .crashed: FindingRule(id: Kind.crashed.rawValue, summary: "The endpoint stopped answering after the probes",
                              help: "A few bad requests took the server down. Fix the crash before exposing the model.", severity: .critical),
        .informationLeak: FindingRule(id: Kind.informationLeak.rawValue, summary: "Stack traces or version text in responses",
                                      help: "Framework names, versions and stack traces tell an attacker which exploits to try. Turn off debug pages and version headers.",
                                      severity: .medium),
    ]

    static var all: [FindingRule] { Kind.allCases.map { catalogue[$0]! } }

    static func finding(_ kind: Kind, url: String, message: String) -> Finding {
        let rule = catalogue[kind]!
        return Finding(rule: rule.id, severity: rule.severity, location: Finding.Location(path: url), message: message)
    }
}
