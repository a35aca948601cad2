import GateTestSupport
import ModelGate
import Testing

/// Under the default decision, a handful of rows never passes a threshold by luck: Wilson
/// intervals of a few rows are wide, and a bootstrap of fewer than 50 rows gives no interval.
@Suite struct SmallTestSetTests {
    /// `rows` rows, all predicted right, perfectly separated by score.
    func perfect(_ rows: Int) -> String {
        "label,prediction,score\n" + (0..<rows).map { "\($0 % 2),\($0 % 2),\($0 % 2 == 0 ? 0.1 : 0.9)" }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [(1, ">= 0.9"), (3, ">= 0.95"), (5, ">= 0.8"), (10, ">= 0.9"), (20, ">= 0.9")])
    func aPerfectTinyTestSetIsInconclusiveNotAPass(rows: Int, condition: String) async throws {
        let workspace = try GateWorkspace(["test.csv": perfect(rows)])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\nthresholds: {accuracy: \"\(condition)\"}")
        #expect(result.status == .inconclusive, "\(rows) rows: \(result.status)")
        #expect(result.metric("accuracy") == 1)
    }

    @Test(arguments: [8, 10, 30, 49])
    func aBootstrapOnFewerThanFiftyRowsDecidesNothing(rows: Int) async throws {
        let workspace = try GateWorkspace(["test.csv": perfect(rows)])
        for decide in ["", "\ndecide: interval"] {
            let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nthresholds: {roc_auc: \">= 0.9\"}" + decide)
            #expect(result.status == .inconclusive, "\(rows) rows: \(result.status)")
            let check = try #require(result.check("roc_auc"))
            #expect(check.interval == nil && check.note?.contains("at least 50 rows") == true, "\(check.note ?? "")")
        }
    }

    @Test func fromFiftyRowsTheBootstrapDecides() async throws {
        let workspace = try GateWorkspace(["test.csv": perfect(200)])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nthresholds: {roc_auc: \">= 0.9\"}")
        #expect(result.status == .pass, "\(result.error ?? "")")
        #expect(result.check("roc_auc")?.interval != nil)
    }

    @Test func smallRegressionAndMulticlassSetsAreInconclusiveToo() async throws {
        let workspace = try GateWorkspace([
            "r.csv": "y,p\n" + (0..<12).map { "\($0),\($0)" }.joined(separator: "\n") + "\n",
            "m.csv": "y,p\na,a\nb,b\nc,c\na,a\n",
        ])
        let regression = try await workspace.run("data: r.csv\ntask: regression\nlabel: y\nprediction: p\nthresholds: {mae: \"<= 0.5\"}")
        #expect(regression.status == .inconclusive, "\(regression.status)")
        let multiclass = try await workspace.run("data: m.csv\ntask: multiclass\nlabel: y\nprediction: p\nthresholds: {accuracy: \">= 0.9\", f1_macro: \">= 0.9\"}")
        #expect(multiclass.status == .inconclusive, "\(multiclass.status)")
    }

    @Test func pointDecisionsAreTheTeamsExplicitChoice() async throws {
        let workspace = try GateWorkspace(["test.csv": perfect(3)])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\ndecide: point\nthresholds: {accuracy: \">= 0.95\"}")
        #expect(result.status == .pass)
    }
}
