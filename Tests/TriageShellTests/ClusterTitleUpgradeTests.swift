import Foundation
@testable import Store
import Testing
import TriageCore

@testable import TriageShell

/// `clusters` reads the titles the cache keeps (migration v10) when they hold for the range, and
/// computes them otherwise: a cache made before v10 migrates and lists byte for byte as before.
@Suite struct ClusterTitleUpgradeTests {
    static let commands = [
        "clusters", "clusters 3d", "clusters last-night", "clusters 2026-11-26..2026-11-27", "clusters --new",
        "clusters 3d --format json", "clusters 2026-11-26..2026-11-27 --format json",
        "clusters --format table",
    ]

    /// The fixture, with make failing under a linter's line in ci-images' nightly job every night
    /// (the key line is make's, the title's line is read from the excerpts, its line numbers vary).
    static func fixture() throws -> ShellFixture {
        let fixture = try ShellFixture()
        let store = try SQLiteCacheStore(directory: fixture.root.appendingPathComponent(".triage"))
        for (n, job) in [1022, 1042, 1062].enumerated() {
            let trace =
                "$ make lint\nmdl docs\ndocs/a.md:\(n + 10):1: MD013 Line length\n"
                + "make: *** [Makefile:\(n + 20): lint] Error 1\nERROR: Job failed: exit code 1\n"
            try store.storeTrace(jobID: job, data: Data(trace.utf8))
        }
        _ = try Analyzer(cache: store, store: store).analyseNew()
        return fixture
    }

    /// Each command's output from a new session on `root` (which opens, and so migrates, the cache).
    func answers(_ root: URL) async -> [String] {
        let sink = CapturingSink()
        let now = ShellFixture.date("2026-11-29T14:00:00Z")
        let environment = ShellEnvironment(
            workspace: root, variables: [:], now: { now },
            openCache: { CachePorts(try SQLiteCacheStore(directory: $0)) },
            makeGitLab: { _, _, _ in GitLabPorts(UnreachableSource()) }, sink: sink, stdoutIsTerminal: false)
        let session = Session(context: Context(environment: environment, format: .tsv, color: false))
        var out: [String] = []
        for command in Self.commands {
            sink.clear()
            let status = await session.run(
                script: Session.lines(of: command, file: nil), keepGoing: false, echo: false)
            out.append("\(command) → \(status)\n\(sink.stdout)\(sink.stderr)")
        }
        return out
    }

    @Test func aCacheWithoutKeptTitlesMigratesAndListsTheSame() async throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        let cache = fixture.root.appendingPathComponent(".triage")
        let store = try SQLiteCacheStore(directory: cache)
        #expect(try store.keptTitles(ids: Set(try store.clusterStates().map(\.id))).count == 2)
        let kept = await answers(fixture.root)
        #expect(kept.contains { $0.contains("docs/a.md:‹12›:1: MD013 Line length") })
        // a range before the last night
        #expect(kept.contains { $0.contains("docs/a.md:‹11›:1: MD013 Line length") })

        // What v9 listed: every title computed from the members (as `clusters` does without kept titles).
        try store.executeUnchecked(sql: "DELETE FROM cluster_titles")
        #expect(await answers(fixture.root) == kept)

        // A v9 cache: opening it migrates it, and it lists the same.
        try store.executeUnchecked(
            sql: "DROP TABLE cluster_titles; DELETE FROM grdb_migrations WHERE identifier = 'v10'")
        #expect(await answers(fixture.root) == kept)
        let migrated = try SQLiteCacheStore(directory: cache)
        #expect(try migrated.keptTitles(ids: Set(try migrated.clusterStates().map(\.id))).count == 2)
    }
}
