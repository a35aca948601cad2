// fuzz-sources: Sources/Statistics
// The latency histogram on arbitrary bytes. Byte 0 even: the rest is a histogram's byte form,
// which must be refused with a LatencyHistogramError or decode to a histogram that encodes to
// those very bytes and answers every query within [min, max], never trapping. Byte 0 odd: the
// rest is a sample (8 bytes a value, shifted right by its low 6 bits so all scales occur),
// whose percentiles must keep the error bound, whose halves must merge to the whole, and
// whose byte form must round-trip.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] % 2 == 0 { checkDecoding(bytes) } else { checkRecording(bytes) }
    return 0
}

private let quantiles = [0.0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0]

private func checkDecoding(_ bytes: [UInt8]) {
    let histogram: LatencyHistogram
    do { histogram = try LatencyHistogram(decoding: bytes) } catch { return }
    if histogram.encode() != bytes { fatalError("decoded, but encodes differently") }
    guard let min = histogram.min, let max = histogram.max else {
        if histogram.count != 0 || histogram.value(atQuantile: 0.5) != nil { fatalError("empty, but answers") }
        return
    }
    var previous: UInt64 = 0
    for q in quantiles {
        guard let value = histogram.value(atQuantile: q), value >= Swift.max(min, previous), value <= max else {
            fatalError("q \(q) outside [\(min), \(max)] or below the previous quantile")
        }
        previous = value
    }
    if let mean = histogram.mean, mean < Double(min) * (1 - 1e-15) || mean > Double(max) * (1 + 1e-15) { fatalError("mean \(mean) outside [\(min), \(max)]") }
    if let interval = histogram.interval(quantile: 0.9, confidence: 0.9), interval.lowerBound < min || interval.upperBound > max {
        fatalError("interval \(interval) outside [\(min), \(max)]")
    }
    var doubled = histogram
    if (try? doubled.merge(histogram)) != nil, doubled.count != 2 * histogram.count || doubled.sum != 2 * histogram.sum {
        fatalError("merge with itself did not double")
    }
}

private func checkRecording(_ bytes: [UInt8]) {
    var values: [UInt64] = []
    var offset = 0
    while offset + 8 <= bytes.count {
        var raw: UInt64 = 0
        for byte in bytes[offset..<offset + 8] { raw = raw << 8 | UInt64(byte) }
        values.append(raw >> (raw & 63))
        offset += 8
    }
    guard !values.isEmpty else { return }
    var whole = LatencyHistogram(), first = LatencyHistogram(), second = LatencyHistogram()
    for (index, value) in values.enumerated() {
        whole.record(nanoseconds: value)
        if index % 2 == 0 { first.record(nanoseconds: value) } else { second.record(nanoseconds: value) }
    }
    let sorted = values.sorted()
    for q in quantiles {
        let exact = sorted[Int(LatencyHistogram.rank(quantile: q, count: UInt64(values.count))) - 1]
        guard let reported = whole.value(atQuantile: q) else { fatalError("no q \(q)") }
        if exact > LatencyHistogram.highestTrackableNanoseconds {
            if reported < exact { fatalError("saturated q \(q) read low: \(reported) < \(exact)") }
        } else if Double(reported > exact ? reported - exact : exact - reported) > Double(exact) * LatencyHistogram.relativeErrorBound {
            fatalError("q \(q): \(reported) against exact \(exact)")
        }
    }
    do {
        try first.merge(second)
        if first != whole { fatalError("halves merge to something else") }
        if try LatencyHistogram(decoding: whole.encode()) != whole { fatalError("round trip differs") }
    } catch {
        fatalError("\(error)")
    }
}
