/// A double-double number `hi + lo` (about 106 bits), for the few finalising formulas that cancel.
// Uses the classic error-free transformations (Knuth's two-sum, the FMA two-product).
struct DoubleDouble: Sendable {
    var hi: Double
    var lo: Double

    init(_ value: Double) {
        hi = value
        lo = 0
    }

    init(hi: Double, lo: Double) {
        let sum = hi + lo
        self.hi = sum
        self.lo = lo - (sum - hi)
    }

    var value: Double { hi + lo }

    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let (sum, error) = twoSum(a.hi, -b.hi)
        return DoubleDouble(hi: sum, lo: error + (a.lo - b.lo))
    }

    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let product = a.hi * b.hi
        let error = (-product).addingProduct(a.hi, b.hi)
        return DoubleDouble(hi: product, lo: error + (a.hi * b.lo + a.lo * b.hi))
    }

    static func / (a: DoubleDouble, b: Double) -> DoubleDouble {
        let first = a.hi / b
        // first * b == product + productError exactly; a.hi - product is exact (Sterbenz).
        let product = first * b
        let productError = (-product).addingProduct(first, b)
        let remainder = (a.hi - product) - productError + a.lo
        return DoubleDouble(hi: first, lo: remainder / b)
    }

    private static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let sum = a + b
        let bVirtual = sum - a
        let aVirtual = sum - bVirtual
        return (sum, (a - aVirtual) + (b - bVirtual))
    }
}
