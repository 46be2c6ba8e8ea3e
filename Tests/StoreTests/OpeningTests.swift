import Foundation
import GRDB
import Testing
import TriageCore

@testable import Store

@Suite struct OpeningTests {
    @Test func createsTheDirectoryAndTheDatabase() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        #expect(store.databaseURL == workspace.databaseFile)
        #expect(FileManager.default.fileExists(atPath: workspace.databaseFile.path))
    }

    @Test func refusesACacheOfANewerTriageWithoutTouchingIt() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        do {
            let store = try workspace.open()
            try store.upsertProjects([project(1, "g/a")])
            try store.executeUnchecked(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        let before = try Data(contentsOf: workspace.databaseFile)
        #expect(before.count > 0)
        let error = #expect(throws: StoreError.self) { try workspace.open() }
        #expect(
            error?.description
                == "the cache in \(workspace.cacheDirectory.path) was written by a newer triage (schema v99; "
                + "this triage knows up to v12) — upgrade triage, or delete .triage/ and run 'fetch' again")
        #expect(try Data(contentsOf: workspace.databaseFile) == before)
        // Refusing twice does not change that.
        #expect(throws: StoreError.self) { try workspace.open() }
        #expect(try Data(contentsOf: workspace.databaseFile) == before)
    }

    @Test(arguments: [
        Data("this is not a database, only text that someone put here by mistake\n".utf8),
        Data(repeating: 0xAB, count: 8192),
        Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0xFF, count: 4096),
    ])
    func refusesAFileThatIsNotADatabaseWithoutTouchingIt(garbage: Data) throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        try FileManager.default.createDirectory(
            at: workspace.cacheDirectory, withIntermediateDirectories: true)
        try garbage.write(to: workspace.databaseFile)
        let error = #expect(throws: StoreError.self) { try workspace.open() }
        #expect(
            error?.description
                == "\(workspace.databaseFile.path) is not a triage cache (file is not a database) — "
                + "move it away or delete .triage/; 'fetch' rebuilds it")
        #expect(try Data(contentsOf: workspace.databaseFile) == garbage)
    }

    @Test func refusesAnotherApplicationsDatabase() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        do {
            let store = try workspace.open()
            try store.executeUnchecked(
                sql: "CREATE TABLE other (x); DROP TABLE grdb_migrations; DROP TABLE jobs")
        }
        let error = #expect(throws: StoreError.self) { try workspace.open() }
        #expect(
            error?.description
                == "\(workspace.databaseFile.path) is not a triage cache (an SQLite database without triage's "
                + "tables) — move it away or delete .triage/; 'fetch' rebuilds it")
    }

    /// A first `fetch` killed while the cache was being created can leave only GRDB's own
    /// bookkeeping (its empty `grdb_migrations`): that is a new cache, not a foreign database.
    @Test func aCacheKilledBeforeItsFirstMigrationOpensAsNew() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        try FileManager.default.createDirectory(
            at: workspace.cacheDirectory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: workspace.databaseFile.path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }
        try queue.close()
        let store = try workspace.open()
        #expect(try store.summary() == CacheSummary())
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied.count == Schema.migrations.count)
    }

    @Test func reopensAnExistingCacheOfThisVersion() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        do { _ = try workspace.open() }
        do { _ = try workspace.open() }
        #expect(try workspace.open().summary() == CacheSummary())
    }
}
