import Foundation
import GRDB
import LogAnalysis
import TriageCore

/// The cache of `.triage/`: one SQLite database (`cache.sqlite`, WAL) holding projects, nightly
/// pipelines, their jobs, compressed traces, issues and the record of each sync.
///
/// Every method is synchronous and thread-safe (a GRDB `DatabasePool`: writes are serialised,
/// reads run concurrently on snapshots). Every write is one transaction, so a process killed at
/// any instant leaves the previous or the next consistent state, never a mix.
///
/// Opening refuses, without touching the file, a cache written by a newer triage and a file that
/// is not a triage cache (`StoreError`).
public final class SQLiteCacheStore: CacheStore {
    /// The database file, `cache.sqlite` in the directory given at creation.
    public let databaseURL: URL
    let pool: DatabasePool

    /// Opens the cache in `directory` (the workspace's `.triage/`), creating the directory and
    /// the database if missing and migrating an older cache. (A benchmark's baseline without the
    /// parsed listings or the remembered suspects replaces those ports: `NoListings`,
    /// `NoSuspectMemory`.)
    public init(directory: URL) throws {
        let directoryPath = directory.path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotCreateDirectory(
                directory: directoryPath, reason: (error as NSError).localizedDescription)
        }
        databaseURL = directory.appendingPathComponent("cache.sqlite")
        let file = databaseURL.path

        var configuration = Configuration()
        // Another triage (a second shell, a cron fetch) may hold the write lock for a while.
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = false
        configuration.label = "triage.cache"
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL stays consistent on a crash (only the last commits
            // may be lost, which the next fetch brings back).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }

        let pool: DatabasePool
        do {
            // Opening a pool writes to the file (GRDB creates and drops a table to make the WAL
            // exist), so an existing file is first vetted through a read-only connection: a
            // refused file is left byte for byte as it was.
            if FileManager.default.fileExists(atPath: file) {
                var readOnly = configuration
                readOnly.readonly = true
                let vetting = try DatabaseQueue(path: file, configuration: readOnly)
                try Self.checkIsTriageCache(vetting, directory: directoryPath, file: file)
                try vetting.close()
            }
            pool = try DatabasePool(path: file, configuration: configuration)
            try Self.checkIsTriageCache(pool, directory: directoryPath, file: file)
            let applied = try pool.read { try Schema.migrator.appliedIdentifiers($0) }
            try Schema.migrator.migrate(pool)
            // v9 empties ~100 bytes of every job row, v12 its title and drops two large indexes:
            // give the freed pages back to the disk, once. The vacuum goes through the WAL: truncate
            // it too, or the cache keeps its old size on disk. Best effort: another process reading
            // the cache makes it busy, and the cache is whole without it (it only keeps its free pages).
            if !applied.isEmpty && Self.shrinkingMigrations.contains(where: { !applied.contains($0) }) {
                try? pool.vacuum()
                _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            }
        } catch {
            throw Self.storeError(error, file: file)
        }
        self.pool = pool
    }

    /// The migrations after which an existing cache is vacuumed.
    static let shrinkingMigrations = ["v9", "v12"]

    /// The store's one mapping of failures to `StoreError`: SQLite's "not a database" and
    /// "malformed" make the file `notACache`, any other SQLite error is `database`; a
    /// `DecodingError` (a stored JSON column that does not decode) is `notACache` for the
    /// `undecodable` reason the caller gives, if it gives one. Any other error passes unchanged.
    static func storeError(_ error: any Error, file: String, undecodable: String? = nil) -> any Error {
        switch error {
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return StoreError.notACache(file: file, reason: error.message ?? "file is not a database")
            default:
                return StoreError.database(file: file, message: error.message ?? "\(error.resultCode)")
            }
        case is DecodingError:
            guard let undecodable else { return error }
            return StoreError.notACache(file: file, reason: undecodable)
        default:
            return error
        }
    }

    /// Refuses a newer triage's cache, and a database that holds tables but no triage schema.
    private static func checkIsTriageCache(_ reader: some DatabaseReader, directory: String, file: String)
        throws
    {
        let migrator = Schema.migrator
        let (applied, hasTables) = try reader.read { db -> (Set<String>, Bool) in
            let applied = try migrator.appliedIdentifiers(db)
            // GRDB's own tables do not count: a first open killed before its first migration
            // committed leaves an empty `grdb_migrations`, and that is a new cache.
            let tables =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
                ) ?? 0
            return (applied, tables > 0)
        }
        let known = Set(Schema.migrations.map(\.identifier))
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            let found = unknown.compactMap(Schema.version(of:)).max() ?? Schema.knownVersion + 1
            throw StoreError.newerSchema(directory: directory, found: found, known: Schema.knownVersion)
        }
        if applied.isEmpty && hasTables {
            throw StoreError.notACache(file: file, reason: "an SQLite database without triage's tables")
        }
    }

    // MARK: - Transactions

    /// One read on a consistent snapshot; failures become `StoreError` (`storeError`), a
    /// `DecodingError` of `body` a `notACache` for the reason `undecodable` when given.
    func read<T>(undecodable: String? = nil, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.storeError(error, file: databaseURL.path, undecodable: undecodable)
        }
    }

    /// One write transaction: all of `body` is committed, or none of it; failures as in `read`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Self.storeError(error, file: databaseURL.path)
        }
    }

    // MARK: - Sync

    public func upsertProjects(_ projects: [Project]) throws {
        try write { db in
            // A project whose URL changes keeps its jobs' and pipelines' URLs as GitLab gave them:
            // the ones stored as rebuilt (`DerivedColumns`) are written out under the old URL first.
            var stored: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, web_url FROM projects") {
                stored[row[0]] = row[1]
            }
            for p in projects {
                guard let old = stored[p.id], old != p.webURL else { continue }
                try db.execute(
                    sql: """
                        UPDATE jobs SET web_url = ?1 || '/-/jobs/' || id
                        WHERE web_url = '' AND project_id = ?2
                            AND pipeline_id IN (SELECT id FROM pipelines WHERE project_id = ?2)
                        """, arguments: [old, p.id])
                try db.execute(
                    sql: """
                        UPDATE pipelines SET web_url = ?1 || '/-/pipelines/' || id
                        WHERE web_url = '' AND project_id = ?2
                        """, arguments: [old, p.id])
            }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO projects (id, path, name, web_url, archived, default_branch)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET
                        path = excluded.path, name = excluded.name, web_url = excluded.web_url,
                        archived = excluded.archived, default_branch = excluded.default_branch
                    """)
            for p in projects {
                try statement.execute(arguments: [
                    p.id, p.path, p.name, p.webURL, p.archived, p.defaultBranch,
                ])
            }
        }
    }

    public func syncedPipelines(projectID: Int) throws -> [Int: Date] {
        try read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, synced_updated_at FROM pipelines WHERE project_id = ?",
                arguments: [projectID])
            var result: [Int: Date] = [:]
            while let row = try rows.next() {
                result[row[0]] = Date(storedValue: row[1])
            }
            return result
        }
    }

    public func storedTraces(jobIDs: [Int]) throws -> Set<Int> {
        guard !jobIDs.isEmpty else { return [] }
        return try read { db in
            try Int.fetchSet(
                db, sql: "SELECT job_id FROM traces WHERE job_id IN (SELECT value FROM json_each(?))",
                arguments: [Self.jsonArray(jobIDs)])
        }
    }

    public func storeTrace(jobID: Int, data: Data) throws {
        let (encoding, stored) = try TraceCodec.encode(data)
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO traces (job_id, raw_size, stored_size, encoding, data)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [jobID, data.count, stored.count, encoding.rawValue, stored])
            try Self.forgetSuspects(db)
        }
    }

    public func storePipeline(_ pipeline: Pipeline, night: String, jobs: [Job]) throws {
        if let stray = jobs.first(where: { $0.pipelineID != pipeline.id }) {
            throw StoreError.invalidWrite(
                "job \(stray.id) belongs to pipeline \(stray.pipelineID), not to pipeline \(pipeline.id)")
        }
        try write { db in
            let projectURL = try String.fetchOne(
                db, sql: "SELECT web_url FROM projects WHERE id = ?", arguments: [pipeline.projectID])
            let title = DerivedColumns.sharedCommitTitle(jobs)
            try db.execute(
                sql: PipelineColumns.upsert,
                arguments: PipelineColumns.arguments(
                    pipeline, night: night, projectURL: projectURL, commitTitle: title))
            try db.execute(sql: "DELETE FROM jobs WHERE pipeline_id = ?", arguments: [pipeline.id])
            let insert = try db.cachedStatement(sql: JobColumns.insert)
            for job in jobs {
                try insert.execute(
                    arguments: JobColumns.arguments(
                        job, pipeline: pipeline, projectURL: projectURL, pipelineTitle: title))
            }
            try Self.forgetSuspects(db)
        }
    }

    public func watermark(projectID: Int) throws -> Date? {
        try read { db in
            try Double.fetchOne(
                db, sql: "SELECT updated_at FROM watermarks WHERE project_id = ?", arguments: [projectID]
            )
            .map(Date.init(storedValue:))
        }
    }

    public func setWatermark(projectID: Int, _ date: Date) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO watermarks (project_id, updated_at) VALUES (?, ?)",
                arguments: [projectID, date.storedValue])
        }
    }

    public func upsertIssues(_ issues: [Issue]) throws {
        let arguments = try issues.map(IssueColumns.arguments)
        try write { db in
            // An issue id is stable; (project, iid) can only clash with a row GitLab has since
            // replaced (a deleted issue), which goes.
            let clear = try db.cachedStatement(
                sql: "DELETE FROM issues WHERE project_id = ? AND iid = ? AND id <> ?")
            let upsert = try db.cachedStatement(sql: IssueColumns.upsert)
            for (issue, issueArguments) in zip(issues, arguments) {
                try clear.execute(arguments: [issue.projectID, issue.iid, issue.id])
                try upsert.execute(arguments: issueArguments)
            }
        }
    }

    public func beginSync(_ record: SyncRecord) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO syncs (started_at, finished_at, outcome, api_calls, pipelines, traces, trace_bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: Self.syncArguments(record))
            let id = db.lastInsertedRowID
            try Self.forgetSuspects(db)
            return id
        }
    }

    public func finishSync(id: Int64, _ record: SyncRecord) throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE syncs SET started_at = ?, finished_at = ?, outcome = ?, api_calls = ?,
                        pipelines = ?, traces = ?, trace_bytes = ?
                    WHERE id = ?
                    """,
                arguments: Self.syncArguments(record) + [id])
            if db.changesCount == 0 {
                throw StoreError.invalidWrite("there is no sync \(id) to finish")
            }
        }
    }

    private static func syncArguments(_ r: SyncRecord) -> StatementArguments {
        [
            r.startedAt.storedValue, r.finishedAt.storedValue, r.outcome, r.apiCalls, r.pipelines, r.traces,
            r.traceBytes,
        ]
    }

    // MARK: - Queries

    /// The pipelines that did not succeed, by status, from the partial `pipelines_unsuccessful`.
    static let unsuccessfulPipelinesSQL =
        "SELECT status, count(*) FROM pipelines WHERE status <> 'success' GROUP BY status"
    /// Every job and the retried ones, from `jobs_pipeline` and the partial `jobs_retried`.
    static let jobCountsSQL =
        "SELECT (SELECT count(*) FROM jobs), (SELECT count(*) FROM jobs WHERE retried = 1)"

    public func summary() throws -> CacheSummary {
        try read { db in
            var summary = CacheSummary()
            summary.projects = try Int.fetchOne(db, sql: "SELECT count(*) FROM projects") ?? 0
            // Counted from the smallest indexes that hold the rows: every pipeline, then only the
            // few that did not succeed (partial `pipelines_unsuccessful`); every job, then only the
            // retried ones (partial `jobs_retried`). `status` is never NULL and `retried` is 0 or 1.
            let pipelines = try Int.fetchOne(db, sql: "SELECT count(*) FROM pipelines") ?? 0
            let unsuccessful = try Row.fetchAll(db, sql: Self.unsuccessfulPipelinesSQL)
            var others = 0
            for row in unsuccessful {
                let count: Int = row[1]
                summary.pipelinesByStatus[row[0]] = count
                others += count
            }
            if pipelines > others {
                summary.pipelinesByStatus["success"] = pipelines - others
            }
            if let jobs = try Row.fetchOne(db, sql: Self.jobCountsSQL) {
                summary.jobs = jobs[0]
                summary.retriedJobs = jobs[1]
            }
            if let traces = try Row.fetchOne(
                db,
                sql: "SELECT count(*), coalesce(sum(raw_size), 0), coalesce(sum(stored_size), 0) FROM traces")
            {
                summary.traces = traces[0]
                summary.traceBytes = traces[1]
                summary.traceStoredBytes = traces[2]
            }
            summary.issues = try Int.fetchOne(db, sql: "SELECT count(*) FROM issues") ?? 0
            if let nights = try Row.fetchOne(
                db, sql: "SELECT min(night), max(night), count(DISTINCT night) FROM pipelines")
            {
                summary.firstNight = nights[0]
                summary.lastNight = nights[1]
                summary.nights = nights[2]
            }
            summary.lastSync = try Self.lastSync(db)
            return summary
        }
    }

    public func lastSync() throws -> SyncRecord? {
        try read { db in try Self.lastSync(db) }
    }

    private static func lastSync(_ db: Database) throws -> SyncRecord? {
        try Row.fetchOne(db, sql: "SELECT \(SyncColumns.select) FROM syncs ORDER BY id DESC LIMIT 1")
            .map(SyncColumns.decode)
    }

    public func projects() throws -> [Project] {
        try read { db in
            try StatementColumns.map(
                db, sql: "SELECT \(ProjectColumns.select) FROM projects ORDER BY path, id"
            ) {
                ProjectColumns.decode($0)
            }
        }
    }

    public func pipelines(nights: Set<String>?) throws -> [(pipeline: Pipeline, night: String)] {
        let filter = nights == nil ? "" : "WHERE p.night IN (SELECT value FROM json_each(?))"
        let arguments: StatementArguments = nights.map { [Self.jsonArray($0.sorted())] } ?? []
        return try read { db in
            try StatementColumns.map(
                db,
                sql: """
                    SELECT \(PipelineColumns.select("p.", projectURL: "pr.web_url")) FROM pipelines p
                    LEFT JOIN projects pr ON pr.id = p.project_id
                    \(filter)
                    ORDER BY p.night DESC, pr.path, p.project_id, p.id
                    """,
                arguments: arguments
            ) { PipelineColumns.decode($0) }
        }
    }

    /// Newest night first, then by project path, job name and job id: `failuresOrder`.
    public func failures(nights: Set<String>) throws -> [FailureRow] {
        guard !nights.isEmpty else { return [] }
        var rows = try read { db in
            // Each row is decoded in place, from the statement: no copy, no generic decoding.
            try StatementColumns.map(db, sql: Self.failuresSQL, arguments: [Self.jsonArray(nights.sorted())])
            {
                row in
                let job = JobColumns.decode(row)
                let (pipeline, night) = PipelineColumns.decode(row, from: JobColumns.count)
                let path = row.string(JobColumns.count + PipelineColumns.count)
                return FailureRow(job: job, pipeline: pipeline, projectPath: path, night: night)
            }
        }
        // Sorted here on the four keys: SQLite's sorter held every column of every row, a third of
        // the query's time at 16k rows.
        Self.sortForListing(&rows, night: \.night, path: \.projectPath, name: \.job.name, id: \.job.id)
        return rows
    }

    /// `failures(nights:)`'s jobs and order, each with its insight, decoded into the listing's
    /// few fields: the full rows and a second query for the insights took two thirds of
    /// `failures 30d` at 1,000 projects.
    public func failureListing(nights: Set<String>, allowedToFail: Bool) throws -> [FailureListing] {
        guard !nights.isEmpty else { return [] }
        var rows = try read { db in
            try StatementColumns.map(
                db, sql: Self.failureListingSQL, arguments: [Self.jsonArray(nights.sorted()), allowedToFail]
            ) {
                row in
                let analysed = !row.isNull(11)
                let jobID = row.int(0)
                return FailureListing(
                    jobID: jobID, projectID: row.int(1), name: row.string(2), stage: row.string(3),
                    failureReason: row.optionalString(4), allowFailure: row.bool(5), webURL: row.string(6),
                    night: row.string(7), projectPath: row.string(8), source: row.string(9),
                    insight: analysed
                        ? FailureInsight(
                            jobID: jobID, keyLine: row.optionalString(10),
                            cluster: row.optionalString(12).flatMap(ClusterID.init(rawValue:)),
                            clusterFirstNight: row.optionalString(13))
                        : nil)
            }
        }
        Self.sortForListing(&rows, night: \.night, path: \.projectPath, name: \.name, id: \.jobID)
        return rows
    }

    /// Puts `rows` in `failuresOrder` of the four keys read through these paths, each text compared
    /// once among its distinct values: a listing has a few nights, projects and job names but
    /// thousands of rows, and comparing the texts byte by byte in every comparison of the sort cost
    /// ~11 ms of the 93 ms query of `failures 30d` at 1,000 projects (16.6k rows).
    static func sortForListing<Row>(
        _ rows: inout [Row], night: KeyPath<Row, String>, path: KeyPath<Row, String>,
        name: KeyPath<Row, String>, id: KeyPath<Row, Int>
    ) {
        var nights = TextRanks()
        var paths = TextRanks()
        var names = TextRanks()
        var keys: [(night: Int32, path: Int32, name: Int32, id: Int)] = []
        keys.reserveCapacity(rows.count)
        for row in rows {
            keys.append(
                (
                    nights.slot(row[keyPath: night]), paths.slot(row[keyPath: path]),
                    names.slot(row[keyPath: name]), row[keyPath: id]
                ))
        }
        let night = nights.ranks()
        let path = paths.ranks()
        let name = names.ranks()
        let order = keys.indices.sorted { a, b in
            let x = keys[a]
            let y = keys[b]
            let (nx, ny) = (night[Int(x.night)], night[Int(y.night)])
            if nx != ny { return nx > ny }
            let (px, py) = (path[Int(x.path)], path[Int(y.path)])
            if px != py { return px < py }
            let (mx, my) = (name[Int(x.name)], name[Int(y.name)])
            if mx != my { return mx < my }
            return x.id < y.id
        }
        rows = order.map { rows[$0] }
    }

    /// Distinct texts by slot, in order of arrival, then each slot's rank in SQLite's BINARY order.
    struct TextRanks {
        private var slots: [TextBytes: Int32] = [:]
        private var texts: [String] = []
        /// The last text asked for and its slot: a listing's rows come a night and a pipeline at
        /// a time, so most rows repeat the previous row's night and project.
        private var last: (text: String, slot: Int32)?

        /// The text's slot: its index among the distinct texts seen so far.
        mutating func slot(_ text: String) -> Int32 {
            if let last, SQLiteCacheStore.sameBytes(last.text, text) { return last.slot }
            let key = TextBytes(text)
            let slot: Int32
            if let known = slots[key] {
                slot = known
            } else {
                slot = Int32(texts.count)
                slots[key] = slot
                texts.append(text)
            }
            last = (text, slot)
            return slot
        }

        /// Rank by slot, in `compareBytes` order (slots hold distinct bytes: ranks are distinct).
        func ranks() -> [Int32] {
            var ranks = [Int32](repeating: 0, count: texts.count)
            let sorted = texts.indices.sorted { SQLiteCacheStore.compareBytes(texts[$0], texts[$1]) < 0 }
            for (rank, slot) in sorted.enumerated() { ranks[slot] = Int32(rank) }
            return ranks
        }
    }

    /// A text as its UTF-8 bytes, for equality and hashing: two texts Swift holds equal
    /// (canonically equivalent) but SQLite does not stay two.
    struct TextBytes: Hashable {
        let text: String

        init(_ text: String) { self.text = text }

        static func == (a: TextBytes, b: TextBytes) -> Bool { SQLiteCacheStore.sameBytes(a.text, b.text) }

        func hash(into hasher: inout Hasher) {
            let hashed: Void? = text.utf8.withContiguousStorageIfAvailable {
                hasher.combine(bytes: UnsafeRawBufferPointer($0))
            }
            if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
        }
    }

    /// `ORDER BY night DESC, project_path, name, id` as SQLite orders text (BINARY: by bytes, which
    /// Swift's `<` on `String` is not: it compares canonically equivalent texts as equal).
    static func failuresOrder(_ a: FailureRow, _ b: FailureRow) -> Bool {
        let night = compareBytes(a.night, b.night)
        if night != 0 { return night > 0 }
        let path = compareBytes(a.projectPath, b.projectPath)
        if path != 0 { return path < 0 }
        let name = compareBytes(a.job.name, b.job.name)
        if name != 0 { return name < 0 }
        return a.job.id < b.job.id
    }

    /// Whether two texts have the same UTF-8 bytes (not Swift's `==`: canonical equivalence).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                guard x.count == y.count, let p = x.baseAddress, let q = y.baseAddress else {
                    return x.count == y.count
                }
                return memcmp(p, q, x.count) == 0
            }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// -1, 0 or 1 as `a`'s UTF-8 bytes sort before, with or after `b`'s (SQLite's BINARY collation).
    static func compareBytes(_ a: String, _ b: String) -> Int {
        var x = a.utf8.makeIterator()
        var y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (p?, q?) where p != q: return p < q ? -1 : 1
            default: continue
            }
        }
    }

    /// Failed latest attempts of the pipelines of the nights in the JSON array argument, in no
    /// particular order (`failures` sorts them).
    static let failuresSQL = """
        SELECT \(JobColumns.select("j.", pipeline: "p.", projectURL: "pr.web_url")),
            \(PipelineColumns.select("p.", projectURL: "pr.web_url")),
            coalesce(pr.path, CAST(p.project_id AS TEXT)) AS project_path
        FROM pipelines p
        -- CROSS JOIN keeps this order (the nights' pipelines, then their failed jobs)
        -- whatever the planner guesses from an unanalysed database, which would also seek
        -- `jobs_pipeline` (every job of the pipeline) rather than the partial index.
        CROSS JOIN jobs j INDEXED BY jobs_failed_latest
            ON j.pipeline_id = p.id AND j.status = 'failed' AND j.retried = 0
        LEFT JOIN projects pr ON pr.id = p.project_id
        WHERE p.night IN (SELECT value FROM json_each(?))
        """

    /// `failuresSQL`'s jobs with the listing's columns and the analysis' (`analysed` is not null
    /// when the job has an analysis), each read from a covering index of v11 but the job's row.
    static let failureListingSQL = """
        SELECT j.id, j.project_id, j.name, j.stage, j.failure_reason, j.allow_failure,
            \(DerivedColumns.jobWebURL("j.", projectURL: "pr.web_url")),
            p.night, coalesce(pr.path, CAST(p.project_id AS TEXT)) AS project_path, p.source,
            a.key_line, a.job_id AS analysed, a.cluster_id, c.first_night
        FROM pipelines p
        CROSS JOIN jobs j INDEXED BY jobs_failed_latest
            ON j.pipeline_id = p.id AND j.status = 'failed' AND j.retried = 0 AND (?2 OR j.allow_failure = 0)
        LEFT JOIN projects pr ON pr.id = p.project_id
        LEFT JOIN analyses a INDEXED BY analyses_job_listing ON a.job_id = j.id
        LEFT JOIN clusters c INDEXED BY clusters_first_night ON c.id = a.cluster_id
        WHERE p.night IN (SELECT value FROM json_each(?1))
        """

    /// Every cached issue, by project then issue number (`IssueCache`).
    public func issues() throws -> [Issue] {
        try read(undecodable: Self.undecodableIssue) { db in
            try Row.fetchAll(
                db, sql: "SELECT \(IssueColumns.select) FROM issues ORDER BY project_id, iid, id"
            )
            .map(IssueColumns.decode)
        }
    }

    static let undecodableIssue = "an issue's labels are not a JSON array"

    /// The cached issues among these issue ids, in no particular order.
    public func issues(ids: [Int]) throws -> [Issue] {
        guard !ids.isEmpty else { return [] }
        return try read(undecodable: Self.undecodableIssue) { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(IssueColumns.select) FROM issues
                    WHERE id IN (SELECT value FROM json_each(?))
                    """,
                arguments: [Self.jsonArray(ids)]
            )
            .map(IssueColumns.decode)
        }
    }

    public func issueCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM issues") ?? 0 }
    }

    public func job(id: Int) throws -> Job? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(JobColumns.select()) FROM jobs WHERE id = ?", arguments: [id])
                .map { JobColumns.decode($0) }
        }
    }

    public func trace(jobID: Int) throws -> Data? {
        let file = databaseURL.path
        return try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT encoding, data, raw_size FROM traces WHERE job_id = ?",
                    arguments: [jobID])
            else { return nil }
            return try TraceCodec.decode(encoding: row[0], stored: row[1], rawSize: row[2], file: file)
        }
    }

    public func nights() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT night FROM pipelines ORDER BY night")
        }
    }

    /// `[1,2,3]`, written directly: `suspects 30d` passes tens of thousands of job ids.
    static func jsonArray(_ values: [Int]) -> String {
        var out = "["
        out.reserveCapacity(values.count * 9 + 2)
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            out += String(value)
        }
        return out + "]"
    }

    /// The texts as a JSON array for `json_each`: quotes, backslashes and control characters
    /// escaped, everything else as it is. Written by hand: Foundation's `JSONEncoder` for the 5k
    /// cluster ids `clusters 30d` passes twice at 1,000 projects was 4% of its profile.
    static func jsonArray(_ values: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(values.reduce(2) { $0 + $1.utf8.count + 3 })
        let hex = Array("0123456789abcdef".utf8)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case 0..<0x20:
                    out += [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)],
                        hex[Int(byte & 15)],
                    ]
                default:
                    out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension SQLiteCacheStore {
    /// Runs raw SQL in one write transaction. For tests and repair tooling only (a test simulates
    /// a newer triage by recording an unknown migration); production code uses the port.
    func executeUnchecked(sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }
}

extension SQLiteCacheStore {
    /// Every row of a query, each value as text (NULL as nil): lets a test compare a query with
    /// the one it replaced.
    func textRows(sql: String, arguments: StatementArguments = []) throws -> [[String?]] {
        try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                row.databaseValues.map { value -> String? in
                    switch value.storage {
                    case .null: return nil
                    case .int64(let i): return String(i)
                    case .double(let d): return String(d)
                    case .string(let s): return s
                    case .blob(let b): return b.base64EncodedString()
                    }
                }
            }
        }
    }

    /// SQLite's plan for a query, one detail per line: lets a test prove a query uses its index.
    func queryPlan(sql: String, arguments: StatementArguments = []) throws -> String {
        try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map {
                $0["detail"] as String
            }
            .joined(separator: "\n")
        }
    }
}
