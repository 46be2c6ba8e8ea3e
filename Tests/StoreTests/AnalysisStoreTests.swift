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
        let failing = Data(
            "Running\nsome: Test Failed at /builds/julia/A.jl/test/x.jl:3\n  Expression: f(1) == 2\n".utf8)
        try store.storeTrace(jobID: 11, data: failing)
        try store.storeTrace(
            jobID: 12, data: Data("ERROR: Job failed: execution took longer than 1h0m0s seconds\n".utf8))
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

    /// B.jl's night 2026-11-02: 23 failing with a trace, 21 allowed to fail, 22 green.
    static func addSecondNight(to store: SQLiteCacheStore) throws {
        try store.upsertProjects([project(2, "julia/B.jl")])
        try store.storeTrace(jobID: 23, data: Data("ERROR: LoadError: UndefVarError: `x` not defined\n".utf8))
        try store.storePipeline(
            pipeline(200, project: 2), night: "2026-11-02",
            jobs: [
                job(23, pipeline: 200, project: 2, name: "test"),
                job(21, pipeline: 200, project: 2, name: "zz-nightly", allowFailure: true),
                job(22, pipeline: 200, project: 2, name: "build", status: .success),
            ])
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
        #expect(a.keyLine == "  Expression: f(1) == 2")  // the block's message, not its location
        #expect(a.excerpt.contains { $0.rawLine == 2 && $0.reason == "pattern" })
        let cluster = try #require(a.cluster)
        #expect(try reopened.analyses(cluster: cluster).map(\.jobID) == [11])
        #expect(try reopened.analyses(nights: ["2026-11-01"]).map(\.jobID) == [11, 12])
        #expect(try reopened.analyses(nights: ["2026-11-02"]).isEmpty)
        let summaries = ClusterSummary.summarise(
            try reopened.analyses(nights: nil), states: states, flaky: try reopened.flakyClusters())
        #expect(summaries.filter(\.flaky).count == 1)
        // Reads without the large columns: those are empty, everything else is the same.
        let full = try reopened.analyses(nights: nil)
        #expect(full.allSatisfy { !$0.excerpt.isEmpty && !$0.signatureLines.isEmpty })
        for parts: AnalysisParts in [[], .excerpt, .signature] {
            let light = try reopened.analyses(nights: nil, parts: parts)
            #expect(light.map(\.excerpt) == full.map { parts.contains(.excerpt) ? $0.excerpt : [] })
            #expect(
                light.map(\.signatureLines)
                    == full.map { parts.contains(.signature) ? $0.signatureLines : [] })
            var restored = light
            for i in restored.indices {
                restored[i].excerpt = full[i].excerpt
                restored[i].signatureLines = full[i].signatureLines
            }
            #expect(restored == full)
        }
        #expect(try reopened.analyses(nights: nil, parts: []).map(\.retriedGreen) == full.map(\.retriedGreen))

        // A second run finds nothing new; recluster keeps both ids.
        #expect(try Analyzer(cache: reopened, store: reopened).analyseNew().analysed == 0)
        let again = try Analyzer(cache: reopened, store: reopened).recluster()
        #expect(again.kept == 2)
        #expect(Set(try reopened.clusterStates().map(\.id)) == Set(states.map(\.id)))
    }

    /// A run of one diagnostic longer than the room shows its first lines and counts the rest; the
    /// count survives the cache, and rows without it (every line that repeats nothing, rows of older
    /// versions) read 0.
    @Test func excerptRepeatsSurviveTheCache() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try store.upsertProjects([project(1, "java/astor")])
        var log = "[INFO] Compiling 12 source files\n[ERROR] COMPILATION ERROR : \n"
        for n in 0..<40 {
            log +=
                "[ERROR] /builds/astor/src/Entities.java:[\(60 + n),29] unmappable character for encoding UTF-8\n"
        }
        try store.storeTrace(jobID: 21, data: Data(log.utf8))
        try store.storePipeline(
            pipeline(200, project: 1), night: "2026-11-01",
            jobs: [job(21, pipeline: 200, project: 1, name: "build")])
        _ = try Analyzer(cache: store, store: store).analyseNew()
        let a = try #require(try workspace.open().analysis(jobID: 21))
        let run = a.excerpt.filter { $0.text.hasSuffix("unmappable character for encoding UTF-8") }
        #expect(run.map(\.repeats) == [0, 0, 0, 0, 0, 34])
        let stored = try store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT excerpt FROM analyses WHERE job_id = 21")
        }
        #expect(stored?.components(separatedBy: "\"repeats\"").count == 2)
    }

    @Test func migrationV2IsRecorded() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12"])
    }

    /// Job `test` fails the same way on nights 1 and 3 and is green on night 2: its cluster
    /// alternates. Job `build` fails nights 1 and 3 in the nightly pipelines and is canceled on night 2,
    /// when a push pipeline has it green: that counts only when every pipeline is nightly. Job `docs`
    /// fails once.
    func alternatingSeed(_ workspace: TempWorkspace) throws -> SQLiteCacheStore {
        let store = try workspace.open()
        try store.upsertProjects([project(1, "julia/A.jl")])
        let testTrace = Data(
            "Running\nsome: Test Failed at /builds/julia/A.jl/test/x.jl:3\n  Expression: f(1) == 2\n".utf8)
        let buildTrace = Data(
            "Compiling\nsrc/a.c:12:5: error: expected ';' before '}' token\nmake: *** [Makefile:27: a.o] Error 1\n"
                .utf8)
        let docsTrace = Data("ERROR: Job failed: execution took longer than 1h0m0s seconds\n".utf8)
        for (k, night) in ["2026-11-01", "2026-11-02", "2026-11-03"].enumerated() {
            let p = 100 + k * 10
            let testStatus: Status = k == 1 ? .success : .failed
            try store.storePipeline(
                pipeline(p, project: 1), night: night,
                jobs: [
                    job(p + 1, pipeline: p, project: 1, name: "test", status: testStatus),
                    job(p + 2, pipeline: p, project: 1, name: "build", status: k == 1 ? .canceled : .failed),
                    job(p + 3, pipeline: p, project: 1, name: "docs", status: k == 0 ? .failed : .success),
                ])
            if testStatus == .failed { try store.storeTrace(jobID: p + 1, data: testTrace) }
            if k != 1 { try store.storeTrace(jobID: p + 2, data: buildTrace) }
            if k == 0 { try store.storeTrace(jobID: p + 3, data: docsTrace) }
        }
        var push = pipeline(500, project: 1, status: .success)
        push.source = "push"
        try store.storePipeline(
            push, night: "2026-11-02",
            jobs: [job(501, pipeline: 500, project: 1, name: "build", status: .success)])
        return store
    }

    @Test func clustersAlternatingWithGreenNightsAreMarked() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try alternatingSeed(workspace)
        let nightly = AnalysisOptions(nightlySource: "schedule")
        let report = try Analyzer(cache: store, store: store, options: nightly).analyseNew()
        #expect(report.analysed == 5)
        #expect(report.alternating == 1)
        let test = try #require(try store.analysis(jobID: 101)?.cluster)
        let build = try #require(try store.analysis(jobID: 102)?.cluster)
        let docs = try #require(try store.analysis(jobID: 103)?.cluster)
        #expect(Set([test, build, docs]).count == 3)
        #expect(try store.analysis(jobID: 121)?.cluster == test)
        #expect(try store.alternatingClusters() == [test])

        let record = try store.nightlyRecord(pipelineSource: "schedule")
        #expect(record.red.count == 5)
        // Only jobs failing in one cluster on two nights are asked about (not docs).
        #expect(record.green.map { "\($0.jobName) \($0.night)" } == ["test 2026-11-02"])

        // The listings: `failures` through the insights' clusters, `clusters` through the summaries.
        let flaky = try store.flakyClusters()
        #expect(flaky == FlakyClusters(alternating: [test]))
        let insights = try store.insights(jobIDs: [101, 102, 103, 121, 122])
        #expect(
            insights.mapValues { flaky.contains($0.cluster) } == [
                101: true, 121: true, 102: false, 122: false, 103: false,
            ])
        let summaries = ClusterSummary.summarise(
            try store.analyses(nights: nil), states: try store.clusterStates(), flaky: flaky)
        #expect(Set(summaries.filter(\.flaky).map(\.state.id)) == [test])

        // Every pipeline nightly: the push pipeline's green build counts too.
        let all = try Analyzer(cache: store, store: store).markAlternating()
        #expect(all == [test, build])
        #expect(try store.flakyClusters().contains(try store.insights(jobIDs: [102])[102]?.cluster))

        // recluster judges again (and keeps ids); so does every later analysis run.
        let again = try Analyzer(cache: store, store: store, options: nightly).recluster()
        #expect(again.alternating == 1)
        #expect(try store.alternatingClusters() == [test])
    }

    /// `clusters` summarises from the columns kept beside each state instead of
    /// decoding every cluster's state: the same summaries, field for field, as from the states,
    /// read by primary key without the state column.
    @Test func clusterHeadsSummariseAsTheStatesDo() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try alternatingSeed(workspace)
        _ = try Analyzer(cache: store, store: store).analyseNew()
        let states = try store.clusterStates()
        #expect(states.count == 3)
        let ids = Set(states.map(\.id))
        let heads = try store.clusterHeads(ids: ids)
        #expect(heads.map(\.id) == states.map(\.id))
        #expect(heads.map(\.firstNight) == states.map(\.firstNight))
        #expect(heads.map(\.lastNight) == states.map(\.lastNight))
        #expect(heads.map(\.template) == states.map(\.template))
        #expect(heads.allSatisfy { $0.members.isEmpty && $0.projects.isEmpty && $0.commonTokens.isEmpty })
        #expect(try store.clusterHeads(ids: []).isEmpty)
        let some = try #require(states.last)
        #expect(try store.clusterHeads(ids: [some.id]).map(\.id) == [some.id])
        #expect(try store.clusterHeads(ids: [ClusterID(rawValue: "c-00000000")!]).isEmpty)

        func fields(_ s: [ClusterSummary]) -> [String] {
            s.map { s in
                [
                    s.state.id.rawValue, s.state.firstNight, s.state.lastNight, s.state.template,
                    "\(s.members.map(\.jobID))", "\(s.projects)", "\(s.patterns)", "\(s.flaky)",
                    "\(s.state.isNew(on: "2026-11-03"))",
                ].joined(separator: " | ")
            }
        }
        let flaky = try store.flakyClusters()
        for nights: Set<String>? in [nil, ["2026-11-03"], ["2026-11-01", "2026-11-02"]] {
            let analyses = try store.analyses(nights: nights, parts: [])
            let old = ClusterSummary.summarise(analyses, states: states, flaky: flaky)
            let new = ClusterSummary.summarise(
                analyses, states: try store.clusterHeads(ids: Set(analyses.compactMap(\.cluster))),
                flaky: flaky)
            #expect(fields(new) == fields(old))
            #expect(!old.isEmpty)
        }
        let plan = try store.queryPlan(sql: SQLiteCacheStore.clusterHeadsSQL, arguments: ["[]"])
        #expect(plan.contains("SEARCH clusters USING INDEX sqlite_autoindex_clusters_1 (id=?)"))
    }
}
