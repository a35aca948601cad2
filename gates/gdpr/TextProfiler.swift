import PersonalData

/// Scans a text file (a log) line by line: every validated match, counted per detector with the
/// first line it was on.
struct TextProfiler {
    var scanner: PersonalDataScanner

    func profile(path: String, name: String) throws -> FileProfile {
        var profile = FileProfile(name: name, format: .text)
        var matches: [PersonalDataMatch] = []
        profile.bytes = try LineFile.forEachLine(path: path, name: name) { line, number in
            profile.records += 1
            matches.removeAll(keepingCapacity: true)
            scanner.scan(line, into: &matches)
            for match in matches {
                if let seen = profile.textMatches[match.detector] {
                    profile.textMatches[match.detector] = (seen.count + 1, seen.line, seen.excerpt)
                } else {
                    let excerpt = PersonalDataMask.excerpt(UnsafeRawBufferPointer(rebasing: line[match.range]), detector: match.detector)
                    profile.textMatches[match.detector] = (1, number, excerpt)
                }
            }
        }
        return profile
    }
}
