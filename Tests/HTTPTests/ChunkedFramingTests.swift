import Testing
import HTTP

@Suite struct ChunkedFramingTests {
    let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
        + "5\r\n{\"a\":\r\nA;name=value;flag\r\n 1, \"b\": 2\r\n1 ; x\r\n}\r\n0\r\nX-Checksum: 9\r\nX-Other: 1\r\n\r\n"

    @Test func joinsChunksIgnoringExtensionsAndDroppingTrailers() throws {
        let t = parse(chunked, close: false)
        #expect(t.error == nil)
        let response = try #require(t.responses.first)
        #expect(response.head.isChunked)
        #expect(response.head.contentLength == nil)
        #expect(response.bodyText == "{\"a\": 1, \"b\": 2}")
        #expect(response.reusable == true)
        #expect(response.end == bytes(chunked).count)
    }

    @Test func readsHexSizesInEitherCaseWithLeadingZeros() {
        let body = String(repeating: "x", count: 26)
        let upper = "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n00000a\r\n\(body.prefix(10))\r\n1A\r\n\(body)\r\n0\r\n\r\n"
        let lower = "HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED\r\n\r\n0A\r\n\(body.prefix(10))\r\n1a\r\n\(body)\r\n000\r\n\r\n"
        #expect(parse(upper).responses.first?.body.count == 36)
        #expect(parse(lower).responses.first?.body.count == 36)
    }

    @Test func endsAnEmptyChunkedBodyAtTheLastChunk() {
        let t = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(t.responses.first?.body == [])
        #expect(t.responses.first?.reusable == true)
    }

    @Test func readsTheSameWhateverTheSplit() {
        let whole = parse(chunked)
        for chunks in splits(of: chunked) {
            #expect(Transcript(chunks) == whole, "\(chunks.map(\.count))")
        }
    }

    @Test func refusesAMissingOrBadChunkSize() {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let start = bytes(head).count
        #expect(parseError(head + "\r\n") == HTTPParseError(offset: start, .expected("a chunk size in hex", found: 0x0D)))
        #expect(parseError(head + "g\r\n") == HTTPParseError(offset: start, .expected("a chunk size in hex", found: UInt8(ascii: "g"))))
        #expect(parseError(head + "5x\r\n") == HTTPParseError(offset: start + 1,
            .expected("a hex digit, ';' or CRLF after the chunk size", found: UInt8(ascii: "x"))))
        #expect(parseError(head + "5 \r\nhello\r\n0\r\n\r\n") == HTTPParseError(offset: start + 2,
            .expected("';' (a chunk extension) after spaces in a chunk-size line", found: 0x0D)))
        #expect(parseError(head + "5\rX") == HTTPParseError(offset: start + 2, .expected("LF after CR in a chunk-size line", found: UInt8(ascii: "X"))))
        #expect(parseError(head + "5;a\u{01}\r\n") == HTTPParseError(offset: start + 3, .expected("a chunk extension without control bytes", found: 1)))
    }

    @Test func refusesChunkDataNotFollowedByCRLF() {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let start = bytes(head).count
        #expect(parseError(head + "3\r\nhello\r\n0\r\n\r\n") == HTTPParseError(offset: start + 6,
            .expected("CRLF after the chunk data (is the chunk size right?)", found: UInt8(ascii: "l"))))
        #expect(parseError(head + "3\r\nhel\rx") == HTTPParseError(offset: start + 7,
            .expected("LF after CR at the end of the chunk data", found: UInt8(ascii: "x"))))
    }

    @Test func refusesAChunkSizeThatOverflows() {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let start = bytes(head).count
        let huge = HTTPParserLimits(maxBodyBytes: Int.max)
        #expect(parseError(head + "7fffffffffffffff\r\n", limits: huge)?.problem == .closedEarly("the rest of the chunked body"))
        #expect(parseError(head + "8000000000000000\r\n", limits: huge) == HTTPParseError(offset: start + 15, .sizeOverflow))
        #expect(parseError(head + "ffffffffffffffffff\r\n", limits: huge) == HTTPParseError(offset: start + 15, .sizeOverflow))
    }

    @Test func refusesChunksAddingUpToMoreThanTheBodyCap() {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let start = bytes(head).count
        let limits = HTTPParserLimits(maxBodyBytes: 20)
        #expect(parse(head + "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n", limits: limits).responses.first?.body.count == 20)
        #expect(parseError(head + "a\r\n0123456789\r\nb\r\n", limits: limits) == HTTPParseError(offset: start + 15, .bodyTooLarge(limit: 20)))
        #expect(parseError(head + "15\r\n", limits: limits) == HTTPParseError(offset: start + 1, .bodyTooLarge(limit: 20)))
    }

    @Test func boundsChunkSizeLinesAndTrailers() {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let start = bytes(head).count
        let limits = HTTPParserLimits(maxLineLength: 32, maxFieldCount: 2, maxHeadBytes: 64)
        let longExtension = "1;" + String(repeating: "e", count: 40) + "\r\n"
        #expect(parseError(head + longExtension, limits: limits) == HTTPParseError(offset: start + 32, .lineTooLong(limit: 32)))
        let trailers = "0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(parseError(head + trailers, limits: limits)
            == HTTPParseError(offset: start + position(of: "C:", in: trailers), .tooManyFields(limit: 2)))
        let longTrailer = "0\r\nA: " + String(repeating: "v", count: 40) + "\r\n\r\n"
        #expect(parseError(head + longTrailer, limits: limits) == HTTPParseError(offset: start + 3 + 32, .lineTooLong(limit: 32)))
        let bigSection = "0\r\n" + String(repeating: "A: 0123456789012345\r\n", count: 4) + "\r\n"
        #expect(parseError(head + bigSection, limits: HTTPParserLimits(maxLineLength: 32, maxHeadBytes: 64))
            == HTTPParseError(offset: start + 3 + 64, .headTooLarge(limit: 64)))
    }

    @Test func checksTrailerFieldSyntax() {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Name: 1\r\n\r\n"
        #expect(parseError(text) == HTTPParseError(offset: position(of: " Name", in: text),
            .expected("':' right after the header name", found: 0x20)))
        let folded = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\n continued\r\n\r\n"
        #expect(parseError(folded) == HTTPParseError(offset: position(of: " continued", in: folded), .obsoleteLineFolding))
    }

    @Test func refusesTransferCodingsOtherThanOneChunked() {
        let gzip = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
        #expect(parseError(gzip) == HTTPParseError(offset: position(of: "gzip", in: gzip), .unsupportedTransferCoding))
        let twice = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parseError(twice) == HTTPParseError(offset: position(of: "chunked\r\n\r\n", in: twice), .unsupportedTransferCoding))
        let empty = "HTTP/1.1 200 OK\r\nTransfer-Encoding: \r\n\r\n"
        #expect(parseError(empty)?.problem == .unsupportedTransferCoding)
    }

    @Test func refusesContentLengthTogetherWithTransferEncodingInEitherOrder() {
        let teFirst = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
        #expect(parseError(teFirst) == HTTPParseError(offset: position(of: "Content-Length", in: teFirst), .contentLengthWithTransferEncoding))
        let clFirst = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parseError(clFirst) == HTTPParseError(offset: position(of: "Transfer-Encoding", in: clFirst), .contentLengthWithTransferEncoding))
    }

    @Test func refusesTransferEncodingInAnHTTP10Response() {
        let text = "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        #expect(parseError(text) == HTTPParseError(offset: position(of: "Transfer", in: text), .transferEncodingInHTTP10))
    }

    @Test func reportsAConnectionClosedInsideTheChunkedBody() {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"
        #expect(parseError(text) == HTTPParseError(offset: bytes(text).count, .closedEarly("the rest of the chunked body")))
        let trailer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n"
        #expect(parseError(trailer) == HTTPParseError(offset: bytes(trailer).count, .closedEarly("the end of the trailer section")))
    }
}
