import Testing
import HTTP

/// Several responses in one read: each ends where the next begins.
@Suite struct PipelinedResponseTests {
    let three = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
        + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nsecond\r\n0\r\n\r\n"
        + "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\nConnection: close\r\n\r\nthird"

    @Test func readsEachResponseAndWhereTheNextStarts() {
        let t = parse(three)
        #expect(t.error == nil)
        #expect(t.responses.map(\.head.status) == [200, 200, 503])
        #expect(t.responses.map(\.bodyText) == ["first", "second", "third"])
        #expect(t.responses.map(\.reusable) == [true, true, false])
        #expect(t.responses.map(\.end) == [position(of: "HTTP/1.1 200 OK\r\nTransfer", in: three),
                                           position(of: "HTTP/1.1 503", in: three), bytes(three).count])
    }

    @Test func readsPipelinedResponsesTheSameWhateverTheSplit() {
        let whole = parse(three)
        for chunks in splits(of: three) {
            #expect(Transcript(chunks) == whole)
        }
    }

    @Test func reportsBodyRangesInsideTheReadGiven() throws {
        var parser = HTTPResponseParser()
        var events: [HTTPResponseEvent] = []
        let input = bytes(three)
        try input.withUnsafeBytes { raw in
            var index = 0
            while let event = try parser.next(raw, at: &index) {
                if case .head = event { continue }
                events.append(event)
            }
            #expect(index == raw.count)
        }
        let firstBody = position(of: "first", in: three)
        let secondBody = position(of: "second", in: three)
        #expect(events == [.body(firstBody..<(firstBody + 5)), .end(reusable: true),
                           .body(secondBody..<(secondBody + 6)), .end(reusable: true),
                           .body((input.count - 5)..<input.count), .end(reusable: false)])
        #expect(parser.offset == input.count)
    }

    @Test func answersHEADForTheResponsesTheClientMarks() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
            + "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast"
        let t = parse(text, toHEAD: [1])
        #expect(t.error == nil)
        #expect(t.responses.map(\.bodyText) == ["first", "", "last"])
    }

    @Test func refusesGarbageBetweenResponses() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokk\r\nHTTP/1.1 200 OK\r\n\r\n"
        let t = parse(text)
        #expect(t.responses.count == 1)
        #expect(t.error == HTTPParseError(offset: position(of: "k\r\nHTTP", in: text), .expected("a status line starting 'HTTP/1.'", found: UInt8(ascii: "k"))))
    }
}
