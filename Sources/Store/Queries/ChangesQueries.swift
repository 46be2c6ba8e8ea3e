import Foundation
import GRDB
import TriageCore

// The queries of the "what changed" commands: `streaks`, `suspects`, `diff job`.
// On the v1 tables only; served by `pipelines_night_project` and `jobs_pipeline`.

extension SQLiteCacheStore: ChangesQueries {
    /// Every latest attempt of the range's pipelines, and whether a failed earlier attempt of it
    /// exists: that one a seek in `jobs_pipeline` per row (`INDEXED BY`, as in `retriedFailedSQL`).
    static let nightlyJobsSQL = """
        SELECT \(JobColumns.select("j.", pipeline: "p.", projectURL: "pr.web_url")),
            \(PipelineColumns.select("p.", projectURL: "pr.web_url")),
            coalesce(pr.path, CAST(p.project_id AS TEXT)),
            EXISTS (SELECT 1 FROM jobs r INDEXED BY jobs_pipeline
                WHERE r.pipeline_id = j.pipeline_id AND r.name = j.name AND r.retried = 1 AND r.status = 'failed')
        FROM pipelines p
        JOIN jobs j ON j.pipeline_id = p.id AND j.retried = 0
        LEFT JOIN projects pr ON pr.id = p.project_id
        WHERE p.night >= ?1 AND p.night <= ?2 AND (?3 IS NULL OR p.project_id = ?3) AND (?4 IS NULL OR j.name = ?4)
        ORDER BY p.night, p.id, j.id
        """

    public func nightlyJobs(fromNight: String, throughNight: String, projectID: Int?, name: String?) throws
        -> [NightlyJobRow]
    {
        return try read { db in
            try Row.fetchAll(
                db, sql: Self.nightlyJobsSQL, arguments: [fromNight, throughNight, projectID, name]
            )
            .map { row in
                let job = JobColumns.decode(row)
                let (pipeline, night) = PipelineColumns.decode(row, from: JobColumns.count)
                let base = JobColumns.count + PipelineColumns.count
                return NightlyJobRow(
                    job: job, pipeline: pipeline, night: night, projectPath: row[base],
                    retriedToGreen: row[base + 1])
            }
        }
    }
}

extension SQLiteCacheStore: NightlyRunQueries {
    /// `nightlyJobsSQL` with only the columns `ChangesHistory` reads, and without its per-row
    /// EXISTS (`retriedFailedSQL` answers that for the whole range at once), of every job.
    static let nightlyRunsSQL = """
        SELECT p.night, j.id, p.project_id, coalesce(pr.path, CAST(p.project_id AS TEXT)), j.name, j.status,
            j.allow_failure, p.id, p.sha, p.source
        FROM pipelines p
        JOIN jobs j ON j.pipeline_id = p.id AND j.retried = 0
        LEFT JOIN projects pr ON pr.id = p.project_id
        WHERE p.night >= ?1 AND p.night <= ?2
        ORDER BY p.night, p.id, j.id
        """

    /// The same rows for the jobs of `?3`, a JSON array of `"projectID name"` keys, with the
    /// retried-failed flag of each row (a seek in `jobs_pipeline`): the cache's nights of the
    /// range (one seek each), then per key and night a seek in `pipelines_night_project` and one
    /// in `jobs_pipeline`, so the cost grows with the keys asked, not with the cache's jobs.
    static let nightlyRunsOfKeysSQL = """
        WITH RECURSIVE nights(night) AS (
            SELECT min(night) FROM pipelines WHERE night >= ?1
            UNION ALL
            SELECT (SELECT min(night) FROM pipelines WHERE night > n.night) FROM nights n
            WHERE n.night IS NOT NULL AND n.night < ?2
        ),
        keys(project_id, name) AS (
            SELECT DISTINCT CAST(substr(value, 1, instr(value, ' ') - 1) AS INTEGER),
                substr(value, instr(value, ' ') + 1)
            FROM json_each(?3)
        )
        SELECT p.night, j.id, p.project_id, coalesce(pr.path, CAST(p.project_id AS TEXT)), j.name, j.status,
            j.allow_failure, p.id, p.sha, p.source,
            EXISTS (SELECT 1 FROM jobs r INDEXED BY jobs_pipeline
                WHERE r.pipeline_id = j.pipeline_id AND r.name = j.name AND r.retried = 1 AND r.status = 'failed')
        FROM keys k
        CROSS JOIN nights n
        CROSS JOIN pipelines p ON p.night = n.night AND p.project_id = k.project_id
        CROSS JOIN jobs j ON j.pipeline_id = p.id AND j.name = k.name AND j.retried = 0
        LEFT JOIN projects pr ON pr.id = p.project_id
        WHERE n.night IS NOT NULL AND n.night <= ?2
        ORDER BY p.night, p.id, j.id
        """

    /// The failed earlier attempts of the range's pipelines, by pipeline and job name: a seek
    /// per pipeline in `jobs_pipeline` (`INDEXED BY`: left to itself, SQLite prefers the partial
    /// `jobs_retried` for `retried = 1` and reads every retried job of the cache per pipeline).
    static let retriedFailedSQL = """
        SELECT j.pipeline_id, j.name FROM pipelines p
        CROSS JOIN jobs j INDEXED BY jobs_pipeline ON j.pipeline_id = p.id AND j.status = 'failed' AND j.retried = 1
        WHERE p.night >= ?1 AND p.night <= ?2
        """

    public func nightlyRuns(fromNight: String, throughNight: String) throws -> [NightlyRunRow] {
        try nightlyRuns(fromNight: fromNight, throughNight: throughNight, keysJSON: nil)
    }

    public func nightlyRuns(fromNight: String, throughNight: String, keys: [(projectID: Int, name: String)])
        throws -> [NightlyRunRow]
    {
        guard !keys.isEmpty else { return [] }
        return try nightlyRuns(
            fromNight: fromNight, throughNight: throughNight,
            keysJSON: Self.jsonArray(keys.map { "\($0.projectID) \($0.name)" }))
    }

    private func nightlyRuns(fromNight: String, throughNight: String, keysJSON: String?) throws
        -> [NightlyRunRow]
    {
        try read { db in
            // Every job: the retried failures of the whole range at once; some jobs: per row.
            var retried = Set<String>()
            if keysJSON == nil {
                let failedAttempts = try Row.fetchCursor(
                    db, sql: Self.retriedFailedSQL, arguments: [fromNight, throughNight])
                while let row = try failedAttempts.next() {
                    let pipeline: Int = row[0]
                    let name: String = row[1]
                    retried.insert("\(pipeline) \(name)")
                }
            }
            let rows =
                try keysJSON.map {
                    try Row.fetchCursor(
                        db, sql: Self.nightlyRunsOfKeysSQL, arguments: [fromNight, throughNight, $0])
                }
                ?? Row.fetchCursor(db, sql: Self.nightlyRunsSQL, arguments: [fromNight, throughNight])
            var out: [NightlyRunRow] = []
            // Nights, statuses and sources repeat: one String each, shared by the rows.
            var statuses: [String: Status] = [:]
            while let row = try rows.next() {
                let statusText: String = row[5]
                let status: Status
                if let known = statuses[statusText] {
                    status = known
                } else {
                    status = Status(rawValue: statusText)
                    statuses[statusText] = status
                }
                let pipelineID: Int = row[7]
                let name: String = row[4]
                out.append(
                    NightlyRunRow(
                        night: row[0], jobID: row[1], projectID: row[2], projectPath: row[3], name: name,
                        status: status, allowFailure: row[6], pipelineID: pipelineID, sha: row[8],
                        source: row[9],
                        retriedToGreen: keysJSON == nil
                            ? !retried.isEmpty && retried.contains("\(pipelineID) \(name)") : row[10]))
            }
            return out
        }
    }
}
