import Foundation
import TriageCore

extension CommandTable {
    /// The commands of triage.
    public static let standard: CommandTable = CommandTable(
        commands: [
            fetchCommand, statusCommand,
            summaryCommand, failuresCommand, warningsCommand,
            projectsCommand, pipelinesCommand, historyCommand, showCommand, traceCommand,
            setCommand, sourceCommand, helpCommand, quitCommand,
        ] + analysisCommands + dashboardCommands + assignCommands + issueViewCommands + changesCommands)
}

let fetchCommand: CommandSpec = CommandSpec(
    name: "fetch", group: "Sync",
    summary:
        "Bring nightly pipelines, their jobs and failed traces from GitLab into the cache (incremental).",
    details: """
        Scope comes from --group/--project, else triage.toml [scope], else every project the token's \
        user is a member of. Only what changed since the last fetch is asked for; finished traces are \
        never fetched twice. Ctrl-C stops cleanly: the cache stays consistent and the next fetch \
        continues where this one stopped. GITLAB_URL and GITLAB_TOKEN come from the environment.
        """,
    options: [
        OptionSpec("group", value: "GROUP", repeatable: true, summary: "a group path (subgroups included)"),
        OptionSpec(
            "project", value: "PROJECT", repeatable: true, summary: "a project path", completion: .projects),
        OptionSpec.integer(
            "nights", summary: "how many nights back (default 30, or triage.toml)", range: 1...3660),
        OptionSpec(
            "source", value: "SOURCE", summary: "pipelines to keep instead of triage.toml's source",
            choices: ["schedule", "all"]),
        OptionSpec.integer("concurrency", summary: "requests in flight (default 16)", range: 1...64),
    ],
    examples: ["fetch", "fetch --group julia --nights 30", "fetch --project julia/Foo.jl --source all"],
    run: { command, context in try await runFetch(command, context) }
)

func runFetch(_ command: ParsedCommand, _ context: Context) async throws -> CommandOutput {
    // The options override the workspace's scope, nights, source and concurrency for the sync;
    // the steps after it read the cache with the workspace's own settings (`FetchOptions`).
    let workspace = try context.config()
    var config = workspace
    let groups = command.values("group")
    let projects = command.values("project")
    if !groups.isEmpty || !projects.isEmpty {
        config.groups = groups
        config.projects = projects
    }
    if let nights = command.int("nights") { config.nights = nights }
    if let concurrency = command.int("concurrency") {
        config.concurrency = concurrency
    }
    if let source = command.option("source") {
        config.source = source == "all" ? nil : source
    }
    let url = try context.gitlabURL()
    if let problem = context.environment.tokenProblem { throw problem }
    let token = context.environment.token
    if token == nil {
        context.sink.writeError(
            "note: no GITLAB_TOKEN in the environment; only public projects are visible\n")
    }
    let ports = FetchPorts(
        source: context.environment.makeGitLab(url, token, config.concurrency).source,
        cache: { try context.cache() }, assignments: context.assignmentBook(), now: context.environment.now)
    let options = FetchOptions(
        sync: SyncOptions(
            scope: config.scope, nights: config.nights, source: config.source, concurrency: config.concurrency
        ),
        calendar: try context.calendar(), nightlySource: workspace.source, patterns: workspace.patternLibrary,
        greenConcurrency: workspace.concurrency, lookback: changesLookback)
    let sink = context.sink
    let report: FetchReport
    do {
        report = try await Fetch.run(ports, options) { event in
            switch event {
            case .syncing(let progress): sink.status(progressLine(progress))
            case .synced: sink.status(nil)
            case .analysed(let analysis, _): if let note = unanalysedNote(analysis) { sink.writeError(note) }
            case .issues(_, let skipped): for s in skipped { sink.writeError("warning: skipped \(s)\n") }
            case .greenTraces, .suspectsRemembered: break
            }
        }
    } catch is CancellationError {
        // Canceled at any step: every step resumes from what the cache holds.
        sink.status(nil)
        throw ShellError("fetch canceled", hint: context.environment.fetchCanceledHint)
    } catch {
        sink.status(nil)
        throw error
    }
    let sync = report.sync
    for skipped in sync.skipped { sink.writeError("warning: skipped \(skipped)\n") }
    let text =
        "fetched \(sync.projects) projects: \(sync.pipelinesSynced) pipelines updated "
        + "(\(sync.pipelinesSeen) seen), \(sync.jobs) jobs, \(sync.traces) traces "
        + "(\(byteCount(sync.traceBytes))), \(report.apiCalls) API calls"
    let greenText = greenTracesLine(report.greenTraces, listed: report.listingsRead)
    let analysisText = analysisLine(
        report.analysis, verb: report.analysis.upgradedFrom == nil ? "analysed" : "upgraded",
        kept: report.assignmentsKept, news: report.news)
    let issuesText = issuesLine(updated: report.issuesUpdated, cached: report.issuesCached)
    return CommandOutput(
        text: [text, greenText, analysisText, issuesText], json: JSONValue(record: FetchReportRecord(report)))
}

func progressLine(_ p: SyncProgress) -> String {
    var parts = ["fetch: \(p.apiCalls) calls"]
    parts.append("\(p.projectsListed)/\(p.projectsTotal) projects")
    parts.append("\(p.pipelinesDone)/\(p.pipelinesTotal) pipelines")
    parts.append("\(p.traces) traces (\(byteCount(p.traceBytes)))")
    if let eta = p.etaSeconds { parts.append("ETA \(duration(eta))") }
    return parts.joined(separator: " · ")
}

func byteCount(_ bytes: Int) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}

func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
}

let statusCommand: CommandSpec = CommandSpec(
    name: "status", group: "Cache",
    summary:
        "What the cache holds: projects, pipelines by status, jobs, traces and their bytes, nights, last sync.",
    examples: ["status"],
    run: { _, context in
        let summary = try context.store().summary()
        let iso = ISO8601DateFormatter()
        var rows: [[Cell]] = []
        rows.append(["projects", Cell("\(summary.projects)")])
        let pipelines = summary.pipelinesByStatus.values.reduce(0, +)
        let byStatus = summary.pipelinesByStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        rows.append([
            "pipelines",
            Cell("\(pipelines)" + (byStatus.isEmpty ? "" : " (\(byStatus.joined(separator: ", ")))")),
        ])
        rows.append(["jobs", Cell("\(summary.jobs) (\(summary.retriedJobs) retried attempts)")])
        rows.append([
            "traces",
            Cell(
                "\(summary.traces): \(byteCount(summary.traceBytes)) as sent, \(byteCount(summary.traceStoredBytes)) stored"
            ),
        ])
        rows.append(["issues", Cell("\(summary.issues)")])
        let nights =
            summary.firstNight.map { "\(summary.nights) (\($0) … \(summary.lastNight ?? $0))" } ?? "none"
        rows.append(["nights", Cell(nights)])
        if let sync = summary.lastSync {
            var text = "\(iso.string(from: sync.startedAt)) \(CacheStatusRecord.outcome(sync))"
            text += ", \(sync.apiCalls) API calls, \(sync.pipelines) pipelines, \(sync.traces) traces"
            if let end = sync.finishedAt { text += ", \(duration(end.timeIntervalSince(sync.startedAt)))" }
            rows.append(["last sync", Cell(text)])
        } else {
            rows.append(["last sync", "never — run 'fetch'"])
        }
        return CommandOutput(
            table: Table(columns: ["WHAT", "COUNT"], rows: rows),
            json: JSONValue(record: CacheStatusRecord(summary)))
    }
)

let summaryCommand: CommandSpec = CommandSpec(
    name: "summary", group: "Failures",
    summary: "One night at a glance: nightly pipelines, failed, passed with warnings, and the failed jobs.",
    operands: [
        OperandSpec(
            "NIGHT", optional: true, summary: "a night or range (default last-night)", completion: .ranges)
    ],
    examples: ["summary", "summary last-night", "summary 2026-11-27"],
    run: { command, context in
        let calendar = try context.calendar()
        let nights = try context.nights(command.operand(0))
        let store = try context.store()
        let pipelines = try store.pipelines(nights: Set(nights))
        let failures = try store.failures(nights: Set(nights))
        if let bounds = try store.nightBounds() {
            context.noteIfUncached(nights, bounds: bounds, found: !pipelines.isEmpty)
        }
        let summary = NightSummary.of(
            nights: nights, pipelines: pipelines, failures: failures, source: try context.config().source)
        let label =
            nights.count == 1 ? "night \(nights[0])" : "nights \(nights.first ?? "")..\(nights.last ?? "")"
        var text = [
            "\(label) (\(calendar.timeZone.identifier)): \(summary.pipelines) nightly pipelines — "
                + "\(summary.failed) failed, \(summary.passedWithWarnings) passed with warnings, \(summary.passed) passed"
        ]
        if summary.pipelines == 0 {
            text.append("no nightly pipelines in the cache for \(label) — run 'fetch'")
        }
        let rows: [[Cell]] = summary.failures.map { row in
            [
                Cell(row.projectPath), Cell(row.job.name), Cell(row.job.stage),
                row.job.allowFailure ? Cell("! allowed", .warn) : Cell("✗ failed", .bad),
                Cell(row.job.failureReason ?? "-"), Cell(String(row.job.id), .dim),
            ]
        }
        return CommandOutput(
            text: text,
            table: Table(
                columns: ["PROJECT", "JOB", "STAGE", "STATUS", "REASON", "JOB ID"], numeric: [5], rows: rows),
            json: JSONValue(record: summary))
    }
)

let helpCommand: CommandSpec = CommandSpec(
    name: "help", aliases: ["?"], group: "Shell",
    summary: "List the commands, or explain one.",
    operands: [OperandSpec("COMMAND", optional: true, summary: "a command name", completion: .commands)],
    options: [OptionSpec("markdown", summary: "print docs/commands.md (the generated reference)")],
    examples: ["help", "help fetch"],
    run: { command, context in
        let table = CommandTable.standard
        if command.flag("markdown") {
            return CommandOutput(text: [table.markdown()], json: .string(table.markdown()))
        }
        let width = context.environment.terminalColumns()
        if let name = command.operand(0) {
            guard let spec = table.lookup(name) else {
                let hint = suggestion(for: name, among: table.commands.map(\.name)).map {
                    "did you mean '\($0)'?"
                }
                throw ShellError("help: no command '\(name)'", hint: hint ?? "type 'help' for the list")
            }
            return CommandOutput(
                text: helpLines(spec, width: width),
                json: .object([
                    "name": .string(spec.name), "usage": .string(spec.usage),
                    "summary": .string(spec.summary),
                    "examples": .array(spec.examples.map(JSONValue.string)),
                ]))
        }
        return CommandOutput(
            text: helpLines(table, width: width),
            json: .array(
                table.commands.map { .object(["name": .string($0.name), "summary": .string($0.summary)]) }))
    }
)

/// `help`: the commands by group, names in one column as wide as the longest, summaries wrapped
/// to `width` columns under their own column (nil: not wrapped, as in a pipe).
func helpLines(_ table: CommandTable, width: Int?) -> [String] {
    let nameWidth = (table.commands.map(\.name.count).max() ?? 0) + 2
    var lines: [String] = []
    for group in table.groups {
        lines.append("\(group):")
        for spec in table.commands where spec.group == group {
            lines += hanging("  " + spec.name.padding(nameWidth), spec.summary, width: width)
        }
    }
    lines.append("")
    lines += wrapped(
        "'help COMMAND' explains one. Time ranges: last-night, yesterday, today, YYYY-MM-DD, A..B, 7d.",
        width: width)
    lines += wrapped(
        "Any command takes --format table|tsv|json for its own output; 'set format json' for the session.",
        width: width)
    return lines
}

/// `help COMMAND`: usage, summary, details, then operands and options aligned on the longest.
func helpLines(_ spec: CommandSpec, width: Int?) -> [String] {
    var lines = hanging("usage: ", spec.usage, width: width) + [""] + wrapped(spec.summary, width: width)
    if let details = spec.details { lines += [""] + wrapped(details, width: width) }
    let names =
        spec.operands.map { ($0.name, $0.summary) }
        + spec.options.map { ("--\($0.name)" + ($0.value.map { " \($0)" } ?? ""), $0.described) }
    let global = CommandTable.globalOptions.map {
        ("--\($0.name)" + ($0.value.map { " \($0)" } ?? ""), $0.described)
    }
    let nameWidth = ((names + global).map(\.0.count).max() ?? 0) + 2
    if !names.isEmpty { lines.append("") }
    for (name, summary) in names { lines += hanging("  " + name.padding(nameWidth), summary, width: width) }
    lines.append("")
    for (name, summary) in global { lines += hanging("  " + name.padding(nameWidth), summary, width: width) }
    if !spec.examples.isEmpty { lines += [""] + spec.examples.map { "  triage> \($0)" } }
    return lines
}

/// `text` broken at spaces into lines of at most `width` columns (a longer word stays whole).
func wrapped(_ text: String, width: Int?) -> [String] { hanging("", text, width: width) }

/// `head` then `text`, continuation lines indented to where `text` started.
func hanging(_ head: String, _ text: String, width: Int?) -> [String] {
    guard let width, head.count + text.count > width else { return [head + text] }
    let indent = String(repeating: " ", count: head.count)
    let room = max(20, width - head.count)
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
        if !current.isEmpty, current.count + 1 + word.count > room {
            lines.append(current)
            current = String(word)
        } else {
            current += (current.isEmpty ? "" : " ") + word
        }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines.enumerated().map { ($0.offset == 0 ? head : indent) + $0.element }
}

let quitCommand: CommandSpec = CommandSpec(
    name: "quit", aliases: ["exit"], group: "Shell",
    summary: "Leave the shell (Ctrl-D does the same).",
    examples: ["quit"],
    run: { _, _ in throw QuitRequest() }
)

/// Thrown by `quit`: the session ends, successfully.
struct QuitRequest: Error {}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
