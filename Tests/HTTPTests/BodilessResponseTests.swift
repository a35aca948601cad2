import Testing
import HTTP

/// Responses that never have a body (RFC 9112 §6.3 rule 1) and interim responses.
@Suite struct BodilessResponseTests {
    @Test func endsNoContentAndNotModifiedAtTheBlankLineWhateverTheirHeaders() {
        let text = "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\nHTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"
        let t = parse(text)
        #expect(t.error == nil)
        #expect(t.responses.map(\.head.status) == [204, 304])
        #expect(t.responses.map(\.body) == [[], []])
        #expect(t.responses.first?.end == position(of: "HTTP/1.1 304", in: text))
        #expect(t.responses.map(\.reusable) == [true, true])
    }

    @Test func readsNoBodyForAResponseToHEAD() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let t = parse(text, toHEAD: [0])
        #expect(t.responses.map(\.body.count) == [0, 2])
        // The HEAD flag applies to one response only: the second one reads its body.
        #expect(t.responses.last?.bodyText == "ok")
        #expect(parse(text).error != nil)
    }

    @Test func skipsInterimResponses() throws {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let t = parse(text)
        #expect(t.responses.count == 1)
        let response = try #require(t.responses.first)
        #expect(response.head.status == 200)
        #expect(response.head.fields.count == 1)
        #expect(response.head.value(forName: "Link") == nil)
        #expect(response.bodyText == "ok")
        for chunks in splits(of: text) {
            #expect(Transcript(chunks) == t)
        }
    }

    @Test func reportsAConnectionClosedAfterAnInterimResponse() {
        let text = "HTTP/1.1 100 Continue\r\n\r\n"
        #expect(parseError(text) == HTTPParseError(offset: bytes(text).count, .closedEarly("the final response after an interim 1xx response")))
    }

    @Test func refusesSwitchingProtocols() {
        #expect(parseError("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n") == HTTPParseError(offset: 9, .switchingProtocols))
    }
}
