// `triage-bench pairs DIR…`: one cause in two projects and a decoy, per case directory. Each case
// holds `A.log` and `B.log`, the same cause in projects `acme/A` and `acme/B` (other test names,
// files, lines, the project's own name), and `A-decoy.log`, a cause in project A whose message
// names another thing. A case is right when A and B share a cluster and the decoy has its own;
// printed per case with the signatures of the ones that are not.
import Foundation
import LogAnalysis
import TriageCore

func benchPairs(_ directories: [String]) {
    let extractor = ExcerptExtractor()
    var right = 0
    var total = 0
    for directory in directories {
        let cases = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for name in cases {
            let dir = directory + "/" + name
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter {
                $0.hasSuffix(".log")
            }.sorted()
            guard let decoy = files.first(where: { $0.hasSuffix("-decoy.log") }) else { continue }
            let project = { (file: String) in "acme/" + file.dropLast(4).split(separator: "-")[0] }
            let a = String(decoy.dropLast("-decoy.log".count)) + ".log"
            guard let b = files.first(where: { $0 != a && $0 != decoy }), files.contains(a) else { continue }
            var clusterer = ScopedClusterer(threshold: Analyzer.defaultThreshold)
            var signatures: [String: FailureSignature] = [:]
            var ids: [String: ClusterID] = [:]
            for (k, file) in [a, b, decoy].enumerated() {
                guard let data = FileManager.default.contents(atPath: dir + "/" + file) else { continue }
                let signature = Analyzer.signature(
                    of: extractor.excerpt(failed: TraceCleaner.clean([UInt8](data))), project: project(file))
                signatures[file] = signature
                ids[file] = clusterer.assign(
                    signature, member: k, night: "2026-12-01", project: project(file))
            }
            let joined = ids[a] != nil && ids[a] == ids[b]
            let apart = ids[decoy] != nil && ids[decoy] != ids[a]
            total += 1
            if joined && apart { right += 1 }
            print("\(joined && apart ? "ok   " : joined ? "MERGE" : "SPLIT") \(name)")
            if !(joined && apart) {
                for file in [a, b, decoy] {
                    print("      \(file): \(signatures[file]?.maskedLines ?? [])")
                }
            }
        }
    }
    print(
        String(
            format: "pairs: %d of %d cases right (%.2f)", right, total, Double(right) / Double(max(total, 1)))
    )
}
