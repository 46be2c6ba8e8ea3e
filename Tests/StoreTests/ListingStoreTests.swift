import Foundation
import LogAnalysis
import Testing
import TriageCore

@testable import Store

/// Migration v5: parsed dependency listings and compared commit ranges.
@Suite struct ListingStoreTests {
    static let green = Data(
        """
        Status `/builds/julia/Foo.jl/Project.toml`
          [a93c6f00] DataFrames v1.6.1
          [864edb3b] DataStructures v0.18.20
        Successfully installed numpy-1.26.4 typing_extensions-4.12.2
        Test Summary: | Pass  Total
        """.utf8)
    static let red = Data(
        """
        Status `/builds/julia/Foo.jl/Project.toml`
          [a93c6f00] DataFrames v1.7.0
        ERROR: Unsatisfiable requirements detected for package CSV [336ed68f]:
         CSV [336ed68f] log:
         ├─possible versions are: 0.1.0-0.10.15 or uninstalled

        """.utf8)

    /// A cache with one project, two nights of one job, both traces.
    func seeded(_ workspace: TempWorkspace) throws -> SQLiteCacheStore {
        let store = try workspace.open()
        try store.upsertProjects([project(1, "julia/Foo.jl")])
        try store.storePipeline(
            pipeline(10, project: 1, status: .success), night: "2026-11-27",
            jobs: [
                job(100, pipeline: 10, project: 1, name: "test", status: .success)
            ])
        try store.storePipeline(
            pipeline(11, project: 1), night: "2026-11-28",
            jobs: [
                job(101, pipeline: 11, project: 1, name: "test")
            ])
        try store.storeTrace(jobID: 100, data: Self.green)
        try store.storeTrace(jobID: 101, data: Self.red)
        return store
    }

    @Test func listingsRoundTripWithTheReaderVersion() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try seeded(workspace)
        let facts = TraceFacts(trace: Self.red)
        #expect(facts.listing.count == 1 && facts.unresolved.count == 1)
        var odd = TraceFacts(trace: Self.green)
        odd.truncated = true
        odd.listing.apply(
            .present(Dependency(ecosystem: "conda", name: "with\ttab\\and\nnewline", version: "1.0")))
        try store.storeListings([101: facts, 100: odd], reader: 3)
        #expect(try store.listings(jobIDs: [100, 101, 102], reader: 3) == [100: odd, 101: facts])
        // Another reader's listings count as missing.
        #expect(try store.listings(jobIDs: [100, 101], reader: 4).isEmpty)
        #expect(try store.unlistedTraceCount(reader: 4) == 2)
        #expect(try store.unlistedTraceCount(reader: 3) == 0)
        #expect(try store.unlistedTraces(reader: 4, limit: 1) == [101])
    }

    @Test func aCacheWithoutListingsStoresAndAnswersNothing() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try seeded(workspace)
        var cache = CachePorts(store)
        cache.listings = NoListings()
        try cache.listings.storeListings([100: TraceFacts(trace: Self.green)], reader: 1)
        #expect(try cache.listings.listings(jobIDs: [100], reader: 1).isEmpty)
        #expect(try cache.listings.unlistedTraceCount(reader: 1) == 0)
        #expect(try TraceListings.fill(cache: cache) == 0)
        // The reader parses the traces itself.
        let reader = TraceFactsReader(cache: cache)
        try reader.load([100, 101])
        #expect(try reader.facts(100) == TraceFacts(trace: Self.green))
        #expect(try workspace.open().listings(jobIDs: [100], reader: TraceFacts.readerVersion).isEmpty)
    }

    @Test func commitRangesRoundTripAndMissAsNil() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let range = CommitRange(
            projectID: 1, from: "aaa", to: "ccc",
            commits: [
                Commit(
                    id: "bbb1", shortID: "bbb1", title: "Bump \"DataFrames\" ✓", authorName: "Alice",
                    createdAt: date(5)),
                Commit(id: "ccc", shortID: "ccc", title: "Fix docs", authorName: "", createdAt: nil),
            ])
        try store.storeCommitRange(range)
        #expect(try store.commitRange(projectID: 1, from: "aaa", to: "ccc") == range)
        #expect(try store.commitRange(projectID: 2, from: "aaa", to: "ccc") == nil)
        #expect(try store.commitRange(projectID: 1, from: "ccc", to: "aaa") == nil)
        let empty = CommitRange(projectID: 1, from: "ccc", to: "ddd", commits: [])
        try store.storeCommitRange(empty)
        #expect(try store.commitRange(projectID: 1, from: "ccc", to: "ddd") == empty)
    }

    /// A cache written by the previous triage (v4: no listings, no commit ranges) opens, migrates
    /// to v5 keeping every row, and its traces' listings are back-filled: by `fetch`'s fill, or
    /// lazily by the first reader.
    @Test func aV4CacheMigratesKeepsItsDataAndIsBackFilled() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let before: String
        do {
            let store = try seeded(workspace)
            before = try store.canonicalDump()
            // What v4 left: the tables of v5 and v6 and the column of v7 absent, none recorded.
            try store.executeUnchecked(sql: undoV12 + undoV11)
            try store.executeUnchecked(
                sql: """
                    DROP TABLE listings; DROP TABLE commit_ranges; DROP TABLE suspect_nights; DROP TABLE cluster_titles;
                    DROP INDEX analyses_version; ALTER TABLE analyses DROP COLUMN analysis_version;
                    DROP INDEX jobs_pipeline_status;
                    CREATE INDEX jobs_pipeline_status ON jobs(pipeline_id, status, retried);
                    DELETE FROM grdb_migrations WHERE identifier IN ('v5', 'v6', 'v7', 'v8', 'v9', 'v10', 'v11', 'v12')
                    """)
            let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
            #expect(applied == ["v1", "v2", "v3", "v4"])
        }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12"])
        #expect(try store.canonicalDump() == before)
        #expect(try store.trace(jobID: 101) == Self.red)
        #expect(try store.unlistedTraceCount(reader: TraceFacts.readerVersion) == 2)

        // After a fetch: the newest first, as many as allowed.
        #expect(try TraceListings.fill(cache: CachePorts(store), limit: 1) == 1)
        #expect(try store.unlistedTraceCount(reader: TraceFacts.readerVersion) == 1)
        #expect(
            try store.listings(jobIDs: [100, 101], reader: TraceFacts.readerVersion).keys.sorted() == [101])
        // Lazily: the first reader of listings reads the rest and keeps them.
        let reader = TraceFactsReader(cache: CachePorts(store))
        try reader.load([101, 999])
        #expect(try reader.facts(101) == TraceFacts(trace: Self.red))
        #expect(try reader.facts(999) == nil)
        #expect(reader.backFilled == 1)
        #expect(try store.unlistedTraceCount(reader: TraceFacts.readerVersion) == 0)
        #expect(
            try store.listings(jobIDs: [100, 101], reader: TraceFacts.readerVersion)
                == [100: TraceFacts(trace: Self.green), 101: TraceFacts(trace: Self.red)])
        #expect(try TraceListings.fill(cache: CachePorts(store)) == 0)
    }
}
