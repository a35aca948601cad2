import Testing
@testable import AccuracyGate

/// The predictions join's id table: every id found again, by its exact bytes, across many growths.
@Suite struct IDIndexTests {
    func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        Array(text.utf8).withUnsafeBytes(body)
    }

    @Test func everyInsertedIdIsFoundAtItsEntryAndNoOtherIs() {
        var index = IDIndex()
        let ids = (0..<50_000).map { "id-\($0 * 7919)" } + [""]
        for (entry, id) in ids.enumerated() {
            let result = withBytes(id) { index.insert($0) }
            #expect(result.entry == entry && result.inserted)
        }
        #expect(index.count == ids.count)
        var misplaced = 0
        for (entry, id) in ids.enumerated() where withBytes(id, { index.find($0) }) != entry { misplaced += 1 }
        #expect(misplaced == 0)
        #expect(withBytes("id-7", { index.find($0) }) == nil && withBytes("id-0 ", { index.find($0) }) == nil)
        #expect(index.id(at: 3) == Array("id-23757".utf8))
    }

    @Test func aSecondInsertOfAnIdReturnsTheFirstEntry() {
        var index = IDIndex()
        _ = withBytes("a", { index.insert($0) })
        _ = withBytes("b", { index.insert($0) })
        let again = withBytes("a", { index.insert($0) })
        #expect(again.entry == 0 && !again.inserted && index.count == 2)
    }
}
