import Testing
import HTTP

@Suite struct HTTPRequestWriterTests {
    private func request(_ writer: HTTPRequestWriter, body: String = "") -> String {
        var out: [UInt8] = []
        writer.write(body: bytes(body), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func writesAGETWithHostAndNoBodyFraming() throws {
        let writer = try HTTPRequestWriter(method: .get, target: "/v2/health/ready", host: "127.0.0.1:8080")
        #expect(request(writer) == "GET /v2/health/ready HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n")
    }

    @Test func writesAPOSTWithContentTypeHeadersLengthAndBody() throws {
        let writer = try HTTPRequestWriter(method: .post, target: "/v2/models/m/infer", host: "localhost",
                                           contentType: "application/json",
                                           headers: [("Authorization", "Bearer s3cr3t"), ("X-Trace", "1")])
        let body = "{\"inputs\": []}"
        #expect(request(writer, body: body) == "POST /v2/models/m/infer HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nAuthorization: Bearer s3cr3t\r\nX-Trace: 1\r\n"
            + "Content-Length: 14\r\n\r\n" + body)
    }

    @Test func writesContentLengthInDecimalForEverySize() throws {
        let writer = try HTTPRequestWriter(method: .post, target: "/", host: "h")
        for size in [0, 1, 9, 10, 99, 100, 12345, 1_000_000] {
            let text = request(writer, body: String(repeating: "b", count: size))
            #expect(text.contains("\r\nContent-Length: \(size)\r\n\r\n"), "\(size)")
        }
    }

    @Test func appendsRequestsOneAfterAnother() throws {
        let writer = try HTTPRequestWriter(method: .post, target: "/p", host: "h", keepAlive: false)
        var out: [UInt8] = []
        writer.write(body: bytes("a"), into: &out)
        writer.write(body: bytes("bc"), into: &out)
        let one = "POST /p HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 1\r\n\r\na"
        let two = "POST /p HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 2\r\n\r\nbc"
        #expect(String(decoding: out, as: UTF8.self) == one + two)
    }

    @Test func refusesHeaderValuesThatCouldInjectLinesWithoutShowingThem() {
        #expect(throws: HTTPRequestError.invalidHeaderValue(name: "Authorization")) {
            try HTTPRequestWriter(method: .get, target: "/", host: "h", headers: [("Authorization", "Bearer x\r\nX-Evil: 1")])
        }
        let message = "\(HTTPRequestError.invalidHeaderValue(name: "Authorization"))"
        #expect(message.contains("Authorization"))
        #expect(!message.contains("Bearer"))
        #expect(throws: HTTPRequestError.invalidHeaderValue(name: "X")) {
            try HTTPRequestWriter(method: .get, target: "/", host: "h", headers: [("X", " padded")])
        }
    }

    @Test func refusesBadNamesTargetsHostsAndHeadersTheWriterOwns() {
        #expect(throws: HTTPRequestError.invalidHeaderName(position: 2)) {
            try HTTPRequestWriter(method: .get, target: "/", host: "h", headers: [("A", "1"), ("Bad Name", "2")])
        }
        for owned in ["Content-Length", "transfer-encoding", "HOST", "Connection", "Content-Type"] {
            #expect(throws: HTTPRequestError.reservedHeader(name: owned)) {
                try HTTPRequestWriter(method: .post, target: "/", host: "h", headers: [(owned, "1")])
            }
        }
        for target in ["", "relative", "/with space", "/tab\there", "/line\nbreak"] {
            #expect(throws: HTTPRequestError.invalidTarget) { try HTTPRequestWriter(method: .get, target: target, host: "h") }
        }
        for host in ["", "a b", "user@host", "host/path", "h\r\n"] {
            #expect(throws: HTTPRequestError.invalidHost) { try HTTPRequestWriter(method: .get, target: "/", host: host) }
        }
        #expect(throws: HTTPRequestError.invalidContentType) {
            try HTTPRequestWriter(method: .post, target: "/", host: "h", contentType: "text/plain\r\nX: 1")
        }
    }

    @Test func writesWhatTheParserOfARequestWouldRead() throws {
        // The writer's output round-trips through the response grammar's field-line rules.
        let writer = try HTTPRequestWriter(method: .post, target: "/invocations", host: "h:1",
                                           contentType: "application/json", headers: [("X-A", "v\tw")])
        let text = request(writer, body: "{}")
        let head = text.split(separator: "\r\n\r\n", maxSplits: 1, omittingEmptySubsequences: false)
        #expect(head.count == 2)
        #expect(head.last == "{}")
        let response = "HTTP/1.1 200 OK\r\n" + String(head[0]).split(separator: "\r\n").dropFirst().joined(separator: "\r\n") + "\r\n\r\n{}"
        let t = parse(response)
        #expect(t.error == nil)
        #expect(t.responses.first?.bodyText == "{}")
        #expect(t.responses.first?.head.value(forName: "x-a").map(Array.init) == bytes("v\tw"))
    }
}
