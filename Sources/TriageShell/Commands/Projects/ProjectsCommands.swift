import Foundation
import TriageCore

let projectsCommand: CommandSpec = CommandSpec(
    name: "projects", group: "Browse",
    summary:
        "Each project with its last nightly status, nights failed out of the last 7, and its last failure.",
    details: """
        JSON: an array of {project, id, web_url, last_night, last_status, failed_nights, nights, \
        last_failure}; `nights` counts the last 7 nights that had a nightly pipeline.
        """,
    examples: ["projects"],
    run: { _, context in
        let (store, _) = try context.filledStore()
        let window = try context.nights("7d")
        let rows = try store.pipelineRows(nights: Set(window), projectID: nil)
        // A night is its deciding pipeline's (`NightPipelines`), as on the dashboard's heatmap.
        let source = try context.config().source
        let lastFailures = try store.lastFailedNights(source: source)
        let deciding = NightPipelines.deciding(rows, source: source)
        var latest: [Int: PipelineRow] = [:]
        var failedNights: [Int: Set<String>] = [:]
        var nights: [Int: Set<String>] = [:]
        for (id, byNight) in deciding {
            latest[id] = byNight.max { $0.key < $1.key }?.value
            nights[id] = Set(byNight.keys)
            failedNights[id] = Set(byNight.filter { $0.value.pipeline.status == .failed }.keys)
        }
        var cells: [[Cell]] = []
        var json: [JSONValue] = []
        for project in try store.projects() where !project.archived {
            let last = latest[project.id]
            let failed = failedNights[project.id]?.count ?? 0
            let counted = nights[project.id]?.count ?? 0
            cells.append([
                Cell(project.path), Cell(last?.night ?? "-"),
                last.map { statusCell($0.pipeline.status, allowedFailures: $0.allowedFailed > 0) }
                    ?? Cell("-", .dim),
                Cell("\(failed)/\(counted)", failed > 0 ? .bad : .plain),
                Cell(lastFailures[project.id] ?? "-"),
            ])
            json.append(
                JSONValue(
                    record: ProjectRecord(
                        project, lastNight: last?.night, lastStatus: last?.pipeline.status,
                        failedNights: failed,
                        nights: counted, lastFailure: lastFailures[project.id])))
        }
        return CommandOutput(
            table: Table(
                columns: ["PROJECT", "LAST NIGHT", "STATUS", "FAILED/7", "LAST FAILURE"], numeric: [3],
                rows: cells),
            json: .array(json))
    }
)

let pipelinesCommand: CommandSpec = CommandSpec(
    name: "pipelines", group: "Browse",
    summary:
        "Nightly pipelines with status, ref, short sha, duration and counts of failed and allowed-failed jobs.",
    details: """
        With one operand, a time range is taken as RANGE and anything else as PROJECT. RANGE defaults \
        to last-night, or to 14d when a PROJECT is given. JSON: an array of {pipeline, project, night, \
        status, ref, sha, created_at, duration, failed, allowed_failed, web_url}.
        """,
    operands: [
        OperandSpec(
            "PROJECT", optional: true, summary: "a project path (default all)", completion: .projects),
        OperandSpec("RANGE", optional: true, summary: "nights", completion: .ranges),
    ],
    examples: [
        "pipelines", "pipelines 7d", "pipelines julia/Foo.jl",
        "pipelines julia/Foo.jl 2026-11-01..2026-11-28",
    ],
    run: { command, context in
        var projectText = command.operand(0)
        var rangeText = command.operand(1)
        if command.operands.count == 1, let only = projectText, (try? TimeRange.parse(only)) != nil {
            rangeText = only
            projectText = nil
        }
        let (store, bounds) = try context.filledStore()
        let project = try projectText.map { try context.project(named: $0, in: store) }
        let nights = try context.nights(rangeText, default: project == nil ? "last-night" : "14d")
        var rows: [PipelineRow] = []
        for row in try store.pipelineRows(nights: Set(nights), projectID: project?.id)
        where try context.isNightly(row.pipeline) {
            rows.append(row)
        }
        context.noteIfUncached(nights, bounds: bounds, found: !rows.isEmpty)
        let times = try context.times()
        let cells: [[Cell]] = rows.map { row in
            let p = row.pipeline
            return [
                Cell(row.night), Cell(row.projectPath), Cell(String(p.id)),
                statusCell(p.status, allowedFailures: row.allowedFailed > 0), Cell(p.ref),
                Cell(String(p.sha.prefix(8))),
                Cell(times.display(p.createdAt)),
                Cell(shortDuration(p.updatedAt.timeIntervalSince(p.createdAt))),
                Cell(String(row.failed), row.failed > 0 ? .bad : .plain),
                Cell(String(row.allowedFailed), row.allowedFailed > 0 ? .warn : .plain),
            ]
        }
        let json = rows.map {
            JSONValue(record: PipelineRecord($0, createdAt: times.iso($0.pipeline.createdAt)))
        }
        return CommandOutput(
            table: Table(
                columns: [
                    "NIGHT", "PROJECT", "PIPELINE", "STATUS", "REF", "SHA", "CREATED", "DURATION", "FAILED",
                    "ALLOWED",
                ],
                numeric: [2, 7, 8, 9], rows: cells),
            json: .array(json))
    }
)

let historyCommand: CommandSpec = CommandSpec(
    name: "history", group: "Browse",
    summary: "A project's nights (or one job's), one row per night, with a strip that shows the streak.",
    details: """
        The strip runs oldest to newest: `.` passed, `!` passed with allowed failures (or the job \
        failed but was allowed to), `x` failed, `o` canceled or unfinished, `-` no such job that \
        night, `_` no nightly pipeline. With two operands, a time range is taken as RANGE. RANGE \
        defaults to 14d. JSON: {project, job, nights, strip, history: [{night, status, pipeline, \
        job, failure_reason, symbol}]}, history newest first.
        """,
    operands: [
        OperandSpec("PROJECT", summary: "a project path", completion: .projects),
        OperandSpec("JOB-NAME", optional: true, summary: "a job name (default the whole pipeline)"),
        OperandSpec("RANGE", optional: true, summary: "nights (default 14d)", completion: .ranges),
    ],
    examples: ["history julia/Foo.jl", "history julia/Foo.jl 30d", "history julia/Foo.jl 'test-1.10' 7d"],
    run: { command, context in try runHistory(command, context) }
)

func runHistory(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    var name = command.operand(1)
    var rangeText = command.operand(2)
    if command.operands.count == 2, let second = name, (try? TimeRange.parse(second)) != nil {
        rangeText = second
        name = nil
    }
    let (store, bounds) = try context.filledStore()
    var nights = try context.nights(rangeText, default: "14d")
    // The default range stops where the cache begins; an explicit one is shown whole.
    if rangeText == nil { nights = nights.filter { $0 >= bounds.first } }
    let project = try context.project(named: command.operand(0) ?? "", in: store)
    var byNight: [String: HistoryNight] = [:]
    if let name {
        for row in try store.jobHistory(projectID: project.id, name: name, nights: Set(nights))
        where try context.isNightly(row.pipeline) && byNight[row.night] == nil {
            let symbol: Character =
                row.job.map { stripSymbol($0.status, warning: $0.allowFailure && $0.status == .failed) }
                ?? "-"
            byNight[row.night] = HistoryNight(
                night: row.night, status: row.job?.status, pipeline: row.pipeline.id, job: row.job?.id,
                failureReason: row.job?.failureReason, symbol: symbol)
        }
        if byNight.values.allSatisfy({ $0.job == nil }) && !byNight.isEmpty {
            let names = try store.jobs(pipelineID: byNight.values.compactMap(\.pipeline).max() ?? 0).map(
                \.name)
            let hint =
                suggestion(for: name, among: names).map { "did you mean '\($0)'?" }
                ?? "'show pipeline N' lists a pipeline's jobs"
            throw ShellError("history: no job '\(name)' in \(project.path) on these nights", hint: hint)
        }
    } else {
        let rows = try store.pipelineRows(nights: Set(nights), projectID: project.id)
        for row in NightPipelines.deciding(rows, source: try context.config().source)[
            project.id, default: [:]
        ].values {
            byNight[row.night] = HistoryNight(
                night: row.night, status: row.pipeline.status, pipeline: row.pipeline.id,
                symbol: stripSymbol(
                    row.pipeline.status, warning: row.allowedFailed > 0 && row.pipeline.status == .success))
        }
    }
    context.noteIfUncached(nights, bounds: bounds, found: !byNight.isEmpty)
    let record = HistoryRecord(
        project: project.path, job: name,
        nights: nights.map { byNight[$0] ?? HistoryNight(night: $0, symbol: "_") })
    let entries = record.nights
    let strip = record.strip
    let newestFirst = entries.reversed()
    let cells: [[Cell]] = newestFirst.map { e in
        let status: Cell =
            switch e.symbol {
            case "_": Cell("_ no pipeline", .dim)
            case "-": Cell("- no such job", .dim)
            case "!": Cell("! warnings", .warn)
            case "x": Cell("x failed", .bad)
            case ".": Cell(". success", .good)
            default: Cell("o \(e.status?.rawValue ?? "")", .dim)
            }
        return [
            Cell(e.night), status, Cell(e.pipeline.map(String.init) ?? "-"),
            Cell(e.job.map(String.init) ?? "-"), Cell(e.failureReason ?? "-"),
        ]
    }
    let label = name.map { "\(project.path) \($0)" } ?? project.path
    let failed = entries.filter { $0.symbol == "x" }.count
    let present = entries.filter { $0.symbol != "_" && $0.symbol != "-" }.count
    return CommandOutput(
        text: [
            "\(label), \(nights.first ?? "")..\(nights.last ?? ""): \(strip)  (\(failed) of \(present) failed; oldest → newest)"
        ],
        table: Table(
            columns: ["NIGHT", "STATUS", "PIPELINE", "JOB ID", "REASON"], numeric: [2, 3], rows: cells),
        json: JSONValue(record: record))
}
