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

    /// Migration `v11`: covering indexes for the two month-long listings, so that neither reads
    /// the analyses' rows (an excerpt and a signature each, ~1.4 KB) nor seeks a failed job among
    /// a pipeline's every job. All small: the analyses and the failed latest attempts are a few
    /// percent of the cache's rows (~8 MB at 1,000 projects × 365 nights, 2% of the file).
    /// - `analyses_night_listing` replaces `analyses_night` (same leading column): what
    ///   `analyses(nights:parts: [])` reads for `clusters`, in `night, job_id` order.
    /// - `analyses_job_listing`, `clusters_first_night`: a listed failure's key line, cluster and
    ///   the night its cluster was first seen (`failureListing`).
    /// - `jobs_failed_latest`: a pipeline's failed latest attempts, the only jobs `failures` lists,
    ///   with whether each was allowed to fail (most of a month's are: `failures` leaves them out).
    /// Only indexes: every query answers as before; `failureListingSQL` names them (`INDEXED BY`),
    /// since an unanalysed database's planner prefers the primary keys.
    @Sendable static func v11(_ db: Database) throws {
        try db.execute(sql: v11SQL)
    }

    static let v11SQL = """
        DROP INDEX analyses_night;
        CREATE INDEX analyses_night_listing ON analyses(
            night, job_id, cluster_id, project_path, job_name, key_line, patterns, category, infrastructure,
            retried_green, analysis_version);
        CREATE INDEX analyses_job_listing ON analyses(job_id, cluster_id, key_line);
        CREATE INDEX clusters_first_night ON clusters(id, first_night);
        CREATE INDEX jobs_failed_latest ON jobs(pipeline_id, allow_failure) WHERE status = 'failed' AND retried = 0;
        """

    /// Migration `v12`: the cache's size (~15% at 1,000 projects × 365 nights), every answer as
    /// before.
    /// - `jobs_pipeline` (a pipeline's jobs) replaces `jobs_pipeline_status`, a quarter of the
    ///   file's indexes: what it served by status is served by `jobs_failed_latest` (the failed and
    ///   allowed-failed counts of a listed pipeline, `failures`) or reads a pipeline's few job rows,
    ///   which are neighbours in the table (green nights, retried failures, `history PROJECT JOB`).
    /// - `pipelines_failed_project_night`, a partial index of the failed pipelines (one in seven),
    ///   replaces `pipelines_status_project_night`, whose only reader asked for failed ones
    ///   (`lastFailedNights`).
    /// - Both partial indexes also hold the columns of their `WHERE`: this SQLite reads a partial
    ///   index alone (covering) only when it holds every column the query names, and the counts and
    ///   `lastFailedNights` name them.
    /// - `status` counts the pipelines and jobs from the smallest index that holds them: all rows
    ///   through `pipelines_night_project` and `jobs_pipeline`, the pipelines that did not succeed
    ///   through `pipelines_unsuccessful` and the retried jobs through `jobs_retried` (both partial,
    ///   a few percent of the rows), instead of reading every pipeline's status and every job's
    ///   `retried` from the tables.
    /// - `pipelines.commit_title`: the commit title its jobs share; the jobs' equal titles are
    ///   stored as `''` (`DerivedColumns`), so the title is kept once per pipeline, not per job.
    /// The file shrinks when `SQLiteCacheStore` vacuums after this migration.
    @Sendable static func v12(_ db: Database) throws {
        try db.execute(sql: v12SQL)
    }

    static let v12SQL = """
        DROP INDEX jobs_pipeline_status;
        CREATE INDEX jobs_pipeline ON jobs(pipeline_id);
        DROP INDEX jobs_failed_latest;
        CREATE INDEX jobs_failed_latest ON jobs(pipeline_id, allow_failure, status, retried)
            WHERE status = 'failed' AND retried = 0;
        DROP INDEX pipelines_status_project_night;
        CREATE INDEX pipelines_failed_project_night ON pipelines(project_id, night, status)
            WHERE status = 'failed';
        CREATE INDEX pipelines_unsuccessful ON pipelines(status) WHERE status <> 'success';
        CREATE INDEX jobs_retried ON jobs(retried) WHERE retried = 1;
        ALTER TABLE pipelines ADD COLUMN commit_title TEXT;
        UPDATE pipelines SET commit_title = (
                SELECT j.commit_title FROM jobs j
                WHERE j.pipeline_id = pipelines.id AND j.commit_title IS NOT NULL ORDER BY j.id LIMIT 1)
            WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.pipeline_id = pipelines.id AND j.commit_title = '');
        UPDATE jobs SET commit_title = ''
            WHERE commit_title <> ''
                AND commit_title = (SELECT p.commit_title FROM pipelines p WHERE p.id = jobs.pipeline_id);
        """
}
