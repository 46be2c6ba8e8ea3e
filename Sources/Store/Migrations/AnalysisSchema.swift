import GRDB

/// Migration `v2`: what the analysis keeps (DESIGN §5). Additive: v1's tables are untouched.
///
/// - `analyses`: one row per analysed failed job attempt: its excerpt (JSON array of
///   `{number, raw_line, text, reason, detail}`), key line, matched patterns (JSON array), the
///   masked lines of its signature (JSON array) and its cluster.
/// - `clusters`: one row per cluster; `state` is the versioned JSON of `PersistedCluster`.
enum AnalysisSchema {
    @Sendable static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE analyses (
                    job_id INTEGER PRIMARY KEY,
                    project_path TEXT NOT NULL,
                    night TEXT NOT NULL,
                    job_name TEXT NOT NULL,
                    excerpt TEXT NOT NULL,
                    key_line TEXT,
                    patterns TEXT NOT NULL,
                    category TEXT,
                    infrastructure INTEGER NOT NULL,
                    signature TEXT NOT NULL,
                    cluster_id TEXT,
                    retried_green INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX analyses_cluster ON analyses(cluster_id, night);
                CREATE INDEX analyses_night ON analyses(night);

                CREATE TABLE clusters (
                    id TEXT PRIMARY KEY,
                    first_night TEXT NOT NULL,
                    last_night TEXT NOT NULL,
                    member_count INTEGER NOT NULL,
                    template TEXT NOT NULL,
                    state TEXT NOT NULL
                ) STRICT;
                """)
    }

    /// Migration `v4`: `alternating_clusters`, one row per cluster the analysis judged to alternate
    /// with green nights for one of its jobs (`Alternation`), replaced by every analysis run (each
    /// fetch, `recluster`). A migrated cache has none until the next fetch judges them. A table of
    /// its own, not a column of `clusters`: a listing looks a cluster up in it without reading the
    /// cluster's state (JSON often spilled to overflow pages).
    @Sendable static func v4(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE alternating_clusters (id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;")
    }

    /// Migration `v7`: `analyses.analysis_version`, the `AnalysisVersion` that produced each row.
    /// Rows of an older cache were produced by version 1 (the analysis before versions existed),
    /// which is the column's default; the next `fetch` or `recluster` re-analyses them
    /// (`Analyzer.analyseOrUpgrade`). The index makes "which versions does the cache hold" an index
    /// scan: the column is the last of a row whose excerpt and signature often spill to overflow pages.
    @Sendable static func v7(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE analyses ADD COLUMN analysis_version INTEGER NOT NULL DEFAULT 1;
                CREATE INDEX analyses_version ON analyses(analysis_version);
                """)
    }

    /// Migration `v10`: `cluster_titles`, the title `clusters` shows for each cluster with members
    /// (`KeptClusterTitle`: `title(reading:)` over all of them), so that a listing reads one short
    /// row per cluster instead of computing it from the members. Every write of analyses keeps the
    /// rows of the clusters it touched (`keepTitles`); this fills them for a migrated cache.
    ///
    /// - `title`: the plain line; `marks`: a JSON array of UTF-8 offsets into it, `[start, end)`
    ///   pairs of its varying parts (`[]` for none).
    /// - `members`, `oldest_night`, `oldest_job_id`: how many members, newest first, decided the
    ///   title, and the oldest of them: a listing of a range uses the row only when its members
    ///   include all of those (`KeptClusterTitle.holds`), and computes the title otherwise.
    ///
    /// A table of its own, not columns of `clusters`: a column added there comes after `state`,
    /// whose JSON often spills to overflow pages that every read of the column would walk.
    @Sendable static func v10(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE cluster_titles (
                    cluster_id TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    marks TEXT NOT NULL,
                    members INTEGER NOT NULL,
                    oldest_night TEXT NOT NULL,
                    oldest_job_id INTEGER NOT NULL
                ) STRICT, WITHOUT ROWID;
                """)
        try SQLiteCacheStore.keepTitles(db, clusters: nil)
    }
}
