// triage-bench: performance figures measured against a baseline in the same run.
//
//   swift run -c release triage-bench analyse [--failures 100000] [--exact 5000] [--megabytes 20] [--rounds 5] [--excerpt-only]
//        (excerpt throughput, clustering at scale, agreement with exact clustering: see Analyse.swift)
//   swift run -c release triage-bench excerpt-dump [--out FILE] [--samples DIR] [--corpus DIR] [--traces DIR]
//        (every excerpt and signature the benches compute, to diff before and after a change; see ExcerptDump.swift)
//   swift run -c release triage-bench excerpt-count [--mode clean|excerpt|both] [--rounds 1]
//        (one pass of analyse's simulator traces, for valgrind's instruction counts; see ExcerptCount.swift)
//   swift run -c release triage-bench fetch [--projects 100] [--nights 30] [--latency-ms 40]
//        [--concurrency 16] [--rate-limit 600] [--rate-projects 40] [--skip-sequential]
//   swift run -c release triage-bench shell [--projects 200,1000] [--nights 365] [--dir DIR]
//        (the listing commands over a year-sized cache; see Shell.swift)
//   swift run -c release triage-bench export [--projects 200] [--nights 365] [--dir DIR]
//   swift run -c release triage-bench issues [--projects 200] [--nights 365] [--dir DIR]
//        (issues --ranked and issue REF over that cache; see Issues.swift)
//   swift run -c release triage-bench changes [--projects 200] [--nights 365] [--dir DIR]
//        (suspects and diff job over a year whose traces carry Pkg listings; see Changes.swift)
//        (the dashboard's export of that cache, and its first view in headless chromium; see Dashboard.swift)
//   swift run -c release triage-bench quality [DIR…] [--json FILE] [--skip-clusters] [--show-labels N] [--rounds 3]
//        (excerpts on labelled real logs and clusters on the simulator's truth, against baselines; see Quality.swift)
//   swift run -c release triage-bench store [--rounds 3]
//        (a sync's writes of 100k jobs against one transaction, and a real trace's stored size; see StoreWrites.swift)
//   swift run -c release triage-bench org2 [--seed 1[,2,3]] [--projects 40] [--nights 30] [--top 10] [--dump PREFIX] [--logs DIR]
//   swift run -c release triage-bench pairs DIR…   (one cause in two projects and a decoy, per case; see Pairs.swift)
//        (clusters on an organisation generated independently of the simulator; see Org2.swift)
//   swift run -c release triage-bench org-dir DIR… [--top 10] [--dump PREFIX]
//        (the same score on an organisation another program wrote to a directory; see OrgDirectory.swift)
//
// Starts the simulated GitLab with per-request latency and measures `Fetch.run`, what `triage fetch`
// runs (sync, green traces, analysis, suspects, issues): a sequential baseline (one request at a
// time, as the original download script did), triage's concurrent fetch, a repeat fetch with
// nothing new, and a fetch under a 600 requests/minute rate limit.
@preconcurrency import Foundation
import Synchronization
import GitLab
import GitLabSimulator
import Store
import TriageCore

struct Options {
    var projects = 100
    var nights = 30
    var latencyMS = 40
    var concurrency = 16
    var rateLimit = 600
    var rateProjects = 40
    var skipSequential = false
    var skipRateLimit = false
}

func parse(_ args: [String]) -> (String, Options)? {
    guard let command = args.first else { return nil }
    var options = Options()
    var i = 1
    func int() -> Int? {
        i += 1
        return i < args.count ? Int(args[i]) : nil
    }
    while i < args.count {
        switch args[i] {
        case "--projects": options.projects = int() ?? options.projects
        case "--nights": options.nights = int() ?? options.nights
        case "--latency-ms": options.latencyMS = int() ?? options.latencyMS
        case "--concurrency": options.concurrency = int() ?? options.concurrency
        case "--rate-limit": options.rateLimit = int() ?? options.rateLimit
        case "--rate-projects": options.rateProjects = int() ?? options.rateProjects
        case "--skip-sequential": options.skipSequential = true
        case "--skip-rate-limit": options.skipRateLimit = true
        default:
            FileHandle.standardError.write(Data("triage-bench: unknown option \(args[i])\n".utf8))
            return nil
        }
        i += 1
    }
    return (command, options)
}

let token = "glpat-bench-token"
let zone = TimeZone(identifier: "America/Chicago") ?? .current
let calendar = NightCalendar(timeZone: zone)
let now = Date()

struct Run {
    var calls: Int
    var seconds: Double
    /// Of `seconds`, the sync's (until `FetchEvent.synced`); the rest is green traces, analysis,
    /// suspects and issues.
    var syncSeconds: Double
    var pipelines: Int
    var traces: Int
}

func startSimulator(projects: Int, nights: Int, latencyMS: Int, rateLimit: Int? = nil) async throws -> (
    SimulatedGitLab, URL
) {
    var configuration = SimulatorConfiguration(lastNight: calendar.lastNight(now: now))
    configuration.projects = projects
    configuration.nights = nights
    configuration.latency = .milliseconds(latencyMS)
    configuration.rateLimitPerMinute = rateLimit
    configuration.tokens = [token: .api]
    let simulator = SimulatedGitLab(configuration: configuration)
    let url = try await simulator.start()
    return (simulator, url)
}

/// One `Fetch.run`, the function `triage fetch` runs, into the workspace `directory` (its cache
/// and `assignments.json`), with the workspace defaults of `triage.toml`.
func fetch(url: URL, into directory: URL, nights: Int, concurrency: Int) async throws -> Run {
    let client = GitLabClient(
        baseURL: url, token: token, transport: URLSessionTransport.make(maxConnections: concurrency),
        concurrency: concurrency)
    let cache = CachePorts(try SQLiteCacheStore(directory: directory.appendingPathComponent(".triage")))
    let ports = FetchPorts(
        source: client, cache: { cache },
        assignments: AssignmentsFile(
            url: directory.appendingPathComponent("assignments.json"),
            scratch: directory.appendingPathComponent(".triage")),
        now: { now })
    let options = FetchOptions(
        sync: SyncOptions(scope: .membership, nights: nights, concurrency: concurrency), calendar: calendar,
        greenConcurrency: concurrency)
    let clock = ContinuousClock()
    let start = clock.now
    let synced = Mutex<ContinuousClock.Instant?>(nil)
    var report: FetchReport?
    let elapsed = try await clock.measure {
        report = try await Fetch.run(ports, options) { event in
            if case .synced = event { synced.withLock { $0 = clock.now } }
        }
    }
    let sync = synced.withLock { $0 }.map { seconds($0 - start) } ?? 0
    return Run(
        calls: report?.apiCalls ?? 0, seconds: seconds(elapsed), syncSeconds: sync,
        pipelines: report?.sync.pipelinesSynced ?? 0, traces: report?.sync.traces ?? 0)
}

func temporary() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "triage-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

func benchFetch(_ o: Options) async throws {
    print(
        "fetch benchmark: \(o.projects) projects × \(o.nights) nights, \(o.latencyMS) ms latency per request")
    let (simulator, url) = try await startSimulator(
        projects: o.projects, nights: o.nights, latencyMS: o.latencyMS)
    let latency = Double(o.latencyMS) / 1000

    var sequential: Run?
    if !o.skipSequential {
        let run = try await fetch(url: url, into: try temporary(), nights: o.nights, concurrency: 1)
        sequential = run
        print(
            "  sequential baseline: \(run.calls) calls in \(f(run.seconds)) s (ideal \(f(Double(run.calls) * latency)) s)"
        )
    }
    let dir = try temporary()
    let run = try await fetch(url: url, into: dir, nights: o.nights, concurrency: o.concurrency)
    let ideal = Double(run.calls) * latency / Double(o.concurrency)
    print(
        "  triage fetch (concurrency \(o.concurrency)): \(run.calls) calls, \(run.pipelines) pipelines, "
            + "\(run.traces) traces in \(f(run.seconds)) s (sync \(f(run.syncSeconds)) s, then green traces, "
            + "analysis, suspects, issues \(f(run.seconds - run.syncSeconds)) s); ideal \(f(ideal)) s → "
            + "\(f(run.seconds / ideal))× the ideal")
    if let sequential {
        print("  speed-up over sequential: \(f(sequential.seconds / run.seconds, 1))×")
    }
    let repeatRun = try await fetch(url: url, into: dir, nights: o.nights, concurrency: o.concurrency)
    print(
        "  repeat fetch, nothing new: \(repeatRun.calls) calls in \(f(repeatRun.seconds, 3)) s "
            + "(sync \(f(repeatRun.syncSeconds, 3)) s)")
    await simulator.stop()

    if !o.skipRateLimit {
        let (limited, limitedURL) = try await startSimulator(
            projects: o.rateProjects, nights: o.nights, latencyMS: o.latencyMS, rateLimit: o.rateLimit)
        let r = try await fetch(
            url: limitedURL, into: try temporary(), nights: o.nights, concurrency: o.concurrency)
        let throttled = limited.requests.filter { $0.status == 429 }.count
        let failed = limited.requests.filter { $0.status >= 500 || ($0.status >= 400 && $0.status != 429) }
            .count
        let bound = Double(r.calls - throttled) / (Double(o.rateLimit) / 60)
        print(
            "  rate limit \(o.rateLimit)/min (\(o.rateProjects) projects): \(r.calls - throttled) calls + \(throttled) answered 429, "
                + "\(failed) failed, in \(f(r.seconds)) s; rate-limit bound \(f(bound)) s → \(f(r.seconds / bound))× the bound"
        )
        await limited.stop()
    }
}

func parseShell(_ args: [String]) -> ShellOptions? {
    var options = ShellOptions()
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? args[i + 1] : nil
        switch args[i] {
        case "--projects":
            let sizes = (value ?? "").split(separator: ",").compactMap { Int($0) }
            options.projects = sizes.first ?? options.projects
            options.sizes = sizes.count > 1 ? sizes : nil
        case "--nights": options.nights = value.flatMap { Int($0) } ?? options.nights
        case "--trace-nights": options.traceNights = value.flatMap { Int($0) } ?? options.traceNights
        case "--runs": options.runs = value.flatMap { Int($0) } ?? options.runs
        case "--dir": options.directory = value
        default:
            FileHandle.standardError.write(Data("triage-bench: unknown option \(args[i])\n".utf8))
            return nil
        }
        i += 2
    }
    return options
}

let usage = """
    usage: triage-bench fetch [--projects N] [--nights N] [--latency-ms N] [--concurrency N] [--rate-limit N] [--rate-projects N] [--skip-sequential] [--skip-rate-limit]
           triage-bench analyse [--failures 100000] [--exact 5000] [--megabytes 20] [--rounds 5] [--samples DIR] [--excerpt-only]
           triage-bench excerpt-dump [--out FILE] [--samples DIR] [--corpus DIR] [--traces DIR]
           triage-bench excerpt-count [--mode clean|excerpt|both] [--rounds 1]
           triage-bench shell [--projects 200[,1000]] [--nights 365] [--trace-nights 30] [--runs 7] [--dir DIR]
           triage-bench export [--projects 200] [--nights 365] [--trace-nights 30] [--runs 7] [--dir DIR]
           triage-bench issues [--projects 200] [--nights 365] [--trace-nights 30] [--runs 7] [--dir DIR]
           triage-bench changes [--projects 200] [--nights 365] [--trace-nights 30] [--runs 7] [--dir DIR]
           triage-bench quality [DIR…] [--json FILE] [--cases FILE] [--skip-clusters] [--show-labels N] [--rounds 3]
           triage-bench store [--rounds 3]
           triage-bench pairs DIR…
           triage-bench org2 [--seed 1[,2,3]] [--projects 40] [--nights 30] [--top 10] [--dump PREFIX] [--logs DIR]
           triage-bench org-dir DIR… [--top 10] [--dump PREFIX]
    """
setlinebuf(stdout)  // figures appear as they are measured, even in a pipe
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "analyse" {
    benchAnalyse(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "excerpt-dump" {
    benchExcerptDump(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "excerpt-count" {
    benchExcerptCount(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "quality" {
    guard let options = parseQuality(Array(arguments.dropFirst())) else {
        print(usage)
        exit(64)
    }
    do {
        try await benchQuality(options)
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.first == "store" {
    guard let options = parseStoreBench(Array(arguments.dropFirst())) else {
        print(usage)
        exit(64)
    }
    do {
        try benchStore(options)
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.first == "pairs" {
    benchPairs(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "org2" {
    guard let options = parseOrg2(Array(arguments.dropFirst())) else {
        print(usage)
        exit(64)
    }
    do {
        try benchOrg2(options)
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.first == "org-dir" {
    do {
        try benchOrgDirectory(Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.first == "shell" {
    guard let options = parseShell(Array(arguments.dropFirst())) else {
        print(usage)
        exit(64)
    }
    do {
        try await benchShell(options)
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.first == "changes" {
    guard let options = parseShell(Array(arguments.dropFirst())) else {
        print(usage)
        exit(64)
    }
    do {
        try await benchChanges(options)
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.first == "issues" {
    guard let options = parseShell(Array(arguments.dropFirst())) else {
        print(usage)
        exit(64)
    }
    do {
        try await benchIssues(options)
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.first == "export" {
    guard let options = parseShell(Array(arguments.dropFirst())) else {
        print(usage)
        exit(64)
    }
    do {
        try await benchExport(options)
    } catch {
        FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
guard let (command, options) = parse(arguments), command == "fetch" else {
    print(usage)
    exit(64)
}
do {
    try await benchFetch(options)
} catch {
    FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
    exit(1)
}
