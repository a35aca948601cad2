// The Tabular benchmark's two halves, run by Tests/Scripts/bench-tabular.sh:
//   bench-tabular generate PATH ROWS   writes a numeric CSV like a scored test set
//   bench-tabular read PATH [GROUP]    reads label, score and group, sums them, prints the sums
//                                      (GROUP: the group column's name, default `group`;
//                                      bench-accuracy.sh reads its file's `region` this way)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tabular

@main
enum BenchTabular {
    static func main() throws {
        let arguments = CommandLine.arguments
        switch (arguments.count, arguments.count > 1 ? arguments[1] : "") {
        case (4, "generate"): try generate(path: arguments[2], rows: Int(arguments[3]) ?? 0)
        case (3, "read"): try read(path: arguments[2])
        case (4, "read"): try read(path: arguments[2], groupColumn: arguments[3])
        default:
            fputs("usage: bench-tabular generate PATH ROWS | read PATH [GROUP]\n", stderr)
            exit(2)
        }
    }

    /// id,label,score,group and seven features; the score in shortest round-trip form with up to
    /// 17 digits, as Python and NumPy write probabilities.
    static func generate(path: String, rows: Int) throws {
        guard let file = fopen(path, "w") else { fatalError("cannot create \(path)") }
        defer { fclose(file) }
        var random = SystemRandomNumberGenerator()
        var line = [UInt8]()
        var buffer = Array("id,label,score,group,f1,f2,f3,f4,f5,f6,f7\n".utf8)
        buffer.reserveCapacity(1 << 20)
        for id in 1 ... max(1, rows) {
            let score = Double.random(in: 0 ..< 1, using: &random)
            let label = Double.random(in: 0 ..< 1, using: &random) < score ? 1 : 0
            line.removeAll(keepingCapacity: true)
            line += "\(id),\(label),\(score),g\(Int.random(in: 0 ..< 10, using: &random))".utf8
            for _ in 0 ..< 7 {
                line += ",0.".utf8
                let micro = Int.random(in: 0 ..< 1_000_000, using: &random)
                var divisor = 100_000
                while divisor > 0 {
                    line.append(UInt8(48 + micro / divisor % 10))
                    divisor /= 10
                }
            }
            line.append(0x0A)
            buffer += line
            if buffer.count > 1 << 20 - 256 {
                fwrite(buffer, 1, buffer.count, file)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        fwrite(buffer, 1, buffer.count, file)
    }

    static func read(path: String, groupColumn: String = "group") throws {
        let reader = try CSVReader(path: path)
        let label = try reader.slot("label")
        let score = try reader.slot("score")
        let group = try reader.slot(groupColumn)
        var groups = LabelTable()
        var rowsPerGroup = [Int](repeating: 0, count: 64)
        var labelSum = 0
        var scoreSum = 0.0
        var rows = 0
        while let row = try reader.next() {
            labelSum += try row.int(label) ?? 0
            scoreSum += try row.double(score) ?? 0
            let id = try row.label(group, in: &groups) ?? 0
            if id < rowsPerGroup.count { rowsPerGroup[id] += 1 }
            rows += 1
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("rows \(rows) label_sum \(labelSum) score_sum \(scoreSum) groups \(groups.count)"
              + " max_rss_mb \(usage.ru_maxrss / 1024)")
    }
}
