import Foundation
import GRDB
import TriageCore

// The queries of the "what changed" commands (issue 7): `streaks`, `suspects`, `diff job`.
// On the v1 tables only; served by `pipelines_night_project` and `jobs_pipeline_status`.

extension SQLiteCacheStore: ChangesQueries {
    static let nightlyJobsSQL = """
        SELECT \(JobColumns.select("j.")), \(PipelineColumns.select("p.")),
            coalesce(pr.path, CAST(p.project_id AS TEXT)),
            EXISTS (SELECT 1 FROM jobs r
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
        do {
            return try pool.read { db in
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
        } catch let error as DatabaseError {
            throw StoreError.database(file: databaseURL.path, message: error.message ?? "\(error.resultCode)")
        }
    }
}
