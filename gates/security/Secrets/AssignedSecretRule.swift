/// A secret assigned to a telling name: `password = "Xk9#mP2$vL7q"`, `api_key: 9fA3kL0p…`. The
/// name must be one of the words below (any case, optionally with a prefix such as `db_` before
/// it and a suffix after it), the value at least 12 bytes with a spread of characters typical of
/// generated secrets (Shannon entropy of at least 3 bits per byte, 8 distinct bytes, two classes of
/// character), and not a placeholder or code (`${DB_PASSWORD}`, `<token>`, `os.environ[...]`).
enum AssignedSecretRule {
    static let keywords = ["password", "passwd", "secret", "token", "api_key", "apikey", "api-key", "access_key",
                           "private_key", "client_secret", "auth_key", "credentials"].map { Array($0.utf8) }

    static let rule = SecretRule(
        id: "secret.assigned-high-entropy", summary: "A high-entropy value assigned to a password, secret or token",
        help: "A value that looks generated, assigned to a name like password, secret or token, is most likely a live credential. Move it to a secret store or an environment variable, and rotate it.",
        severity: "medium",
        anchors: keywords, anchorsIgnoreCase: true,
        match: { bytes, start, anchor in match(bytes, start, anchor) },
        flags: ["password = \"Xk9#mP2$vL7qR4w!\"", "API_KEY: 9fA3kL0pQ7zX2mN8vB5c", "db_password=Tr0ub4dor&3xYz!9", "\"client_secret\": \"aZ8kQ2xV7pL4mN9w\"", "Password: Xk9#mP2$vL7qR4w!"],
        ignores: ["password = ${DB_PASSWORD}", "token: <your-token-here>", "password_min_length = 12", "secret = \"aaaaaaaaaaaaaaaa\"",
                  "token = os.environ[\"TOKEN\"]", "passwords must be long", "password: changeme-changeme", "the password is long"])

    typealias B = SecretBytes

    static func match(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ anchor: Int) -> Int? {
        // `db_password` names a password; `mypassword` is prose or an identifier of something else.
        guard start == 0 || !B.isAlnum(bytes[start - 1]) else { return nil }
        var index = start + anchor
        // A suffix of the name (`_hash` does not make it safe to print), then the assignment.
        index += B.run(bytes, from: index, limit: 24) { B.isAlnum($0) || $0 == 0x5F || $0 == 0x2D }
        var sawAssignment = false
        var steps = 0
        while index < bytes.count, steps < 6, [0x20, 0x09, 0x22, 0x27, 0x3A, 0x3D].contains(bytes[index]) {
            if bytes[index] == 0x3A || bytes[index] == 0x3D { sawAssignment = true }
            index += 1
            steps += 1
        }
        guard sawAssignment else { return nil }
        let valueStart = index
        let length = B.run(bytes, from: valueStart, limit: 201) { byte in
            byte > 0x20 && byte < 0x7F && ![0x22, 0x27, 0x2C, 0x3B, 0x29, 0x7D, 0x5D, 0x60].contains(byte)
        }
        guard length >= 12, length <= 200 else { return nil }
        let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<(valueStart + length)])
        guard looksGenerated(value) else { return nil }
        return valueStart + length - start
    }

    static let placeholders = ["xxx", "***", "...", "changeme", "example", "placeholder", "your", "dummy", "redacted",
                               "environ", "getenv", "secret", "password", "token"].map { Array($0.utf8) }

    /// Whether a value has the spread of a generated secret and is neither a placeholder nor code.
    static func looksGenerated(_ value: UnsafeRawBufferPointer) -> Bool {
        guard let first = value.first, ![0x24, 0x7B, 0x3C, 0x25, 0x5B].contains(first) else { return false }
        if value.contains(where: { $0 == 0x28 || $0 == 0x5B }) { return false }
        let lowered = value.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        for word in placeholders where contains(lowered, word) { return false }
        var counts = [Int](repeating: 0, count: 256)
        var classes = Set<Int>()
        for byte in value {
            counts[Int(byte)] += 1
            classes.insert(byte >= 0x30 && byte <= 0x39 ? 0 : byte >= 0x61 && byte <= 0x7A ? 1 : byte >= 0x41 && byte <= 0x5A ? 2 : 3)
        }
        let distinct = counts.filter { $0 > 0 }.count
        guard distinct >= 8, classes.count >= 2 else { return false }
        let total = Double(value.count)
        let entropy = counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * (log2(p))
        }
        return entropy >= 3.0
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    private static func log2(_ x: Double) -> Double { Foundation.log2(x) }
}

import Foundation
