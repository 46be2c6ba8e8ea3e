import GRDB

/// Migration `v3`: indexes the listings need now that they join the analysis. Additive: only
/// indexes, so a v2 cache migrates in one pass over the tables and loses nothing.
///
/// - `pipelines_status_project_night`: `projects`' last failure of every project
///   (`lastFailedNights`) reads the failed pipelines' entries of this covering index, grouped by
///   project already, instead of scanning every pipeline.
/// - `analyses_flaky`: a partial index of the analyses whose failed attempt was retried to green,
///   so "is this cluster flaky" is one seek per listed failure.
enum IndexSchema {
    @Sendable static func v3(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX pipelines_status_project_night ON pipelines(status, project_id, night);
                CREATE INDEX analyses_flaky ON analyses(cluster_id) WHERE retried_green = 1;
                """)
    }

    /// Migration `v8`: `jobs_pipeline_status` gains `allow_failure`, so the failed and allowed-failed
    /// counts of every listed pipeline (`pipelines`, `projects`, `history PROJECT`) are read from
    /// the index alone instead of from each failed job's row. Same leading columns, so every query
    /// the v1 index served it still serves.
    @Sendable static func v8(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX jobs_pipeline_status;
                CREATE INDEX jobs_pipeline_status ON jobs(pipeline_id, status, retried, allow_failure);
                """)
    }

    /// Migration `v9`: the values `DerivedColumns` rebuilds are stored as `''` (a job's
    /// `web_url` and `commit_sha`, a pipeline's `web_url`), ~100 bytes of each job's ~180. Only
    /// values equal to what reads rebuild are emptied, so every query answers byte for byte as
    /// before. The file shrinks when `SQLiteCacheStore` vacuums after this migration.
    @Sendable static func v9(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE pipelines SET web_url = ''
                WHERE web_url <> ''
                    AND web_url = (SELECT dp.web_url || '/-/pipelines/' || pipelines.id
                        FROM projects dp WHERE dp.id = pipelines.project_id);
                UPDATE jobs SET
                    web_url = CASE WHEN web_url <> '' AND web_url = (
                            SELECT dp.web_url || '/-/jobs/' || jobs.id FROM pipelines dq
                            JOIN projects dp ON dp.id = dq.project_id
                            WHERE dq.id = jobs.pipeline_id AND dq.project_id = jobs.project_id)
                        THEN '' ELSE web_url END,
                    commit_sha = CASE WHEN commit_sha <> '' AND commit_sha = (
                            SELECT dq.sha FROM pipelines dq WHERE dq.id = jobs.pipeline_id)
                        THEN '' ELSE commit_sha END;
                """)
    }
}
