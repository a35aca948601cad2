/// Sorts score keys with their counts: a stable least-significant-digit radix sort.
// A ranking sorts each batch of rows before merging it into its sorted entries. Radix passes
// stream through memory, where a hash table of half a million entries would miss the cache on
// every row; only the bits that vary within the batch are sorted, 11 at a time.
enum RadixSort {
    private static let digitBits = 11

    static func sort(keys: inout [UInt64], values: inout [Int]) {
        guard let first = keys.first else { return }
        let varying = keys.reduce(0) { $0 | ($1 ^ first) }
        guard varying != 0 else { return }
        let significant = 64 - varying.leadingZeroBitCount
        var keyScratch = [UInt64](repeating: 0, count: keys.count)
        var valueScratch = [Int](repeating: 0, count: keys.count)
        var buckets = [Int](repeating: 0, count: 1 << digitBits)
        var shift = varying.trailingZeroBitCount
        while shift < significant {
            pass(keys, values, into: &keyScratch, &valueScratch, buckets: &buckets, shift: UInt64(shift))
            swap(&keys, &keyScratch)
            swap(&values, &valueScratch)
            shift += digitBits
        }
    }

    /// One stable counting-sort pass on the digit at `shift`.
    private static func pass(_ keys: [UInt64], _ values: [Int], into sortedKeys: inout [UInt64], _ sortedValues: inout [Int],
                             buckets: inout [Int], shift: UInt64) {
        let mask = UInt64((1 << digitBits) - 1)
        keys.withUnsafeBufferPointer { key in
            values.withUnsafeBufferPointer { value in
                sortedKeys.withUnsafeMutableBufferPointer { sortedKey in
                    sortedValues.withUnsafeMutableBufferPointer { sortedValue in
                        buckets.withUnsafeMutableBufferPointer { bucket in
                            bucket.update(repeating: 0)
                            for index in key.indices { bucket[Int((key[index] >> shift) & mask)] += 1 }
                            var start = 0
                            for digit in bucket.indices {
                                let size = bucket[digit]
                                bucket[digit] = start
                                start += size
                            }
                            for index in key.indices {
                                let digit = Int((key[index] >> shift) & mask)
                                let target = bucket[digit]
                                bucket[digit] = target + 1
                                sortedKey[target] = key[index]
                                sortedValue[target] = value[index]
                            }
                        }
                    }
                }
            }
        }
    }
}
