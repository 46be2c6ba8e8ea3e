import Foundation
import GRDB
import LogAnalysis
import TriageCore

// The shell's listing queries (`CacheQueries`, `AnalysisQueries`). Each is written so that an
// index serves it (v1's, v2's analysis indexes, v3's): see the plan tests in StoreTests/QueriesTests.

extension SQLiteCacheStore {
    /// min and max of an indexed column: two index seeks, not a scan. Each in a subquery of its
    /// own: SQLite seeks for a lone `min()` or `max()` only, so `SELECT min(night), max(night)`
    /// read every entry of the index (every pipeline of the cache) on each command.
    static let nightBoundsSQL =
        "SELECT (SELECT min(night) FROM pipelines), (SELECT max(night) FROM pipelines)"

    public func nightBounds() throws -> (first: String, last: String)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: Self.nightBoundsSQL),
                let first = row[0] as String?, let last = row[1] as String?
            else { return nil }
            return (first, last)
        }
    }

    /// Pipeline columns, project path, failed and allowed-failed counts of latest attempts.
    static let pipelineRowSelect = """
        SELECT \(PipelineColumns.select("p.", projectURL: "pr.web_url")),
            coalesce(pr.path, CAST(p.project_id AS TEXT)) AS project_path,
            (SELECT count(*) FROM jobs j
                WHERE j.pipeline_id = p.id AND j.status = 'failed' AND j.retried = 0 AND j.allow_failure = 0),
            (SELECT count(*) FROM jobs j
                WHERE j.pipeline_id = p.id AND j.status = 'failed' AND j.retried = 0 AND j.allow_failure = 1)
        FROM pipelines p
        LEFT JOIN projects pr ON pr.id = p.project_id
        """

    static func decodePipelineRow(_ row: some ColumnReader) -> PipelineRow {
        let (pipeline, night) = PipelineColumns.decode(row)
        let base = PipelineColumns.count
        return PipelineRow(
            pipeline: pipeline, night: night, projectPath: row.string(base), failed: row.int(base + 1),
            allowedFailed: row.int(base + 2))
    }

    static let pipelineRowsByNightsSQL = """
        \(pipelineRowSelect)
        WHERE p.night IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR p.project_id = ?2)
        ORDER BY p.night DESC, project_path, p.id
        """

    /// One project's pipelines of the nights: a seek of `pipelines_night_project` on both columns
    /// per night. `?2 IS NULL OR p.project_id = ?2` seeks the night only and reads every project's
    /// pipeline of it (`history PROJECT` grew with the cache).
    static let pipelineRowsOfProjectByNightsSQL = """
        \(pipelineRowSelect)
        WHERE p.night IN (SELECT value FROM json_each(?1)) AND p.project_id = ?2
        ORDER BY p.night DESC, project_path, p.id
        """

    public func pipelineRows(nights: Set<String>, projectID: Int?) throws -> [PipelineRow] {
        guard !nights.isEmpty else { return [] }
        return try read { db in
            try StatementColumns.map(
                db,
                sql: projectID == nil ? Self.pipelineRowsByNightsSQL : Self.pipelineRowsOfProjectByNightsSQL,
                arguments: [Self.jsonArray(nights.sorted()), projectID]
            ) { Self.decodePipelineRow($0) }
        }
    }

    static let pipelineRowsOfProjectSQL = """
        \(pipelineRowSelect)
        WHERE p.project_id = ? AND p.night >= ?
        ORDER BY p.night DESC, p.id DESC
        """

    public func pipelineRows(projectID: Int, fromNight night: String) throws -> [PipelineRow] {
        try read { db in
            try StatementColumns.map(db, sql: Self.pipelineRowsOfProjectSQL, arguments: [projectID, night]) {
                Self.decodePipelineRow($0)
            }
        }
    }

    /// A skip-scan of `pipelines_failed_project_night`: for each project with a failed pipeline,
    /// one seek to find it, then its failed nights newest first until one whose failed pipeline
    /// decides the night (`NightPipelines`: no newer pipeline of the source that night, one seek
    /// in `pipelines_night_project`), so the cost grows with the projects, not with the failed
    /// pipelines of every night. `?1` the nightly source, NULL for every source.
    static let lastFailedNightsSQL = """
        WITH RECURSIVE failing(project_id) AS (
            SELECT min(project_id) FROM pipelines WHERE status = 'failed'
            UNION ALL
            SELECT (SELECT min(project_id) FROM pipelines WHERE status = 'failed' AND project_id > f.project_id)
            FROM failing f WHERE f.project_id IS NOT NULL
        )
        SELECT project_id, (
            SELECT p.night FROM pipelines p INDEXED BY pipelines_failed_project_night
            WHERE p.status = 'failed' AND p.project_id = f.project_id AND (?1 IS NULL OR p.source = ?1)
                AND NOT EXISTS (
                    SELECT 1 FROM pipelines q INDEXED BY pipelines_night_project
                    WHERE q.night = p.night AND q.project_id = p.project_id AND q.id > p.id
                        AND (?1 IS NULL OR q.source = ?1))
            ORDER BY p.night DESC LIMIT 1)
        FROM failing f WHERE project_id IS NOT NULL
        """

    public func lastFailedNights(source: String?) throws -> [Int: String] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: Self.lastFailedNightsSQL, arguments: [source])
            var result: [Int: String] = [:]
            while let row = try rows.next() {
                if let night: String = row[1] { result[row[0]] = night }
            }
            return result
        }
    }

    public func project(id: Int) throws -> Project? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(ProjectColumns.select) FROM projects WHERE id = ?", arguments: [id]
            ).map { ProjectColumns.decode($0) }
        }
    }

    static let projectsByPathSQL = "SELECT \(ProjectColumns.select) FROM projects WHERE path = ? ORDER BY id"

    public func projects(path: String) throws -> [Project] {
        try read { db in
            try Row.fetchAll(db, sql: Self.projectsByPathSQL, arguments: [path]).map {
                ProjectColumns.decode($0)
            }
        }
    }

    public func pipeline(id: Int) throws -> (pipeline: Pipeline, night: String)? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(PipelineColumns.select()) FROM pipelines WHERE id = ?", arguments: [id]
            ).map { PipelineColumns.decode($0) }
        }
    }

    public func jobs(pipelineID: Int) throws -> [Job] {
        try read { db in
            try StatementColumns.map(
                db, sql: "SELECT \(JobColumns.select()) FROM jobs WHERE pipeline_id = ? ORDER BY id",
                arguments: [pipelineID]
            ) { JobColumns.decode($0) }
        }
    }

    static let jobHistorySQL = """
        SELECT \(PipelineColumns.select("p.")), \(JobColumns.select("j.", pipeline: "p."))
        FROM pipelines p
        LEFT JOIN jobs j ON j.pipeline_id = p.id AND j.name = ?1 AND j.retried = 0
        WHERE p.night IN (SELECT value FROM json_each(?2)) AND p.project_id = ?3
        ORDER BY p.night DESC, p.id DESC, j.id DESC
        """

    public func jobHistory(projectID: Int, name: String, nights: Set<String>) throws -> [JobNight] {
        guard !nights.isEmpty else { return [] }
        return try read { db in
            try StatementColumns.map(
                db, sql: Self.jobHistorySQL, arguments: [name, Self.jsonArray(nights.sorted()), projectID]
            ) { row in
                let (pipeline, night) = PipelineColumns.decode(row)
                let hasJob = !row.isNull(PipelineColumns.count)
                let job = hasJob ? JobColumns.decode(row, from: PipelineColumns.count) : nil
                return JobNight(night: night, pipeline: pipeline, job: job)
            }
        }
    }

    static let insightsSQL = """
        SELECT a.job_id, a.key_line, a.cluster_id, c.first_night
        FROM analyses a
        LEFT JOIN clusters c ON c.id = a.cluster_id
        WHERE a.job_id IN (SELECT value FROM json_each(?))
        """

    public func insights(jobIDs: [Int]) throws -> [Int: FailureInsight] {
        guard !jobIDs.isEmpty else { return [:] }
        return try read { db in
            let rows = try Row.fetchCursor(db, sql: Self.insightsSQL, arguments: [Self.jsonArray(jobIDs)])
            var result: [Int: FailureInsight] = [:]
            while let row = try rows.next() {
                let id: Int = row[0]
                result[id] = FailureInsight(
                    jobID: id, keyLine: row[1],
                    cluster: (row[2] as String?).flatMap(ClusterID.init(rawValue:)),
                    clusterFirstNight: row[3])
            }
            return result
        }
    }

    static let excerptTextsSQL = """
        SELECT a.job_id, json_extract(e.value, '$.text')
        FROM analyses a, json_each(a.excerpt) e
        WHERE a.job_id IN (SELECT value FROM json_each(?))
        ORDER BY a.job_id, e.key
        """

    public func excerptTexts(jobIDs: [Int]) throws -> [Int: [String]] {
        guard !jobIDs.isEmpty else { return [:] }
        return try read { db in
            let rows = try Row.fetchCursor(db, sql: Self.excerptTextsSQL, arguments: [Self.jsonArray(jobIDs)])
            var result: [Int: [String]] = [:]
            while let row = try rows.next() {
                result[row[0], default: []].append(row[1] as String? ?? "")
            }
            return result
        }
    }

    public func clusterIDs(limit: Int) throws -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM clusters ORDER BY last_night DESC, id LIMIT ?",
                arguments: [max(0, limit)])
        }
    }
}
