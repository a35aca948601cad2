import Predictors
import Tabular
import Testing

/// Requests are one JSON object per row: numbers as numbers, text as escaped strings, missing
/// values as null, whatever the data file's quoting.
@Suite struct PredictionRequestsTests {
    @Test func inputsAreOneJSONObjectPerRow() throws {
        let reader = try CSVReader(bytes: Array("x,name,e\n0.9,\"a \"\"b\"\"\",\n1e3,7x,\n".utf8))
        let fields = try RequestFields(["x", "name", "e"], in: reader)
        var requests = PredictionRequests()
        while let row = try reader.next() { requests.append(row, fields) }
        #expect(requests.count == 2)
        #expect(String(decoding: requests.lines, as: UTF8.self) == "{\"x\":0.9,\"name\":\"a \\\"b\\\"\",\"e\":null}\n{\"x\":1000.0,\"name\":\"7x\",\"e\":null}\n")
    }

    @Test func nonFiniteNumbersAndControlCharactersStayValidJSON() throws {
        let reader = try CSVReader(bytes: Array("x,t\nnan,\"tab\there\"\ninf,\"line\nbreak\"\n".utf8))
        let fields = try RequestFields(["x", "t"], in: reader)
        var requests = PredictionRequests()
        while let row = try reader.next() { requests.append(row, fields) }
        #expect(String(decoding: requests.lines, as: UTF8.self) == "{\"x\":\"nan\",\"t\":\"tab\\there\"}\n{\"x\":\"inf\",\"t\":\"line\\nbreak\"}\n")
    }

    @Test func aBatchIsReusedAfterRemoveAll() throws {
        let reader = try CSVReader(bytes: Array("x\n1\n2\n".utf8))
        let fields = try RequestFields(["x"], in: reader)
        var requests = PredictionRequests()
        requests.append(try #require(try reader.next()), fields)
        requests.removeAll()
        #expect(requests.isEmpty && requests.lines.isEmpty)
        requests.append(try #require(try reader.next()), fields)
        #expect(String(decoding: requests.lines, as: UTF8.self) == "{\"x\":2.0}\n")
    }

    @Test func anUnknownInputColumnIsALocatedError() throws {
        let reader = try CSVReader(bytes: Array("x\n1\n".utf8))
        #expect(throws: TabularError.self) { try RequestFields(["y"], in: reader) }
    }

    @Test func eachRowAndValueIsLocatedInTheLines() throws {
        let reader = try CSVReader(bytes: Array("x,name\n0.5,\"a,b\"\n,z\n".utf8))
        let fields = try RequestFields(["x", "name"], in: reader)
        var requests = PredictionRequests()
        while let row = try reader.next() { requests.append(row, fields) }
        let text = { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) }
        #expect(requests.fieldsPerRow == 2)
        #expect(requests.rows.map { text(requests.lines[$0]) } == [#"{"x":0.5,"name":"a,b"}"#, #"{"x":null,"name":"z"}"#])
        #expect([text(requests.value(row: 0, field: 0)), text(requests.value(row: 0, field: 1)),
                 text(requests.value(row: 1, field: 0)), text(requests.value(row: 1, field: 1))] == ["0.5", #""a,b""#, "null", #""z""#])
        requests.removeAll()
        #expect(requests.rows.isEmpty && requests.values.isEmpty)
    }
}
