import Testing
@testable import ModelFiles

/// Our protobuf reader against Google's: every fixture encoded by Google's library reads field for
/// field as Google's decoder reads it, and every broken one is refused (make-protobuf.py).
@Suite struct ProtobufReaderTests {
    @Test(arguments: ProtobufFixture.all)
    func readsEveryFieldAsGooglesDecoderDoes(_ fixture: ProtobufFixture) throws {
        let bytes = try fixture.bytes()
        try bytes.withUnsafeBytes { buffer in
            var reader = ProtobufReader(buffer)
            if fixture.ours == "refuses" {
                #expect(throws: ProtobufError.self, "\(fixture.file)") { try Self.fields(&reader) }
                return
            }
            let fields = try Self.fields(&reader)
            #expect(fields == fixture.fields ?? [], "\(fixture.file)")
            if let number = fixture.brokenChild {
                var reader = ProtobufReader(buffer)
                while let field = try reader.next() {
                    guard field.number == number else { continue }
                    var child = try reader.message(field)
                    #expect(throws: ProtobufError.self) { try Self.fields(&child) }
                }
            }
        }
    }

    @Test func fixturesCoverWhatTheReaderMustRefuse() {
        let refused = Set(ProtobufFixture.all.filter { $0.ours == "refuses" }.map(\.file))
        for name in ["truncated-varint.bin", "length-past-end.bin", "varint-eleven-bytes.bin", "group.bin", "wire-type-6.bin"] {
            #expect(refused.contains(name))
        }
        // Where we part from Google's decoder, the fixture says why.
        #expect(ProtobufFixture.all.allSatisfy { $0.ours == $0.google || $0.why != nil })
    }

    @Test func refusesMessagesNestedPastItsBound() {
        // Field 1 holding field 1 holding …, 20 deep, read with a bound of 5.
        var bytes: [UInt8] = []
        for _ in 0..<20 { bytes = [0x0A, UInt8(bytes.count)] + bytes }
        bytes.withUnsafeBytes { buffer in
            var reader = ProtobufReader(buffer, maxDepth: 5)
            var levels = 0
            #expect(throws: ProtobufError.tooDeep(offset: 10, limit: 5)) {
                while let field = try reader.next() {
                    reader = try reader.message(field)
                    levels += 1
                }
            }
            #expect(levels == 5)
        }
    }

    @Test func lengthDelimitedValuesAreViewsOfTheBufferNotCopies() throws {
        let bytes: [UInt8] = [0x12, 0x03, 0x61, 0x62, 0x63]
        try bytes.withUnsafeBytes { buffer in
            var reader = ProtobufReader(buffer)
            let field = try #require(try reader.next())
            let range = try #require(field.bytes)
            #expect(reader.bytes(range).baseAddress == buffer.baseAddress! + 2)
            #expect(Array(reader.bytes(range)) == Array("abc".utf8))
        }
    }

    /// Every field of the message, with the messages of fields that hold one read recursively
    /// where the fixture decoded them.
    static func fields(_ reader: inout ProtobufReader) throws -> [ProtobufFixture.Field] {
        var out: [ProtobufFixture.Field] = []
        while let field = try reader.next() {
            switch field.value {
            case let .varint(value): out.append(.init(number: field.number, wire: 0, value: String(value), message: nil))
            case let .fixed64(value): out.append(.init(number: field.number, wire: 1, value: String(value), message: nil))
            case let .fixed32(value): out.append(.init(number: field.number, wire: 5, value: String(value), message: nil))
            case let .bytes(range):
                let hex = reader.bytes(range).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                var message: [ProtobufFixture.Field]?
                if field.number == 13 || field.number == 16, var child = try? reader.message(field) {
                    message = try? fields(&child)
                }
                out.append(.init(number: field.number, wire: 2, value: hex, message: message))
            }
        }
        return out
    }
}
