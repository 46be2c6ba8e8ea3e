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
}
