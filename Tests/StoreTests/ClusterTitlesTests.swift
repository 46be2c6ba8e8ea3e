import Foundation
import LogAnalysis
import Testing
import TriageCore

@testable import Store

/// `cluster_titles` (migration v10): the title `clusters` shows for each cluster, kept by every
/// write of analyses, equals the title computed from the members (`ClusterSummary.title(reading:)`)
/// on the same cache, for every range of nights whose members include the ones that decided it.
@Suite struct ClusterTitlesTests {
    static let nights = (1...12).map { String(format: "2026-11-%02d", $0) }

    /// Twelve nights of three kinds of failure: a message that says something else each night
    /// (twelve distinct lines, more than a title compares), make's wrapper under a linter's line
    /// that no grammar knows (the key line is make's, the title line comes from the excerpt), and
    /// one line every night.
    static func traces(night n: Int) -> [(project: Int, name: String, trace: String)] {
        [
            (
                1, "test",
                "Running\nsome: Test Failed at /builds/julia/A.jl/test/x.jl:3\n  Expression: f(\(n)) == 2\n"
            ),
            (
                2, "lint",
                "$ make lint\nmdl docs\ndocs/a.md:\(n):1: MD013 Line length\n"
                    + "make: *** [Makefile:\(n % 3 + 20): lint] Error 1\nERROR: Job failed: exit code 1\n"
            ),
            (3, "docs", "ERROR: Job failed: execution took longer than 1h0m0s seconds\n"),
        ]
    }

    /// Stores the nights `range` and analyses after each, as `fetch` does night by night.
    static func fetch(_ store: SQLiteCacheStore, nights range: ClosedRange<Int>) throws {
        try store.upsertProjects([
            project(1, "julia/A.jl"), project(2, "julia/B.jl"), project(3, "julia/C.jl"),
        ])
        for n in range {
            var jobID = n * 100
            for (p, name, trace) in traces(night: n) {
                let pipelineID = n * 10 + p
                jobID += 1
                try store.storePipeline(
                    pipeline(pipelineID, project: p), night: nights[n - 1],
                    jobs: [job(jobID, pipeline: pipelineID, project: p, name: name)])
                try store.storeTrace(jobID: jobID, data: Data(trace.utf8))
            }
            _ = try Analyzer(cache: store, store: store).analyseNew()
        }
    }

    /// Summaries of the members of `nights` as `clusters` reads them (no excerpts).
    static func summaries(_ store: SQLiteCacheStore, nights: [String]?) throws -> [ClusterSummary] {
        let analyses = try store.analyses(nights: nights.map(Set.init), parts: [])
        return ClusterSummary.summarise(
            analyses, states: try store.clusterHeads(ids: Set(analyses.compactMap(\.cluster))))
    }

    /// Every kept title equals the title of all the cluster's members, and every contiguous range of
    /// nights gets from `title(kept:reading:)` what it computes from its own members.
    static func expectKeptTitlesAgree(_ store: SQLiteCacheStore, through last: Int) throws {
        let all = try summaries(store, nights: nil)
        let kept = try store.keptTitles(ids: Set(all.map(\.state.id)))
        #expect(kept.count == all.count)
        for s in all {
            let k = try #require(kept[s.state.id])
            #expect(k.title == s.title(reading: store), "\(s.state.id)")
            #expect(k.holds(for: s.members))
        }
        var used = 0
        for low in 1...last {
            for high in low...last {
                for s in try summaries(store, nights: Array(nights[(low - 1)..<high])) {
                    let k = kept[s.state.id]
                    #expect(
                        s.title(kept: k, reading: store) == s.title(reading: store),
                        "\(s.state.id) \(low)...\(high)")
                    if k?.holds(for: s.members) == true { used += 1 }
                }
            }
        }
        // Some ranges use the kept titles (at least each cluster's whole range); the others compute their own.
        #expect(used >= all.count)
    }

    @Test func keptTitlesEqualTheTitlesOfTheMembersAfterEachFetchAndRecluster() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try Self.fetch(store, nights: 1...4)
        try Self.expectKeptTitlesAgree(store, through: 4)
        try Self.fetch(store, nights: 5...12)
        try Self.expectKeptTitlesAgree(store, through: 12)

        let all = try Self.summaries(store, nights: nil)
        let kept = try store.keptTitles(ids: Set(all.map(\.state.id)))
        let titles = Dictionary(
            uniqueKeysWithValues: all.map { ($0.members[0].projectPath, kept[$0.state.id]) })
        // Twelve lines: the newest eight decide, newest first.
        #expect(titles["julia/A.jl"]??.title.marked == "Expression: f(‹12›) == 2")
        #expect(titles["julia/A.jl"]??.count == 8)
        #expect(titles["julia/A.jl"]??.oldestNight == "2026-11-05")
        // make's wrapper: the linter's line, read from the excerpts of the newest eight members.
        #expect(titles["julia/B.jl"]??.title.marked == "docs/a.md:‹12›:1: MD013 Line length")
        #expect(titles["julia/B.jl"]??.count == 8)
        // One line: every member is read to be sure.
        #expect(titles["julia/C.jl"]??.count == 12)
        #expect(titles["julia/C.jl"]??.title.parts.contains(where: \.varies) == false)

        _ = try Analyzer(cache: store, store: store).recluster()
        try Self.expectKeptTitlesAgree(store, through: 12)
    }

    /// A job analysed again into another cluster takes its line out of its old cluster's title;
    /// a cluster left without members has no title.
    @Test func aFailureThatLeavesItsClusterChangesItsOldTitle() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try Self.fetch(store, nights: 1...3)
        let newest = try #require(try store.analysis(jobID: 301))
        let old = try #require(newest.cluster)
        var moved = newest
        moved.cluster = ClusterID(rawValue: "c-0000000f")
        let state = ClusterState(
            id: try #require(moved.cluster), members: [301], firstNight: moved.night, lastNight: moved.night,
            projects: [moved.projectPath],
            representative: FailureSignature(maskedLines: moved.signatureLines),
            template: "moved", commonTokens: [])
        try store.saveAnalyses([moved], clusters: [state])
        let kept = try store.keptTitles(ids: [old, state.id])
        #expect(kept[old]?.title.marked == "Expression: f(‹2›) == 2")
        #expect(kept[state.id]?.count == 1)
        try Self.expectKeptTitlesAgree(store, through: 3)

        // Its only member leaves the new cluster: no title.
        try store.saveAnalyses([newest], clusters: [])
        #expect(try store.keptTitles(ids: [state.id]).isEmpty)
        #expect(try store.keptTitles(ids: [old])[old]?.title.marked == "Expression: f(‹3›) == 2")
    }

    @Test(arguments: [
        [
            ClusterTitle.Part("make: *** [Makefile:"), .init("40", varies: true), .init(": all] Error "),
            .init("2", varies: true),
        ],
        [.init("λ ", varies: true), .init("ünïcode ✓ ‹not a mark›")],
        [ClusterTitle.Part("plain")],
        [],
    ])
    func marksRebuildTheTitle(parts: [ClusterTitle.Part]) throws {
        let title = ClusterTitle(parts: parts)
        #expect(SQLiteCacheStore.title(plain: title.plain, marks: SQLiteCacheStore.marks(title)) == title)
    }

    @Test func marksThatDoNotFitTheLineAreNoTitle() {
        #expect(SQLiteCacheStore.title(plain: "abc", marks: "[2,9]") == nil)
        #expect(SQLiteCacheStore.title(plain: "abc", marks: "[2]") == nil)
        #expect(SQLiteCacheStore.title(plain: "abc", marks: "[2,1]") == nil)
        #expect(SQLiteCacheStore.title(plain: "abc", marks: "{") == nil)
    }

    @Test func titleQueriesUseTheirIndexes() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let kept = try store.queryPlan(sql: SQLiteCacheStore.keptTitlesSQL, arguments: [#"["c-00000001"]"#])
        #expect(kept.contains("SEARCH cluster_titles USING PRIMARY KEY (cluster_id=?)"))
        // A cluster's members newest first: `analyses_cluster` backwards, no sort.
        for parts: AnalysisParts in [[], .all] {
            let members = try store.queryPlan(
                sql: SQLiteCacheStore.membersNewestFirstSQL(parts), arguments: ["c-00000001"])
            #expect(members.contains("SEARCH analyses USING INDEX analyses_cluster (cluster_id=?)"))
            #expect(!members.contains("TEMP B-TREE"))
        }
    }

    /// A v9 cache (no kept titles) migrates to v10: the titles are computed for every cluster, and
    /// every cluster listing answers as before.
    @Test func aV9CacheMigratesAndListsTheSameTitles() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        func answers(_ store: SQLiteCacheStore) throws -> [String] {
            var out: [String] = []
            for low in [1, 5, 12] {
                let s = try Self.summaries(store, nights: Array(Self.nights[(low - 1)...]))
                let kept = try store.keptTitles(ids: Set(s.map(\.state.id)))
                out += s.map { "\($0.state.id) \($0.title(kept: kept[$0.state.id], reading: store).marked)" }
            }
            return out
        }
        let before: [String]
        let keptBefore: [ClusterID: KeptClusterTitle]
        do {
            let store = try workspace.open()
            try Self.fetch(store, nights: 1...12)
            keptBefore = try store.keptTitles(ids: Set(try store.clusterStates().map(\.id)))
            try store.executeUnchecked(
                sql: "DROP TABLE cluster_titles; DELETE FROM grdb_migrations WHERE identifier = 'v10'")
            // What v9 listed: every title computed from the members.
            before = try Self.summaries(store, nights: Self.nights).map {
                "\($0.state.id) \($0.title(reading: store).marked)"
            }
        }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v10"))
        #expect(try store.keptTitles(ids: Set(keptBefore.keys)) == keptBefore)
        #expect(keptBefore.count == 3)
        #expect(try answers(store).prefix(before.count) == before[...])
    }
}
