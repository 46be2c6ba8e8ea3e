import Foundation
import LogAnalysis
import TriageCore

/// The "what changed" commands: `streaks`, `suspects`, `diff job N`.
let changesCommands: [CommandSpec] = [streaksCommand, suspectsCommand, diffCommand]

/// Nights looked back before a range for each job's previous runs.
let changesLookback = ChangesHistory.lookback

extension Context {
    /// Per project and job, the nightly runs from `changesLookback` nights before `first` through `last`.
    func histories(
        first: String, last: String, projectID: Int? = nil, name: String? = nil
    ) throws -> [JobHistory] {
        let from = try calendar().nights(endingAt: first, count: changesLookback + 1).first ?? first
        let rows = try cache().changes.nightlyJobs(
            fromNight: from, throughNight: last, projectID: projectID, name: name)
        guard let source = try config().source else { return ChangesHistory.histories(rows) }
        return ChangesHistory.histories(rows.filter { $0.pipeline.source == source })
    }

    /// Histories enough for the pairs (`suspects`) of nights `first...last`: the night before
    /// `first` and on, older nights only for the jobs that need them (`ChangesHistory.forPairs`).
    func pairHistories(first: String, last: String) throws -> [JobHistory] {
        try ChangesHistory.forPairs(
            queries: try cache().nightlyRuns, calendar: try calendar(), first: first, last: last,
            source: try config().source, lookback: changesLookback)
    }
}

extension Context {
    /// Where commit titles come from: the cache of compared ranges, and GitLab's compare API when
    /// a GitLab URL and a token are configured (else nil, with why, for the one-line note).
    func commitTitleSources() throws -> (
        cache: any CommitRangeCache, source: (any CommitSource)?, offline: String
    ) {
        let ranges = try cache().commitRanges
        guard let url = try? gitlabURL() else {
            return (ranges, nil, "no GitLab URL configured (GITLAB_URL or triage.toml)")
        }
        guard let token = environment.token else {
            return (ranges, nil, "no GitLab token configured (GITLAB_TOKEN)")
        }
        return (ranges, environment.makeGitLab(url, token, 4).commits, "GitLab cannot compare commits")
    }
}

/// One line of a commit: `1a2b3c4d Fix the docs (Alice Example)`.
func commitLine(_ c: Commit) -> String {
    "\(c.shortID.isEmpty ? String(c.id.prefix(8)) : c.shortID) \(c.title)\(c.authorName.isEmpty ? "" : " (\(c.authorName))")"
}

/// Why titles are missing, in one line: offline, or what GitLab answered.
func titlesUnavailable(_ outcome: CommitTitles.Outcome) -> String? {
    switch outcome {
    case .found: return nil
    case .offline(let reason): return "commit titles unavailable: \(reason)"
    case .unavailable(let error): return "commit titles unavailable: \(ErrorFormatter.message(for: error))"
    }
}

/// Commits shown in full by `diff job`; the rest are counted.
let diffCommitLimit = 30

func nightsLabel(_ nights: [String]) -> String {
    nights.count == 1 ? "night \(nights[0])" : "nights \(nights.first ?? "")..\(nights.last ?? "")"
}

// MARK: - streaks

let streaksCommand: CommandSpec = CommandSpec(
    name: "streaks", group: "What changed",
    summary:
        "Per project and job: new tonight, recovered tonight, failing for N nights since X (with the cluster), flapping.",
    details: """
        A job's outcome on a night is its latest attempt in the night's nightly pipeline (retried to \
        green counts as green). new: red, and green (or never run) the run before; recovered: green, \
        red the run before (since/nights: the red run that ended); failing: red for `nights` runs \
        since `since`; flapping: 4 or more green↔red changes in its last 14 runs (a flag on the other \
        kinds, and a kind of its own for a job green tonight). Jobs allowed to fail count as green. \
        JSON: an array of {night, kind, project, name, job, since, nights, flips, flapping, \
        first_run, cluster}.
        """,
    operands: [
        OperandSpec("RANGE", optional: true, summary: "nights (default last-night)", completion: .ranges)
    ],
    options: [
        OptionSpec(
            "project", value: "PROJECT", summary: "only this project (path or its last part)",
            completion: .projects),
        OptionSpec(
            "kind", value: "KIND", summary: "only streaks of this kind",
            choices: Streak.Kind.allCases.map(\.rawValue)),
    ],
    examples: ["streaks", "streaks 7d --kind new", "streaks last-night --project julia/Foo.jl"],
    run: { command, context in try runStreaks(command, context) }
)

func runStreaks(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    let nights = try context.nights(command.operand(0))
    // Parsing took only the kinds' names (`choices`).
    let kind = command.option("kind").flatMap(Streak.Kind.init(rawValue:))
    let (store, bounds) = try context.filledStore()
    let project = try command.option("project").map { try context.project(named: $0, in: store) }
    guard let first = nights.first, let last = nights.last else {
        return CommandOutput(text: ["no nights"], json: .array([]))
    }
    let histories = try context.histories(first: first, last: last, projectID: project?.id)
    var streaks: [Streak] = []
    for night in nights.reversed() {
        streaks += Streaks.on(night: night, histories: histories).filter { kind == nil || $0.kind == kind }
    }
    context.noteIfUncached(
        nights, bounds: bounds,
        found: histories.contains { h in h.runs.contains { nights.contains($0.night) } })
    let insights = try store.insights(
        jobIDs: streaks.filter { $0.kind == .new || $0.kind == .failing }.map(\.jobID))
    func count(_ k: Streak.Kind) -> Int { streaks.filter { $0.kind == k }.count }
    let text = [
        "\(nightsLabel(nights)): \(count(.new)) new, \(count(.recovered)) recovered, \(count(.failing)) still failing, "
            + "\(streaks.filter(\.flapping).count) flapping"
    ]
    let cells: [[Cell]] = streaks.map { s in
        let style: CellStyle =
            s.kind == .new ? .bad : (s.kind == .recovered ? .good : (s.kind == .failing ? .warn : .plain))
        return [
            Cell(s.night), Cell(s.kind.rawValue, style), Cell(s.key.project), Cell(s.key.name),
            Cell(s.since ?? "-"), Cell(s.kind == .flapping ? "-" : String(s.nights)),
            Cell(s.flapping ? "flapping (\(s.flips))" : "", .warn),
            Cell(insights[s.jobID]?.cluster?.rawValue ?? "-", .dim), Cell(String(s.jobID), .dim),
        ]
    }
    let json = streaks.map {
        JSONValue(record: StreakRecord($0, cluster: insights[$0.jobID]?.cluster?.rawValue))
    }
    return CommandOutput(
        text: text,
        table: Table(
            columns: ["NIGHT", "KIND", "PROJECT", "JOB", "SINCE", "NIGHTS", "FLAPPING", "CLUSTER", "JOB ID"],
            numeric: [5, 8], rows: cells),
        json: .array(json))
}

// MARK: - suspects

let suspectsCommand: CommandSpec = CommandSpec(
    name: "suspects", group: "What changed",
    summary:
        "Dependency version changes shared by the jobs that started failing on a night, most suspect first.",
    details: """
        For each night, the jobs that started failing (red, green the run before) are compared with \
        that green run: the dependency listings of both traces (Julia Pkg.status, pip, npm, Go, Cargo, \
        Maven). A change is the more suspect the more newly failing jobs have it, and the less suspect \
        the more still-green jobs took it too (only still-green jobs whose two traces are cached count). \
        Jobs whose green trace is not cached are counted, not compared: 'fetch' fetches the green \
        traces. JSON: an array of {night, rank, ecosystem, package, from (the versions moved from), to \
        (null: removed), kinds, failing, green, score, jobs, projects, clusters}, best first per night, \
        newest night first. \
        With --commits, the commit-level view instead: per night and project with newly failing jobs, \
        each commit range from the sha their last green run built to the sha of the red run, how many \
        of the project's newly failing jobs share it, and its commits (newest first, at most 10 \
        shown; titles from the cache, else from GitLab's compare API when GITLAB_URL and \
        GITLAB_TOKEN are set, then cached). JSON with --commits: an array of {night, project, since \
        (the green night), from, to, compare_url, jobs, names, failing (jobs sharing the range), \
        project_failing, commits: [{id, short_id, title, author_name, created_at}] oldest first, or \
        null when unavailable}, most shared first per night, newest night first.
        """,
    operands: [
        OperandSpec("RANGE", optional: true, summary: "nights (default last-night)", completion: .ranges)
    ],
    options: [
        OptionSpec.integer("top", summary: "suspects per night", range: 1...1000, default: 5),
        OptionSpec(
            "commits",
            summary:
                "instead: per project, the commits since the newly failing jobs' last green run, with titles"),
    ],
    examples: ["suspects", "suspects 7d", "suspects 2026-11-27 --top 10", "suspects last-night --commits"],
    run: { command, context in
        if command.flag("commits") { return try await runSuspectCommits(command, context) }
        return try runSuspects(command, context)
    }
)

func runSuspects(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    let nights = try context.nights(command.operand(0))
    let top = command.int("top") ?? 5
    let (store, bounds) = try context.filledStore()
    guard !nights.isEmpty else { return CommandOutput(text: ["no nights"], json: .array([])) }
    let results = try SuspectNights.results(
        nights: nights, cache: try context.cache(), source: try context.config().source
    ) {
        try context.pairHistories(first: $0, last: $1)
    }
    var text: [String] = []
    var cells: [[Cell]] = []
    var json: [JSONValue] = []
    for night in nights.reversed() {
        guard let result = results[night], result.failing > 0 else { continue }
        var line =
            "night \(night): \(result.failing) job\(result.failing == 1 ? "" : "s") started failing, "
            + "\(result.compared) compared with their last green run"
        if result.withoutTraces > 0 { line += " (\(result.withoutTraces) without both traces — run 'fetch')" }
        line += result.suspects.isEmpty ? "; no dependency changed" : ""
        text.append(line)
        for (rank, s) in result.suspects.prefix(top).enumerated() {
            let change =
                "\(s.from.isEmpty ? "(added)" : s.from.joined(separator: ", ")) → \(s.to ?? "(removed)")"
            cells.append([
                Cell(night), Cell(String(rank + 1)),
                Cell("\(s.ecosystem.rawValue):\(s.name)", rank == 0 ? .bad : .plain),
                Cell(change), Cell(String(s.newlyFailing)), Cell(String(s.alsoInGreen)),
                Cell(String(format: "%.2f", s.score)),
                Cell(truncated(s.projects.joined(separator: ", "), 80)),
                Cell(s.clusters.joined(separator: ", "), .dim),
            ])
            json.append(JSONValue(record: SuspectRecord(night: night, rank: rank + 1, suspect: s)))
        }
    }
    let cached = Set(try store.nights())
    context.noteIfUncached(nights, bounds: bounds, found: nights.contains(where: cached.contains))
    if text.isEmpty { text.append("\(nightsLabel(nights)): no job started failing") }
    return CommandOutput(
        text: text,
        table: Table(
            columns: [
                "NIGHT", "RANK", "PACKAGE", "CHANGE", "FAILING", "GREEN", "SCORE", "PROJECTS", "CLUSTERS",
            ],
            numeric: [1, 4, 5, 6], rows: cells),
        json: .array(json))
}

/// Commits shown per range by `suspects --commits`; the older ones are counted.
let suspectCommitLimit = 10

func runSuspectCommits(_ command: ParsedCommand, _ context: Context) async throws -> CommandOutput {
    let nights = try context.nights(command.operand(0))
    let (store, bounds) = try context.filledStore()
    guard let first = nights.first, let last = nights.last else {
        return CommandOutput(text: ["no nights"], json: .array([]))
    }
    let histories = try context.pairHistories(first: first, last: last)
    let webURLs = Dictionary(try store.projects().map { ($0.id, $0.webURL) }, uniquingKeysWith: { a, _ in a })
    var ranges: [(night: String, ranges: [ProjectCommitRange])] = []
    var anyRun = false
    for night in nights.reversed() {
        if !anyRun, histories.contains(where: { $0.run(on: night) != nil }) { anyRun = true }
        let found = ChangesPairs.commitRanges(on: night, histories: histories)
        if !found.isEmpty { ranges.append((night, found)) }
    }
    let sources = try context.commitTitleSources()
    let titles = try await CommitTitles.lookupAll(
        ranges.flatMap { $0.ranges.map(\.key) }, cache: sources.cache, source: sources.source,
        offlineReason: sources.offline)
    var text: [String] = []
    var cells: [[Cell]] = []
    var json: [JSONValue] = []
    var unavailable: String?
    for (night, found) in ranges {
        let jobs = found.reduce(0) { $0 + $1.jobIDs.count }
        let projects = Set(found.map(\.project)).count
        text.append(
            "night \(night): \(jobs) job\(jobs == 1 ? "" : "s") of \(projects) project\(projects == 1 ? "" : "s") "
                + "started failing; \(found.count) commit range\(found.count == 1 ? "" : "s") since their last green run"
        )
        for r in found {
            let outcome = titles[r.key] ?? .offline(reason: sources.offline)
            let url =
                r.from == r.to ? nil : webURLs[r.projectID].map { "\($0)/-/compare/\(r.from)...\(r.to)" }
            let range = "\(String(r.from.prefix(8)))..\(String(r.to.prefix(8)))"
            let shared = "\(r.jobIDs.count) of \(r.projectFailing)"
            func row(_ commit: String, _ title: String, _ style: CellStyle = .plain) -> [Cell] {
                [
                    Cell(night), Cell(r.project), Cell(shared), Cell(r.greenNight), Cell(range, .dim),
                    Cell(commit, .dim), Cell(truncated(title, 100), style),
                ]
            }
            var list: [Commit]?
            switch outcome {
            case .found(let commitRange, _):
                list = commitRange.commits
                if commitRange.commits.isEmpty {
                    let why =
                        r.from == r.to ? "both runs built \(String(r.to.prefix(8)))" : "GitLab lists none"
                    cells.append(row("-", "(no commits: \(why))", .dim))
                }
                let shown = commitRange.commits.reversed().prefix(suspectCommitLimit)
                for c in shown {
                    cells.append(row(c.shortID, c.title + (c.authorName.isEmpty ? "" : " (\(c.authorName))")))
                }
                if commitRange.commits.count > shown.count {
                    cells.append(row("…", "\(commitRange.commits.count - shown.count) older commits", .dim))
                }
            case .offline, .unavailable:
                unavailable = unavailable ?? titlesUnavailable(outcome)
                cells.append(row("?", "(titles unavailable)", .dim))
            }
            json.append(JSONValue(record: CommitRangeRecord(r, compareURL: url, commits: list)))
        }
    }
    let cached = Set(try store.nights())
    context.noteIfUncached(nights, bounds: bounds, found: nights.contains(where: cached.contains))
    if text.isEmpty { text.append("\(nightsLabel(nights)): no job started failing") }
    if let unavailable { text.append(unavailable) }
    return CommandOutput(
        text: text,
        table: cells.isEmpty
            ? nil
            : Table(
                columns: ["NIGHT", "PROJECT", "JOBS", "SINCE", "RANGE", "COMMIT", "TITLE"], rows: cells,
                layout: TerminalLayout(shrinks: [6, 4])),
        json: .array(json))
}

// MARK: - diff job N

let diffCommand: CommandSpec = CommandSpec(
    name: "diff", group: "What changed",
    summary:
        "What changed between a job and the last green nightly run of the same project and job: nights, commits, dependency versions.",
    details: """
        The last green run is the latest earlier night on which the job (same project, same name) \
        succeeded; retried to green counts, and is marked. Shows the nights between, the commit range \
        (short shas and the GitLab compare URL) with the commits' titles, newest last, and the \
        dependency changes between the two traces (added, removed, upgraded, downgraded, changed), \
        with notes on what could not be compared (a truncated trace, a trace without listing). \
        Titles come from GitLab's compare API the first time (GITLAB_URL and GITLAB_TOKEN needed) and \
        from the cache after that; offline, one line says they are unavailable. The green trace is \
        fetched by 'fetch'. JSON: {job, project, name, night, status, green: {job, night, sha, retried} \
        or null, looked_back_to, nights_between, commits: {from, to, compare_url, list: [{id, short_id, \
        title, author_name, created_at}] oldest first, or null when unavailable} or null, changes: \
        [{ecosystem, package, from, to, kind}], notes}.
        """,
    operands: [
        OperandSpec("WHAT", summary: "job", choices: ["job"]),
        OperandSpec("N", summary: "the job id", completion: .jobs),
    ],
    examples: ["diff job 48213"],
    run: { command, context in
        return try await runDiffJob(try integer(command.operand(1), "job id", command: "diff job"), context)
    }
)

func runDiffJob(_ id: Int, _ context: Context) async throws -> CommandOutput {
    _ = try context.filledStore()
    guard
        let diff = try await JobDiff.compute(
            jobID: id, cache: try context.cache(), calendar: try context.calendar(),
            source: try context.config().source, lookback: changesLookback,
            commits: {
                let sources = try context.commitTitleSources()
                return JobDiff.CommitSources(
                    cache: sources.cache, source: sources.source, offline: sources.offline)
            })
    else {
        throw ShellFailure.jobNotCached(id)
    }
    let job = diff.job
    let head = "job \(job.id) \(diff.projectPath) \(job.name), night \(diff.night) (\(job.status.rawValue))"
    guard let green = diff.green else {
        let note =
            "no green run of \(diff.projectPath) \(job.name) in the cache before \(diff.night) (looked back to \(diff.lookedBackTo))"
        return CommandOutput(text: [head, note], json: JSONValue(record: JobDiffRecord(diff, notes: [note])))
    }
    let between = diff.nightsBetween
    var lines = [
        head,
        "last green: job \(green.jobID), night \(green.night)\(green.retriedToGreen ? " (green after a retry)" : "")"
            + ", \(between) run\(between == 1 ? "" : "s") between",
    ]
    if let commits = diff.commits {
        let (from, to) = (String(commits.from.prefix(8)), String(commits.to.prefix(8)))
        let url = commits.compareURL
        switch commits.titles {
        case nil:
            lines.append("commits: none (both runs built \(to))")
        case .found(let range, _):
            lines.append(
                "commits: \(from)..\(to), \(range.commits.count) commit"
                    + "\(range.commits.count == 1 ? "" : "s")" + (url.map { " \($0)" } ?? ""))
            lines += range.commits.suffix(diffCommitLimit).map { "  " + commitLine($0) }
            if range.commits.count > diffCommitLimit {
                lines.append(
                    "  … and \(range.commits.count - diffCommitLimit) older commits (see the compare URL)")
            }
        case let titles?:
            lines.append("commits: \(from)..\(to)" + (url.map { " \($0)" } ?? ""))
            if let note = titlesUnavailable(titles) { lines.append(note) }
        }
    }
    let changes = diff.changes
    let notes = diff.notes.map { note -> String in
        switch note {
        case .greenTraceNotCached(let job):
            return "the green trace (job \(job)) is not in the cache; run 'fetch' to fetch it"
        case .traceNotCached(let job): return "the trace of job \(job) is not in the cache; run 'fetch'"
        case .listing(let text): return text
        }
    }
    lines.append(
        changes.isEmpty
            ? "dependencies: no change found"
            : "dependencies: \(changes.count) change\(changes.count == 1 ? "" : "s")")
    lines += notes.map { "note: \($0)" }
    let cells: [[Cell]] = changes.map { c in
        [
            Cell(c.ecosystem.rawValue), Cell(c.name),
            Cell(c.kind.rawValue, c.kind == .upgraded ? .plain : .warn),
            Cell(c.from ?? "-"), Cell(c.to ?? "-"),
        ]
    }
    return CommandOutput(
        text: lines, table: Table(columns: ["ECOSYSTEM", "PACKAGE", "CHANGE", "FROM", "TO"], rows: cells),
        json: JSONValue(record: JobDiffRecord(diff, notes: notes)))
}

// MARK: - the green traces, after a fetch

/// fetch's line about the traces of the last green runs of the jobs that failed on the fetched
/// nights (`GreenTraces`), and the dependency listings read after them (`TraceListings`).
func greenTracesLine(_ report: GreenTraces.Report, listed: Int) -> String {
    var parts: [String] = []
    if report.fetched > 0 { parts.append("\(report.fetched) fetched (\(byteCount(report.bytes)))") }
    if report.alreadyCached > 0 { parts.append("\(report.alreadyCached) already cached") }
    if report.failed > 0 { parts.append("\(report.failed) unavailable") }
    if report.deferred > 0 { parts.append("\(report.deferred) left for the next fetch") }
    var text = "green traces: " + (report.wanted == 0 ? "none wanted" : parts.joined(separator: ", "))
    if listed > 0 { text += "; dependency listings of \(listed) trace\(listed == 1 ? "" : "s") read" }
    return text
}
