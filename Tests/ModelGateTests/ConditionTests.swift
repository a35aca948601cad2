import Testing
@testable import ModelGate

@Suite struct ConditionTests {
    @Test(arguments: [
        (">= 0.9", Condition.Operator.greaterOrEqual, Condition.Bound.value(0.9)),
        ("<= 50", .lessOrEqual, .value(50)),
        ("< 1%", .less, .value(0.01)),
        (">0.85", .greater, .value(0.85)),
        ("== 1", .equal, .value(1)),
        ("!= -2.5e-3", .notEqual, .value(-0.0025)),
        (">= baseline", .greaterOrEqual, .baseline(.none)),
        (">= baseline - 0.01", .greaterOrEqual, .baseline(.minus(0.01))),
        ("<= baseline * 1.10", .lessOrEqual, .baseline(.times(1.10))),
        ("<= baseline + 5%", .lessOrEqual, .baseline(.plus(0.05))),
        ("  >=   0.5  ", .greaterOrEqual, .value(0.5)),
    ])
    func parsesTheConditionLanguage(text: String, op: Condition.Operator, bound: Condition.Bound) throws {
        let condition = try Condition.parse(text)
        #expect(condition.op == op)
        #expect(condition.bound == bound)
    }

    @Test(arguments: ["high", "", ">=", ">= ", "0.9", "=> 0.9", ">= 0.9 or so", ">= baselines", ">= baseline / 2",
                      ">= baseline -", ">= 1e999", ">= .", ">= nan", "≥ 0.9"])
    func rejectsMalformedConditions(text: String) {
        #expect(throws: ConditionSyntaxError.self) { try Condition.parse(text) }
    }

    @Test func reportsWhereTheTextWentWrong() {
        do {
            _ = try Condition.parse(">= 0.9 extra")
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 7)
        }
    }

    @Test func baselineThresholdsApplyTheAdjustment() throws {
        #expect(try Condition.parse(">= baseline - 0.01").threshold(baseline: 0.9)! == 0.9 - 0.01)
        #expect(try Condition.parse("<= baseline * 1.10").threshold(baseline: 100)! == 100 * 1.10)
        #expect(try Condition.parse(">= baseline").threshold(baseline: nil) == nil)
        #expect(try Condition.parse("< 1%").threshold(baseline: nil) == 0.01)
    }

    @Test func operatorsCompareAsWritten() {
        #expect(Condition.Operator.greaterOrEqual.holds(0.9, 0.9))
        #expect(!Condition.Operator.greater.holds(0.9, 0.9))
        #expect(Condition.Operator.less.holds(0.89, 0.9))
        #expect(!Condition.Operator.lessOrEqual.holds(0.91, 0.9))
        #expect(Condition.Operator.notEqual.holds(1, 2))
    }

    @Test func keepsTheTextAsWrittenForReports() throws {
        #expect(try Condition.parse("  <= baseline * 1.10 ").text == "<= baseline * 1.10")
    }
}
