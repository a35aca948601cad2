/// Reads durations as configuration files write them: `500ms`, `30s`, `10m`, `1h30m`, `1.5h`.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var totalMilliseconds = 0.0
        while index < bytes.count {
            let start = index
            while index < bytes.count, (bytes[index] >= 48 && bytes[index] <= 57) || bytes[index] == 46 { index += 1 }
            guard index > start, let amount = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
            let unitStart = index
            while index < bytes.count, bytes[index] >= 97 && bytes[index] <= 122 { index += 1 }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            switch unit {
            case "ms": totalMilliseconds += amount
            case "s": totalMilliseconds += amount * 1_000
            case "m": totalMilliseconds += amount * 60_000
            case "h": totalMilliseconds += amount * 3_600_000
            default: return nil
            }
        }
        // A week is far beyond any sane gate and keeps the arithmetic below far from overflow.
        guard totalMilliseconds > 0, totalMilliseconds <= 7 * 24 * 3_600_000 else { return nil }
        return .milliseconds(Int64(totalMilliseconds.rounded()))
    }

    /// `1m30s`-style text for reports and `modelgate gates`.
    public static func format(_ duration: Duration) -> String {
        let ms = Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
        if ms == 0 { return "0s" }
        if ms % 3_600_000 == 0 { return "\(ms / 3_600_000)h" }
        if ms % 60_000 == 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }
}
