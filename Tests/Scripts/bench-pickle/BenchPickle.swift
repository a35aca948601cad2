import Foundation
import ModelFiles

/// Scans each file given, three times, and prints the best time and throughput, with the number of
/// findings (a benign file must have none, or the number means nothing).
@main struct BenchPickle {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            var best = Double.infinity
            var report: PickleScanReport?
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                report = try PickleScanner().scanFile(atPath: path)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            guard let report else { continue }
            let megabytes = Double(report.bytesScanned) / 1e6
            print(String(format: "%@: %.1f MB in %.3f s = %.0f MB/s, %d globals, %d findings",
                         (path as NSString).lastPathComponent, megabytes, best, megabytes / best,
                         report.globals.count, report.findings.count))
        }
    }
}
