import GRDB

/// Migration `v5`: what "what changed" keeps beside the traces. Additive: new tables
/// only, so a v3 cache migrates instantly and loses nothing; the listings of its traces are
/// parsed by the next `fetch`, or lazily by the first `suspects`/`diff job` that needs them.
///
/// - `listings`: per job whose trace is cached, the dependency listing its trace shows, parsed
///   once (`ListingCodec`: one line per dependency). `reader` is the version of the parser that
///   read it (`TraceFacts.readerVersion`); a row of another version counts as missing.
/// - `commit_ranges`: per project and (from, to) sha pair, the commits GitLab's compare API
///   listed, oldest first: a JSON array of `{id, short_id, title, author_name, created_at}`
///   (`ListingCodec`), dates as everywhere in the cache. Shas are immutable: never fetched again.
///
/// Migration `v6`:
/// - `suspect_nights`: per night, what `suspects` found (`NightSuspects` as JSON) and the
///   `generation` (code and settings) that computed it. Derived data: every write of pipelines,
///   traces, analyses or a sync's start deletes all of it (`forgetSuspects`).
enum ChangesSchema {
    @Sendable static func v5(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE listings (
                    job_id INTEGER PRIMARY KEY,
                    reader INTEGER NOT NULL,
                    truncated INTEGER NOT NULL,
                    dependencies INTEGER NOT NULL,
                    data TEXT NOT NULL
                ) STRICT;
                CREATE INDEX listings_reader ON listings(reader);

                CREATE TABLE commit_ranges (
                    project_id INTEGER NOT NULL,
                    from_sha TEXT NOT NULL,
                    to_sha TEXT NOT NULL,
                    commits TEXT NOT NULL,
                    PRIMARY KEY (project_id, from_sha, to_sha)
                ) STRICT, WITHOUT ROWID;
                """)
    }

    @Sendable static func v6(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE suspect_nights (
                    night TEXT PRIMARY KEY,
                    generation TEXT NOT NULL,
                    result TEXT NOT NULL
                ) STRICT, WITHOUT ROWID;
                """)
    }
}
