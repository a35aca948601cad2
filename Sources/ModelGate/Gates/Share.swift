import Document

/// A share of a whole, written as a fraction or a percentage: `0.01` or `"1%"`. For options
/// such as the most rows a gate may skip, or an error budget.
public struct Share: OptionValue, Equatable, Comparable {
    /// Between 0 and 1.
    public let fraction: Double

    public init(_ fraction: Double) {
        precondition(fraction >= 0 && fraction <= 1, "a share lies in [0, 1]")
        self.fraction = fraction
    }

    public static var optionKind: OptionSpec.Kind { .share }

    public static func read(_ node: Node) -> Share? {
        var value = node.numberValue
        if let text = node.stringValue, text.hasSuffix("%"), let percent = Double(text.dropLast()) { value = percent / 100 }
        guard let value, value >= 0, value <= 1 else { return nil }
        return Share(value)
    }

    public var optionText: String { HumanNumber.format(fraction * 100) + "%" }
    public var numericValue: Double? { fraction }

    public static func < (lhs: Share, rhs: Share) -> Bool { lhs.fraction < rhs.fraction }
}
