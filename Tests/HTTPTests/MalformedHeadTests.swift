import Testing
import HTTP

/// Every malformed head fails at the byte that broke the grammar, saying what was expected.
@Suite struct MalformedHeadTests {
    @Test func refusesBadStatusLines() {
        #expect(parseError("HTTQ/1.1 200 OK\r\n\r\n") == HTTPParseError(offset: 3, .expected("a status line starting 'HTTP/1.'", found: UInt8(ascii: "Q"))))
        #expect(parseError("HTTP/1\r\n\r\n") == HTTPParseError(offset: 6, .expected("a status line starting 'HTTP/1.'", found: nil)))
        #expect(parseError("HTTP/2.0 200 OK\r\n\r\n") == HTTPParseError(offset: 5, .unsupportedVersion))
        #expect(parseError("HTTP/1.x 200 OK\r\n\r\n") == HTTPParseError(offset: 7, .expected("the minor version digit after 'HTTP/1.'", found: UInt8(ascii: "x"))))
        #expect(parseError("HTTP/1.1  200 OK\r\n\r\n") == HTTPParseError(offset: 9, .expected("a 3-digit status code", found: 0x20)))
        #expect(parseError("HTTP/1.1 20 OK\r\n\r\n") == HTTPParseError(offset: 11, .expected("a 3-digit status code", found: 0x20)))
        #expect(parseError("HTTP/1.1 2000 OK\r\n\r\n") == HTTPParseError(offset: 12, .expected("a space after the status code", found: UInt8(ascii: "0"))))
        #expect(parseError("HTTP/1.1 099 Low\r\n\r\n") == HTTPParseError(offset: 9, .statusCodeOutOfRange))
        #expect(parseError("HTTP/1.1 600 High\r\n\r\n") == HTTPParseError(offset: 9, .statusCodeOutOfRange))
        #expect(parseError("HTTP/1.1 200 O\u{0}K\r\n\r\n") == HTTPParseError(offset: 14,
            .expected("a reason phrase of visible characters, spaces and tabs", found: 0)))
        #expect(parseError("\r\nHTTP/1.1 200 OK\r\n\r\n") == HTTPParseError(offset: 0, .expected("a status line starting 'HTTP/1.'", found: nil)))
    }

    @Test func refusesABareLineFeedOrCarriageReturn() {
        #expect(parseError("HTTP/1.1 200 OK\nContent-Length: 0\n\n") == HTTPParseError(offset: 15, .expected("CR before LF (lines end with CRLF)", found: 0x0A)))
        let bareCR = "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n"
        #expect(parseError(bareCR) == HTTPParseError(offset: position(of: "\rb", in: bareCR), .expected("a header value without control bytes", found: 0x0D)))
    }

    @Test func refusesBadHeaderLines() {
        let space = "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n"
        #expect(parseError(space) == HTTPParseError(offset: position(of: " :", in: space), .expected("':' right after the header name", found: 0x20)))
        let noColon = "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n"
        #expect(parseError(noColon) == HTTPParseError(offset: position(of: "\r\n\r\n", in: noColon), .expected("':' right after the header name", found: nil)))
        let noName = "HTTP/1.1 200 OK\r\n: value\r\n\r\n"
        #expect(parseError(noName) == HTTPParseError(offset: 17, .expected("a header name", found: UInt8(ascii: ":"))))
        let control = "HTTP/1.1 200 OK\r\nX-A: one\u{7F}two\r\n\r\n"
        #expect(parseError(control) == HTTPParseError(offset: position(of: "\u{7F}", in: control), .expected("a header value without control bytes", found: 0x7F)))
    }

    @Test func refusesObsoleteLineFolding() {
        let folded = "HTTP/1.1 200 OK\r\nX-Long: part one\r\n\tpart two\r\nContent-Length: 0\r\n\r\n"
        #expect(parseError(folded) == HTTPParseError(offset: position(of: "\tpart", in: folded), .obsoleteLineFolding))
        let first = "HTTP/1.1 200 OK\r\n X: 1\r\n\r\n"
        #expect(parseError(first) == HTTPParseError(offset: 17, .obsoleteLineFolding))
    }

    @Test func refusesContentLengthsThatAreNotDigitsOrDisagree() {
        for bad in ["-1", "+5", "5a", "0x10", "", "5,", ", 5", "5 5"] {
            let text = "HTTP/1.1 200 OK\r\nContent-Length: \(bad)\r\n\r\n"
            #expect(parseError(text)?.problem == .invalidContentLength, "\(bad)")
        }
        let list = "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n"
        #expect(parseError(list) == HTTPParseError(offset: position(of: "6", in: list), .conflictingContentLength))
        let lines = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 50\r\n\r\n"
        #expect(parseError(lines) == HTTPParseError(offset: position(of: "50", in: lines), .conflictingContentLength))
        let huge = "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n"
        #expect(parseError(huge) == HTTPParseError(offset: position(of: "9", in: huge) + 18, .sizeOverflow))
    }

    @Test func refusesAContentLengthAboveTheBodyCapAtTheHeader() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n"
        #expect(parseError(text, close: false, limits: HTTPParserLimits(maxBodyBytes: 100))
            == HTTPParseError(offset: position(of: "101", in: text), .bodyTooLarge(limit: 100)))
    }

    @Test func refusesTwoContentTypes() {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Type: application/json\r\n\r\n"
        #expect(parseError(text) == HTTPParseError(offset: position(of: "Content-Type: application", in: text), .duplicateContentType))
    }

    @Test func boundsLinesFieldsAndTheWholeHead() {
        let limits = HTTPParserLimits(maxLineLength: 32, maxFieldCount: 3, maxHeadBytes: 100)
        let longStatus = "HTTP/1.1 200 " + String(repeating: "k", count: 40) + "\r\n\r\n"
        #expect(parseError(longStatus, limits: limits) == HTTPParseError(offset: 32, .lineTooLong(limit: 32)))
        // A line of exactly the cap, CRLF included, is accepted.
        let exact = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "v", count: 27) + "\r\nContent-Length: 0\r\n\r\n"
        #expect(parseError(exact, limits: limits) == nil)
        let many = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"
        #expect(parseError(many, limits: limits) == HTTPParseError(offset: position(of: "D:", in: many), .tooManyFields(limit: 3)))
        let big = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Field: 0123456789abcdef\r\n", count: 3) + "Y: 1\r\n\r\n"
        #expect(parseError(big, limits: limits) == HTTPParseError(offset: 100, .headTooLarge(limit: 100)))
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPResponseParser()
        let bad = bytes("HTTP/9.9 200 OK\r\n\r\n"), good = bytes("HTTP/1.1 204 No Content\r\n\r\n")
        var first: HTTPParseError?, second: HTTPParseError?
        bad.withUnsafeBytes { input in
            var index = 0
            do { _ = try parser.next(input, at: &index) } catch { first = error as? HTTPParseError }
        }
        good.withUnsafeBytes { input in
            var index = 0
            do { _ = try parser.next(input, at: &index) } catch { second = error as? HTTPParseError }
        }
        #expect(first == HTTPParseError(offset: 5, .unsupportedVersion))
        #expect(second == first)
    }

    @Test func describesTheErrorWithItsOffsetAndTheByteFound() {
        #expect("\(HTTPParseError(offset: 11, .expected("a 3-digit status code", found: 0x20)))"
            == "HTTP response, byte 11: expected a 3-digit status code, found 0x20")
        #expect("\(HTTPParseError(offset: 0, .closedEarly("the rest of the status line")))"
            == "HTTP response, byte 0: connection closed; expected the rest of the status line")
    }

    @Test func locatesErrorsTheSameWhateverTheSplit() {
        let limits = HTTPParserLimits(maxLineLength: 32, maxFieldCount: 3, maxHeadBytes: 100, maxBodyBytes: 8)
        let samples = [
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX",
            "HTTP/1.1 200 OK\r\nX-Header-Too-Long: 0123456789012345678901234\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n5\r\n",
            "HTTP/1.0 200 OK\r\n\r\n0123456789",
        ]
        for text in samples {
            let whole = parse(text, limits: limits)
            #expect(whole.error != nil, "\(text)")
            for chunks in splits(of: text) {
                #expect(Transcript(chunks, limits: limits) == whole)
            }
        }
    }
}
