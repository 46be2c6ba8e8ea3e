import Foundation
import LogAnalysis
import Testing
import TriageCore

@testable import Store

@Suite struct AnalysisQueriesTests {
    @Test func insightsAndExcerptsOfAnalysedJobsOnly() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try AnalysisStoreTests().seeded(workspace)
        #expect(try store.insights(jobIDs: [11, 12, 14]).isEmpty)
        _ = try Analyzer(cache: store, store: store).analyseNew()

        let insights = try store.insights(jobIDs: [11, 12, 13, 14])
        #expect(insights.keys.sorted() == [11, 12])
        let a = try #require(insights[11])
        #expect(a.keyLine == "  Expression: f(1) == 2")  // the block's message, not its location
        #expect(a.cluster == (try store.analysis(jobID: 11))?.cluster)
        #expect(a.clusterFirstNight == "2026-11-01")
        #expect(a.isNew(on: "2026-11-01"))
        #expect(!a.isNew(on: "2026-11-02"))
        let flaky = try store.flakyClusters()
        #expect(!flaky.contains(a.cluster))
        // Job 12 failed and its retry passed: its cluster is flaky, read from the partial index.
        #expect(flaky.contains(insights[12]?.cluster))
        #expect(flaky.retriedGreen == Set([insights[12]?.cluster].compactMap { $0 }))
        let plan = try store.queryPlan(sql: SQLiteCacheStore.retriedGreenClustersSQL, arguments: [])
        #expect(plan.contains("analyses_flaky"), "\(plan)")
        // Asked about some clusters only: the same facts for those, each a seek, not a scan.
        let one = try #require(insights[12]?.cluster)
        let other = try #require(a.cluster)
        try store.setAlternatingClusters([other])
        let among = try store.flakyClusters(among: [one, other])
        #expect(among.retriedGreen == [one])
        #expect(among.alternating == [other])
        #expect(try store.flakyClusters(among: [other]).retriedGreen.isEmpty)
        #expect(try store.flakyClusters(among: [one]).alternating.isEmpty)
        #expect(try store.flakyClusters(among: []) == FlakyClusters())
        #expect(try store.flakyClusters().alternating == [other])
        let seek = try store.queryPlan(
            sql: SQLiteCacheStore.retriedGreenClustersAmongSQL, arguments: ["[\"\(one.rawValue)\"]"])
        #expect(seek.contains("SEARCH analyses USING INDEX analyses_flaky (cluster_id=?)"), "\(seek)")
        let alternatingSeek = try store.queryPlan(
            sql: SQLiteCacheStore.alternatingClustersAmongSQL, arguments: ["[\"\(one.rawValue)\"]"])
        #expect(alternatingSeek.contains("PRIMARY KEY (id=?)"), "\(alternatingSeek)")
        try store.setAlternatingClusters([])

        let texts = try store.excerptTexts(jobIDs: [11, 14])
        #expect(texts.keys.sorted() == [11])
        #expect(texts[11] == (try store.analysis(jobID: 11))?.excerpt.map(\.text))
        #expect(try store.insights(jobIDs: []).isEmpty)

        let ids = try store.clusterIDs(limit: 10)
        #expect(Set(ids) == Set(try store.clusterStates().map(\.id.rawValue)))
        #expect(try store.clusterIDs(limit: 1).count == 1)
    }

    @Test func migrationV3IndexesServeTheListings() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let lastFailed = try store.queryPlan(
            sql: "SELECT project_id, max(night) FROM pipelines WHERE status = 'failed' GROUP BY project_id")
        #expect(lastFailed.contains("USING COVERING INDEX pipelines_status_project_night (status=?)"))
        let insights = try store.queryPlan(sql: SQLiteCacheStore.insightsSQL, arguments: ["[1]"])
        // Flaky is no longer the insights' (one rule, `FlakyClusters`): one scan of the partial index.
        #expect(!insights.contains("analyses_flaky"))
        let retried = try store.queryPlan(sql: SQLiteCacheStore.retriedGreenClustersSQL)
        #expect(retried.contains("analyses_flaky"), "\(retried)")
        let green = try store.queryPlan(
            sql: SQLiteCacheStore.greenNightsSQL,
            arguments: ["2026-11-01", "2026-11-28", "schedule", "[1]", "[\"test\"]"])
        #expect(green.contains("SEARCH p USING INDEX pipelines_night_project (night>? AND night<?)"))
        #expect(
            green.contains(
                "SEARCH j USING INDEX jobs_pipeline_status (pipeline_id=? AND status=? AND retried=?)"))
        #expect(insights.contains("SEARCH a USING INTEGER PRIMARY KEY (rowid=?)"))
        #expect(insights.contains("SEARCH c USING INDEX sqlite_autoindex_clusters_1 (id=?)"))
    }
}
