import Foundation
import LogAnalysis
import TriageCore

/// `show job N`, `show pipeline N`, `show settings`: one command whose first operand says what.
let showCommand: CommandSpec = CommandSpec(
    name: "show", group: "Browse",
    summary: "Everything the cache knows about a job or a pipeline, or the session's settings.",
    details: """
        `show job N`: project, pipeline, ref, commit, stage, status, failure reason, timings, attempts \
        and the job's status on previous nights; for a failed job, since when it fails (the first red \
        night of its current streak, as 'streaks' says) and the top suspect of that night among its own \
        dependency changes (as 'suspects' ranks them, and the dashboard shows for last night); then \
        what the analysis found: its cluster (NEW, flaky) \
        and its excerpt, each line with its raw line number and why it was picked (a known pattern by \
        name, an error keyword, the failing section's tail, …); JSON: the failure record plus ref, sha, \
        commit_title, created_at, started_at, finished_at, duration, pipeline_status, attempts, \
        previous_nights, changes ({since, nights, suspect: {ecosystem, package, from, to, rank, failing, \
        green, text}}, null unless the job is red on its night), key_line, cluster, new, flaky, excerpt \
        (the lines' texts) and excerpt_lines \
        ([{line, text, reason, pattern, repeats}]; a line followed by "(+N like it)" stands for N more \
        lines like it, the same but for numbers, or N more blocks like the one it opens). `show pipeline N`: the pipeline and all its jobs; JSON: {pipeline, project, night, \
        status, ref, sha, created_at, web_url, jobs}. `show settings`: what `set` changes, and facts \
        of the workspace; JSON: an object of setting → value.
        """,
    operands: [
        OperandSpec("WHAT", summary: "job, pipeline or settings", choices: showSubjects),
        OperandSpec("ID", optional: true, summary: "the job or pipeline id", completion: .jobs),
    ],
    examples: ["show job 48213", "show pipeline 9120", "show settings"],
    run: { command, context in
        let what = command.operand(0) ?? ""
        switch what {
        case "job":
            return try showJob(try integer(command.operand(1), "job id", command: "show job"), context)
        case "pipeline":
            return try showPipeline(
                try integer(command.operand(1), "pipeline id", command: "show pipeline"), context)
        case "settings":
            if let extra = command.operand(1) {
                throw ShellError("show settings: unexpected '\(extra)'", hint: "usage: show settings")
            }
            return try showSettings(context)
        default:
            // Parsing admits only `showSubjects` (with its did-you-mean); nothing else gets here.
            throw ShellError("show: cannot show '\(what)'")
        }
    }
)

let showSubjects = ["job", "pipeline", "settings"]

func showJob(_ id: Int, _ context: Context) throws -> CommandOutput {
    let (store, _) = try context.filledStore()
    guard let job = try store.job(id: id) else {
        throw ShellFailure.jobNotCached(id)
    }
    let found = try store.pipeline(id: job.pipelineID)
    let projectPath = try store.project(id: job.projectID)?.path ?? String(job.projectID)
    let times = try context.times()
    let attempts = try store.jobs(pipelineID: job.pipelineID).filter { $0.name == job.name }
    var previous: [JobNight] = []
    if let found {
        let nights = try context.calendar().nights(endingAt: found.night, count: 8).dropLast()
        previous = try store.jobHistory(projectID: job.projectID, name: job.name, nights: Set(nights))
    }
    let night = found?.night ?? "-"
    // Since when it fails and the top suspect, as the dashboard shows them for last night (none
    // for a job that is not red: no need to read its runs).
    var changes: JobChanges?
    if let found, job.status == .failed, !job.allowFailure {
        changes = try WhatChanged.job(
            job, on: found.night, cache: context.cache(), calendar: context.calendar(),
            source: context.config().source)
    }
    let (_, analyses) = try context.analysisStore()
    let analysis = try analyses.analysis(jobID: job.id)
    let insight = try store.insights(jobIDs: [job.id])[job.id]
    // Without an analysis (fetched without its trace, or not analysed yet) the key line comes from
    // the trace, if cached: one trace, so cheap enough here.
    let excerpt =
        try analysis.map { $0.keyLine }
        ?? (job.status == .failed ? KeyLine.ofTrace(jobID: job.id, in: store) : nil)
    var marks: [String] = []
    if insight?.isNew(on: night) == true { marks.append("NEW") }
    let flaky = try insight?.cluster.map { try analyses.flakyClusters(among: [$0]).contains($0) } ?? false
    if flaky { marks.append("flaky") }
    let assigned = try context.assignmentFor(job: job.id, cluster: analysis?.cluster?.rawValue)
    let clusterText =
        analysis.map { a in
            ([a.cluster?.rawValue ?? "-"] + marks).joined(separator: " ")
        } ?? (job.status == .failed ? notAnalysed : "-")
    var rows: [[Cell]] = [
        ["job", Cell("\(job.id) \(job.name)")],
        ["project", Cell(projectPath)],
        [
            "pipeline",
            Cell(
                "\(job.pipelineID)"
                    + (found.map { " (\($0.pipeline.status.rawValue), night \($0.night))" } ?? "")),
        ],
        ["ref", Cell(found?.pipeline.ref ?? "-")],
        [
            "commit",
            Cell(
                [job.commitSHA.map { String($0.prefix(8)) }, job.commitTitle].compactMap { $0 }.joined(
                    separator: " "
                ).nonEmpty ?? "-"),
        ],
        ["stage", Cell(job.stage)],
        ["status", statusCell(job.status)],
        ["failure reason", Cell(job.failureReason ?? "-")],
        ["allowed to fail", Cell(job.allowFailure ? "yes" : "no")],
        ["created", Cell(times.zoned(job.createdAt))],
        ["started", Cell(times.zoned(job.startedAt))],
        ["finished", Cell(times.zoned(job.finishedAt))],
        ["duration", Cell(shortDuration(job.duration))],
        [
            "attempts",
            Cell(attempts.map { "#\($0.attempt) \($0.id) \($0.status.rawValue)" }.joined(separator: ", ")),
        ],
        [
            "previous nights",
            Cell(
                previous.isEmpty
                    ? "-"
                    : previous.map { "\($0.night) \($0.job?.status.rawValue ?? "no job")" }.joined(
                        separator: ", ")),
        ],
    ]
    if job.status == .failed {
        rows += [
            ["failing since", Cell(changes.map { "\($0.since) (\(nightCount($0.nights)))" } ?? "-")],
            ["top suspect", Cell(changes?.suspect.map(suspectText) ?? "-")],
        ]
    }
    rows += [
        ["cluster", Cell(clusterText, marks.first == "NEW" ? .bad : (analysis == nil ? .dim : .plain))],
        ["issue", issueCell(assigned)],
        ["key line", Cell(excerpt ?? "-")],
    ]
    let lines = analysis?.excerpt ?? []
    let width = String(lines.map(\.rawLine).max() ?? 0).count
    let reasonWidth = (lines.map { excerptReason($0).count }.max() ?? 0) + 1
    for (k, line) in lines.enumerated() {
        let number = String(repeating: " ", count: width - String(line.rawLine).count) + String(line.rawLine)
        let more = line.repeats > 0 ? "  (+\(line.repeats) like it)" : ""
        rows.append([
            Cell(k == 0 ? "excerpt" : ""),
            Cell("\(number)  \(excerptReason(line).padding(reasonWidth))\(line.text)\(more)"),
        ])
    }
    if analysis == nil { rows.append(["excerpt", Cell(job.status == .failed ? notAnalysed : "-", .dim)]) }
    rows.append(["web url", Cell(job.webURL)])
    rows = rows.map { [Cell($0[0].text, .bold), $0[1]] }
    let record = FailureRow(
        job: job,
        pipeline: found?.pipeline
            ?? Pipeline(
                id: job.pipelineID, iid: nil, projectID: job.projectID, sha: job.commitSHA ?? "", ref: "",
                status: "unknown",
                source: "", createdAt: .distantPast, updatedAt: .distantPast, webURL: ""),
        projectPath: projectPath, night: night)
    let findings = FailureRecord.Findings(
        keyLine: excerpt, cluster: analysis?.cluster?.rawValue, new: insight?.isNew(on: night) ?? false,
        flaky: flaky, excerpt: analysis.map { $0.excerpt.map(\.text) }, issue: issueFinding(assigned),
        changes: .answered(changes))
    let json = JobRecord(
        failure: FailureRecord(record, findings: findings), ref: found?.pipeline.ref,
        sha: job.commitSHA ?? found?.pipeline.sha, commitTitle: job.commitTitle,
        createdAt: times.iso(job.createdAt),
        startedAt: times.iso(job.startedAt), finishedAt: times.iso(job.finishedAt), duration: job.duration,
        pipelineStatus: found?.pipeline.status.rawValue, excerptLines: analysis?.excerpt, attempts: attempts,
        previousNights: previous)
    return CommandOutput(
        table: Table(columns: ["FIELD", "VALUE"], rows: rows), json: JSONValue(record: json))
}

/// `3 nights`, `1 night`.
func nightCount(_ n: Int) -> String { n == 1 ? "1 night" : "\(n) nights" }

/// A top suspect for people: `DataFrames v1.6.1 → v1.7.0 (julia; rank 1 of its night, 3 newly
/// failing, 0 green)`.
func suspectText(_ s: TopSuspect) -> String {
    "\(s.text) (\(s.ecosystem); rank \(s.rank) of its night, \(s.failing) newly failing, \(s.green) green)"
}

func showPipeline(_ id: Int, _ context: Context) throws -> CommandOutput {
    let (store, _) = try context.filledStore()
    guard let (pipeline, night) = try store.pipeline(id: id) else {
        throw ShellFailure.pipelineNotCached(id)
    }
    let projectPath = try store.project(id: pipeline.projectID)?.path ?? String(pipeline.projectID)
    let times = try context.times()
    let jobs = try store.jobs(pipelineID: id)
    let text = [
        "pipeline \(id) of \(projectPath), night \(night): \(pipeline.status.rawValue), ref \(pipeline.ref), "
            + "sha \(pipeline.sha.prefix(8)), created \(times.zoned(pipeline.createdAt)), "
            + "\(shortDuration(pipeline.updatedAt.timeIntervalSince(pipeline.createdAt)))",
        pipeline.webURL,
    ]
    let cells: [[Cell]] = jobs.map { job in
        [
            Cell(String(job.id), job.retried ? .dim : .plain), Cell(job.name), Cell(job.stage),
            job.status == .failed && job.allowFailure
                ? Cell("! allowed failure", .warn) : statusCell(job.status),
            Cell(job.failureReason ?? "-"),
            Cell(job.retried ? "#\(job.attempt) (retried)" : "#\(job.attempt)"),
            Cell(shortDuration(job.duration)),
        ]
    }
    return CommandOutput(
        text: text,
        table: Table(
            columns: ["JOB ID", "NAME", "STAGE", "STATUS", "REASON", "ATTEMPT", "DURATION"], numeric: [0, 6],
            rows: cells),
        json: JSONValue(
            record: PipelineDetailRecord(
                pipeline: pipeline, projectPath: projectPath, night: night,
                createdAt: times.iso(pipeline.createdAt),
                jobs: jobs)))
}

let traceCommand: CommandSpec = CommandSpec(
    name: "trace", group: "Browse",
    summary: "A job's log, cleaned (no escape codes, progress redraws resolved, sections as markers).",
    details: """
        On a terminal the log goes through $PAGER (default less -R -K: Ctrl-C quits it too), which gets the terminal while it runs. The excerpt's lines (see \
        'show job') are marked ▶ in a column before the text (coloured on a terminal); a job not \
        analysed yet has no marker column. --raw writes the bytes exactly as GitLab returned them. \
        --grep keeps the matching lines, each with its line number: the raw log's line (as GitLab numbers \
        it, and as 'show job' and the excerpt's JSON do), so a cleaned line keeps its place even where \
        cleaning dropped lines before it. JSON: {job, lines: [{number (the raw log's line), section, text, \
        in_excerpt}]} (with --raw: {job, bytes, raw}).
        """,
    operands: [OperandSpec("JOB", summary: "a job id", completion: .jobs)],
    options: [
        OptionSpec.integer("tail", summary: "only the last N lines", range: 1...1_000_000),
        OptionSpec("grep", value: "RE", summary: "only lines matching this regular expression"),
        OptionSpec("raw", summary: "the bytes as GitLab sent them"),
    ],
    examples: [
        "trace 48213", "trace 48213 --tail 40", "trace 48213 --grep 'ERROR|Failed'", "trace 48213 --raw",
    ],
    run: { command, context in try runTrace(command, context) }
)

func runTrace(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    let id = try integer(command.operand(0), "job id", command: "trace")
    let tail = command.int("tail")
    let grep = try command.option("grep").map { pattern in
        do { return try NSRegularExpression(pattern: pattern) } catch {
            throw ShellFailure.notARegularExpression(command: "trace", given: "--grep '\(pattern)'")
        }
    }
    let raw = command.flag("raw")
    if raw && (tail != nil || grep != nil) {
        throw ShellError(
            "trace: --raw shows the bytes unchanged, without --tail or --grep",
            hint: "usage: \(command.spec.usage)")
    }
    let (store, _) = try context.filledStore()
    guard let data = try store.trace(jobID: id) else {
        if try store.job(id: id) == nil {
            throw ShellFailure.jobNotCached(id)
        }
        throw ShellFailure.traceNotCached(job: id)
    }
    if raw {
        return CommandOutput(
            json: .object([
                "job": .int(id), "bytes": .int(data.count),
                "raw": .string(String(decoding: data, as: UTF8.self)),
            ]),
            raw: data, paged: true)
    }
    let log = TraceCleaner.clean([UInt8](data))
    var lines = Array(log.lines)
    // The excerpt's lines, marked in the log; no marker column at all for a job never analysed.
    let analysis = try context.analysisStore().1.analysis(jobID: id)
    // One numbering everywhere: the raw log's physical lines, as `show job` and the
    // excerpt's JSON number them, not the cleaned log's dense count.
    let picked = Set((analysis?.excerpt ?? []).map(\.rawLine))
    func marked(_ number: Int, _ line: String) -> String {
        // The log's own control characters are shown, never sent (the marks' colour is ours).
        let text = Renderer.inert(line)
        guard analysis != nil else { return text }
        guard picked.contains(number) else { return "  " + text }
        guard context.color, let code = Renderer.sgr(.warn) else { return "▶ " + text }
        return "\u{1B}[\(code)m▶ " + text + "\u{1B}[0m"
    }
    if let grep {
        lines = lines.filter {
            grep.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil
        }
    }
    var shown: [String] = []
    if grep != nil {
        let width = String(lines.last?.rawLine ?? 0).count
        shown = lines.map {
            marked(
                $0.rawLine,
                String(repeating: " ", count: max(0, width - String($0.rawLine).count))
                    + "\($0.rawLine): \($0.text)")
        }
    } else {
        if let tail { lines = Array(lines.suffix(tail)) }
        var section: String?? = .none
        for line in lines {
            if section != .some(line.section) {
                if let name = line.section { shown.append((analysis == nil ? "" : "  ") + "── \(name) ──") }
                section = .some(line.section)
            }
            shown.append(marked(line.rawLine, line.text))
        }
    }
    return CommandOutput(
        text: shown,
        json: JSONValue(record: TraceRecord(jobID: id, lines: lines, excerpt: picked)),
        paged: true, textIsSafe: true)
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// Why an excerpt line was picked, for people: `pattern julia-test-failed`, `keyword`, `section-tail`.
func excerptReason(_ line: AnalysedLine) -> String {
    [line.reason, line.detail].compactMap { $0 }.joined(separator: " ")
}
