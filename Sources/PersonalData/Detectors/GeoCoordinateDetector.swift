/// Latitude/longitude pairs in one value: `48.8566, 2.3522`, `-33.8688,151.2093`, `48.8566 2.3522`:
/// decimal degrees with at least four decimals each (about 11 m, a street address; fewer is a
/// price or a measurement), latitude within ±90 and longitude within ±180, not both zero (null
/// island, a missing value). Two columns are checked one value at a time with `latitude(_:)`/`longitude(_:)`.
/// Source: ISO 6709:2022 (decimal-degree representation), https://www.iso.org/standard/75147.html;
/// the precision reasoning as in https://en.wikipedia.org/wiki/Decimal_degrees#Precision
struct GeoCoordinateDetector: Detector {
    var id: DetectorID { .latLon }
    var firstBytes: ByteSet { ByteSet.digits.union(ByteSet("-")) }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] { [DigitLead(LeadingDigits(1...3), then: ByteSet("."), then: LeadingDigits(4...15))] }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["48.8566, 2.3522", "-33.8688,151.2093", "40.712776 -74.005974", "at (51.5074, -0.1278) today"],
            ignores: ["91.0000, 2.3522", "48.8566, 181.0000", "48.85, 2.35", "12.50, 3.99", "0.0000, 0.0000", "48.8566",
                      "1.2345.6789, 2.3456"])
    }

    static let minimumDecimals = 4

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let (latitude, latitudeEnd) = GeoCoordinateDetector.degrees(text, start), abs(latitude) <= 90 else { return nil }
        var index = latitudeEnd
        // One comma or semicolon and/or spaces between the two.
        let separatorStart = index
        while text.byte(index) == UInt8(ascii: " ") { index += 1 }
        if text.byte(index) == UInt8(ascii: ",") || text.byte(index) == UInt8(ascii: ";") { index += 1 }
        while text.byte(index) == UInt8(ascii: " ") { index += 1 }
        guard index > separatorStart, index - separatorStart <= 3,
              let (longitude, end) = GeoCoordinateDetector.degrees(text, index), abs(longitude) <= 180,
              latitude != 0 || longitude != 0 else { return nil }
        return end
    }

    /// A latitude written alone (a `lat` column's value).
    static func latitude(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let (value, end) = degrees(bytes, 0), end == bytes.count, abs(value) <= 90 else { return nil }
        return value
    }

    /// A longitude written alone (a `lon` column's value).
    static func longitude(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let (value, end) = degrees(bytes, 0), end == bytes.count, abs(value) <= 180 else { return nil }
        return value
    }

    /// `-?d{1,3}.d{4,15}` as a value and where it ends.
    static func degrees(_ text: UnsafeRawBufferPointer, _ start: Int) -> (Double, Int)? {
        var index = start
        let negative = text.byte(index) == UInt8(ascii: "-")
        if negative { index += 1 }
        var whole = 0
        let wholeStart = index
        while isDigit(text.byte(index)), index - wholeStart < 4 {
            whole = whole * 10 + Int(text[index] - 0x30)
            index += 1
        }
        let wholeLength = index - wholeStart
        guard (1...3).contains(wholeLength), !(wholeLength > 1 && text[wholeStart] == UInt8(ascii: "0")),
              text.byte(index) == UInt8(ascii: ".") else { return nil }
        index += 1
        let fractionStart = index
        var fraction = 0.0
        var scale = 0.1
        while isDigit(text.byte(index)), index - fractionStart <= 15 {
            fraction += Double(text[index] - 0x30) * scale
            scale /= 10
            index += 1
        }
        let decimals = index - fractionStart
        guard decimals >= minimumDecimals, decimals <= 15, text.byte(index) != UInt8(ascii: ".") else { return nil }
        let value = Double(whole) + fraction
        return (negative ? -value : value, index)
    }
}
