import ModelGate
import PersonalData

/// Scans a text file (a log) line by line on every core: every validated match, counted per
/// detector with the first line it was on.
struct TextProfiler {
    var scanner: PersonalDataScanner
    var lines = LineFile()

    func profile(path: String, name: String) throws -> FileProfile {
        try merge(lines.profile(path: path, name: name, work: TextLineWork(scanner: scanner, name: name)), name: name)
    }

    /// The workers' profiles as one (see `FileProfile.merge`), or the earliest failure.
    func merge(_ outcome: LineFile.Outcome<TextLineWork.Worker>, name: String) throws -> FileProfile {
        if let failure = outcome.failure { throw GateFailure(failure.message) }
        var profile = FileProfile(name: name, format: .text)
        for worker in outcome.states { profile.merge(worker.profile) }
        profile.bytes = outcome.bytes
        return profile
    }
}

/// What a thread does with each line of a text file.
struct TextLineWork: LineWork {
    var scanner: PersonalDataScanner
    var name: String

    struct Worker: Sendable {
        var profile: FileProfile
        var matches: [PersonalDataMatch] = []
    }

    func makeWorker() -> Worker { Worker(profile: FileProfile(name: name, format: .text)) }

    /// The whole chunk in one scan: a match never spans lines and finds the same values with or
    /// without the lines around it (Tests/Fuzz/PersonalDataScannerFuzz.swift checks both), and
    /// a line's number is counted only for a detector's first match.
    func add(chunk: LineChunk, maximumLineBytes: Int, to worker: inout Worker) throws {
        // A chunk within the cap holds no line over it; a longer one goes line by line, to say which.
        guard chunk.count <= maximumLineBytes + 1 else {
            return try chunk.forEachLine(maximumLineBytes: maximumLineBytes) { line, number in try add(line, number: number, to: &worker) }
        }
        worker.profile.records += chunk.lines
        worker.matches.removeAll(keepingCapacity: true)
        chunk.withBytes { text in
            scanner.scan(text, into: &worker.matches)
            var line = chunk.firstLine
            var counted = 0
            for match in worker.matches {
                if let seen = worker.profile.textMatches[match.detector] {
                    worker.profile.textMatches[match.detector] = (seen.count + 1, seen.line, seen.excerpt)
                } else {
                    line += NewlineSearch.count(in: text, from: counted, to: match.range.lowerBound)
                    counted = match.range.lowerBound
                    let excerpt = PersonalDataMask.excerpt(UnsafeRawBufferPointer(rebasing: text[match.range]), detector: match.detector)
                    worker.profile.textMatches[match.detector] = (1, line, excerpt)
                }
            }
        }
    }

    func add(_ line: UnsafeRawBufferPointer, number: Int, to worker: inout Worker) throws(LineFailure) {
        worker.profile.records += 1
        worker.matches.removeAll(keepingCapacity: true)
        scanner.scan(line, into: &worker.matches)
        for match in worker.matches {
            if let seen = worker.profile.textMatches[match.detector] {
                worker.profile.textMatches[match.detector] = (seen.count + 1, seen.line, seen.excerpt)
            } else {
                let excerpt = PersonalDataMask.excerpt(UnsafeRawBufferPointer(rebasing: line[match.range]), detector: match.detector)
                worker.profile.textMatches[match.detector] = (1, number, excerpt)
            }
        }
    }
}
