/// Labels taken from the data (slice values, class names) become parts of metric names, which
/// every report prints. One that looks like personal data (an e-mail address; a phone, account
/// or identity number; an IP address) is shown masked, as findings' excerpts are (`j***@e***.com`),
/// so that slicing by the wrong column cannot print the column.
public enum DataLabel {
    /// At this many digits a label reads as a number about someone (a phone, an account, a
    /// national id, an address in a network), not as a group's name.
    static let digitsThatIdentify = 5
    /// Longer labels are cut: a group's name is short.
    static let longest = 40

    /// The label as reports may show it.
    public static func shown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        if let at = scalars.firstIndex(of: "@"), at > 0, at < scalars.count - 1 { return maskedEmail(scalars, at: at) }
        if scalars.count(where: { $0.properties.numericType == .decimal }) >= digitsThatIdentify { return maskedDigits(scalars) }
        guard scalars.count > longest else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(longest - 1))) + "…"
    }

    /// Several labels as reports may show them, still told apart: two addresses that mask alike
    /// get `#2`, `#3`… in the order given.
    public static func shown(_ labels: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return labels.map { label in
            let masked = shown(label)
            let count = (seen[masked] ?? 0) + 1
            seen[masked] = count
            return count == 1 ? masked : "\(masked) #\(count)"
        }
    }

    /// `john.doe@example.com` → `j***@e***.com`.
    private static func maskedEmail(_ scalars: [Unicode.Scalar], at: Int) -> String {
        let domain = scalars[(at + 1)...]
        let dot = domain.lastIndex(of: ".")
        let suffix = dot.map { String(String.UnicodeScalarView(scalars[$0...].prefix(8))) } ?? ""
        return "\(Character(scalars[0]))***@\(Character(scalars[at + 1]))***\(suffix)"
    }

    /// Every digit but the last two masked: `+44 20 7946 0958` → `+** ** **** **58`.
    private static func maskedDigits(_ scalars: [Unicode.Scalar]) -> String {
        var digitsLeft = scalars.count(where: { $0.properties.numericType == .decimal })
        var out = String.UnicodeScalarView()
        for scalar in scalars.prefix(longest) {
            if scalar.properties.numericType == .decimal {
                digitsLeft -= 1
                out.append(digitsLeft < 2 ? scalar : "*")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
