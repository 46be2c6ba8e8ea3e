// `triage-bench excerpt-dump [--out FILE] [--traces DIR]`: every excerpt the benches compute,
// written out in full, so that a change meant to make the extractor faster can be shown to change
// nothing: dump before, dump after, diff (`--traces` also writes the simulator's raw traces). Covers the labelled corpora (`quality`'s, with and without `pass.log`), every
// failed trace of `analyse`'s simulated organisation (alone, and with the job's last green trace
// where it has one), the 50 MB bad input and the real GitLab samples, at K = 10 and 30.
import Foundation
import GitLabSimulator
import LogAnalysis

func benchExcerptDump(_ args: [String]) {
    var out = "excerpts.dump"
    var samples = "/work/shared/reference/gitlab-samples"
    var corpora = ["/work/shared/data/cidiff/data", "/work/shared/data/reallogs"]
    var traces: String? = nil  // where to write the simulator's raw traces, one file a job
    var i = 0
    while i + 1 < args.count {
        switch args[i] {
        case "--out": out = args[i + 1]
        case "--samples": samples = args[i + 1]
        case "--corpus": corpora.append(args[i + 1])
        case "--traces": traces = args[i + 1]
        default:
            FileHandle.standardError.write(
                Data("triage-bench excerpt-dump: unknown option \(args[i])\n".utf8))
            exit(64)
        }
        i += 2
    }
    var text = ""
    var count = 0
    let extractors = [10, 30].map { ExcerptExtractor(maxLines: $0) }
    func describe(_ l: CleanLine) -> String {
        "#\(l.number) raw \(l.rawLine) [\(l.section ?? "-")] \(l.text.debugDescription)"
    }
    func dump(_ name: String, _ failed: CleanedLog, _ passed: CleanedLog?) {
        for extractor in extractors {
            for green in passed == nil ? [nil] : [nil, passed] {
                count += 1
                let e = extractor.excerpt(failed: failed, passed: green)
                text += "== \(name) K=\(extractor.maxLines) green=\(green != nil)\n"
                for l in e.lines {
                    text += "  \(l.reason.rawValue) \(l.detail ?? "-") x\(l.repeats) \(describe(l.line))\n"
                }
                if let k = e.keyLine {
                    text +=
                        "  key: \(k.reason.rawValue) \(k.detail ?? "-") x\(k.repeats) \(describe(k.line))\n"
                }
                text += "  infrastructure \(e.infrastructure) category \(e.category ?? "-")\n"
                text += "  patterns \(e.matchedPatterns)\n"
                for m in e.messageLines { text += "  message \(describe(m))\n" }
                if let h = e.header { text += "  header \(describe(h))\n" }
                let s = SignatureBuilder.signature(of: e, identity: nil)
                text += "  signature \(s.maskedLines) \(s.minHash.prefix(4))\n"
            }
        }
    }
    for root in corpora {
        for c in loadCorpus(root: URL(fileURLWithPath: root), name: root) {
            dump("\(c.corpus)/\(c.name)", c.failed, c.passed)
            dump("\(c.corpus)/\(c.name) raw", TraceCleaner.clean(c.raw), nil)
        }
    }
    // `analyse`'s organisation; a failed job's green trace is the same job's last success before it.
    var configuration = SimulatorConfiguration(lastNight: "2026-11-28")
    configuration.projects = 40
    configuration.nights = 30
    let org = SimulatedGitLab(configuration: configuration).organisation
    var lastGreen: [String: Int] = [:]
    for job in org.jobs.sorted(by: { $0.id < $1.id }) {
        let key = "\(job.projectID)|\(job.name)"
        if job.status == "success" { lastGreen[key] = job.id }
        guard job.status == "failed" else { continue }
        let raw = org.trace(ofJob: job.id)
        if let traces {
            FileManager.default.createFile(atPath: "\(traces)/\(job.id).log", contents: Data(raw))
        }
        let failed = TraceCleaner.clean(raw)
        dump("simulator/\(job.id)", failed, lastGreen[key].map { TraceCleaner.clean(org.trace(ofJob: $0)) })
    }
    let sampleNames =
        ((try? FileManager.default.contentsOfDirectory(atPath: samples)) ?? []).filter {
            $0.hasSuffix(".log")
        }
        .sorted()
    for name in sampleNames {
        guard let data = FileManager.default.contents(atPath: samples + "/" + name) else { continue }
        dump("samples/\(name)", TraceCleaner.clean([UInt8](data)), nil)
    }
    var bad: [UInt8] = []
    var k = 0
    while bad.count < 50_000_000 {
        bad += Array("line \(k) Error: value \(k) failed in step \(k % 7)\n".utf8)
        k += 1
    }
    dump("bad-input", TraceCleaner.clean(bad), nil)
    FileManager.default.createFile(atPath: out, contents: Data(text.utf8))
    print("excerpt-dump: \(count) excerpts, \(text.utf8.count) bytes → \(out)")
}
