// `triage-bench analyse`: excerpt throughput on the simulator's real-looking failed traces, and
// clustering of generated failures at scale, with agreement against an exact O(n²) clustering on a
// subset, both timed in the same run.
import Foundation
import GitLabSimulator
import LogAnalysis
import TriageCore

#if canImport(Glibc)
    import Glibc
#endif

func peakResidentMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Generated failures: `causes` kinds of 14–20 tokens from a 20 000-word vocabulary, each failure
/// its kind's tokens with 0–2 replaced by noise (a variable name, a value): the situation MinHash/LSH
/// must handle, at any scale.
func generatedSignatures(count: Int, causes: Int, seed: UInt64) -> [FailureSignature] {
    var state = seed
    func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    let bases: [[String]] = (0..<causes).map { _ in
        (0..<(14 + Int(next() % 7))).map { _ in "w\(next() % 20_000)" }
    }
    return (0..<count).map { _ in
        var tokens = bases[Int(next() % UInt64(causes))]
        for _ in 0..<Int(next() % 2) { tokens[Int(next() % UInt64(tokens.count))] = "v\(next() % 1_000_000)" }
        return FailureSignature(maskedLines: [tokens.joined(separator: " ")])
    }
}

/// The same greedy rule as `Clusterer` (join the most similar founder at or above the threshold,
/// else found), comparing every founder: O(n · clusters).
func exactClustering(_ signatures: [FailureSignature], threshold: Double) -> [Int] {
    var founders: [FailureSignature] = []
    return signatures.map { s in
        var best: (Int, Double)?
        for (k, f) in founders.enumerated() {
            let j = f.jaccard(s)
            if j >= threshold, j > (best?.1 ?? -1) { best = (k, j) }
        }
        if let best { return best.0 }
        founders.append(s)
        return founders.count - 1
    }
}

/// Pairwise F1 of two labellings of the same items.
func pairwiseF1(_ a: [String], _ b: [String]) -> Double {
    func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
    var both: [String: Int] = [:]
    var ca: [String: Int] = [:]
    var cb: [String: Int] = [:]
    for (x, y) in zip(a, b) {
        both[x + "|" + y, default: 0] += 1
        ca[x, default: 0] += 1
        cb[y, default: 0] += 1
    }
    let together = both.values.map(pairs).reduce(0, +)
    let pa = ca.values.map(pairs).reduce(0, +)
    let pb = cb.values.map(pairs).reduce(0, +)
    let precision = pa == 0 ? 1 : together / pa
    let recall = pb == 0 ? 1 : together / pb
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
}

/// Clean and excerpt throughput on one corpus, single-threaded: MB of raw trace per CPU second of
/// the measuring thread, the median of `rounds` rounds, each round going over the whole corpus until `megabytes` were seen.
/// `clean` is `TraceCleaner.clean` alone, `excerpt` the extractor on logs cleaned beforehand (still
/// per raw MB), `both` the two in a row as `fetch` runs them.
func benchExcerptThroughput(name: String, traces: [[UInt8]], megabytes: Int, rounds: Int) {
    guard !traces.isEmpty else { return }
    let corpus = traces.reduce(0) { $0 + $1.count }
    let extractor = ExcerptExtractor()
    let cleaned = traces.map { TraceCleaner.clean($0) }
    let target = max(megabytes * 1_000_000, corpus)
    var sink = 0
    // CPU time of this thread: on a loaded machine wall time also counts the time others held the core.
    func cpuSeconds(_ body: () -> Void) -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }
    func rate(_ body: ([UInt8], Int) -> Int) -> Double {
        var processed = 0
        let time = cpuSeconds {
            while processed < target {
                for (k, trace) in traces.enumerated() {
                    sink &+= body(trace, k)
                    processed += trace.count
                }
            }
        }
        return Double(processed) / 1e6 / time
    }
    var clean: [Double] = []
    var excerpt: [Double] = []
    var both: [Double] = []
    for _ in 0..<rounds {
        clean.append(rate { trace, _ in TraceCleaner.clean(trace).lines.count })
        excerpt.append(rate { _, k in extractor.excerpt(failed: cleaned[k]).lines.count })
        both.append(rate { trace, _ in extractor.excerpt(failed: TraceCleaner.clean(trace)).lines.count })
    }
    let largest = traces.map(\.count).max() ?? 0
    print(
        String(
            format:
                "excerpt[%@]: %d traces, %.2f MB (largest %.2f MB); MB of raw trace per CPU second (one core), median of %d: clean %.1f, excerpt %.1f, clean+excerpt %.1f (range %.1f–%.1f) [%d]",
            name, traces.count, Double(corpus) / 1e6, Double(largest) / 1e6, rounds, median(clean),
            median(excerpt),
            median(both), both.min() ?? 0, both.max() ?? 0, sink % 10))
}

/// The simulator's traces the excerpt benches read (`analyse`, `excerpt-count`): every failed job's
/// of a 40 × 30 organisation but the adversarial ones, and the ~6 MB adversarial one.
func benchSimulatorTraces() -> (failed: [[UInt8]], huge: [UInt8]?) {
    var configuration = SimulatorConfiguration(lastNight: "2026-11-28")
    configuration.projects = 40
    configuration.nights = 30
    let org = SimulatedGitLab(configuration: configuration).organisation
    let adversarial = Set(org.adversarialJobs.values)
    let failed = org.jobs.filter { $0.status == "failed" && !adversarial.contains($0.id) }.map {
        org.trace(ofJob: $0.id)
    }
    return (failed, org.adversarialJobs[.huge].map { org.trace(ofJob: $0) })
}

func benchAnalyse(_ args: [String]) {
    var failures = 100_000
    var exact = 5_000
    var megabytes = 20  // per corpus, measurement and round
    var rounds = 5
    var samples = "/work/shared/reference/gitlab-samples"
    var excerptOnly = false
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? Int(args[i + 1]) : nil
        switch args[i] {
        case "--failures": failures = value ?? failures
        case "--exact": exact = value ?? exact
        case "--megabytes": megabytes = value ?? megabytes
        case "--rounds": rounds = max(1, value ?? rounds)
        case "--samples": samples = i + 1 < args.count ? args[i + 1] : samples
        case "--excerpt-only":
            excerptOnly = true
            i += 1
            continue
        default:
            FileHandle.standardError.write(Data("triage-bench analyse: unknown option \(args[i])\n".utf8))
            exit(64)
        }
        i += 2
    }

    // 1. Excerpts of the simulator's failed traces (timestamps, ANSI, sections, Julia/pytest/…) and of
    // the real GitLab samples.
    let simulator = benchSimulatorTraces()
    benchExcerptThroughput(name: "simulator", traces: simulator.failed, megabytes: megabytes, rounds: rounds)
    // The ~6 MB one (a Julia test run printing 80 000 progress lines before failing).
    if let huge = simulator.huge {
        benchExcerptThroughput(name: "simulator-huge", traces: [huge], megabytes: megabytes, rounds: rounds)
    }
    let sampleURLs =
        ((try? FileManager.default.contentsOfDirectory(atPath: samples)) ?? []).filter {
            $0.hasSuffix(".log")
        }.sorted()
    let real = sampleURLs.compactMap {
        FileManager.default.contents(atPath: samples + "/" + $0).map { [UInt8]($0) }
    }
    benchExcerptThroughput(name: "gitlab-samples", traces: real, megabytes: megabytes, rounds: rounds)
    benchBadInput()
    if excerptOnly { return }

    // 2. Clustering at scale: MinHash/LSH candidates, exact Jaccard decisions.
    let threshold = Analyzer.defaultThreshold
    var signatures: [FailureSignature] = []
    let generateTime = seconds {
        signatures = generatedSignatures(count: failures, causes: failures / 50, seed: 42)
    }
    var clusterer = Clusterer(threshold: threshold)
    var labels: [String] = []
    labels.reserveCapacity(signatures.count)
    let clusterTime = seconds {
        for (k, s) in signatures.enumerated() {
            labels.append(clusterer.assign(s, member: k, night: "2026-11-28", project: "p").rawValue)
        }
    }
    print(
        String(
            format:
                "cluster: %d failures (%d kinds) into %d clusters in %.2f s (signatures %.2f s), peak RSS %.0f MB",
            failures, failures / 50, clusterer.clusters.count, clusterTime, generateTime, peakResidentMB()))

    // 3. Agreement with the exact clustering on a subset, both timed.
    let subset = Array(signatures.prefix(exact))
    var lsh = Clusterer(threshold: threshold)
    var lshLabels: [String] = []
    let lshTime = seconds {
        for (k, s) in subset.enumerated() {
            lshLabels.append(lsh.assign(s, member: k, night: "2026-11-28", project: "p").rawValue)
        }
    }
    var exactLabels: [Int] = []
    let exactTime = seconds { exactLabels = exactClustering(subset, threshold: threshold) }
    let f1 = pairwiseF1(lshLabels, exactLabels.map(String.init))
    print(
        String(
            format:
                "agreement: %d failures, LSH %.3f s vs exact O(n²) %.3f s (%.0f× faster), pairwise F1 %.4f",
            exact, lshTime, exactTime, exactTime / max(lshTime, 1e-9), f1))
}

/// Bad input at size: 50 MB of nothing but error lines (every line a candidate) must stay bounded in
/// time and memory; printed with the peak resident size before and after.
func benchBadInput() {
    var log: [UInt8] = []
    log.reserveCapacity(52_000_000)
    var k = 0
    while log.count < 50_000_000 {
        log += Array("line \(k) Error: value \(k) failed in step \(k % 7)\n".utf8)
        k += 1
    }
    let before = peakResidentMB()
    var shown = 0
    let time = seconds { shown = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(log)).lines.count }
    print(
        String(
            format:
                "bad input: %.0f MB of %d error lines: clean+excerpt %.1f s (%.1f MB/s), %d lines shown, peak RSS %.0f MB (%.0f MB before)",
            Double(log.count) / 1e6, k, time, Double(log.count) / 1e6 / time, shown, peakResidentMB(), before)
    )
}
