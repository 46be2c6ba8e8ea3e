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

    static func decode(_ row: Row, from offset: Int = 0) -> Project {
        Project(
            id: row[offset], path: row[offset + 1], name: row[offset + 2], webURL: row[offset + 3],
            archived: row[offset + 4], defaultBranch: row[offset + 5])
    }
}

enum PipelineColumns {
    static let count = 11
    /// The pipeline's fields then its night; `prefix` names the table alias (`p.`).
    static func select(_ prefix: String = "") -> String {
        [
            "id", "iid", "project_id", "sha", "ref", "status", "source", "created_at", "updated_at",
            "web_url", "night",
        ].map { prefix + $0 }.joined(separator: ", ")
    }

    static func decode(_ row: Row, from offset: Int = 0) -> (pipeline: Pipeline, night: String) {
        let pipeline = Pipeline(
            id: row[offset], iid: row[offset + 1], projectID: row[offset + 2], sha: row[offset + 3],
            ref: row[offset + 4], status: Status(rawValue: row[offset + 5]), source: row[offset + 6],
            createdAt: Date(storedValue: row[offset + 7]), updatedAt: Date(storedValue: row[offset + 8]),
            webURL: row[offset + 9])
        return (pipeline, row[offset + 10])
    }

    static let upsert = """
        INSERT OR REPLACE INTO pipelines
            (id, iid, project_id, sha, ref, status, source, created_at, updated_at, web_url, night,
             synced_updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func arguments(_ p: Pipeline, night: String) -> StatementArguments {
        [
            p.id, p.iid, p.projectID, p.sha, p.ref, p.status.rawValue, p.source, p.createdAt.storedValue,
            p.updatedAt.storedValue, p.webURL, night, p.updatedAt.storedValue,
        ]
    }
}

enum JobColumns {
    static let count = 17
    static func select(_ prefix: String = "") -> String {
        [
            "id", "pipeline_id", "project_id", "name", "stage", "status", "failure_reason", "allow_failure",
            "created_at", "started_at", "finished_at", "duration", "web_url", "commit_sha", "commit_title",
            "attempt", "retried",
        ].map { prefix + $0 }.joined(separator: ", ")
    }

    static func decode(_ row: Row, from offset: Int = 0) -> Job {
        let created: Double? = row[offset + 8]
        let started: Double? = row[offset + 9]
        let finished: Double? = row[offset + 10]
        return Job(
            id: row[offset], pipelineID: row[offset + 1], projectID: row[offset + 2], name: row[offset + 3],
            stage: row[offset + 4], status: Status(rawValue: row[offset + 5]),
            failureReason: row[offset + 6], allowFailure: row[offset + 7],
            createdAt: created.map(Date.init(storedValue:)), startedAt: started.map(Date.init(storedValue:)),
            finishedAt: finished.map(Date.init(storedValue:)), duration: row[offset + 11],
            webURL: row[offset + 12], commitSHA: row[offset + 13], commitTitle: row[offset + 14],
            attempt: row[offset + 15], retried: row[offset + 16])
    }

    static let insert = """
        INSERT OR REPLACE INTO jobs
            (id, pipeline_id, project_id, name, stage, status, failure_reason, allow_failure, created_at,
             started_at, finished_at, duration, web_url, commit_sha, commit_title, attempt, retried)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func arguments(_ j: Job) -> StatementArguments {
        [
            j.id, j.pipelineID, j.projectID, j.name, j.stage, j.status.rawValue, j.failureReason,
            j.allowFailure,
            j.createdAt.storedValue, j.startedAt.storedValue, j.finishedAt.storedValue, j.duration, j.webURL,
            j.commitSHA, j.commitTitle, j.attempt, j.retried,
        ]
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
