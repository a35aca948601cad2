import Testing
@testable import SecurityGate

/// The scanner tests byte pairs at every other byte: a secret must be found whatever its offset's
/// parity, right at the start or the end of the bytes, with its line and column, in one call or
/// in chunks, and next to pairs that only look like an anchor's start.
@Suite struct SecretScannerAlignmentTests {
    static let secrets = ["hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH", "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "AKIAZ4Q7RSTUV3WXY2AB"]

    static func scan(_ bytes: [UInt8], chunk: Int? = nil) -> [SecretMatch] {
        var scanner = SecretScanner()
        bytes.withUnsafeBytes { all in
            guard let chunk else { return scanner.scan(all, isLast: true) }
            var start = 0
            while start < all.count {
                scanner.scan(UnsafeRawBufferPointer(rebasing: all[start..<min(all.count, start + chunk)]), isLast: false)
                start += chunk
            }
            scanner.scan(UnsafeRawBufferPointer(rebasing: all[all.count...]), isLast: true)
        }
        return scanner.matches
    }

    @Test(arguments: secrets) func aSecretIsFoundAtEveryOffsetAndAtTheVeryEnd(secret: String) {
        for padding in 0..<6 {
            // Pairs that start anchors ("hf", "gh", "AK") just before the secret, and binary bytes.
            let prefix = Array("hgA\u{1}".utf8.prefix(padding % 4)) + [UInt8](repeating: 0x9C, count: padding)
            let bytes = prefix + Array(secret.utf8)
            for chunk in [nil, 1, 7] as [Int?] {
                let found = Self.scan(bytes, chunk: chunk)
                #expect(found.map(\.offset) == [prefix.count], "\(secret) after \(prefix.count) bytes, chunks \(String(describing: chunk))")
                #expect(found.map(\.length) == [secret.utf8.count])
                #expect(found.first?.column == prefix.count + 1)
            }
        }
    }

    @Test func linesAndColumnsCountFromTheLastNewlineBeforeEachMatch() {
        let text = "a\nbb\n\nccc hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH\nx ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\n"
        for chunk in [nil, 3, 5] as [Int?] {
            let found = Self.scan(Array(text.utf8), chunk: chunk)
            #expect(found.map(\.line) == [4, 5], "chunks \(String(describing: chunk))")
            #expect(found.map(\.column) == [5, 3], "chunks \(String(describing: chunk))")
        }
    }

    @Test func anchorPairsWithoutASecretFindNothing() {
        let text = String(repeating: "hf hf_ gh ghp AK AKIA password: x token ", count: 50)
        #expect(Self.scan(Array(text.utf8)).isEmpty)
    }
}
