import Testing
import ModelGate

/// Labels from the data that look like personal data are masked before they become metric names.
@Suite struct DataLabelTests {
    @Test(arguments: [
        ("user1@example.com", "u***@e***.com"), ("j.doe+ml@mail.example.co.uk", "j***@m***.uk"),
        ("+44 20 7946 0958", "+** ** **** **58"), ("4111111111111111", "**************11"),
        ("192.168.10.23", "***.***.**.23"), ("DE89370400440532013000", "DE******************00"),
        ("123-45-6789", "***-**-**89"),
    ])
    func personalLookingLabelsAreMasked(label: String, shown: String) {
        #expect(DataLabel.shown(label) == shown)
        #expect(!DataLabel.shown(label).contains(label))
    }

    @Test(arguments: ["north", "east", "18-25", "2024", "class A", "true", "1", "über", "NL-1234"])
    func groupNamesAreShownAsTheyAre(label: String) {
        #expect(DataLabel.shown(label) == label)
    }

    @Test func masksThatCollideAreToldApart() {
        #expect(DataLabel.shown(["user1@example.com", "ursula@example.com", "north", "u@e.com"])
                == ["u***@e***.com", "u***@e***.com #2", "north", "u***@e***.com #3"])
    }

    @Test func longLabelsAreCut() {
        let long = String(repeating: "a", count: 200)
        #expect(DataLabel.shown(long).count == 40)
    }
}
