// `triage-bench excerpt-dump FILE`: temporary harness for the excerpt speed work. Writes, for every
// log of the labelled corpora, the simulator's failed traces and the GitLab samples, a digest of the
// cleaned log and of every line's masked text, and the excerpts in full, so that two builds can be
// compared byte for byte. `triage-bench excerpt-speed [--rounds N]`: the quality corpus's
// throughput figure alone.
import Foundation
import GitLabSimulator
import LogAnalysis

#if canImport(Glibc)
    import Glibc
#endif

private struct Digest {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ s: String) {
        for c in s.utf8 {
            state = (state ^ UInt64(c)) &* 0x100_0000_01b3
        }
        state = (state ^ 0xFF) &* 0x100_0000_01b3
    }
}

private func describe(_ l: CleanLine) -> String {
    "\(l.number)/\(l.rawLine)/\(l.section ?? "-")|\(l.text)"
}

private func describe(_ e: ExcerptLine) -> String {
    "\(e.reason.rawValue)|\(e.detail ?? "-")|x\(e.repeats)|\(describe(e.line))"
}

private func dumpOne(name: String, raw: [UInt8], pass: [UInt8]?, into out: inout String) {
    let extractors = [ExcerptExtractor(maxLines: 10), ExcerptExtractor(maxLines: 30)]
    for (label, bytes) in [("raw", raw), ("normalised", normaliseLineBreaks(raw))] {
        let cleaned = TraceCleaner.clean(bytes)
        var digest = Digest()
        var masked = Digest()
        for l in cleaned.lines {
            digest.add(describe(l))
            masked.add(Masker.mask(l.text))
            masked.add(LineContent.of(l.text).description)
        }
        out +=
            "== \(name) [\(label)] lines \(cleaned.lines.count) clean \(digest.state) mask \(masked.state)\n"
        let passed = pass.map { TraceCleaner.clean(label == "raw" ? $0 : normaliseLineBreaks($0)) }
        for extractor in extractors {
            for green in passed == nil ? [nil] : [nil, passed] {
                let e = extractor.excerpt(failed: cleaned, passed: green)
                out += "-- K \(extractor.maxLines)\(green == nil ? "" : " +pass")\n"
                for line in e.lines { out += describe(line) + "\n" }
                out += "key \(e.keyLine.map(describe) ?? "nil")\n"
                out +=
                    "infra \(e.infrastructure) category \(e.category ?? "nil") patterns \(e.matchedPatterns)\n"
                for line in e.messageLines { out += "msg " + describe(line) + "\n" }
                out += "header \(e.header.map(describe) ?? "nil")\n"
                for line in e.keyBlock() { out += "block " + describe(line) + "\n" }
            }
        }
    }
}

func benchExcerptDump(_ args: [String]) throws {
    guard let path = args.first else {
        print("usage: triage-bench excerpt-dump FILE")
        exit(64)
    }
    var out = ""
    let fm = FileManager.default
    // 1. Every `.log` under the labelled corpora, with its directory's `pass.log` when it is a `fail.log`.
    for root in ["/work/shared/data/cidiff", "/work/shared/data/reallogs"] {
        guard let walker = fm.enumerator(atPath: root) else { continue }
        var files: [String] = []
        while let p = walker.nextObject() as? String {
            if p.hasSuffix(".log") { files.append(p) }
        }
        for p in files.sorted() {
            guard let raw = fm.contents(atPath: root + "/" + p) else { continue }
            var pass: [UInt8]? = nil
            if p.hasSuffix("fail.log") {
                pass = fm.contents(atPath: root + "/" + p.dropLast(8) + "pass.log").map { [UInt8]($0) }
            }
            dumpOne(name: root + "/" + p, raw: [UInt8](raw), pass: pass, into: &out)
        }
    }
    // 2. The simulator's failed traces (as `analyse` measures them, and the adversarial ones), each with
    // the same project's job of that name that last passed before it.
    var configuration = SimulatorConfiguration(lastNight: "2026-11-28")
    configuration.projects = 40
    configuration.nights = 30
    let org = SimulatedGitLab(configuration: configuration).organisation
    var lastGreen: [String: Int] = [:]
    for job in org.jobs.sorted(by: { $0.id < $1.id }) {
        let key = "\(job.projectID)/\(job.name)"
        if job.status == "success" { lastGreen[key] = job.id }
        guard job.status == "failed" else { continue }
        dumpOne(
            name: "sim job \(job.id)", raw: org.trace(ofJob: job.id),
            pass: lastGreen[key].map { org.trace(ofJob: $0) }, into: &out)
    }
    // 3. The real GitLab samples.
    let samples = "/work/shared/reference/gitlab-samples"
    for name in ((try? fm.contentsOfDirectory(atPath: samples)) ?? []).filter({ $0.hasSuffix(".log") })
        .sorted()
    {
        guard let raw = fm.contents(atPath: samples + "/" + name) else { continue }
        dumpOne(name: name, raw: [UInt8](raw), pass: nil, into: &out)
    }
    try Data(out.utf8).write(to: URL(fileURLWithPath: path))
    print("excerpt-dump: \(out.utf8.count) bytes written to \(path)")
}

func benchExcerptSpeed(_ args: [String]) {
    var rounds = 5
    if args.count >= 2, args[0] == "--rounds", let n = Int(args[1]) { rounds = n }
    var cases: [LabelledCase] = []
    for (root, name) in [
        ("/work/shared/data/cidiff/data", "cidiff"), ("/work/shared/data/reallogs", "reallogs"),
    ] {
        cases += loadCorpus(root: URL(fileURLWithPath: root), name: name)
    }
    let t = excerptThroughput(cases, rounds: rounds)
    // The cleaner alone and the extractor alone (on logs cleaned beforehand), per raw MB.
    let bytes = Double(cases.reduce(0) { $0 + $1.raw.count }) / 1e6
    let extractor = ExcerptExtractor(maxLines: 30)
    let cleaned = cases.map { TraceCleaner.clean($0.raw) }
    var sink = 0
    func best(_ body: () -> Void) -> Double {
        var result = 0.0
        for _ in 0..<max(1, rounds) {
            var start = timespec()
            var end = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
            body()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
            let time = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
            result = max(result, bytes / max(time, 1e-9))
        }
        return result
    }
    let clean = best { for c in cases { sink &+= TraceCleaner.clean(c.raw).lines.count } }
    let excerpt = best { for c in cleaned { sink &+= extractor.excerpt(failed: c).lines.count } }
    print(String(format: "clean alone %.1f MB/s, excerpt alone %.1f MB/s [%d]", clean, excerpt, sink % 10))
    print(
        String(
            format:
                "Excerpt throughput (clean + excerpt, K = 30, one core, best of %d): %.1f MB/s on %.1f MB (%d logs)",
            rounds, t.rate, t.megabytes, cases.count))
}
