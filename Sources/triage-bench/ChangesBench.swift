// `triage-bench changes`: `suspects` over a year of 200 projects whose traces carry Julia
// `Pkg.status` listings, as a fetch leaves them: every failed job's trace of the last `traceNights`
// nights, and the green traces `GreenTraces` fetches for them (each failing job's last green run
// and the still-green sample). Target: `suspects 30d` under 200 ms.
import Foundation
import Store
import TriageCore
import TriageShell

/// A registry of `packages` Julia packages whose versions move on: each night a package releases
/// a new version with probability `releaseRate`. Deterministic.
struct BenchRegistry {
    let names: [String]
    let uuids: [String]
    /// versions[package][night index] = (minor, patch)
    private let releases: [[Int]]

    init(packages: Int, nights: Int, releaseRate: Double, rng: inout Random) {
        names = (0..<packages).map { "Pkg\($0)Tools" }
        uuids = (0..<packages).map { _ in String(format: "%08x", UInt32(truncatingIfNeeded: rng.next())) }
        var all: [[Int]] = []
        for _ in 0..<packages {
            var count = 0
            var perNight: [Int] = []
            for _ in 0..<nights {
                if rng.chance(releaseRate) { count += 1 }
                perNight.append(count)
            }
            all.append(perNight)
        }
        releases = all
    }

    /// The version a project resolves on a night: `1.<releases / 5>.<releases % 5>`.
    func version(_ package: Int, night: Int) -> String {
        let n = releases[package][night]
        return "1.\(n / 5).\(n % 5)"
    }

    /// Whether the package released a new version on that night.
    func released(_ package: Int, night: Int) -> Bool {
        night > 0 && releases[package][night] != releases[package][night - 1]
    }
}

struct BenchJobTrace {
    var project: Int
    var night: Int
    var failed: Bool
}

/// A Julia nightly trace: instantiate, the `Pkg.status` of the project's dependencies at that
/// night's versions, ~250 lines of test output, and a failure tail when it failed.
func benchJuliaTrace(
    _ t: BenchJobTrace, deps: [Int], registry: BenchRegistry, jobID: Int
) -> Data {
    var lines: [String] = []
    lines.reserveCapacity(320)
    lines.append("Running with gitlab-runner 17.4.0 (b92ee590)")
    lines.append("$ julia --project=. -e 'using Pkg; Pkg.instantiate()'")
    lines.append("  Installing known registries into `~/.julia`")
    lines.append("$ julia --project=. -e 'using Pkg; Pkg.status()'")
    lines.append("Status `/builds/group/Package\(t.project).jl/Project.toml`")
    for d in deps {
        lines.append("  [\(registry.uuids[d])] \(registry.names[d]) v\(registry.version(d, night: t.night))")
    }
    lines.append("$ julia --project=. -e 'using Pkg; Pkg.test(coverage=true)'")
    for i in 1...250 {
        lines.append(
            "[\(i)] testset \(i % 17): \(i * 7 % 101) tests passed in \(i % 13).\(i % 97) s, job \(jobID)")
    }
    if t.failed {
        lines.append("Test Summary: | Pass  Fail  Total")
        lines.append("ERROR: LoadError: Some tests did not pass: 41 passed, 1 failed, 0 errored, 0 broken.")
        lines.append("ERROR: Job failed: exit code 1")
    } else {
        lines.append("Test Summary: | Pass  Total")
        lines.append("Job succeeded")
    }
    return Data(lines.joined(separator: "\n").utf8)
}

/// The year cache with listings. Failures: a random per-project rate as in `buildShellCache`,
/// plus, on nights when a package releases a breaking version (one night in eight), the test jobs
/// of half of the projects that depend on it.
func buildChangesCache(_ o: ShellOptions, at directory: URL, lastNight: String) throws -> (
    pipelines: Int, jobs: Int, failedTraces: Int, greenTraces: Int
) {
    let store = try SQLiteCacheStore(directory: directory.appendingPathComponent(".triage"))
    let nights = calendar.nights(endingAt: lastNight, count: o.nights)
    var rng = Random(state: 7007)
    let registry = BenchRegistry(packages: 300, nights: nights.count, releaseRate: 0.02, rng: &rng)
    let projects = (1...o.projects).map { i in
        Project(
            id: i, path: "group\(i % 7)/Package\(i).jl", name: "Package\(i).jl",
            webURL: "https://gitlab.example.com/group\(i % 7)/Package\(i).jl", defaultBranch: "main")
    }
    try store.upsertProjects(projects)
    let deps: [[Int]] = projects.map { _ in
        var set = Set<Int>()
        while set.count < 40 { set.insert(Int(rng.next() % 300)) }
        return set.sorted()
    }
    let failRate = projects.map { _ in Double(rng.next() % 20) / 100 }
    // A breaking release on one night in eight: a package that released that night.
    var breaking: [Int: Int] = [:]
    for n in 1..<nights.count where rng.chance(0.125) {
        if let culprit = (0..<300).first(where: { registry.released($0, night: n) && rng.chance(0.5) }) {
            breaking[n] = culprit
        }
    }
    let traced = nights.count - o.traceNights - changesLookbackNights
    var about: [Int: BenchJobTrace] = [:]
    var pipelineID = 2_000_000
    var jobID = 60_000_000
    var counts = (pipelines: 0, jobs: 0, failedTraces: 0, greenTraces: 0)
    for (n, night) in nights.enumerated() {
        guard let start = calendar.start(of: night) else { continue }
        let created = start.addingTimeInterval(12 * 3600)
        for project in projects {
            pipelineID += 1
            var jobs: [Job] = []
            var failing = rng.chance(failRate[project.id - 1])
            if let culprit = breaking[n], deps[project.id - 1].contains(culprit), rng.chance(0.5) {
                failing = true
            }
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
                if rng.chance(0.03) {
                    jobID += 1
                    jobs.append(job(jobID, pipelineID, project, name, stage, .failed, allowed, created))
                    if n >= traced {
                        about[jobID] = BenchJobTrace(project: project.id, night: n, failed: true)
                    }
                }
                jobID += 1
                jobs.append(job(jobID, pipelineID, project, name, stage, status, allowed, created))
                if n >= traced {
                    about[jobID] = BenchJobTrace(project: project.id, night: n, failed: status == .failed)
                }
            }
            let numbered = Job.numberingAttempts(jobs)
            let status: Status =
                numbered.contains { !$0.retried && $0.status == .failed && !$0.allowFailure }
                ? .failed : .success
            let pipeline = Pipeline(
                id: pipelineID, iid: n + 1, projectID: project.id, sha: String(format: "%040x", pipelineID),
                ref: "main", status: status, source: "schedule", createdAt: created,
                updatedAt: created.addingTimeInterval(1800),
                webURL: "\(project.webURL)/-/pipelines/\(pipelineID)")
            try store.storePipeline(pipeline, night: night, jobs: numbered)
            counts.pipelines += 1
            counts.jobs += numbered.count
            // What the sync stores: the failed jobs' traces of the fetched nights.
            if n >= nights.count - o.traceNights {
                for failed in numbered where failed.status == .failed {
                    guard let t = about[failed.id] else { continue }
                    try store.storeTrace(
                        jobID: failed.id,
                        data: benchJuliaTrace(
                            t, deps: deps[t.project - 1], registry: registry, jobID: failed.id))
                    counts.failedTraces += 1
                }
            }
        }
    }
    // What fetch's green-trace step stores: the runs `GreenTraces.wanted` asks for.
    let fetched = Array(nights.suffix(o.traceNights))
    if let first = fetched.first, let last = fetched.last {
        let from = calendar.nights(endingAt: first, count: changesLookbackNights + 1).first ?? first
        let rows = try store.nightlyJobs(fromNight: from, throughNight: last, projectID: nil, name: nil)
        let histories = ChangesHistory.histories(rows)
        let stored = try store.storedTraces(jobIDs: Array(about.keys))
        for id in GreenTraces.wanted(nights: fetched, histories: histories) where !stored.contains(id) {
            guard let t = about[id] else { continue }
            try store.storeTrace(
                jobID: id, data: benchJuliaTrace(t, deps: deps[t.project - 1], registry: registry, jobID: id))
            counts.greenTraces += 1
        }
    }
    return counts
}

/// The shell's look-back before a range (`changesLookback` in TriageShell).
let changesLookbackNights = ChangesHistory.lookback

func benchChanges(_ o: ShellOptions) async throws {
    let (directory, benchNow, lastNight) = try benchWorkspace(o)
    let cache = directory.appendingPathComponent(".triage")
    let marker = cache.appendingPathComponent("bench-changes-\(o.projects)x\(o.nights)x\(o.traceNights)")
    let clock = ContinuousClock()
    if !FileManager.default.fileExists(atPath: marker.path) {
        try? FileManager.default.removeItem(at: cache)
        var counts = (pipelines: 0, jobs: 0, failedTraces: 0, greenTraces: 0)
        let built = try clock.measure {
            counts = try buildChangesCache(o, at: directory, lastNight: lastNight)
        }
        _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
        print(
            "changes benchmark: built a cache of \(o.projects) projects × \(o.nights) nights: "
                + "\(counts.pipelines) pipelines, \(counts.jobs) jobs, \(counts.failedTraces) failed jobs' traces "
                + "and \(counts.greenTraces) green traces (Pkg.status listings) in \(f(seconds(built), 1)) s")
    } else {
        print("changes benchmark: reusing the cache in \(directory.path)")
    }
    let size =
        (try? FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent("cache.sqlite").path)[
            .size]
            as? Int) ?? 0
    print("  cache.sqlite: \(size / 1_000_000) MB")

    // What fetch does last: read the dependency listings of the traces it stored.
    var listed = 0
    let filling = try clock.measure {
        let ports = CachePorts(try SQLiteCacheStore(directory: cache))
        listed = try TraceListings.fill(cache: ports, limit: 1_000_000)
    }
    if listed > 0 {
        print(
            "  listings read as fetch reads them: \(listed) traces in \(f(seconds(filling), 2)) s "
                + "(\(f(seconds(filling) * 1000 / Double(listed), 2)) ms a trace)")
    }

    func session(listings: Bool, remembers: Bool) -> (Session, DiscardSink) {
        let sink = DiscardSink()
        let environment = ShellEnvironment(
            workspace: directory, variables: [:], now: { benchNow },
            openCache: {
                // The baselines replace a port of the production store rather than switch it off.
                var cache = CachePorts(try SQLiteCacheStore(directory: $0))
                if !listings { cache.listings = NoListings() }
                if !remembers { cache.suspectNights = NoSuspectMemory() }
                return cache
            },
            makeGitLab: { _, _, _ in fatalError("the changes benchmark never talks to GitLab") },
            sink: sink, stdoutIsTerminal: false)
        return (Session(context: Context(environment: environment, format: .table, color: false)), sink)
    }
    var failed = false
    // Baseline: every compared trace read and parsed on every call (the cache before v5), nothing
    // remembered. Then the listings cache, still computing every call: the first call back-fills
    // what the cache lacks, later calls read it. Then what a fetch leaves: the fetched nights'
    // answers computed once at the end of the fetch (timed apart) and remembered.
    var medians: [String: Double] = [:]
    for (label, listings, remembers) in [
        ("re-parsing traces", false, false), ("cached listings", true, false), ("remembered", true, true),
    ] {
        let (s, sink) = session(listings: listings, remembers: remembers)
        _ = await s.run(words: ["status"])
        if remembers {
            try SQLiteCacheStore(directory: cache).forgetSuspects()
            guard let atFetch = await timeCommand("suspects 30d", runs: 1, session: s, sink: sink) else {
                failed = true
                continue
            }
            print(
                "  \(label): the 30 nights computed and remembered (what fetch does last) in \(f(atFetch[0] * 1000, 1)) ms"
            )
        }
        for line in [
            "suspects 30d", "suspects last-night", "diff job \(try someNewlyFailing(cache, lastNight))",
        ] {
            let first = await timeCommand(line, runs: 1, session: s, sink: sink)
            var cpu: [Double] = []
            var times: [Double] = []
            for _ in 0..<o.runs {
                let before = processCPUSeconds()
                guard let once = await timeCommand(line, runs: 1, session: s, sink: sink) else { break }
                cpu.append(processCPUSeconds() - before)
                times += once
            }
            guard times.count == o.runs, let first else {
                failed = true
                continue
            }
            let m = median(times) * 1000
            medians["\(label) \(line)"] = m
            medians["\(label) \(line) cpu"] = median(cpu) * 1000
            let over = line == "suspects 30d" && m >= 200 ? "  (over the 200 ms target)" : ""
            print(
                "  \(label.padding(toLength: 18, withPad: " ", startingAt: 0)) \(line.padding(toLength: 24, withPad: " ", startingAt: 0)) "
                    + "first \(f(first[0] * 1000, 1)) ms, then median \(f(m, 1)) ms (CPU \(f(median(cpu) * 1000, 1)) ms) "
                    + "over \(times.count) runs\(over)")
        }
    }
    for variant in ["cached listings", "remembered"] {
        if let before = medians["re-parsing traces suspects 30d"],
            let after = medians["\(variant) suspects 30d"],
            after > 0
        {
            print(
                "  suspects 30d, \(variant): \(f(before, 1)) ms → \(f(after, 1)) ms, \(f(before / after, 1))× faster"
            )
        }
    }
    if let before = medians["re-parsing traces suspects 30d cpu"],
        let after = medians["cached listings suspects 30d cpu"],
        after > 0
    {
        print(
            "  suspects 30d, CPU time: \(f(before, 1)) ms → \(f(after, 1)) ms, \(f(before / after, 1))× less")
    }
    if failed { exit(1) }
}

/// A job of the last night that failed after a green run, for `diff job`.
private func someNewlyFailing(_ cache: URL, _ night: String) throws -> Int {
    let store = try SQLiteCacheStore(directory: cache)
    let first = calendar.nights(endingAt: night, count: changesLookbackNights + 1).first ?? night
    let histories = ChangesHistory.histories(
        try store.nightlyJobs(fromNight: first, throughNight: night, projectID: nil, name: nil))
    return ChangesPairs.newlyFailing(on: night, histories: histories).first?.jobID ?? 0
}
