/// The check-digit algorithms the detectors share.
enum Checksum {
    /// Luhn (ISO/IEC 7812-1 annex B): doubling every second digit from the right, sum divisible by 10.
    static func luhn(_ digits: SmallBytes, from start: Int = 0, count: Int? = nil) -> Bool {
        let end = start + (count ?? digits.count - start)
        var sum = 0
        var double = false
        var index = end - 1
        while index >= start {
            var digit = Int(digits[index])
            if double {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            double.toggle()
            index -= 1
        }
        return sum % 10 == 0
    }

    /// ISO 7064 MOD 11,10 (a hybrid system), as the Steuer-IdNr uses it: the check digit the
    /// first `count` digits call for. Procedure as published for the USt-IdNr in BGBl. I 1993
    /// S. 736 Anlage 3 and for the Steuer-IdNr by the BZSt.
    static func iso7064Mod11_10(_ digits: SmallBytes, count: Int) -> Int {
        var product = 10
        for index in 0..<count {
            var sum = (Int(digits[index]) + product) % 10
            if sum == 0 { sum = 10 }
            product = (2 * sum) % 11
        }
        let check = 11 - product
        return check == 10 ? 0 : check
    }

    /// Weighted sum of the first `weights.count` digits.
    static func weightedSum(_ digits: SmallBytes, weights: [Int], from start: Int = 0) -> Int {
        var sum = 0
        for (offset, weight) in weights.enumerated() { sum += Int(digits[start + offset]) * weight }
        return sum
    }
}
