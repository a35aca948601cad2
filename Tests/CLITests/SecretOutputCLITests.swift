import Foundation
import Testing

/// What the command line prints besides reports (`validate`, errors) never shows a `${NAME}` value.
extension CLITests {
    @Test(arguments: ["Tok3nValue9f8e7d", "p@ss-w0rd/secret"])
    func validateAndErrorsNeverPrintASecret(secret: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let id = secret.filter { $0.isLetter || $0.isNumber }
        try write(folder, "ok.yml", "version: 1\ncandidate: {name: m, version: '1'}\ngates:\n  - {id: '${ID}', type: custom, command: [./p.sh]}\n")
        try write(folder, "p.sh", "#!/bin/sh\necho '{}'\n", executable: true)
        let valid = try modelgate(["validate", "--config", "ok.yml"], in: folder, environment: ["ID": id])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(!valid.stdout.contains(id) && valid.stdout.contains("***"), "\(valid.stdout)")

        try write(folder, "missing.yml", "version: 1\ncandidate: {name: m, version: '1', artifacts: ['models/${S}.onnx']}\n"
                  + "gates:\n  - {id: g, type: custom, command: [./p.sh]}\n")
        for command in [["validate"], ["run"]] {
            let result = try modelgate(command + ["--config", "missing.yml"], in: folder, environment: ["S": secret])
            #expect(result.status == 2)
            #expect(result.stderr.contains("models/***.onnx"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(secret))
        }
    }
}
