import Foundation
import LogAnalysis
import Testing
import TriageCore

@testable import Store

@Suite struct AnalysisStoreTests {
    /// Two failed jobs with traces, one failed retry that passed on its second attempt, and a failed
    /// job whose trace is missing.
    func seeded(_ workspace: TempWorkspace) throws -> SQLiteCacheStore {
        let store = try workspace.open()
        try store.upsertProjects([project(1, "julia/A.jl")])
        let failing = Data("Running\nsome: Test Failed at /builds/julia/A.jl/test/x.jl:3\n  Expression: f(1) == 2\n".utf8)
        try store.storeTrace(jobID: 11, data: failing)
        try store.storeTrace(jobID: 12, data: Data("ERROR: Job failed: execution took longer than 1h0m0s seconds\n".utf8))
        try store.storePipeline(
            pipeline(100, project: 1), night: "2026-11-01",
            jobs: [
                job(11, pipeline: 100, project: 1, name: "test"),
                job(12, pipeline: 100, project: 1, name: "docs", retried: true),
                job(13, pipeline: 100, project: 1, name: "docs", status: .success, attempt: 2),
                job(14, pipeline: 100, project: 1, name: "lint"),
            ])
        return store
    }

    @Test func analysesAndClustersSurviveReopening() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try seeded(workspace)
        let candidates = try store.unanalysedFailures()
        #expect(candidates.map(\.jobID) == [11, 12, 14])
        #expect(candidates.map(\.retriedGreen) == [false, true, false])
        #expect(candidates.map(\.hasTrace) == [true, true, false])

        let report = try Analyzer(cache: store, store: store).analyseNew()
        #expect(report.analysed == 2)
        #expect(report.skipped == [14])
        #expect(report.clusters == 2)
        #expect(try store.unanalysedFailures().map(\.jobID) == [14])

        let reopened = try workspace.open()
        let states = try reopened.clusterStates()
        #expect(states == (try store.clusterStates()))
        #expect(states.count == 2)
        let a = try #require(try reopened.analysis(jobID: 11))
        #expect(a.keyLine == "some: Test Failed at /builds/julia/A.jl/test/x.jl:3")
        #expect(a.excerpt.contains { $0.rawLine == 2 && $0.reason == "pattern" })
        let cluster = try #require(a.cluster)
        #expect(try reopened.analyses(cluster: cluster).map(\.jobID) == [11])
        #expect(try reopened.analyses(nights: ["2026-11-01"]).map(\.jobID) == [11, 12])
        #expect(try reopened.analyses(nights: ["2026-11-02"]).isEmpty)
        let summaries = ClusterSummary.summarise(try reopened.analyses(nights: nil), states: states)
        #expect(summaries.filter(\.flaky).count == 1)

        // A second run finds nothing new; recluster keeps both ids.
        #expect(try Analyzer(cache: reopened, store: reopened).analyseNew().analysed == 0)
        let again = try Analyzer(cache: reopened, store: reopened).recluster()
        #expect(again.kept == 2)
        #expect(Set(try reopened.clusterStates().map(\.id)) == Set(states.map(\.id)))
    }

    @Test func migrationV2IsRecorded() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1", "v2", "v3", "v4"])
    }
}
