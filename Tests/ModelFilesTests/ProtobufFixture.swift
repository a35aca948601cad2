import Foundation

/// One file written by Fixtures/make-protobuf.py and what Google's decoder read in it.
struct ProtobufFixture: Decodable, Sendable, CustomStringConvertible {
    struct Field: Decodable, Equatable, Sendable {
        let number: Int
        let wire: Int
        let value: String
        let message: [Field]?
    }

    let file: String
    let google: String
    let ours: String
    let why: String?
    let fields: [Field]?
    let brokenChild: Int?

    var description: String { file }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/protobuf")

    static let all: [ProtobufFixture] = {
        let url = folder.appendingPathComponent("expected.json")
        do {
            return try JSONDecoder().decode([ProtobufFixture].self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read the protobuf fixtures at \(url.path): \(error)")
        }
    }()

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: Self.folder.appendingPathComponent(file))) }
}
