#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading operands: every declared length is checked against the bytes that remain before it is
/// used, and nothing is copied. (Read-only methods are `mutating` for the reason given in
/// PickleMachine+Stack.swift.)
extension PickleMachine {
    @inline(__always)
    mutating func byte(_ i: inout Int, _ at: Int) throws(PickleStop) -> Int {
        guard i < input.count else { throw truncated(1, at) }
        i += 1
        return Int(input[i - 1])
    }

    @inline(never)
    private mutating func truncated(_ width: Int, _ at: Int) -> PickleStop {
        .malformed(at, "the input ends inside the opcode's \(width)-byte argument")
    }

    mutating func unsigned(_ width: Int, _ i: inout Int, _ at: Int) throws(PickleStop) -> UInt64 {
        guard input.count - i >= width else { throw truncated(width, at) }
        let value: UInt64
        switch width {
        case 1: value = UInt64(input[i])
        case 2: value = UInt64(UInt16(littleEndian: input.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
        case 4: value = UInt64(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
        default: value = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        }
        i += width
        return value
    }

    /// A length of `width` bytes, which must fit in what remains of the input.
    mutating func length(_ width: Int, _ i: inout Int, _ at: Int) throws(PickleStop) -> Int {
        let declared = try unsigned(width, &i, at)
        let remaining = input.count - i
        guard declared <= UInt64(remaining) else {
            throw .malformed(at, "the opcode declares \(declared) bytes but only \(remaining) remain")
        }
        return Int(declared)
    }

    /// A signed 4-byte length (BINSTRING, LONG4), which the loader refuses when negative.
    mutating func signedLength(_ i: inout Int, _ at: Int) throws(PickleStop) -> Int {
        let declared = Int(Int32(truncatingIfNeeded: try unsigned(4, &i, at)))
        guard declared >= 0 else { throw .malformed(at, "the opcode declares a negative length \(declared)") }
        guard declared <= input.count - i else {
            throw .malformed(at, "the opcode declares \(declared) bytes but only \(input.count - i) remain")
        }
        return declared
    }

    mutating func skip(_ count: Int, _ i: inout Int, _ at: Int) throws(PickleStop) {
        guard input.count - i >= count else {
            throw .malformed(at, "the opcode declares \(count) bytes but only \(input.count - i) remain")
        }
        i += count
    }

    /// The bytes up to the next newline (not included); the newline is consumed.
    mutating func line(_ i: inout Int, _ at: Int) throws(PickleStop) -> Range<Int> {
        let start = i
        guard start < input.count, let base = input.baseAddress,
              let found = memchr(base + start, 0x0A, input.count - start) else {
            throw .malformed(at, "the input ends before the newline that ends the opcode's argument")
        }
        let end = base.distance(to: UnsafeRawPointer(found))
        i = end + 1
        return start..<end
    }

    mutating func pushText(_ count: Int, _ form: PickleText.Form, _ i: inout Int, _ at: Int) throws(PickleStop) {
        let start = i
        try skip(count, &i, at)
        try pushText(PickleText(start: start, count: count, form: form), at)
    }

    /// Pushes a string operand the loader can decode; one it cannot ends the load here.
    mutating func pushText(_ text: PickleText, _ at: Int) throws(PickleStop) {
        guard text.isLoadable(in: input) else {
            throw .malformed(at, text.form == .utf8 ? "the string is not UTF-8" : "the string has a broken escape")
        }
        try push(.text(text), at)
    }

    /// A decimal memo key as Python's `int()` reads it: surrounding whitespace, a sign, digits
    /// with single underscores between them.
    mutating func memoKey(_ text: Range<Int>, _ at: Int) throws(PickleStop) -> Int {
        var bytes = input[text]
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var value = 0
        var previousWasDigit = false
        for byte in bytes {
            if byte == UInt8(ascii: "_"), previousWasDigit {
                previousWasDigit = false
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                throw .malformed(at, "the memo key is not a decimal integer")
            }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw .malformed(at, "the memo key is too large") }
            value = sum
            previousWasDigit = true
        }
        guard previousWasDigit else { throw .malformed(at, "the memo key is not a decimal integer") }
        return negative ? -value : value
    }

    func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
    }
}
