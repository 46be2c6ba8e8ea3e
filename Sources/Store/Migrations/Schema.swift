import GRDB

/// The cache's numbered migrations. Append new ones (`v2`, `v3`, …); never edit a shipped one.
///
/// Conventions of every table:
/// - Dates are REAL seconds since 2001-01-01T00:00:00Z (Foundation's reference date), so a
///   `Date` round-trips bit for bit (epoch milliseconds do not: `Date`s parsed from ISO-8601
///   text would come back one ulp off, and a pipeline would look changed on every sync).
///   In SQL: `datetime(created_at + 978307200, 'unixepoch')`.
/// - Booleans are 0/1, statuses GitLab's strings, nights `YYYY-MM-DD` text.
/// - No foreign keys: the sync may store a trace before its job, and a cache row without its
///   parent is harmless (queries join).
enum Schema {
    static let migrations: [(identifier: String, migrate: @Sendable (Database) throws -> Void)] = [
        ("v1", v1),
        ("v2", AnalysisSchema.v2),
        ("v3", IndexSchema.v3),
        ("v4", AnalysisSchema.v4),
        ("v5", ChangesSchema.v5),
        ("v6", ChangesSchema.v6),
        ("v7", AnalysisSchema.v7),
        ("v8", IndexSchema.v8),
        ("v9", IndexSchema.v9),
        ("v10", AnalysisSchema.v10),
        ("v11", IndexSchema.v11),
        ("v12", IndexSchema.v12),
    ]

    /// The highest schema version this binary knows (`v1` → 1).
    static var knownVersion: Int { migrations.compactMap { version(of: $0.identifier) }.max() ?? 0 }

    /// `v12` → 12; nil for an identifier that is not of that form.
    static func version(of identifier: String) -> Int? {
        guard identifier.hasPrefix("v") else { return nil }
        return Int(identifier.dropFirst())
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier, migrate: migration.migrate)
        }
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE projects (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    name TEXT NOT NULL,
                    web_url TEXT NOT NULL,
                    archived INTEGER NOT NULL,
                    default_branch TEXT
                ) STRICT;
                -- Not UNIQUE: a renamed project's old path may be taken by another project
                -- before the cache learns of the rename.
                CREATE INDEX projects_path ON projects(path);

                -- Kept apart from projects so that a watermark set before the project row
                -- exists is not lost, and so that upserting projects never resets it.
                CREATE TABLE watermarks (
                    project_id INTEGER PRIMARY KEY,
                    updated_at REAL NOT NULL
                ) STRICT;

                CREATE TABLE pipelines (
                    id INTEGER PRIMARY KEY,
                    project_id INTEGER NOT NULL,
                    iid INTEGER,
                    sha TEXT NOT NULL,
                    ref TEXT NOT NULL,
                    status TEXT NOT NULL,
                    source TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    web_url TEXT NOT NULL,
                    night TEXT NOT NULL,
                    synced_updated_at REAL NOT NULL
                ) STRICT;
                CREATE INDEX pipelines_night_project ON pipelines(night, project_id);
                CREATE INDEX pipelines_project ON pipelines(project_id, synced_updated_at);

                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    pipeline_id INTEGER NOT NULL,
                    project_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    status TEXT NOT NULL,
                    failure_reason TEXT,
                    allow_failure INTEGER NOT NULL,
                    created_at REAL,
                    started_at REAL,
                    finished_at REAL,
                    duration REAL,
                    web_url TEXT NOT NULL,
                    commit_sha TEXT,
                    commit_title TEXT,
                    attempt INTEGER NOT NULL,
                    retried INTEGER NOT NULL
                ) STRICT;
                -- The failures query: pipelines of a night, then their failed latest attempts.
                CREATE INDEX jobs_pipeline_status ON jobs(pipeline_id, status, retried);

                CREATE TABLE traces (
                    job_id INTEGER PRIMARY KEY,
                    raw_size INTEGER NOT NULL,
                    stored_size INTEGER NOT NULL,
                    encoding TEXT NOT NULL,
                    data BLOB NOT NULL
                ) STRICT;
                -- Lets the summary count and sum traces without reading the blobs' pages.
                CREATE INDEX traces_sizes ON traces(raw_size, stored_size);

                CREATE TABLE issues (
                    id INTEGER PRIMARY KEY,
                    project_id INTEGER NOT NULL,
                    iid INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    description TEXT,
                    state TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    web_url TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    closed_at REAL,
                    UNIQUE (project_id, iid)
                ) STRICT;

                CREATE TABLE syncs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    outcome TEXT NOT NULL,
                    api_calls INTEGER NOT NULL,
                    pipelines INTEGER NOT NULL,
                    traces INTEGER NOT NULL,
                    trace_bytes INTEGER NOT NULL
                ) STRICT;
                """)
    }
}
