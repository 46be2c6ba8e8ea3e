import Foundation
import TriageCore

let failuresCommand: CommandSpec = CommandSpec(
    name: "failures", group: "Failures",
    summary: "Failed jobs of nightly pipelines, newest night first, with a one-line excerpt and the job's URL.",
    details: """
        Only the latest attempt of a job counts: a job retried to green is not a failure. Jobs allowed \
        to fail are left out unless --with-warnings. The excerpt is the last error-looking line of the \
        cached trace. JSON: an array of failure records (job, project, pipeline, night, name, stage, \
        status, failure_reason, allow_failure, web_url, attempt, key_line).
        """,
    operands: [OperandSpec("RANGE", optional: true, summary: "nights (default last-night)", completion: .ranges)],
    options: [
        OptionSpec("project", value: "PROJECT", summary: "only this project (path or its last part)", completion: .projects),
        OptionSpec("stage", value: "STAGE", summary: "only jobs of this stage"),
        OptionSpec("reason", value: "REASON", summary: "only this failure reason", completion: .values(failureReasons)),
        OptionSpec("name", value: "GLOB", summary: "only jobs whose name matches (* and ?)"),
        OptionSpec("with-warnings", summary: "include failed jobs that were allowed to fail"),
        OptionSpec("untriaged", summary: "only failures no issue covers (own or cluster assignment)"),
        OptionSpec("triaged", summary: "only failures an issue covers"),
    ],
    examples: [
        "failures", "failures 7d --project julia/Foo.jl", "failures yesterday --stage test --name 'test-*'",
        "failures 2026-11-01..2026-11-28 --reason runner_system_failure --with-warnings",
    ],
    run: { command, context in try runFailures(command, context) }
)

func runFailures(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    let nights = try context.nights(command.operand(0))
    let (store, bounds) = try context.filledStore()
    let project = try command.option("project").map { try context.project(named: $0, in: store) }
    let stage = command.option("stage")
    let reason = command.option("reason")
    let glob = command.option("name")
    let warnings = command.flags.contains("with-warnings")
    let all = try store.failures(nights: Set(nights))
    var rows: [FailureRow] = []
    for row in all where try context.isNightly(row.pipeline) {
        if row.job.allowFailure && !warnings { continue }
        if let project, row.job.projectID != project.id { continue }
        if let stage, row.job.stage != stage { continue }
        if let reason, row.job.failureReason != reason { continue }
        if let glob, !globMatches(glob, row.job.name) { continue }
        rows.append(row)
    }
    let issues = try assignmentsFor(jobs: rows.map(\.job.id), nights: nights, context: context)
    if command.flags.contains("untriaged") { rows.removeAll { issues[$0.job.id] != nil } }
    if command.flags.contains("triaged") { rows.removeAll { issues[$0.job.id] == nil } }
    let found = try !all.isEmpty || !store.pipelineRows(nights: Set(nights), projectID: nil).isEmpty
    context.noteIfUncached(nights, bounds: bounds, found: found)
    let excerpts = try keyLines(of: rows.map(\.job.id), in: store)
    let projects = Set(rows.map(\.projectPath)).count
    let label = nights.count == 1 ? "night \(nights[0])" : "nights \(nights.first ?? "")..\(nights.last ?? "")"
    let noun = rows.count == 1 ? "failed job" : "failed jobs"
    let text = ["\(label): \(rows.count) \(noun) in \(projects) project\(projects == 1 ? "" : "s")"]
    let cells: [[Cell]] = zip(rows, excerpts).map { row, excerpt in
        [
            Cell(row.night), Cell(row.projectPath), Cell(row.job.name), Cell(row.job.stage),
            row.job.allowFailure ? Cell(row.job.failureReason ?? "allowed", .warn) : Cell(row.job.failureReason ?? "-", .bad),
            Cell(truncated(excerpt ?? "-", 100)), Cell(String(row.job.id), .dim), Cell(row.job.webURL, .dim),
            issueCell(issues[row.job.id]),
        ]
    }
    let records: [JSONValue] = zip(rows, excerpts).map { row, excerpt in
        guard case .object(var fields) = failureRecord(row) else { return failureRecord(row) }
        fields["key_line"] = .optional(excerpt)
        fields["issue"] = issueJSON(issues[row.job.id])
        return .object(fields)
    }
    return CommandOutput(
        text: text,
        table: Table(
            columns: ["NIGHT", "PROJECT", "JOB", "STAGE", "REASON", "EXCERPT", "JOB ID", "URL", "ISSUE"], numeric: [6], rows: cells),
        json: .array(records))
}

let warningsCommand: CommandSpec = CommandSpec(
    name: "warnings", group: "Failures",
    summary: "Nightly pipelines that passed with warnings, and their allowed-to-fail failed jobs.",
    details: """
        JSON: an array of pipelines (pipeline, project, night, status, web_url) each with its `jobs`, \
        an array of failure records.
        """,
    operands: [OperandSpec("RANGE", optional: true, summary: "nights (default last-night)", completion: .ranges)],
    examples: ["warnings", "warnings 7d"],
    run: { command, context in
        let nights = try context.nights(command.operand(0))
        let (store, bounds) = try context.filledStore()
        let all = try store.failures(nights: Set(nights))
        var rows: [FailureRow] = []
        for row in all where row.job.allowFailure && row.pipeline.status == .success {
            if try context.isNightly(row.pipeline) { rows.append(row) }
        }
        let found = try !all.isEmpty || !store.pipelineRows(nights: Set(nights), projectID: nil).isEmpty
        context.noteIfUncached(nights, bounds: bounds, found: found)
        var order: [Int] = []
        var byPipeline: [Int: [FailureRow]] = [:]
        for row in rows {
            if byPipeline[row.pipeline.id] == nil { order.append(row.pipeline.id) }
            byPipeline[row.pipeline.id, default: []].append(row)
        }
        let json: [JSONValue] = order.compactMap { id in
            guard let jobs = byPipeline[id], let first = jobs.first else { return nil }
            return .object([
                "pipeline": .int(id), "project": .string(first.projectPath), "night": .string(first.night),
                "status": .string(first.pipeline.status.rawValue), "web_url": .string(first.pipeline.webURL),
                "jobs": .array(jobs.map(failureRecord)),
            ])
        }
        let cells: [[Cell]] = rows.map { row in
            [
                Cell(row.night), Cell(row.projectPath), Cell(String(row.pipeline.id)), Cell(row.job.name),
                Cell(row.job.stage), Cell(row.job.failureReason ?? "-", .warn), Cell(String(row.job.id), .dim),
            ]
        }
        return CommandOutput(
            text: ["\(order.count) pipeline\(order.count == 1 ? "" : "s") passed with warnings (\(rows.count) allowed failures)"],
            table: Table(
                columns: ["NIGHT", "PROJECT", "PIPELINE", "JOB", "STAGE", "REASON", "JOB ID"], numeric: [2, 6], rows: cells),
            json: .array(json))
    }
)
