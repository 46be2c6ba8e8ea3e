import Foundation
import GRDB
import TriageCore

// The one place that maps rows of the cache to the core's model and back.
// Column lists and decoders are kept side by side so that they cannot drift apart.

extension Date {
    /// The stored form of a date: seconds since the reference date, exact.
    var storedValue: Double { timeIntervalSinceReferenceDate }
    init(storedValue: Double) { self.init(timeIntervalSinceReferenceDate: storedValue) }
}

extension Optional where Wrapped == Date {
    var storedValue: Double? { map(\.storedValue) }
}

enum ProjectColumns {
    static let select = "id, path, name, web_url, archived, default_branch"

    static func decode(_ row: some ColumnReader, from offset: Int = 0) -> Project {
        Project(
            id: row.int(offset), path: row.string(offset + 1), name: row.string(offset + 2),
            webURL: row.string(offset + 3), archived: row.bool(offset + 4),
            defaultBranch: row.optionalString(offset + 5))
    }
}

enum PipelineColumns {
    static let count = 11
    /// The pipeline's fields then its night; `prefix` names the table alias (`p.`).
    /// `projectURL`: the expression of the pipeline's project's `web_url` when the query joins it
    /// (saves a seek per row); otherwise a subquery reads it.
    static func select(_ prefix: String = "", projectURL: String? = nil) -> String {
        let q = prefix.isEmpty ? "pipelines." : prefix
        return [
            "id", "iid", "project_id", "sha", "ref", "status", "source", "created_at", "updated_at",
        ].map { prefix + $0 }.joined(separator: ", ")
            + ", \(DerivedColumns.pipelineWebURL(q, projectURL: projectURL)), \(prefix)night"
    }

    static func decode(_ row: some ColumnReader, from offset: Int = 0) -> (pipeline: Pipeline, night: String)
    {
        let pipeline = Pipeline(
            id: row.int(offset), iid: row.optionalInt(offset + 1), projectID: row.int(offset + 2),
            sha: row.string(offset + 3), ref: row.string(offset + 4),
            status: Status(rawValue: row.string(offset + 5)), source: row.string(offset + 6),
            createdAt: Date(storedValue: row.double(offset + 7)),
            updatedAt: Date(storedValue: row.double(offset + 8)), webURL: row.string(offset + 9))
        return (pipeline, row.string(offset + 10))
    }

    static let upsert = """
        INSERT OR REPLACE INTO pipelines
            (id, iid, project_id, sha, ref, status, source, created_at, updated_at, web_url, night,
             synced_updated_at, commit_title)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// `projectURL`: the cached project's `web_url` (nil: no project row), for `DerivedColumns`;
    /// `commitTitle`: its jobs' shared commit title (`DerivedColumns.sharedCommitTitle`).
    static func arguments(_ p: Pipeline, night: String, projectURL: String?, commitTitle: String?)
        -> StatementArguments
    {
        [
            p.id, p.iid, p.projectID, p.sha, p.ref, p.status.rawValue, p.source, p.createdAt.storedValue,
            p.updatedAt.storedValue, DerivedColumns.storedPipelineWebURL(p, projectURL: projectURL), night,
            p.updatedAt.storedValue, commitTitle,
        ]
    }
}

enum JobColumns {
    static let count = 17
    /// `pipeline` and `projectURL`: the alias of the job's pipeline (`p.`) and the expression of
    /// its project's `web_url` when the query joins them (saves a seek per row); otherwise subqueries.
    static func select(_ prefix: String = "", pipeline: String? = nil, projectURL: String? = nil) -> String {
        let q = prefix.isEmpty ? "jobs." : prefix
        let head = [
            "id", "pipeline_id", "project_id", "name", "stage", "status", "failure_reason", "allow_failure",
            "created_at", "started_at", "finished_at", "duration",
        ].map { prefix + $0 }.joined(separator: ", ")
        return head
            + ", \(DerivedColumns.jobWebURL(q, projectURL: projectURL))"
            + ", \(DerivedColumns.jobCommitSHA(q, pipeline: pipeline))"
            + ", \(DerivedColumns.jobCommitTitle(q, pipeline: pipeline))"
            + ", \(prefix)attempt, \(prefix)retried"
    }

    static func decode(_ row: some ColumnReader, from offset: Int = 0) -> Job {
        Job(
            id: row.int(offset), pipelineID: row.int(offset + 1), projectID: row.int(offset + 2),
            name: row.string(offset + 3), stage: row.string(offset + 4),
            status: Status(rawValue: row.string(offset + 5)), failureReason: row.optionalString(offset + 6),
            allowFailure: row.bool(offset + 7),
            createdAt: row.optionalDouble(offset + 8).map(Date.init(storedValue:)),
            startedAt: row.optionalDouble(offset + 9).map(Date.init(storedValue:)),
            finishedAt: row.optionalDouble(offset + 10).map(Date.init(storedValue:)),
            duration: row.optionalDouble(offset + 11), webURL: row.string(offset + 12),
            commitSHA: row.optionalString(offset + 13), commitTitle: row.optionalString(offset + 14),
            attempt: row.int(offset + 15), retried: row.bool(offset + 16))
    }

    static let insert = """
        INSERT OR REPLACE INTO jobs
            (id, pipeline_id, project_id, name, stage, status, failure_reason, allow_failure, created_at,
             started_at, finished_at, duration, web_url, commit_sha, commit_title, attempt, retried)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// `pipeline`: the job's pipeline, stored with it; `projectURL` its cached project's `web_url`;
    /// `pipelineTitle` the commit title stored on the pipeline (`DerivedColumns.sharedCommitTitle`).
    static func arguments(_ j: Job, pipeline: Pipeline, projectURL: String?, pipelineTitle: String?)
        -> StatementArguments
    {
        [
            j.id, j.pipelineID, j.projectID, j.name, j.stage, j.status.rawValue, j.failureReason,
            j.allowFailure,
            j.createdAt.storedValue, j.startedAt.storedValue, j.finishedAt.storedValue, j.duration,
            DerivedColumns.storedJobWebURL(j, pipeline: pipeline, projectURL: projectURL),
            DerivedColumns.storedCommitSHA(j, pipeline: pipeline),
            DerivedColumns.storedCommitTitle(j, pipelineTitle: pipelineTitle), j.attempt, j.retried,
        ]
    }
}

/// Migration `v9`: values the cache can rebuild are stored as `''`: a job's `web_url`
/// when it is its project's `web_url` + `/-/jobs/ID`, a job's `commit_sha` when it is its
/// pipeline's `sha`, a pipeline's `web_url` when it is its project's + `/-/pipelines/ID`: ~100 of
/// a job row's ~180 bytes. Reads rebuild them in SQL, so every query answers as before.
///
/// A project's `web_url` that changes (a rename) first writes its jobs' and pipelines' rebuilt
/// URLs back (`upsertProjects`), so stored URLs keep the path GitLab gave. An empty `web_url` or
/// `commit_sha` given by GitLab (never seen) would read back rebuilt.
enum DerivedColumns {
    static func jobWebURL(_ q: String, projectURL: String?) -> String {
        let url = projectURL ?? "(SELECT dp.web_url FROM projects dp WHERE dp.id = \(q)project_id)"
        return
            "CASE \(q)web_url WHEN '' THEN coalesce(\(url) || '/-/jobs/' || \(q)id, '') ELSE \(q)web_url END AS web_url"
    }

    static func jobCommitSHA(_ q: String, pipeline: String?) -> String {
        let sha =
            pipeline.map { "\($0)sha" } ?? "(SELECT dq.sha FROM pipelines dq WHERE dq.id = \(q)pipeline_id)"
        return "CASE \(q)commit_sha WHEN '' THEN \(sha) ELSE \(q)commit_sha END AS commit_sha"
    }

    static func jobCommitTitle(_ q: String, pipeline: String?) -> String {
        let title =
            pipeline.map { "\($0)commit_title" }
            ?? "(SELECT dq.commit_title FROM pipelines dq WHERE dq.id = \(q)pipeline_id)"
        return
            "CASE \(q)commit_title WHEN '' THEN coalesce(\(title), '') ELSE \(q)commit_title END AS commit_title"
    }

    /// The title a pipeline keeps for its jobs: the first job's that has one, none when a job's is
    /// `''` (which would otherwise read back as the kept title).
    static func sharedCommitTitle(_ jobs: [Job]) -> String? {
        guard !jobs.contains(where: { $0.commitTitle == "" }) else { return nil }
        return jobs.lazy.compactMap(\.commitTitle).first
    }

    static func storedCommitTitle(_ j: Job, pipelineTitle: String?) -> String? {
        guard let pipelineTitle, j.commitTitle == pipelineTitle else { return j.commitTitle }
        return ""
    }

    static func pipelineWebURL(_ q: String, projectURL: String?) -> String {
        let url = projectURL ?? "(SELECT dp.web_url FROM projects dp WHERE dp.id = \(q)project_id)"
        return
            "CASE \(q)web_url WHEN '' THEN coalesce(\(url) || '/-/pipelines/' || \(q)id, '') ELSE \(q)web_url END AS web_url"
    }

    static func storedJobWebURL(_ j: Job, pipeline: Pipeline, projectURL: String?) -> String {
        guard let projectURL, j.projectID == pipeline.projectID, j.webURL == "\(projectURL)/-/jobs/\(j.id)"
        else { return j.webURL }
        return ""
    }

    static func storedCommitSHA(_ j: Job, pipeline: Pipeline) -> String? {
        j.commitSHA == pipeline.sha && j.pipelineID == pipeline.id ? "" : j.commitSHA
    }

    static func storedPipelineWebURL(_ p: Pipeline, projectURL: String?) -> String {
        guard let projectURL, p.webURL == "\(projectURL)/-/pipelines/\(p.id)" else { return p.webURL }
        return ""
    }
}

enum IssueColumns {
    static let select =
        "id, iid, project_id, title, description, state, labels, web_url, created_at, updated_at, closed_at"

    static func decode(_ row: Row) throws -> Issue {
        let labelsText: String = row[6]
        let labels = try JSONDecoder().decode([String].self, from: Data(labelsText.utf8))
        let closed: Double? = row[10]
        return Issue(
            id: row[0], iid: row[1], projectID: row[2], title: row[3], description: row[4], state: row[5],
            labels: labels, webURL: row[7], createdAt: Date(storedValue: row[8]),
            updatedAt: Date(storedValue: row[9]), closedAt: closed.map(Date.init(storedValue:)))
    }

    static let upsert = """
        INSERT INTO issues
            (id, iid, project_id, title, description, state, labels, web_url, created_at, updated_at, closed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET
            iid = excluded.iid, project_id = excluded.project_id, title = excluded.title,
            description = excluded.description, state = excluded.state, labels = excluded.labels,
            web_url = excluded.web_url, created_at = excluded.created_at, updated_at = excluded.updated_at,
            closed_at = excluded.closed_at
        """

    static func arguments(_ i: Issue) throws -> StatementArguments {
        let labels = String(decoding: try JSONEncoder().encode(i.labels), as: UTF8.self)
        return [
            i.id, i.iid, i.projectID, i.title, i.description, i.state, labels, i.webURL,
            i.createdAt.storedValue, i.updatedAt.storedValue, i.closedAt.storedValue,
        ]
    }
}

enum SyncColumns {
    static let select = "started_at, finished_at, outcome, api_calls, pipelines, traces, trace_bytes"

    static func decode(_ row: Row) -> SyncRecord {
        let finished: Double? = row[1]
        return SyncRecord(
            startedAt: Date(storedValue: row[0]), finishedAt: finished.map(Date.init(storedValue:)),
            outcome: row[2], apiCalls: row[3], pipelines: row[4], traces: row[5], traceBytes: row[6])
    }
}

/// The columns of one result row, read by index. `Row` reads a fetched row; `StatementColumns`
/// reads a cursor's current row straight from its statement with GRDB's concrete decoders.
/// GRDB's generic `row[i]` looks up the type's metadata on every call, unspecialised across the
/// module boundary: ~0.3 µs a column, most of a 16k-row listing's time at 29 columns a row.
/// The decoders below take either, so the two ways of reading cannot drift apart.
protocol ColumnReader {
    func int(_ i: Int) -> Int
    func double(_ i: Int) -> Double
    func bool(_ i: Int) -> Bool
    func string(_ i: Int) -> String
    func isNull(_ i: Int) -> Bool
}

extension ColumnReader {
    func optionalInt(_ i: Int) -> Int? { isNull(i) ? nil : int(i) }
    func optionalDouble(_ i: Int) -> Double? { isNull(i) ? nil : double(i) }
    func optionalString(_ i: Int) -> String? { isNull(i) ? nil : string(i) }
}

extension Row: ColumnReader {
    func int(_ i: Int) -> Int { self[i] }
    func double(_ i: Int) -> Double { self[i] }
    func bool(_ i: Int) -> Bool { self[i] }
    func string(_ i: Int) -> String { self[i] }
    func isNull(_ i: Int) -> Bool { hasNull(atIndex: i) }
}

/// The current row of `statement` (a cursor over it is positioned on a row).
struct StatementColumns: ColumnReader {
    let statement: SQLiteStatement
    let row: Row

    func int(_ i: Int) -> Int { Int(Int64(sqliteStatement: statement, index: CInt(i))) }
    func double(_ i: Int) -> Double { Double(sqliteStatement: statement, index: CInt(i)) }
    func bool(_ i: Int) -> Bool { Bool(sqliteStatement: statement, index: CInt(i)) }
    func string(_ i: Int) -> String { String(sqliteStatement: statement, index: CInt(i)) }
    func isNull(_ i: Int) -> Bool { row.hasNull(atIndex: i) }

    /// Calls `body` with each row of `sql`, read in place (no copy of the rows, no generic decoding).
    static func forEach(
        _ db: Database, sql: String, arguments: StatementArguments = [],
        _ body: (StatementColumns) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            try body(StatementColumns(statement: statement.sqliteStatement, row: row))
        }
    }

    /// The rows of `sql`, each decoded by `decode`.
    static func map<T>(
        _ db: Database, sql: String, arguments: StatementArguments = [],
        _ decode: (StatementColumns) throws -> T
    ) throws -> [T] {
        var result: [T] = []
        try forEach(db, sql: sql, arguments: arguments) { result.append(try decode($0)) }
        return result
    }
}
