import Testing
@testable import SecurityGate

/// Every secret rule's worked examples: what it must flag, and the look-alikes it must not.
@Suite struct SecretRuleExampleTests {
    static let rules = SecretScanner.defaultRules

    static func matches(_ text: String) -> [SecretMatch] {
        var scanner = SecretScanner()
        Array(text.utf8).withUnsafeBytes { scanner.scan($0, isLast: true) }
        return scanner.matches
    }

    @Test(arguments: rules.map(\.id)) func eachRuleFlagsItsExamplesAndNotItsLookAlikes(id: String) throws {
        let rule = try #require(Self.rules.first { $0.id == id })
        #expect(!rule.flags.isEmpty && !rule.ignores.isEmpty)
        for text in rule.flags {
            let found = Self.matches(text).map { Self.rules[$0.rule].id }
            #expect(found.contains(id), "\(id) should flag: \(text) (found \(found))")
        }
        for text in rule.ignores {
            let found = Self.matches(text).map { Self.rules[$0.rule].id }
            #expect(!found.contains(id), "\(id) must not flag: \(text)")
        }
    }

    @Test func excerptsNeverHoldTheSecret() {
        for rule in Self.rules {
            for text in rule.flags {
                for match in Self.matches(text) {
                    let value = String(decoding: Array(text.utf8)[match.offset..<(match.offset + match.length)], as: UTF8.self)
                    if rule.id == SecretRules.privateKey.id || rule.id == SecretRules.gcpServiceAccount.id { continue }
                    #expect(!match.excerpt.contains(value.dropFirst(4)), "\(rule.id): \(match.excerpt)")
                    #expect(match.excerpt.count < value.count)
                }
            }
        }
    }

    @Test func aSecretAcrossTwoChunksIsFoundOnceAtItsOffset() {
        let token = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
        let text = Array((String(repeating: "x ", count: 40_000) + "\n" + token + "\n").utf8)
        for cut in [80_001 - 3, 80_001, 80_001 + 10, 80_001 + 39, text.count - 1] {
            var scanner = SecretScanner()
            text.withUnsafeBytes { bytes in
                scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[0..<cut]), isLast: false)
                scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[cut...]), isLast: false)
                scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[bytes.count...]), isLast: true)
            }
            #expect(scanner.matches.count == 1, "cut at \(cut)")
            #expect(scanner.matches.first?.offset == 80_001)
            #expect(scanner.matches.first?.line == 2)
            #expect(scanner.matches.first?.column == 1)
        }
    }
}
