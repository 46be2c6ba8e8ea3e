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
}
