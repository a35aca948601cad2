// The bounded output buffer on its own, where every chunking of the same bytes can be tried quickly.
@testable import ChildProcess
import Testing

struct CaptureTests {
    /// Feeds `data` in chunks of the given sizes (cycling) and returns what was kept.
    func capture(_ data: [UInt8], limit: Int, keepingTail: Bool, chunks: [Int]) -> Capture {
        var capture = Capture(limit: limit, keepingTail: keepingTail)
        var offset = 0, index = 0
        while offset < data.count {
            let end = min(data.count, offset + chunks[index % chunks.count])
            data[offset..<end].withUnsafeBytes { capture.append($0) }
            offset = end
            index += 1
        }
        return capture
    }

    @Test(arguments: [[1], [7], [100], [333], [1000], [3, 250, 1, 64], [5000]])
    func headAndTailAreExactWhateverTheChunking(chunks: [Int]) {
        let data = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) }
        let kept = capture(data, limit: 301, keepingTail: true, chunks: chunks)
        let marker = Array("\n[... 4699 bytes omitted ...]\n".utf8)
        #expect(kept.bytes == Array(data[0..<151]) + marker + Array(data[(5000 - 150)...]))
        #expect(kept.truncated)
        #expect(kept.total == 5000)
    }

    @Test(arguments: [[1], [64], [300]])
    func outputWithinTheLimitIsKeptWhole(chunks: [Int]) {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        let kept = capture(data, limit: 300, keepingTail: true, chunks: chunks)
        #expect(kept.bytes == data)
        #expect(!kept.truncated)
    }

    @Test func headOnlyCaptureKeepsTheFirstBytesWithoutMarker() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0) }
        let kept = capture(data, limit: 10, keepingTail: false, chunks: [3])
        #expect(kept.bytes == Array(data[0..<10]))
        #expect(kept.truncated)
    }

    @Test func zeroLimitKeepsNothingButCountsEverything() {
        let kept = capture([1, 2, 3], limit: 0, keepingTail: true, chunks: [2])
        #expect(kept.total == 3)
        #expect(kept.truncated)
        #expect(kept.bytes.isEmpty)
    }

    @Test(arguments: [[65536], [4096], [4095, 1, 8191], [16128], [16129]])
    func aLogSizedLimitKeepsExactHalvesOfAnyBytes(chunks: [Int]) {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<30012).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let kept = capture(data, limit: 16128, keepingTail: true, chunks: chunks)
        let marker = Array("\n[... 13884 bytes omitted ...]\n".utf8)
        #expect(kept.bytes == Array(data[0..<8064]) + marker + Array(data[(30012 - 8064)...]))
    }
}
