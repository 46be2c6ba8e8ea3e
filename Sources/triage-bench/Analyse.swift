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

func benchAnalyse(_ args: [String]) {
    var failures = 100_000
    var exact = 5_000
    var megabytes = 200
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? Int(args[i + 1]) : nil
        switch args[i] {
        case "--failures": failures = value ?? failures
        case "--exact": exact = value ?? exact
        case "--megabytes": megabytes = value ?? megabytes
        default:
            FileHandle.standardError.write(Data("triage-bench analyse: unknown option \(args[i])\n".utf8))
            exit(64)
        }
        i += 2
    }

    // 1. Excerpts of the simulator's failed traces (timestamps, ANSI, sections, Julia/pytest/…).
    var configuration = SimulatorConfiguration(lastNight: "2026-11-28")
    configuration.projects = 40
    configuration.nights = 30
    let org = SimulatedGitLab(configuration: configuration).organisation
    let adversarial = Set(org.adversarialJobs.values)
    let traces = org.jobs.filter { $0.status == "failed" && !adversarial.contains($0.id) }.map { org.trace(ofJob: $0.id) }
    let corpus = traces.reduce(0) { $0 + $1.count }
    let extractor = ExcerptExtractor()
    var processed = 0
    var lines = 0
    let excerptTime = seconds {
        while processed < megabytes * 1_000_000 {
            for trace in traces {
                lines += extractor.excerpt(failed: TraceCleaner.clean(trace)).lines.count
                processed += trace.count
            }
        }
    }
    print(
        String(
            format: "excerpt: %d traces (%.1f MB corpus), %.1f MB processed in %.2f s: %.1f MB/s on one core (%d lines)",
            traces.count, Double(corpus) / 1e6, Double(processed) / 1e6, excerptTime,
            Double(processed) / 1e6 / excerptTime, lines))

    // 2. Clustering at scale: MinHash/LSH candidates, exact Jaccard decisions.
    let threshold = Analyzer.defaultThreshold
    var signatures: [FailureSignature] = []
    let generateTime = seconds { signatures = generatedSignatures(count: failures, causes: failures / 50, seed: 42) }
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
            format: "cluster: %d failures (%d kinds) into %d clusters in %.2f s (signatures %.2f s), peak RSS %.0f MB",
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
            format: "agreement: %d failures, LSH %.3f s vs exact O(n²) %.3f s (%.0f× faster), pairwise F1 %.4f",
            exact, lshTime, exactTime, exactTime / max(lshTime, 1e-9), f1))
}
