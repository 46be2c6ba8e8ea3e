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

    /// The listing's one query answers what `failures` and `insights` answer together: the same
    /// jobs in the same order, the same fields, the same insight (none for a job not analysed).
    @Test func failureListingIsFailuresWithTheirInsights() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try AnalysisStoreTests().seeded(workspace)
        // A second night and project, a project the cache does not know (its path is its id),
        // an allowed failure and names that order differently from ids.
        try AnalysisStoreTests.addSecondNight(to: store)
        try store.storePipeline(
            pipeline(300, project: 9), night: "2026-11-02",
            jobs: [job(31, pipeline: 300, project: 9, name: "test")])
        func expected(_ nights: Set<String>, allowedToFail: Bool = true) throws -> [FailureListing] {
            let rows = try store.failures(nights: nights).filter { allowedToFail || !$0.job.allowFailure }
            let insights = try store.insights(jobIDs: rows.map(\.job.id))
            return rows.map { row in
                FailureListing(
                    jobID: row.job.id, projectID: row.job.projectID, name: row.job.name, stage: row.job.stage,
                    failureReason: row.job.failureReason, allowFailure: row.job.allowFailure,
                    webURL: row.job.webURL, night: row.night, projectPath: row.projectPath,
                    source: row.pipeline.source, insight: insights[row.job.id])
            }
        }
        let nights: Set<String> = ["2026-11-01", "2026-11-02"]
        let last = "2026-11-02"
        let before = try store.failureListing(nights: nights, allowedToFail: true)
        #expect(before.map(\.jobID) == [31, 23, 21, 14, 11])
        #expect(
            try store.failureListing(nights: nights, allowedToFail: false).map(\.jobID) == [31, 23, 14, 11])
        #expect(before.allSatisfy { $0.insight == nil })
        #expect(before == (try expected(nights)))
        _ = try Analyzer(cache: store, store: store).analyseNew()
        let after = try store.failureListing(nights: nights, allowedToFail: true)
        #expect(after.contains { $0.insight != nil } && after.contains { $0.insight == nil })
        #expect(after == (try expected(nights)))
        #expect(try store.failureListing(nights: [last], allowedToFail: true) == (try expected([last])))
        #expect(
            try store.failureListing(nights: nights, allowedToFail: false)
                == (try expected(nights, allowedToFail: false)))
        #expect(try store.failureListing(nights: [], allowedToFail: true).isEmpty)
        let plan = try store.queryPlan(
            sql: SQLiteCacheStore.failureListingSQL, arguments: ["[\"\(last)\"]", false])
        #expect(plan.contains("SEARCH p USING INDEX pipelines_night_project (night=?)"), "\(plan)")
        #expect(plan.contains("SEARCH j USING INDEX jobs_failed_latest (pipeline_id=?"), "\(plan)")
        #expect(plan.contains("SEARCH a USING COVERING INDEX analyses_job_listing (job_id=?)"), "\(plan)")
        #expect(plan.contains("SEARCH c USING COVERING INDEX clusters_first_night (id=?)"), "\(plan)")
        let clusters = try store.queryPlan(sql: SQLiteCacheStore.analysesSQL(nights: []), arguments: ["[]"])
        #expect(clusters.contains("SEARCH analyses USING COVERING INDEX analyses_night_listing (night=?)"))
        #expect(!clusters.contains("TEMP B-TREE"), "\(clusters)")
    }

    /// A cache of v10 (without v11's indexes) migrates: the same rows, and the listings that read
    /// the new indexes answer as the old indexes answered.
    @Test func aV10CacheMigratesToTheListingIndexesAndAnswersTheSame() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let nights: Set<String> = ["2026-11-01", "2026-11-02"]
        func answers(_ store: SQLiteCacheStore) throws -> String {
            [
                "\(try store.failureListing(nights: nights, allowedToFail: true))",
                "\(try store.failureListing(nights: nights, allowedToFail: false))",
                "\(try store.analyses(nights: nights, parts: []))",
                "\(try store.analyses(nights: ["2026-11-01"], parts: .all))",
            ].joined(separator: "\n")
        }
        let before: (dump: String, answers: String)
        do {
            let store = try AnalysisStoreTests().seeded(workspace)
            _ = try Analyzer(cache: store, store: store).analyseNew()
            // Read before undoing: this triage's reads need the tables of v12.
            before = (try store.canonicalDump(), try answers(store))
            try store.executeUnchecked(
                sql: undoV12 + undoV11 + "DELETE FROM grdb_migrations WHERE identifier IN ('v11', 'v12')")
            // The listing names its indexes: on a v10 cache it could not run at all.
            #expect(throws: (any Error).self) {
                try store.failureListing(nights: nights, allowedToFail: true)
            }
        }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v11") && applied.count == Schema.migrations.count)
        #expect(try store.canonicalDump() == before.dump)
        #expect(try answers(store) == before.answers)
    }

    @Test func migrationV3IndexesServeTheListings() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let lastFailed = try store.queryPlan(
            sql: "SELECT project_id, max(night) FROM pipelines WHERE status = 'failed' GROUP BY project_id")
        #expect(lastFailed.contains("USING COVERING INDEX pipelines_failed_project_night"))
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
                "SEARCH j USING INDEX jobs_pipeline (pipeline_id=?)"))
        #expect(insights.contains("SEARCH a USING INTEGER PRIMARY KEY (rowid=?)"))
        #expect(insights.contains("SEARCH c USING INDEX sqlite_autoindex_clusters_1 (id=?)"))
    }
}
