import Testing
import HTTP

@Suite struct ContentLengthFramingTests {
    let json = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\nX-Request-Id: 7\r\n\r\n{\"label\": 1}\n"

    @Test func readsStatusHeadersAndBodyByContentLength() throws {
        let t = parse(json, close: false)
        #expect(t.error == nil)
        let response = try #require(t.responses.first)
        #expect(response.head.status == 200)
        #expect(response.head.reason == "OK")
        #expect(response.head.minorVersion == 1)
        #expect(response.head.contentLength == 13)
        #expect(response.head.contentType == "application/json")
        #expect(response.head.fields.count == 3)
        #expect(response.head.value(forName: "x-request-id").map(Array.init) == bytes("7"))
        #expect(response.bodyText == "{\"label\": 1}\n")
        #expect(response.reusable == true)
        #expect(response.end == bytes(json).count)
    }

    @Test func matchesFieldNamesWithoutRegardToCase() throws {
        let t = parse("HTTP/1.1 200 OK\r\ncOnTeNt-TyPe: text/plain\r\nCONTENT-LENGTH: 2\r\n\r\nhi", close: false)
        let head = try #require(t.responses.first?.head)
        #expect(head.contentType == "text/plain")
        #expect(head.contentLength == 2)
        #expect(head.value(forName: "Content-Type").map(Array.init) == bytes("text/plain"))
        #expect(t.responses.first?.bodyText == "hi")
    }

    @Test func trimsWhitespaceAroundValuesAndAllowsEmptyReasonAndValues() throws {
        let t = parse("HTTP/1.1 200\r\nContent-Length:\t 3 \t\r\nX-Empty:\r\n\r\nabc", close: false)
        let response = try #require(t.responses.first)
        #expect(response.head.reason == "")
        #expect(response.head.contentLength == 3)
        #expect(response.head.value(forName: "X-Empty")?.isEmpty == true)
        #expect(response.bodyText == "abc")
    }

    @Test func endsAZeroLengthBodyAtTheBlankLine() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        let t = parse(text, close: false)
        #expect(t.responses.count == 1)
        #expect(t.responses.first?.body == [])
        #expect(t.responses.first?.end == bytes(text).count)
    }

    @Test func acceptsRepeatedEqualContentLengths() {
        #expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok").responses.first?.bodyText == "ok")
        #expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok").responses.first?.bodyText == "ok")
    }

    @Test func readsTheSameWhateverTheSplit() {
        let responses = [
            json,
            "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx",
        ]
        for text in responses {
            let whole = parse(text)
            #expect(whole.error == nil)
            for chunks in splits(of: text) {
                #expect(Transcript(chunks) == whole, "\(chunks.map(\.count))")
            }
        }
    }

    @Test func stopsAtContentLengthLeavingTheRestForTheNextResponse() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 204 No Content\r\n\r\n"
        let t = parse(text)
        #expect(t.responses.map(\.head.status) == [200, 204])
        #expect(t.responses.first?.end == position(of: "HTTP/1.1 204", in: text))
        #expect(t.responses.last?.end == bytes(text).count)
        #expect(t.closedCleanly == true)
    }

    @Test func reportsAConnectionClosedBeforeTheBodyEnded() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
        #expect(parseError(text) == HTTPParseError(offset: bytes(text).count, .closedEarly("7 more body bytes (Content-Length)")))
    }
}
