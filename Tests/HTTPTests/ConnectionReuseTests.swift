import Testing
import HTTP

/// Whether a connection may carry the next request (RFC 9112 §9.3), and bodies read until close.
@Suite struct ConnectionReuseTests {
    private func reusable(_ text: String) -> Bool? { parse(text).responses.first?.reusable }

    @Test func keepsHTTP11OpenUnlessTheServerSaysClose() {
        #expect(reusable("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") == true)
        #expect(reusable("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") == false)
        #expect(reusable("HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n") == false)
        #expect(reusable("HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n") == true)
    }

    @Test func keepsHTTP10OpenOnlyWithKeepAlive() {
        #expect(reusable("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") == false)
        #expect(reusable("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n") == true)
        #expect(reusable("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n") == false)
    }

    @Test func readsABodyWithoutLengthUntilTheServerCloses() throws {
        for text in ["HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of\r\nthis",
                     "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of\r\nthis",
                     "HTTP/1.1 200 OK\r\n\r\nall of\r\nthis"] {
            let t = parse(text)
            let response = try #require(t.responses.first)
            #expect(response.bodyText == "all of\r\nthis")
            #expect(response.reusable == false)
            #expect(t.closedCleanly == true)
            for chunks in splits(of: text) {
                #expect(Transcript(chunks) == t)
            }
        }
    }

    @Test func endsAnUntilCloseBodyOnlyAtTheClose() {
        let t = parse("HTTP/1.0 200 OK\r\n\r\npartial", close: false)
        #expect(t.responses.first?.bodyText == "partial")
        #expect(t.responses.first?.reusable == nil)
    }

    @Test func refusesAnUntilCloseBodyOverTheCap() {
        let text = "HTTP/1.0 200 OK\r\n\r\n0123456789"
        let t = parse(text, limits: HTTPParserLimits(maxBodyBytes: 4))
        #expect(t.error == HTTPParseError(offset: position(of: "4", in: text), .bodyTooLarge(limit: 4)))
        #expect(t.responses.first?.bodyText == "0123")
    }

    @Test func treatsACloseBetweenResponsesAsClean() {
        #expect(parse("").closedCleanly == true)
        let t = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        #expect(t.closedCleanly == true)
        #expect(t.error == nil)
        #expect(parseError("HTTP/1.1 200") == HTTPParseError(offset: 12, .closedEarly("the rest of the status line")))
        #expect(parseError("HTTP/1.1 200 OK\r\nX: 1\r\n") == HTTPParseError(offset: 23, .closedEarly("the rest of the header section")))
    }
}
