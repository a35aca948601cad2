/// Where the answer sits in a JSON response, written `output.label` or `predictions.0`: object
/// keys and array indices separated by dots. Empty: the whole response.
public struct ResponsePath: Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public let steps: [Step]

    public init(steps: [Step] = []) {
        self.steps = steps
    }

    /// Reads `text`; nil when a step is empty (`a..b`, a leading or trailing dot).
    public init?(_ text: String) {
        guard !text.isEmpty else { self.steps = []; return }
        var steps: [Step] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { return nil }
            if part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), part.utf8.count <= 9, let index = Int(part) {
                steps.append(.index(index))
            } else {
                steps.append(.key(String(part)))
            }
        }
        self.steps = steps
    }

    public var description: String {
        steps.map { step -> String in
            switch step {
            case .key(let key): return key
            case .index(let index): return String(index)
            }
        }.joined(separator: ".")
    }
}
