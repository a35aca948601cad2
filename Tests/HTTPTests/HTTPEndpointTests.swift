import HTTP
import Testing

/// URLs as users write them in `url:`; anything a server would not see, or that would leak a
/// credential into logs, is refused with what is wrong.
@Suite struct HTTPEndpointTests {
    @Test func readsHostPortAndTarget() throws {
        let a = try HTTPEndpoint.parse("http://127.0.0.1:8501/v1?x=1").get()
        #expect(a == HTTPEndpoint(scheme: .http, host: "127.0.0.1", port: 8501, target: "/v1?x=1"))
        #expect(a.authority == "127.0.0.1:8501")
        let b = try HTTPEndpoint.parse("HTTPS://models.example.com").get()
        #expect(b == HTTPEndpoint(scheme: .https, host: "models.example.com", port: 443, target: "/"))
        #expect(b.authority == "models.example.com")
        let c = try HTTPEndpoint.parse("http://[::1]:9000/serving/").get()
        #expect(c.host == "::1" && c.port == 9000 && c.authority == "[::1]:9000")
        #expect(c.appending("/v2/health/ready") == "/serving/v2/health/ready")
        #expect(try HTTPEndpoint.parse("http://h?q").get().target == "/?q")
        #expect(a.description == "http://127.0.0.1:8501/v1?x=1")
    }

    @Test(arguments: [
        ("ftp://h", HTTPEndpointError.unsupportedScheme), ("127.0.0.1:80", .unsupportedScheme),
        ("http://user:pw@h/", .userInfo), ("http://h/#top", .fragment), ("http://", .missingHost),
        ("http://:80", .missingHost), ("http://h:0", .invalidPort), ("http://h:65536", .invalidPort),
        ("http://h:8x", .invalidPort), ("http://h:", .invalidPort), ("http://[::1", .invalidHost),
        ("http://[zz]:1", .invalidHost), ("http://h%20x/", .invalidHost), ("http://h /", .invalidCharacter),
        ("http://hé/", .invalidCharacter),
    ])
    func refusesWhatIsNotAnEndpoint(text: String, error: HTTPEndpointError) {
        #expect(HTTPEndpoint.parse(text) == .failure(error), "\(text)")
    }

    @Test func aCredentialInTheURLIsNotRepeatedInTheMessage() {
        guard case .failure(let error) = HTTPEndpoint.parse("https://admin:hunter22@h/") else { Issue.record("accepted"); return }
        #expect(!"\(error)".contains("hunter22"))
    }
}
