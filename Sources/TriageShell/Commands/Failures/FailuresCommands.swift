import Foundation
import LogAnalysis
import TriageCore

let failuresCommand: CommandSpec = CommandSpec(
    name: "failures", group: "Failures",
    summary:
        "Failed jobs of nightly pipelines grouped by failure kind (cluster), NEW kinds first, with each key line and URL.",
    details: """
        Only the latest attempt of a job counts: a job retried to green is not a failure. Jobs allowed \
        to fail are left out unless --with-warnings. Each job shows what the analysis stored at fetch: \
        its cluster, NEW when the cluster was first seen that night, flaky when a member of the cluster \
        failed and was then retried to green or when the cluster alternates with green nights (a job \
        failed in it on two nights with a green run between), and the excerpt's key line (a job fetched without its trace \
        is "not analysed yet"). The table groups jobs by cluster, NEW clusters first, then the largest; \
        within a cluster newest night first. JSON: an array of failure records, newest night first \
        (job, project, pipeline, night, name, stage, status, failure_reason, allow_failure, web_url, \
        attempt, key_line, cluster, new, flaky, excerpt: the texts of the excerpt's lines, issue, and for \
        the range's newest night changes: since when the job fails and the top suspect of that night \
        among its own dependency changes, {since, nights, suspect}, as 'show job' and the dashboard say, \
        null for an allowed failure). SINCE is the first red night of the job's current streak, with its \
        red nights so far; like SUSPECT it is shown for the range's newest night. Nights after \
        the cache's last one are not an empty answer: "no data for night X: the cache ends at Y (last \
        fetch Z)", exit status 4, and in JSON an object {no_data, missing_nights, reason, message, \
        cache_last_night, last_fetch, records}.
        """,
    operands: [
        OperandSpec("RANGE", optional: true, summary: "nights (default last-night)", completion: .ranges)
    ],
    options: [
        OptionSpec(
            "project", value: "PROJECT", summary: "only this project (path or its last part)",
            completion: .projects),
        OptionSpec("stage", value: "STAGE", summary: "only jobs of this stage", completion: .stages),
        OptionSpec(
            "reason", value: "REASON", summary: "only this failure reason",
            completion: .values(failureReasons)),
        OptionSpec("name", value: "GLOB", summary: "only jobs whose name matches (* and ?)"),
        OptionSpec(
            "cluster", value: "CLUSTER", summary: "only jobs of this cluster (c-…)", completion: .clusters),
        OptionSpec("new", summary: "only jobs whose cluster was first seen on their night"),
        OptionSpec("with-warnings", summary: "include failed jobs that were allowed to fail"),
        OptionSpec("untriaged", summary: "only failures no issue covers (own or cluster assignment)"),
        OptionSpec("triaged", summary: "only failures an issue covers"),
    ],
    exclusive: [["untriaged", "triaged"]],
    examples: [
        "failures", "failures 7d --project julia/Foo.jl", "failures yesterday --stage test --name 'test-*'",
        "failures 2026-11-01..2026-11-28 --reason runner_system_failure --with-warnings",
        "failures 30d --cluster c-3f9a2b1c", "failures --new",
    ],
    run: { command, context in try runFailures(command, context) }
)

/// What the listing shows of a job without an analysis (fetched without its trace, or before the
/// analysis ran).
let notAnalysed = "not analysed yet"

func runFailures(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    let nights = try context.nights(command.operand(0))
    let (store, bounds) = try context.filledStore()
    let coverage: FailureFilter.Coverage =
        command.flag("untriaged") ? .untriaged : command.flag("triaged") ? .triaged : .any
    let filter = FailureFilter(
        projectID: try command.option("project").map { try context.project(named: $0, in: store).id },
        stage: command.option("stage"), failureReason: command.option("reason"), name: command.option("name"),
        cluster: try command.option("cluster").map(clusterID), onlyNew: command.flag("new"),
        coverage: coverage,
        allowedToFail: command.flag("with-warnings"))
    let answer = try Failures.rows(
        nights: Set(nights), source: context.config().source, filter: filter, listings: store,
        flaky: { try context.analysisStore().1.flakyClusters() }, assignments: context.readAssignments(),
        changes: { night, keys in
            try WhatChanged.jobs(
                on: [night], cache: context.cache(), calendar: context.calendar(),
                source: context.config().source,
                keys: keys)
        })
    let rows = answer.rows
    let found = try answer.unfiltered > 0 || !store.pipelineRows(nights: Set(nights), projectID: nil).isEmpty
    context.noteIfUncached(nights, bounds: bounds, found: found)
    let projects = Set(rows.map(\.listing.projectPath)).count
    let label =
        nights.count == 1 ? "night \(nights[0])" : "nights \(nights.first ?? "")..\(nights.last ?? "")"
    let noun = rows.count == 1 ? "failed job" : "failed jobs"
    let groups = FailureGroup.grouping(rows)
    let kinds = groups.filter { $0.cluster != nil }
    let newKinds = kinds.filter(\.isNew).count
    let text = [
        "\(label): \(rows.count) \(noun) in \(projects) project\(projects == 1 ? "" : "s"), "
            + "\(kinds.count) cluster\(kinds.count == 1 ? "" : "s") (\(newKinds) new)"
    ]
    var cells: [[Cell]] = []
    cells.reserveCapacity(rows.count)
    for group in groups {
        for facts in group.rows {
            let row = facts.listing
            let insight = row.insight
            var marks: [String] = []
            if facts.isNew { marks.append("NEW") }
            if facts.flaky { marks.append("flaky") }
            // Since and suspect are said of the range's newest night (blank on the older ones).
            var since = Cell("")
            var suspect = Cell("")
            if case .answered(let changes) = facts.changes {
                since = Cell(
                    changes.map { "\($0.since) (\($0.nights))" } ?? "-", changes == nil ? .dim : .plain)
                suspect = Cell(changes?.suspect?.text ?? "-", changes?.suspect == nil ? .dim : .plain)
            }
            cells.append([
                Cell(insight?.cluster?.rawValue ?? "-", insight == nil ? .dim : .plain),
                Cell(marks.joined(separator: " "), marks.first == "NEW" ? .bad : .warn),
                Cell(row.night), Cell(row.projectPath), Cell(row.name), Cell(row.stage),
                row.allowFailure
                    ? Cell(row.failureReason ?? "allowed", .warn)
                    : Cell(row.failureReason ?? "-", .bad),
                insight.map { Cell(truncated(trimmedOfWhitespace($0.keyLine ?? "-"), 100)) }
                    ?? Cell(notAnalysed, .dim),
                Cell(String(row.jobID), .dim), Cell(row.webURL, .dim),
                issueCell(facts.issue),
                since, suspect,
            ])
        }
    }
    // The records (and the excerpts' lines in them) are only in the JSON answer: the table never
    // pays for them, nor for the whole jobs and pipelines the records are made of.
    let json = context.format == .json
    let excerpts = json ? try store.excerptTexts(jobIDs: rows.map(\.listing.jobID)) : [:]
    let full =
        json
        ? Dictionary(
            try store.failures(nights: Set(nights)).map { ($0.job.id, $0) }, uniquingKeysWith: { a, _ in a })
        : [:]
    let records: [JSONValue] = rows.compactMap { facts in
        guard let whole = full[facts.listing.jobID] else { return nil }
        return JSONValue(record: FailureRecord(whole, facts: facts, excerpt: excerpts[facts.listing.jobID]))
    }
    return CommandOutput(
        text: text,
        table: Table(
            columns: [
                "CLUSTER", "MARKS", "NIGHT", "PROJECT", "JOB", "STAGE", "REASON", "KEY LINE", "JOB ID", "URL",
                "ISSUE", "SINCE", "SUSPECT",
            ],
            numeric: [8], rows: cells,
            // On a terminal: the JOB ID the next command needs up front, the key line last but the
            // URL, one night's listing without its NIGHT; the URL (in `show job`), STAGE, REASON,
            // the suspect (in `show job` too) and the streak's start go first.
            layout: TerminalLayout(
                order: [0, 1, 8] + (nights.count == 1 ? [] : [2]) + [3, 4, 5, 6, 10, 11, 12, 7, 9],
                shrinks: [7, 3, 4, 12],
                drops: [9, 5, 6, 12, 11], keepsEnd: [3, 4])),
        json: .array(records))
}

/// The failures of one cluster in a listing (or those without an analysis: `cluster` nil).
struct FailureGroup {
    var cluster: ClusterID?
    var isNew: Bool
    var rows: [FailureFacts]

    /// Groups in table order: NEW clusters first, then by size (largest first), then by id; the
    /// jobs without an analysis last. Rows keep their order (newest night first) within a group.
    static func grouping(_ rows: [FailureFacts]) -> [FailureGroup] {
        var groups: [FailureGroup] = []
        var index: [ClusterID?: Int] = [:]
        for row in rows {
            let key = row.cluster
            if let k = index[key] {
                groups[k].rows.append(row)
                groups[k].isNew = groups[k].isNew || row.isNew
            } else {
                index[key] = groups.count
                groups.append(FailureGroup(cluster: key, isNew: row.isNew, rows: [row]))
            }
        }
        return groups.sorted { a, b in
            if (a.cluster == nil) != (b.cluster == nil) { return b.cluster == nil }
            if a.isNew != b.isNew { return a.isNew }
            if a.rows.count != b.rows.count { return a.rows.count > b.rows.count }
            return (a.cluster?.rawValue ?? "") < (b.cluster?.rawValue ?? "")
        }
    }
}

let warningsCommand: CommandSpec = CommandSpec(
    name: "warnings", group: "Failures",
    summary: "Nightly pipelines that passed with warnings, and their allowed-to-fail failed jobs.",
    details: """
        JSON: an array of pipelines (pipeline, project, night, status, web_url) each with its `jobs`, \
        an array of failure records.
        """,
    operands: [
        OperandSpec("RANGE", optional: true, summary: "nights (default last-night)", completion: .ranges)
    ],
    examples: ["warnings", "warnings 7d"],
    run: { command, context in
        let nights = try context.nights(command.operand(0))
        let (store, bounds) = try context.filledStore()
        let all = try store.failures(nights: Set(nights))
        let warnings = Warnings.pipelines(of: all, source: try context.config().source)
        let found = try !all.isEmpty || !store.pipelineRows(nights: Set(nights), projectID: nil).isEmpty
        context.noteIfUncached(nights, bounds: bounds, found: found)
        let rows = warnings.flatMap(\.jobs)
        let cells: [[Cell]] = rows.map { row in
            [
                Cell(row.night), Cell(row.projectPath), Cell(String(row.pipeline.id)), Cell(row.job.name),
                Cell(row.job.stage), Cell(row.job.failureReason ?? "-", .warn),
                Cell(String(row.job.id), .dim),
            ]
        }
        return CommandOutput(
            text: [
                "\(warnings.count) pipeline\(warnings.count == 1 ? "" : "s") passed with warnings (\(rows.count) allowed failures)"
            ],
            table: Table(
                columns: ["NIGHT", "PROJECT", "PIPELINE", "JOB", "STAGE", "REASON", "JOB ID"],
                numeric: [2, 6], rows: cells),
            json: .array(warnings.map { JSONValue(record: WarningPipelineRecord($0)) }))
    }
)
