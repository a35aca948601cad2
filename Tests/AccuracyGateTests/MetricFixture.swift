import Foundation

/// One case written by Tests/Scripts/make-accuracy-fixtures.py: rows and what scikit-learn computes.
struct MetricFixture: Decodable {
    /// A label as the fixture gives it: a JSON number or string.
    enum Label: Decodable, Hashable {
        case number(Double)
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        var number: Double {
            if case let .number(value) = self { return value }
            preconditionFailure("expected a number, got \(self)")
        }
    }

    struct Rows: Decodable {
        var label: [Label]?
        var prediction: [Label]?
        var score: [Double]?
        var scores: [[Double]]?
        var target: [Double]?
    }

    struct ClassExpectation: Decodable {
        var `class`: Label
        var precision: Double
        var recall: Double
        var f1: Double
        var support: Int
    }

    var `case`: String
    var sklearn_version: String
    var task: String
    var classes: [Label]?
    var positive: Label?
    var threshold: Double?
    var rows: Rows
    /// nil: scikit-learn gives NaN or refuses the data, so the metric must be undefined.
    var expected: [String: Double?]
    var per_class: [ClassExpectation]?
    var confusion_matrix: [[Int]]?

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func names(task: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasPrefix(task) && $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func load(_ name: String) throws -> MetricFixture {
        let data = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        return try JSONDecoder().decode(MetricFixture.self, from: data)
    }

    var rowCount: Int { rows.label?.count ?? rows.target?.count ?? 0 }
}
