import Foundation

/// The files written by Fixtures/make-corpus.py and what each must give, read beside this source
/// file (the test target declares no resources; the tests always run from a checkout).
struct CorpusEntry: Decodable, CustomStringConvertible {
    let file: String
    let malicious: Bool
    let fails: Bool
    let flagged: Bool
    let callables: [String]
    let rules: [String]
    let trick: String
    let source: String?
    let pickles: Int?
    /// Scanned by `ModelFileScanner` (a zip, NumPy, safetensors, GGUF or Keras file), not as a bare pickle.
    let container: Bool?

    var description: String { file }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus")

    static let all: [CorpusEntry] = {
        let url = folder.appendingPathComponent("expected.json")
        do {
            return try JSONDecoder().decode([CorpusEntry].self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read the corpus index at \(url.path): \(error)")
        }
    }()

    var path: String { Self.folder.appendingPathComponent(file).path }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
}
