import Foundation
import GRDB
import TriageCore

// The tables of migration v5 (`ChangesSchema`): parsed listings and compared commit ranges.

extension SQLiteCacheStore: ListingStore {
    /// Always: the `listings` table keeps them.
    public var cachesListings: Bool { true }

    public func listings(jobIDs: [Int], reader: Int) throws -> [Int: TraceFacts] {
        guard !jobIDs.isEmpty else { return [:] }
        let file = databaseURL.path
        return try read { db in
            let rows = try Row.fetchCursor(
                db,
                // Joined with traces: a listing counts only while its trace is cached.
                sql: """
                    SELECT l.job_id, l.truncated, l.data FROM listings l
                    JOIN traces t ON t.job_id = l.job_id
                    WHERE l.job_id IN (SELECT value FROM json_each(?1)) AND l.reader = ?2
                    """,
                arguments: [Self.jsonArray(jobIDs), reader])
            var found: [Int: TraceFacts] = [:]
            var lines: [String: ListingCodec.Line] = [:]
            while let row = try rows.next() {
                let id: Int = row[0]
                guard let facts = ListingCodec.decode(row[2], truncated: row[1], lines: &lines) else {
                    throw StoreError.notACache(file: file, reason: "the listing of job \(id) does not decode")
                }
                found[id] = facts
            }
            return found
        }
    }

    public func listedJobs(jobIDs: [Int], reader: Int) throws -> Set<Int> {
        guard !jobIDs.isEmpty else { return [] }
        return try read { db in
            try Int.fetchSet(
                db,
                sql: """
                    SELECT l.job_id FROM listings l
                    JOIN traces t ON t.job_id = l.job_id
                    WHERE l.job_id IN (SELECT value FROM json_each(?1)) AND l.reader = ?2
                    """,
                arguments: [Self.jsonArray(jobIDs), reader])
        }
    }

    public func storeListings(_ facts: [Int: TraceFacts], reader: Int) throws {
        guard !facts.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO listings (job_id, reader, truncated, dependencies, data)
                    VALUES (?, ?, ?, ?, ?)
                    """)
            for (id, f) in facts.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [
                    id, reader, f.truncated, f.listing.count, ListingCodec.encode(f),
                ])
            }
        }
    }

    public func unlistedTraceCount(reader: Int) throws -> Int {
        try read { db in
            // Reads traces' job ids from the covering index traces_sizes, never a blob, and probes
            // listings by primary key: a few milliseconds for tens of thousands of traces.
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM traces t INDEXED BY traces_sizes
                    WHERE NOT EXISTS (SELECT 1 FROM listings l WHERE l.job_id = t.job_id AND l.reader = ?)
                    """,
                arguments: [reader]) ?? 0
        }
    }

    public func unlistedTraces(reader: Int, limit: Int) throws -> [Int] {
        try read { db in
            try Int.fetchAll(
                db,
                sql: """
                    SELECT t.job_id FROM traces t
                    WHERE NOT EXISTS (SELECT 1 FROM listings l WHERE l.job_id = t.job_id AND l.reader = ?)
                    ORDER BY t.job_id DESC LIMIT ?
                    """,
                arguments: [reader, max(0, limit)])
        }
    }
}

extension SQLiteCacheStore: CommitRangeCache {
    public func commitRange(projectID: Int, from: String, to: String) throws -> CommitRange? {
        let file = databaseURL.path
        return try read { db in
            guard
                let text = try String.fetchOne(
                    db,
                    sql:
                        "SELECT commits FROM commit_ranges WHERE project_id = ? AND from_sha = ? AND to_sha = ?",
                    arguments: [projectID, from, to])
            else { return nil }
            do {
                return CommitRange(
                    projectID: projectID, from: from, to: to, commits: try ListingCodec.decodeCommits(text))
            } catch {
                throw StoreError.notACache(
                    file: file, reason: "the cached commits of \(from)..\(to) are not a JSON array of commits"
                )
            }
        }
    }

    public func storeCommitRange(_ range: CommitRange) throws {
        let text: String
        do {
            text = try ListingCodec.encodeCommits(range.commits)
        } catch {
            throw StoreError.invalidWrite("the commits of \(range.from)..\(range.to) do not encode: \(error)")
        }
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO commit_ranges (project_id, from_sha, to_sha, commits)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [range.projectID, range.from, range.to, text])
        }
    }
}

extension SQLiteCacheStore: SuspectNightStore {
    /// Always: the `suspect_nights` table keeps them.
    public var remembersSuspects: Bool { true }

    public func rememberedSuspects(nights: [String], generation: String) throws -> [String: String] {
        guard !nights.isEmpty else { return [:] }
        return try read { db in
            var found: [String: String] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT night, result FROM suspect_nights
                    WHERE night IN (SELECT value FROM json_each(?1)) AND generation = ?2
                    """,
                arguments: [Self.jsonArray(nights), generation])
            while let row = try rows.next() { found[row[0]] = row[1] }
            return found
        }
    }

    public func rememberSuspects(_ results: [String: String], generation: String) throws {
        guard !results.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO suspect_nights (night, generation, result) VALUES (?, ?, ?)")
            for (night, result) in results.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [night, generation, result])
            }
        }
    }

    /// Forgets every remembered night (a benchmark's cold start; writes do it themselves).
    public func forgetSuspects() throws {
        try write { db in try Self.forgetSuspects(db) }
    }

    /// Every remembered night goes: called in the transaction of each write that can change them.
    static func forgetSuspects(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM suspect_nights")
    }
}
