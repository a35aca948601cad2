import Document
import Foundation
import ModelGate

/// One run of the security gate: find the files, read each once (`FileBytes`) and judge it
/// (`FileScan`), then hold the digests against the pins and the manifest.
struct SecurityScan {
    var options: SecurityOptions
    var context: GateContext

    struct Result {
        var findings: [Finding] = []
        var filesScanned = 0
        var bytesScanned = 0
    }

    func run() throws -> Result {
        var result = Result()
        let written = options.paths ?? context.candidate.artifacts.map(\.path)
        guard !written.isEmpty || !options.pins.isEmpty || options.manifest != nil || options.endpoint else {
            throw GateFailure("nothing to scan: set 'paths', or give the candidate artifacts")
        }
        var manifestFolder: String?
        if let manifest = options.manifest {
            let folder = (manifest as NSString).deletingLastPathComponent
            manifestFolder = folder.isEmpty ? "." : folder
        }
        let targets = ScanTargets(written + options.pins.map(\.path) + (manifestFolder.map { [$0] } ?? []),
                                  resolve: context.resolve, maxFiles: options.maxFiles, maxFileBytes: options.maxFileBytes)
        result.findings += targets.findings

        // Each file once, by where it is on disk; its digest serves the pins and the manifest,
        // and is taken only when one of them will compare it, or when the file is a candidate
        // artifact, whose digest in the report must be of the bytes scanned here.
        let needsDigest = !options.pins.isEmpty || options.manifest != nil
        var artifactDigests: [String: HashedArtifact] = [:]
        for artifact in context.artifacts { artifactDigests[ScanTargets.diskPath(context.resolve(artifact.path))] = artifact }
        var digests: [String: String] = [:]
        var scanned = Set<String>()
        let reader = FileBytes()
        for file in targets.files where scanned.insert(file.path).inserted {
            let bytes = try reader.read(file, maxBytes: options.maxFileBytes)
            let artifact = artifactDigests[file.path]
            let scan = FileScan(bytes, file: file, options: options, digest: needsDigest || artifact != nil)
            digests[file.path] = scan.sha256
            if let artifact, let digest = scan.sha256, digest != artifact.sha256 {
                result.findings.append(SecurityRules.finding(.changedArtifact, path: file.name,
                    message: "'\(file.name)' hashes to \(digest) now, but to \(artifact.sha256) when the run began (the digest the report names)"))
            }
            result.filesScanned += 1
            result.bytesScanned += bytes.count
            result.findings += scan.findings
        }
        for pin in options.pins {
            let path = ScanTargets.diskPath(context.resolve(pin.path))
            guard let digest = digests[path] else {
                result.findings.append(SecurityRules.finding(.digestMismatch, path: pin.path, message: "'\(pin.path)' is pinned but was not read"))
                continue
            }
            if digest != pin.sha256 {
                result.findings.append(SecurityRules.finding(.digestMismatch, path: pin.path,
                                                             message: "'\(pin.path)' hashes to \(digest), not the pinned \(pin.sha256)"))
            }
        }
        if let manifest = options.manifest, let manifestFolder {
            result.findings += try manifestFindings(manifest, folder: manifestFolder, files: targets.files, digests: digests)
        }
        // The same problem found through two paths is one finding.
        var seen = Set<String>()
        result.findings = result.findings.filter { seen.insert("\($0.rule)|\($0.location.path ?? "")|\($0.location.offset ?? -1)|\($0.message)").inserted }
        return result
    }

    private func manifestFindings(_ manifest: String, folder: String, files: [ScanTargets.File],
                                  digests: [String: String]) throws -> [Finding] {
        let bytes: [UInt8]
        do {
            bytes = try DocumentReader.readFile(context.resolve(manifest), maxSize: 16 << 20)
        } catch {
            return [SecurityRules.finding(.missingFile, path: manifest, message: "the manifest cannot be read: \(error)")]
        }
        let parsed = ArtifactManifest(text: bytes, name: manifest)
        var findings = parsed.problems.map { SecurityRules.finding(.malformedManifest, path: manifest, line: $0.line, message: $0.message) }
        let prefix = folder == "." ? "" : folder + "/"
        let manifestName = String(manifest.dropFirst(prefix.count))
        var listed = Set<String>()
        for entry in parsed.entries {
            listed.insert(entry.path)
            let name = prefix + entry.path
            guard let digest = digests[ScanTargets.diskPath(context.resolve(name))] else {
                findings.append(SecurityRules.finding(.digestMismatch, path: name, line: nil,
                                                      message: "'\(entry.path)' is listed in \(manifest) (line \(entry.line)) but was not found"))
                continue
            }
            if digest != entry.sha256 {
                findings.append(SecurityRules.finding(.digestMismatch, path: name,
                                                      message: "'\(name)' hashes to \(digest), not \(entry.sha256) as \(manifest) line \(entry.line) says"))
            }
        }
        // By place on disk, not by name: a file reached through another spelling of the folder is
        // still in it, and must still be listed.
        let folderOnDisk = ScanTargets.diskPath(context.resolve(folder)) + "/"
        for file in files where file.path.hasPrefix(folderOnDisk) {
            let relative = String(file.path.dropFirst(folderOnDisk.count))
            guard !ArtifactManifest.isOwnFile(relative, manifest: manifestName), !listed.contains(relative) else { continue }
            findings.append(SecurityRules.finding(.unlistedFile, path: file.name, message: "'\(file.name)' is in the manifest's folder but not in \(manifest)"))
        }
        return findings
    }
}
