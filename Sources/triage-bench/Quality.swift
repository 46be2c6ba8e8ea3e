// `triage-bench quality [DIR…] [--json FILE] [--cases FILE] [--skip-clusters] [--show-labels N]`:
// how good the
// analysis is, against simple baselines computed in the same run. `--cases FILE` writes one TSV row
// per log at K = 30 (error lines found by triage, the grep and the tail; the key line; the first
// error line missed), for reading where the excerpt goes wrong.
//
// 1. Excerpts on every labelled corpus in the CiDiff layout (a case is a directory holding
//    `groundtruth` and `fail.log`, optional `pass.log` and `meta.json`): default
//    `../shared/data/cidiff/data` and `../shared/data/reallogs` beside the package root, and any DIR
//    given. At K = 10 and 30 lines, for triage's excerpt (failed log alone, and with `pass.log` where
//    the case has one), the last K non-empty lines, and the keyword grep.
// 2. Clusters on the simulator's truth (40 projects × 30 nights, synced and analysed for real),
//    against clusters made of the exact masked key line.
import Foundation
import GitLab
import GitLabSimulator
import LogAnalysis
import Store
import TriageCore

#if canImport(Glibc)
    import Glibc
#endif

// MARK: Corpora

/// One labelled failing log.
struct LabelledCase {
    /// Corpus name (`cidiff`, `reallogs`, or the last component of a DIR given).
    let corpus: String
    /// Path of the case directory relative to the corpus root.
    let name: String
    /// `meta.json`'s `ecosystem`; nil when the case has no `meta.json`.
    let ecosystem: String?
    /// `fail.log` as stored (for the throughput figure).
    let raw: [UInt8]
    let failed: CleanedLog
    let passed: CleanedLog?
    /// `E` lines: why the job failed (1-based line numbers of `fail.log`).
    let errors: Set<Int>
    /// `E` and `C` lines.
    let labelled: Set<Int>
}

/// Rewrites a log so that its `\n`-separated lines are exactly the lines a ground truth counts
/// (split at `\n`, `\r\n` and lone `\r`, as Java's `BufferedReader.readLine` and the reallogs
/// README do), and drops GitHub Actions' `2022-04-13T14:53:05.3205617Z ` line prefixes (which
/// `TraceCleaner` keeps: they have no stream field). Every line stays a line, so a cleaned line's
/// `rawLine` is the ground truth's number of the line it came from.
///
/// - `a\r\nb` → `a\nb`; `50%\r100%\n` → `50%\n100%\n` (two labelled lines, two cleaned lines);
///   `a\r\r\nb` → `a\n\nb`.
/// - `2022-04-13T14:53:05.3205617Z ##[error]x` → `##[error]x`; a gitlab-runner header
///   (`2026-01-21T09:47:05.094219Z 00O x`) is left for `TraceCleaner`, which removes it the same way.
func normaliseLineBreaks(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(data.count)
    var lineStart = true
    var i = 0
    while i < data.count {
        if lineStart, i + 29 <= data.count, data[i + 4] == 0x2D, data[i + 10] == 0x54, data[i + 19] == 0x2E {
            var j = i + 20
            while j < data.count && data[j] &- 0x30 < 10 { j += 1 }
            // GitHub Actions: `…Z ` then the text. A GitLab runner header (`…Z 00O `) is the cleaner's job.
            if j + 1 < data.count && data[j] == 0x5A && data[j + 1] == 0x20 && !isRunnerStream(data, j + 2) {
                i = j + 2
            }
        }
        lineStart = false
        guard i < data.count else { break }
        let c = data[i]
        if c == 0x0D {
            out.append(0x0A)
            lineStart = true
            if i + 1 < data.count && data[i + 1] == 0x0A { i += 1 }
        } else {
            out.append(c)
            if c == 0x0A { lineStart = true }
        }
        i += 1
    }
    return out
}

/// True when a gitlab-runner stream field (`00O `, `01E+`) starts at `i`.
private func isRunnerStream(_ d: [UInt8], _ i: Int) -> Bool {
    func hex(_ c: UInt8) -> Bool { c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 6 }
    return i + 4 <= d.count && hex(d[i]) && hex(d[i + 1]) && (d[i + 2] == 0x4F || d[i + 2] == 0x45)
        && (d[i + 3] == 0x20 || d[i + 3] == 0x2B)
}

/// Parses a `groundtruth` file: line 1 is the label kind, then `E a-b` / `C a-b` (inclusive, 1-based;
/// `E a` for one line). Returns (E, E ∪ C).
func parseGroundTruth(_ text: String) -> (errors: Set<Int>, labelled: Set<Int>) {
    var errors: Set<Int> = []
    var labelled: Set<Int> = []
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).dropFirst() {
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "E" || parts[0] == "C" else { continue }
        let bounds = parts[1].split(separator: "-").compactMap { Int($0) }
        guard let low = bounds.first, let high = bounds.last, low >= 1, low <= high else { continue }
        labelled.formUnion(low...high)
        if parts[0] == "E" { errors.formUnion(low...high) }
    }
    return (errors, labelled)
}

/// Every case under `root` (recursively), sorted by path.
func loadCorpus(root: URL, name: String) -> [LabelledCase] {
    let fm = FileManager.default
    var cases: [LabelledCase] = []
    var stack = [root]
    while let dir = stack.popLast() {
        guard let entries = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
        if entries.contains("groundtruth") && entries.contains("fail.log") {
            guard let gt = fm.contents(atPath: dir.appendingPathComponent("groundtruth").path),
                let fail = fm.contents(atPath: dir.appendingPathComponent("fail.log").path)
            else { continue }
            let (errors, labelled) = parseGroundTruth(String(decoding: gt, as: UTF8.self))
            guard !errors.isEmpty else { continue }
            let pass = fm.contents(atPath: dir.appendingPathComponent("pass.log").path)
            var ecosystem: String?
            if let meta = fm.contents(atPath: dir.appendingPathComponent("meta.json").path),
                let object = try? JSONSerialization.jsonObject(with: meta) as? [String: Any]
            {
                ecosystem = object["ecosystem"] as? String
            }
            let raw = [UInt8](fail)
            let relative = String(dir.path.dropFirst(root.path.count).drop { $0 == "/" })
            cases.append(
                LabelledCase(
                    corpus: name, name: relative, ecosystem: ecosystem, raw: raw,
                    failed: TraceCleaner.clean(normaliseLineBreaks(raw)),
                    passed: pass.map { TraceCleaner.clean(normaliseLineBreaks([UInt8]($0))) }, errors: errors,
                    labelled: labelled))
        } else {
            for e in entries where !e.hasPrefix(".") {
                var isDir: ObjCBool = false
                let url = dir.appendingPathComponent(e)
                if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue { stack.append(url) }
            }
        }
    }
    return cases.sorted { $0.name < $1.name }
}

// MARK: Line pickers

/// A way of choosing at most K lines of a failed log; returns their ground-truth line numbers.
enum Picker: String, CaseIterable {
    case triage = "triage"
    case triageWithPass = "triage + pass.log"
    case tail = "last K lines"
    case grep = "keyword grep"
}

/// The last `k` lines whose text is not blank.
func tailLines(_ log: CleanedLog, k: Int) -> Set<Int> {
    var picked: Set<Int> = []
    for line in log.lines.reversed() where picked.count < k {
        if line.text.contains(where: { !$0.isWhitespace }) { picked.insert(line.rawLine) }
    }
    return picked
}

/// True when the text contains `error`, `fail`, `exception` or `fatal`, ignoring ASCII case.
func matchesKeyword(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { b in
        let n = b.count
        @inline(__always) func at(_ i: Int, _ word: StaticString) -> Bool {
            let w = word.utf8Start
            let m = word.utf8CodeUnitCount
            guard i + m <= n else { return false }
            for k in 0..<m where b[i + k] | 0x20 != w[k] { return false }
            return true
        }
        var i = 0
        while i < n {
            switch b[i] | 0x20 {
            case 0x65:  // e
                if at(i, "error") || at(i, "exception") { return true }
            case 0x66:  // f
                if at(i, "fail") || at(i, "fatal") { return true }
            default: break
            }
            i += 1
        }
        return false
    }
}

/// The keyword grep baseline: lines matching `error|fail|exception|fatal` (any case), each with one
/// line before and three after, taking matches from the end of the log while the union stays within
/// `k` lines; the tail when nothing matches.
func grepLines(_ log: CleanedLog, k: Int) -> Set<Int> {
    let lines = Array(log.lines)
    var picked: Set<Int> = []
    var index = lines.count - 1
    var matched = false
    while index >= 0 {
        if matchesKeyword(lines[index].text) {
            matched = true
            let window = Set((max(0, index - 1)...min(lines.count - 1, index + 3)).map { lines[$0].rawLine })
            let union = picked.union(window)
            if union.count > k { break }
            picked = union
        }
        index -= 1
    }
    return matched ? picked : tailLines(log, k: k)
}

// MARK: Excerpt figures

/// Sums over the cases of one row, one picker, one K.
struct ExcerptScore {
    var cases = 0
    var anyHit = 0
    /// Cases with |E| ≤ K, and those whose E all lie in the picked lines.
    var blockCases = 0
    var blockHits = 0
    var recall = 0.0
    var precision = 0.0

    mutating func add(picked: Set<Int>, errors: Set<Int>, labelled: Set<Int>, k: Int) {
        cases += 1
        let hitE = picked.intersection(errors).count
        if hitE > 0 { anyHit += 1 }
        if errors.count <= k {
            blockCases += 1
            if hitE == errors.count { blockHits += 1 }
        }
        recall += Double(hitE) / Double(max(1, errors.count))
        precision += picked.isEmpty ? 0 : Double(picked.intersection(labelled).count) / Double(picked.count)
    }

    var anyHitRate: Double { cases == 0 ? 0 : Double(anyHit) / Double(cases) }
    var blockRate: Double { blockCases == 0 ? 0 : Double(blockHits) / Double(blockCases) }
    var meanRecall: Double { cases == 0 ? 0 : recall / Double(cases) }
    var meanPrecision: Double { cases == 0 ? 0 : precision / Double(cases) }
}

/// One table row: a corpus, or an ecosystem of a corpus.
struct ExcerptRow {
    let group: String
    var scores: [Picker: [Int: ExcerptScore]] = [:]
}

let qualityKs = [10, 30]

func scoreExcerpts(_ cases: [LabelledCase], perCase: UnsafeMutablePointer<String>? = nil) -> [ExcerptRow] {
    var rows: [String: ExcerptRow] = [:]
    var order: [String] = []
    let extractors = Dictionary(uniqueKeysWithValues: qualityKs.map { ($0, ExcerptExtractor(maxLines: $0)) })
    for c in cases {
        var groups = [c.corpus]
        if let e = c.ecosystem { groups.append("\(c.corpus) · \(e)") }
        for k in qualityKs {
            guard let extractor = extractors[k] else { continue }
            var picks: [Picker: Set<Int>] = [
                .triage: Set(extractor.excerpt(failed: c.failed).lines.map(\.line.rawLine)),
                .tail: tailLines(c.failed, k: k),
                .grep: grepLines(c.failed, k: k),
            ]
            if k == 30, let perCase {
                let byRaw = Dictionary(
                    c.failed.lines.map { ($0.rawLine, $0.text) }, uniquingKeysWith: { a, _ in a })
                func found(_ p: Picker) -> Int { picks[p]?.intersection(c.errors).count ?? 0 }
                let key = extractor.excerpt(failed: c.failed).keyLine?.line.text ?? ""
                let missed = c.errors.subtracting(picks[.triage] ?? []).min().map { byRaw[$0] ?? "" } ?? ""
                func cell(_ t: String) -> String {
                    String(t.prefix(120)).replacingOccurrences(of: "\t", with: " ")
                }
                perCase.pointee +=
                    "\(c.corpus)/\(c.name)\t\(c.errors.count)\t\(found(.triage))\t\(found(.grep))\t\(found(.tail))\t\(cell(key))\t\(cell(missed))\n"
            }
            if let passed = c.passed {
                picks[.triageWithPass] = Set(
                    extractor.excerpt(failed: c.failed, passed: passed).lines.map(\.line.rawLine))
            }
            for g in groups {
                if rows[g] == nil {
                    rows[g] = ExcerptRow(group: g)
                    order.append(g)
                }
                for (picker, picked) in picks {
                    rows[g]?.scores[picker, default: [:]][k, default: ExcerptScore()].add(
                        picked: picked, errors: c.errors, labelled: c.labelled, k: k)
                }
            }
        }
    }
    // Corpus rows first (in the order given), each followed by its ecosystems, largest first.
    let corpora = order.filter { !$0.contains(" · ") }
    var sorted: [ExcerptRow] = []
    for corpus in corpora {
        if let row = rows[corpus] { sorted.append(row) }
        let ecosystems = order.filter { $0.hasPrefix(corpus + " · ") }.compactMap { rows[$0] }
        sorted += ecosystems.sorted {
            let a = $0.scores[.triage]?[30]?.cases ?? 0
            let b = $1.scores[.triage]?[30]?.cases ?? 0
            return a != b ? a > b : $0.group < $1.group
        }
    }
    return sorted
}

/// Clean + excerpt (K = 30) of every fail log as stored, on this thread: raw MB per CPU second,
/// the best of `rounds` passes.
func excerptThroughput(_ cases: [LabelledCase], rounds: Int) -> (megabytes: Double, rate: Double) {
    let bytes = cases.reduce(0) { $0 + $1.raw.count }
    let extractor = ExcerptExtractor(maxLines: 30)
    var best = 0.0
    var sink = 0
    for _ in 0..<max(1, rounds) {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        for c in cases { sink &+= extractor.excerpt(failed: TraceCleaner.clean(c.raw)).lines.count }
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        let time = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        best = max(best, Double(bytes) / 1e6 / max(time, 1e-9))
    }
    if sink == -1 { print("") }
    return (Double(bytes) / 1e6, best)
}

// MARK: Cluster figures

/// The clustering against the simulator's truth: `PairwiseScore`, and whether NEW is right.
struct ClusterScore: Codable {
    var failures = 0
    var causes = 0
    var clusters = 0
    var precision = 0.0
    var recall = 0.0
    /// Causes first seen after the window's first night, and those whose every failure on that night
    /// is in a cluster also first seen that night.
    var newCauses = 0
    var newCausesRight = 0
    /// Failures on a cluster's first night that are not on their cause's first night (NEW shown for a
    /// known failure).
    var falselyNew = 0

    init(predicted: [Int: String], truth: [Int: String], nightOf: [Int: String]) {
        let score = PairwiseScore(predicted: predicted, truth: truth)
        failures = score.failures
        causes = score.causes
        clusters = score.clusters
        precision = score.precision
        recall = score.recall

        var firstCause: [String: String] = [:]
        var firstCluster: [String: String] = [:]
        for (job, night) in nightOf {
            if let c = truth[job] { firstCause[c] = min(firstCause[c] ?? night, night) }
            if let c = predicted[job] { firstCluster[c] = min(firstCluster[c] ?? night, night) }
        }
        let windowStart = nightOf.values.min() ?? ""
        var right: [String: Bool] = [:]
        for (job, night) in nightOf {
            guard let t = truth[job], let p = predicted[job], let first = firstCause[t] else { continue }
            let predictedNew = firstCluster[p] == night
            if first == night, night != windowStart { right[t] = (right[t] ?? true) && predictedNew }
            if first != night && predictedNew { falselyNew += 1 }
        }
        newCauses = right.count
        newCausesRight = right.values.filter { $0 }.count
    }
}

struct ClusterFigures: Codable {
    var projects: Int
    var nights: Int
    var seconds: Double
    var triage: ClusterScore
    var maskedKeyLine: ClusterScore
}

/// Syncs the simulator's organisation into a temporary workspace with the real client and store,
/// analyses it, and scores the clusters against `organisation.cause(ofJob:)`.
func clusterQuality(projects: Int, nights: Int) async throws -> ClusterFigures {
    var configuration = SimulatorConfiguration(lastNight: "2026-11-28")
    configuration.projects = projects
    configuration.nights = nights
    configuration.tokens = [token: .api]
    let simulator = SimulatedGitLab(configuration: configuration)
    let url = try await simulator.start()
    let workspace = try temporary()
    defer { try? FileManager.default.removeItem(at: workspace) }
    let start = DispatchTime.now().uptimeNanoseconds
    let morning = ISO8601DateFormatter().date(from: "2026-11-29T14:00:00Z") ?? now
    let client = GitLabClient(
        baseURL: url, token: token, transport: URLSessionTransport.make(maxConnections: 16), concurrency: 16)
    let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
    let syncer = Syncer(source: client, store: { store }, calendar: calendar, now: { morning })
    do {
        _ = try await syncer.run(SyncOptions(scope: .membership, nights: nights))
    } catch {
        await simulator.stop()
        throw error
    }
    await simulator.stop()
    _ = try Analyzer(cache: store, store: store).analyseNew()
    let org = simulator.organisation
    let adversarial = Set(org.adversarialJobs.values)
    var predicted: [Int: String] = [:]
    var baseline: [Int: String] = [:]
    var truth: [Int: String] = [:]
    var nightOf: [Int: String] = [:]
    for a in try store.analyses(nights: nil) {
        guard let cause = org.cause(ofJob: a.jobID), !adversarial.contains(a.jobID) else { continue }
        predicted[a.jobID] = a.cluster?.rawValue ?? "none"
        baseline[a.jobID] = Masker.mask(a.keyLine ?? "")
        truth[a.jobID] = cause.id
        nightOf[a.jobID] = a.night
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return ClusterFigures(
        projects: projects, nights: nights, seconds: seconds,
        triage: ClusterScore(predicted: predicted, truth: truth, nightOf: nightOf),
        maskedKeyLine: ClusterScore(predicted: baseline, truth: truth, nightOf: nightOf))
}

// MARK: Report

struct QualityOptions {
    var directories: [String] = []
    var json: String?
    var cases: String?
    var skipClusters = false
    var skipExcerpts = false
    var showLabels = 0
    var rounds = 3
    /// `--dump DIR`: each case's excerpts at K = 10 and 30 written to `DIR`, one file a case.
    var dump: String?
}

func parseQuality(_ args: [String]) -> QualityOptions? {
    var o = QualityOptions()
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? args[i + 1] : nil
        switch args[i] {
        case "--json":
            guard let value else { return nil }
            o.json = value
            i += 1
        case "--cases":
            guard let value else { return nil }
            o.cases = value
            i += 1
        case "--dump":
            guard let value else { return nil }
            o.dump = value
            i += 1
        case "--show-labels":
            o.showLabels = value.flatMap { Int($0) } ?? 3
            i += 1
        case "--rounds":
            o.rounds = max(1, value.flatMap { Int($0) } ?? o.rounds)
            i += 1
        case "--skip-clusters": o.skipClusters = true
        case "--skip-excerpts": o.skipExcerpts = true
        case let a where a.hasPrefix("--"):
            FileHandle.standardError.write(Data("triage-bench quality: unknown option \(a)\n".utf8))
            return nil
        default: o.directories.append(args[i])
        }
        i += 1
    }
    return o
}

/// The package root: three levels above this file (`Sources/triage-bench/Quality.swift`).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A corpus is named for its directory, or its parent's when the directory is `data` (`cidiff/data`).
func corpusName(_ url: URL) -> String {
    let last = url.standardizedFileURL.lastPathComponent
    return last == "data" ? url.standardizedFileURL.deletingLastPathComponent().lastPathComponent : last
}

/// Writes, for `--dump DIR`, one file per case (`corpus__path_with_underscores.txt`): the
/// labelled lines, then each excerpt (K = 10 and 30) line by line, marked `E` (an error line), `C`
/// (context) or `.`, with its line number, reason and text, and the error lines it missed.
func dumpExcerpts(_ cases: [LabelledCase], to dir: String) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for c in cases {
        let byRaw = Dictionary(c.failed.lines.map { ($0.rawLine, $0.text) }, uniquingKeysWith: { a, _ in a })
        func mark(_ n: Int) -> String { c.errors.contains(n) ? "E" : c.labelled.contains(n) ? "C" : "." }
        var out = "# \(c.corpus)/\(c.name) (\(c.ecosystem ?? "-")), \(c.errors.count) error lines\n"
        for n in c.labelled.sorted().prefix(60) { out += "\(mark(n)) \(n)\t\(byRaw[n] ?? "")\n" }
        for k in qualityKs {
            let e = ExcerptExtractor(maxLines: k).excerpt(failed: c.failed)
            let picked = Set(e.lines.map(\.line.rawLine))
            out +=
                "\n## K = \(k): key \(e.keyLine?.line.rawLine ?? 0) \(e.keyLine?.line.text.prefix(100) ?? "")\n"
            for l in e.lines {
                let n = l.line.rawLine
                let r =
                    l.reason.rawValue + (l.detail.map { " " + $0 } ?? "")
                    + (l.repeats > 0 ? " ×\(l.repeats)" : "")
                out += "\(mark(n)) \(n)\t[\(r)]\t\(l.line.text.prefix(160))\n"
            }
            let missed = c.errors.subtracting(picked).sorted()
            out +=
                "missed \(missed.count): " + missed.prefix(12).map(String.init).joined(separator: " ") + "\n"
        }
        let name = "\(c.corpus)__" + c.name.replacingOccurrences(of: "/", with: "__") + ".txt"
        try Data(out.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
    }
}

/// Prints, for `--show-labels N`, the first N labelled lines of each case as the cleaned log has
/// them, beside the same line cut from the raw bytes by the ground truth's rule: the check that
/// `rawLine` numbering is the ground truth's.
func showLabels(_ cases: [LabelledCase], count: Int) {
    var mismatched = 0
    var checked = 0
    for c in cases {
        // Independent split of the raw bytes at `\n`, `\r\n`, lone `\r`.
        var rawLines: [[UInt8]] = [[]]
        var i = 0
        while i < c.raw.count {
            let b = c.raw[i]
            if b == 0x0A || b == 0x0D {
                if b == 0x0D && i + 1 < c.raw.count && c.raw[i + 1] == 0x0A { i += 1 }
                rawLines.append([])
            } else {
                rawLines[rawLines.count - 1].append(b)
            }
            i += 1
        }
        let byRaw = Dictionary(c.failed.lines.map { ($0.rawLine, $0.text) }, uniquingKeysWith: { a, _ in a })
        for n in c.errors.sorted() {
            guard n <= rawLines.count else {
                mismatched += 1
                print("  \(c.corpus)/\(c.name): E line \(n) beyond the log's \(rawLines.count) lines")
                continue
            }
            let rawText = TraceCleaner.clean(normaliseLineBreaks(rawLines[n - 1])).lines.first?.text ?? ""
            let cleaned = byRaw[n] ?? ""
            checked += 1
            if rawText != cleaned {
                mismatched += 1
                print(
                    "  MISMATCH \(c.corpus)/\(c.name):\(n): cleaned \(cleaned.prefix(80).debugDescription) raw \(rawText.prefix(80).debugDescription)"
                )
            }
        }
        for n in c.errors.sorted().prefix(count) {
            print("  \(c.corpus)/\(c.name):\(n): \((byRaw[n] ?? "<no cleaned line>").prefix(110))")
        }
    }
    print(
        "label check: \(checked) labelled error lines, \(mismatched) where the cleaned line differs from the raw one"
    )
}

func pct(_ x: Double) -> String { String(format: "%.2f", x) }

func excerptTable(_ rows: [ExcerptRow]) -> String {
    var out =
        "| corpus | method | n | hit@10 | block@10 | recall@10 | prec@10 | hit@30 | block@30 | recall@30 | prec@30 |\n"
    out += "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
    for row in rows {
        for picker in Picker.allCases {
            guard let byK = row.scores[picker], let s10 = byK[10], let s30 = byK[30], s30.cases > 0 else {
                continue
            }
            // Ecosystem rows only show the three pickers every case has.
            if row.group.contains(" · ") && picker == .triageWithPass { continue }
            let name = picker == .triage ? "**triage**" : picker.rawValue
            out += "| \(row.group) | \(name) | \(s30.cases) "
            for s in [s10, s30] {
                out +=
                    "| \(pct(s.anyHitRate)) | \(pct(s.blockRate)) (\(s.blockCases)) | \(pct(s.meanRecall)) | \(pct(s.meanPrecision)) "
            }
            out += "|\n"
        }
    }
    return out
}

func clusterTable(_ c: ClusterFigures) -> String {
    var out =
        "| clustering (\(c.projects) projects × \(c.nights) nights) | failures | causes | clusters | pairwise precision | pairwise recall | new causes right | known shown NEW |\n"
    out += "|---|--:|--:|--:|--:|--:|--:|--:|\n"
    for (name, s) in [("**triage**", c.triage), ("exact masked key line", c.maskedKeyLine)] {
        out +=
            "| \(name) | \(s.failures) | \(s.causes) | \(s.clusters) | \(String(format: "%.3f", s.precision)) | \(String(format: "%.3f", s.recall)) | \(s.newCausesRight)/\(s.newCauses) | \(s.falselyNew) |\n"
    }
    return out
}

let snakeCaseEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.keyEncodingStrategy = .convertToSnakeCase
    return e
}()

func benchQuality(_ o: QualityOptions) async throws {
    let defaults = ["../shared/data/cidiff/data", "../shared/data/reallogs"].map {
        packageRoot.appendingPathComponent($0).standardizedFileURL
    }
    let given = o.directories.map { URL(fileURLWithPath: $0).standardizedFileURL }
    var roots: [URL] = []
    // A directory inside another one given (`cidiff` and its `cidiff/data`) would count its logs twice.
    func inside(_ a: URL, _ b: URL) -> Bool { a.path == b.path || a.path.hasPrefix(b.path + "/") }
    for url in defaults + given where !roots.contains(where: { inside(url, $0) }) {
        roots.removeAll { inside($0, url) }
        roots.append(url)
    }
    var cases: [LabelledCase] = []
    let loadStart = DispatchTime.now().uptimeNanoseconds
    for root in o.skipExcerpts ? [] : roots {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            print("quality: \(root.path) not found, skipped")
            continue
        }
        let corpus = loadCorpus(root: root, name: corpusName(root))
        print("quality: \(corpus.count) labelled logs in \(root.path)")
        cases += corpus
    }
    print(
        String(
            format: "quality: loaded and cleaned in %.1f s",
            Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9))
    if o.showLabels > 0 { showLabels(cases, count: o.showLabels) }
    if let dir = o.dump { try dumpExcerpts(cases, to: dir) }

    let scoreStart = DispatchTime.now().uptimeNanoseconds
    var perCase = "case\terrors\ttriage\tgrep\ttail\tkey line\tfirst missed\n"
    let rows = o.cases == nil ? scoreExcerpts(cases) : scoreExcerpts(cases, perCase: &perCase)
    if let path = o.cases { try Data(perCase.utf8).write(to: URL(fileURLWithPath: path)) }
    let scoreSeconds = Double(DispatchTime.now().uptimeNanoseconds - scoreStart) / 1e9
    let throughput = excerptThroughput(cases, rounds: o.rounds)
    if !cases.isEmpty {
        print("")
        print(
            "### Excerpt quality (K lines; hit = ≥1 excerpt line is an error line; block = all error lines in the excerpt, over the cases (n) where they fit in K; recall and precision macro-averaged; precision counts error and context lines)"
        )
        print("")
        print(excerptTable(rows))
        print(
            String(
                format:
                    "Excerpt throughput (clean + excerpt, K = 30, one core, best of %d): %.1f MB/s on %.1f MB of fail logs (%d logs); scoring took %.1f s",
                o.rounds, throughput.rate, throughput.megabytes, cases.count, scoreSeconds))
    }

    var clusters: ClusterFigures?
    if !o.skipClusters {
        let c = try await clusterQuality(projects: 40, nights: 30)
        clusters = c
        print("")
        print(
            "### Cluster quality on the simulator's truth (\(String(format: "%.1f", c.seconds)) s to sync and analyse)"
        )
        print("")
        print(clusterTable(c))
    }

    if let path = o.json {
        var excerpt: [[String: Any]] = []
        for row in rows {
            for (picker, byK) in row.scores {
                for (k, s) in byK {
                    excerpt.append([
                        "group": row.group, "method": picker.rawValue, "k": k, "n": s.cases,
                        "any_line_hit": s.anyHitRate, "whole_block_hit": s.blockRate,
                        "whole_block_cases": s.blockCases,
                        "line_recall": s.meanRecall, "precision": s.meanPrecision,
                    ])
                }
            }
        }
        excerpt.sort {
            let a = "\($0["group"] ?? "")|\($0["method"] ?? "")|\($0["k"] ?? "")"
            let b = "\($1["group"] ?? "")|\($1["method"] ?? "")|\($1["k"] ?? "")"
            return a < b
        }
        var document: [String: Any] = [
            "version": 1, "excerpt": excerpt,
            "throughput": [
                "megabytes": throughput.megabytes, "mb_per_second": throughput.rate, "logs": cases.count,
            ],
        ]
        if let clusters, let data = try? snakeCaseEncoder.encode(clusters),
            let object = try? JSONSerialization.jsonObject(with: data)
        {
            document["clusters"] = object
        }
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        print("quality: figures written to \(path)")
    }
}
