// `triage-bench shell`: the listing commands over a year-sized cache, in process.
import Basics
import Foundation
import Store
import TriageCore
import TriageShell

struct ShellOptions {
    var projects = 200
    /// `--projects 200,1000`: the sizes the shell benchmark measures side by side (nil: `projects`).
    var sizes: [Int]?
    var nights = 365
    /// Nights (newest) whose failed jobs get a trace, so excerpts cost what they cost.
    var traceNights = 30
    var runs = 7
    /// Reuse a cache built by an earlier run (built there when missing).
    var directory: String?
}

/// Drops everything: the bench measures the commands, not the terminal.
final class DiscardSink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var errors = ""
    func write(_ text: String) {}
    func writeError(_ text: String) { lock.withLock { errors += text } }
    func status(_ line: String?) {}
}

/// The benchmarks' deterministic pseudo-random numbers.
typealias Random = SplitMix64

extension SplitMix64 {
    init(state: UInt64) { self.init(seed: state) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
}

/// The benchmarks' morning (after the night of 2026-11-28) and workspace: `--dir` (made if
/// missing, reused with its cache) or a new temporary directory, with a Chicago `triage.toml`.
func benchWorkspace(_ o: ShellOptions) throws -> (directory: URL, now: Date, lastNight: String) {
    let benchNow = calendar.start(of: "2026-11-28").map { $0.addingTimeInterval(26 * 3600) } ?? now
    let directory = try o.directory.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? temporary()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data("[nightly]\ntimezone = \"America/Chicago\"\n".utf8).write(
        to: directory.appendingPathComponent("triage.toml"))
    return (directory, benchNow, calendar.lastNight(now: benchNow))
}

/// The year-sized cache the shell, issues and export benchmarks share: reused when `--dir` holds one
/// built with the same sizes, else built (and analysed) there, saying which under `name`.
func yearCache(_ o: ShellOptions, at directory: URL, lastNight: String, name: String) throws {
    let marker = directory.appendingPathComponent(
        ".triage/bench-\(o.projects)x\(o.nights)x\(o.traceNights)-analysed")
    guard !FileManager.default.fileExists(atPath: marker.path) else {
        print("\(name) benchmark: reusing the cache in \(directory.path)")
        return
    }
    try? FileManager.default.removeItem(at: directory.appendingPathComponent(".triage"))
    var counts = (pipelines: 0, jobs: 0, traces: 0, analysed: 0, clusters: 0)
    let built = try ContinuousClock().measure {
        counts = try buildShellCache(o, at: directory, lastNight: lastNight)
    }
    _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
    print(
        "\(name) benchmark: built a cache of \(o.projects) projects × \(o.nights) nights: \(counts.pipelines) pipelines, "
            + "\(counts.jobs) jobs, \(counts.traces) traces, \(counts.analysed) analysed failures in "
            + "\(counts.clusters) clusters in \(f(seconds(built), 1)) s")
}

/// A year of nightly pipelines for `projects` projects, written with `storePipeline` (no HTTP):
/// six jobs a pipeline (build, three tests, an allowed-to-fail nightly test, docs), some retried.
func buildShellCache(_ o: ShellOptions, at directory: URL, lastNight: String) throws -> (
    pipelines: Int, jobs: Int, traces: Int, analysed: Int, clusters: Int
) {
    let store = try SQLiteCacheStore(directory: directory.appendingPathComponent(".triage"))
    let nights = calendar.nights(endingAt: lastNight, count: o.nights)
    var rng = Random(state: 2026)
    let projects = (1...o.projects).map { i in
        Project(
            id: i, path: "group\(i % 7)/Package\(i).jl", name: "Package\(i).jl",
            webURL: "https://gitlab.example.com/group\(i % 7)/Package\(i).jl", defaultBranch: "main")
    }
    try store.upsertProjects(projects)
    let failRate = projects.map { _ in Double(rng.next() % 30) / 100 }
    // The failures come from `causeCount` root causes, each with words of its own, so the cache holds
    // as many clusters as a real one rather than a single one. A project keeps its cause for a week.
    let preamble = (1...200).map {
        "[\($0)] Running tests for something reasonably long, line \($0) of the log"
    }
    func trace(cause: Int, project: Int, job: Int) -> Data {
        let words = causeWords(cause)
        let lines =
            preamble + [
                "Test Summary: | Pass  Fail",
                "\(words[0])_\(words[1]): Test Failed at /builds/group/Package\(project).jl/test/\(words[2]).jl:\(job % 400 + 10)",
                "  Expression: \(words[3])_\(words[4])(state) == \(words[5])",
                "ERROR: LoadError: \(words[0].capitalized)\(words[1].capitalized)Error: \(words[2]) \(words[3]) \(words[4]) failed",
            ]
        return Data(lines.joined(separator: "\n").utf8)
    }
    var pipelineID = 1_000_000
    var jobID = 50_000_000
    var counts = (pipelines: 0, jobs: 0, traces: 0, analysed: 0, clusters: 0)
    for (n, night) in nights.enumerated() {
        guard let start = calendar.start(of: night) else { continue }
        let created = start.addingTimeInterval(12 * 3600)
        for project in projects {
            pipelineID += 1
            var jobs: [Job] = []
            let failing = rng.chance(failRate[project.id - 1])
            let names = [
                ("build", "build"), ("test-1.10", "test"), ("test-1.11", "test"), ("test-lts", "test"),
                ("test-nightly", "test"), ("docs", "docs"),
            ]
            for (index, (name, stage)) in names.enumerated() {
                let allowed = name == "test-nightly"
                var status: Status = .success
                if allowed { status = rng.chance(0.3) ? .failed : .success }
                if failing && stage == "test" && !allowed && (index == 1 || rng.chance(0.4)) {
                    status = .failed
                }
                if rng.chance(0.03) {  // a retried attempt before this one
                    jobID += 1
                    jobs.append(job(jobID, pipelineID, project, name, stage, .failed, allowed, created))
                }
                jobID += 1
                jobs.append(job(jobID, pipelineID, project, name, stage, status, allowed, created))
            }
            let jobsNumbered = Job.numberingAttempts(jobs)
            let status: Status =
                jobsNumbered.contains { !$0.retried && $0.status == .failed && !$0.allowFailure }
                ? .failed : .success
            let pipeline = Pipeline(
                id: pipelineID, iid: n + 1, projectID: project.id, sha: String(format: "%040x", pipelineID),
                ref: "main",
                status: status, source: "schedule", createdAt: created,
                updatedAt: created.addingTimeInterval(1800),
                webURL: "\(project.webURL)/-/pipelines/\(pipelineID)")
            try store.storePipeline(pipeline, night: night, jobs: jobsNumbered)
            counts.pipelines += 1
            counts.jobs += jobsNumbered.count
            if n >= nights.count - o.traceNights {
                let cause = Int((UInt64(project.id) &* 2_654_435_761 &+ UInt64(n / 7)) % UInt64(causeCount))
                for failed in jobsNumbered where failed.status == .failed {
                    try store.storeTrace(
                        jobID: failed.id, data: trace(cause: cause, project: project.id, job: failed.id))
                    counts.traces += 1
                }
            }
        }
    }
    // What fetch does after it stores: the analysis (excerpts, clusters) the listings read.
    let report = try Analyzer(cache: store, store: store).analyseNew()
    counts.analysed = report.analysed
    counts.clusters = report.clusters
    return counts
}

/// Root causes of the bench's failures.
let causeCount = 150

/// Six words of their own for each cause (letters only, so the masker keeps them).
func causeWords(_ cause: Int) -> [String] {
    let syllables = ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "va", "ze", "bo", "du"]
    return (0..<6).map { k in
        var x = cause * 6 + k + 1
        var word = ""
        while x > 0 {
            word += syllables[x % syllables.count]
            x /= syllables.count
        }
        return word + "x"
    }
}

func job(
    _ id: Int, _ pipeline: Int, _ project: Project, _ name: String, _ stage: String, _ status: Status,
    _ allowed: Bool, _ created: Date
) -> Job {
    Job(
        id: id, pipelineID: pipeline, projectID: project.id, name: name, stage: stage, status: status,
        failureReason: status == .failed ? "script_failure" : nil, allowFailure: allowed, createdAt: created,
        startedAt: created.addingTimeInterval(60), finishedAt: created.addingTimeInterval(660), duration: 600,
        webURL: "\(project.webURL)/-/jobs/\(id)", commitSHA: String(format: "%040x", pipeline),
        commitTitle: "Nightly")
}

func median(_ xs: [Double]) -> Double {
    let sorted = xs.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// The shell benchmark at each size of `--projects 200,1000`, in one run, printed side by side
/// with the growth from the first size to the last. With `--dir DIR` and several sizes, each
/// size's cache lives in `DIR/pN` (built there once, reused by later runs).
func benchShell(_ o: ShellOptions) async throws {
    let sizes = o.sizes ?? [o.projects]
    var columns: [(projects: Int, figures: ShellFigures)] = []
    for projects in sizes {
        var sized = o
        sized.projects = projects
        if sizes.count > 1, let base = o.directory {
            sized.directory =
                URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent("p\(projects)").path
        }
        columns.append((projects, try await shellFigures(sized)))
    }
    print("")
    let header =
        ["command"] + columns.map { "\($0.projects) projects" } + (columns.count > 1 ? ["growth"] : [])
    print("| " + header.joined(separator: " | ") + " |")
    print("|" + header.map { _ in "---|" }.joined())
    let first = columns[0].figures
    for (index, row) in first.rows.enumerated() {
        var cells = ["`\(row.label)`"]
        for column in columns {
            let r = column.figures.rows[index]
            cells.append("\(f(r.ms, 1)) ms" + (r.note.map { " (\($0))" } ?? ""))
        }
        if columns.count > 1, let last = columns.last?.figures.rows[index], row.ms > 0 {
            cells.append("\(f(last.ms / row.ms, 2))×")
        }
        print("| " + cells.joined(separator: " | ") + " |")
    }
    var sizeCells = ["cache.sqlite"]
    for column in columns {
        let c = column.figures
        sizeCells.append(
            "\(c.bytes / 1_000_000) MB, \(c.jobs) jobs, \(c.jobs > 0 ? c.bytes / c.jobs : 0) B/job")
    }
    if columns.count > 1 { sizeCells.append("") }
    print("| " + sizeCells.joined(separator: " | ") + " |")
    if columns.contains(where: \.figures.failed) { exit(1) }
}

/// One size's medians, in the order the table prints them.
struct ShellFigures {
    var rows: [(label: String, ms: Double, note: String?)] = []
    var bytes = 0
    var jobs = 0
    var failed = false
}

func shellFigures(_ o: ShellOptions) async throws -> ShellFigures {
    let (directory, benchNow, lastNight) = try benchWorkspace(o)
    try yearCache(o, at: directory, lastNight: lastNight, name: "shell")
    let clock = ContinuousClock()
    var figures = ShellFigures()
    let dotTriage = directory.appendingPathComponent(".triage")
    // Opening migrates an older cache first, so the size is the migrated one's.
    let store = try SQLiteCacheStore(directory: dotTriage)
    figures.jobs = try store.summary().jobs
    for name in ["cache.sqlite", "cache.sqlite-wal"] {
        let path = dotTriage.appendingPathComponent(name).path
        figures.bytes += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
    print("  \(o.projects) projects: cache.sqlite \(figures.bytes / 1_000_000) MB, \(figures.jobs) jobs")

    let sink = DiscardSink()
    let environment = ShellEnvironment(
        workspace: directory, variables: [:], now: { benchNow },
        openCache: { CachePorts(try SQLiteCacheStore(directory: $0)) },
        makeGitLab: { _, _, _ in fatalError("the shell benchmark never talks to GitLab") },
        sink: sink, stdoutIsTerminal: false)
    let context = Context(environment: environment, format: .table, color: false)
    let session = Session(context: context)
    // An analysed failure of the last night, so `show job` shows a cluster and an excerpt.
    let someJob = try store.failures(nights: [lastNight]).first { !$0.job.allowFailure }?.job.id ?? 50_000_000
    let commands = [
        "show job \(someJob)", "history group1/Package8.jl", "history group1/Package8.jl test-1.10 30d",
        "failures last-night", "pipelines", "projects", "summary", "failures 30d", "clusters 30d",
        "warnings 7d", "failures 30d --new",
    ]
    _ = await session.run(words: ["status"])  // opens the cache once, as the first command of a session does
    for line in commands {
        guard let times = await timeCommand(line, runs: o.runs, session: session, sink: sink) else {
            figures.failed = true
            figures.rows.append((line.hasPrefix("show job") ? "show job N" : line, 0, "failed"))
            continue
        }
        figures.rows.append((line.hasPrefix("show job") ? "show job N" : line, median(times) * 1000, nil))
    }

    // What `failures` costs without rendering: its query alone (the listing's rows with their
    // insights, the jobs allowed to fail left out).
    for (label, range) in [("failures last-night", "last-night"), ("failures 30d", "30d")] {
        let nights = Set(try TimeRange.parse(range).nights(calendar: calendar, now: benchNow))
        var times: [Double] = []
        var count = 0
        for _ in 0..<o.runs {
            times.append(
                seconds(
                    try clock.measure {
                        count = try store.failureListing(nights: nights, allowedToFail: false).count
                    }))
        }
        figures.rows.append(("\(label): query only", median(times) * 1000, "\(count) rows"))
    }

    // The binary: start, open nothing, answer `-c quit`; and one listing end to end.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("triage")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        print("  (no triage binary beside triage-bench: build it to time the start-up)")
        return figures
    }
    for args in [["-c", "quit"], ["-c", "failures last-night"]] {
        var times: [Double] = []
        for _ in 0..<o.runs {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["--workspace", directory.path] + args
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            var env = ProcessInfo.processInfo.environment
            env["TRIAGE_NOW"] = ISO8601DateFormatter().string(from: benchNow)
            process.environment = env
            let elapsed = try clock.measure {
                try process.run()
                process.waitUntilExit()
            }
            times.append(seconds(elapsed))
        }
        figures.rows.append(("triage \(args.joined(separator: " ")) (process)", median(times) * 1000, nil))
    }
    return figures
}

/// Runs a shell command `runs` times in process and returns each run's seconds; nil (after
/// printing why) when a run fails.
func timeCommand(_ line: String, runs: Int, session: Session, sink: DiscardSink) async -> [Double]? {
    let clock = ContinuousClock()
    let words = line.split(separator: " ").map(String.init)
    var times: [Double] = []
    for _ in 0..<runs {
        var outcome = Session.LineOutcome.ok
        let elapsed = await clock.measure { outcome = await session.run(words: words) }
        if outcome != .ok {
            print("  \(line): failed: \(sink.errors)")
            return nil
        }
        times.append(seconds(elapsed))
    }
    return times
}
