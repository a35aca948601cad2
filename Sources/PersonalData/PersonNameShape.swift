/// Whether a value is shaped like a person's name: one to five words of letters (any script),
/// each beginning with a capital where the script has case, joined by spaces, hyphens or
/// apostrophes, with particles in lower case allowed (`van`, `de`, `von`, `da`); no digits.
/// Like dates of birth, a name is personal data by context; the gate asks this of name columns.
public enum PersonNameShape {
    static let particles: Set<String> = ["van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "y", "e", "zu", "bin", "al"]

    public static func accepts(_ value: String) -> Bool {
        let words = value.split(separator: " ", omittingEmptySubsequences: false)
        guard (1...5).contains(words.count), value.count >= 2, value.count <= 80 else { return false }
        var capitalised = 0
        for word in words {
            guard !word.isEmpty else { return false }
            if particles.contains(String(word)) { continue }
            for part in word.split(whereSeparator: { $0 == "-" || $0 == "'" || $0 == "’" }) {
                guard let first = part.first, first.isLetter, part.allSatisfy({ $0.isLetter || $0 == "." }) else { return false }
                if first.isUppercase || !first.isCased { capitalised += 1 } else { return false }
            }
        }
        return capitalised > 0
    }
}
