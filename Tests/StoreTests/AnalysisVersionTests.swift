import Foundation
import LogAnalysis
import Testing
import TriageCore

@testable import Store

/// Versioned analyses (migration v7, issue 12 item 5) and the green trace as evidence (item 3).
@Suite struct AnalysisVersionTests {
    static let testTrace = Data(
        """
        Running tests
        warning: deprecated call in Setup.jl, this is an error in 2.0
        LoadError: MethodError: no method matching f(::Int64)
        ERROR: Job failed: exit code 1
        """.utf8)
    static let greenTrace = Data(
        """
        Running tests
        warning: deprecated call in Setup.jl, this is an error in 2.0
        Job succeeded
        """.utf8)
    static let buildTrace = Data(
        "Compiling\nsrc/a.c:12:5: error: expected ';' before '}' token\nmake: *** [Makefile:27: a.o] Error 1\n"
            .utf8)

    /// Project julia/A.jl: job `test` green on night 1 (trace cached: the evidence), failing the
    /// same way on nights 2…`nights`; job `build` failing once, on night 2, another way. Job ids are
    /// pipeline id + 1 (`test`) and + 2 (`build`), pipelines 100, 110, 120, …
    func seed(_ store: SQLiteCacheStore, nights: ClosedRange<Int> = 1...4) throws {
        try store.upsertProjects([project(1, "julia/A.jl")])
        for n in nights {
            let p = 100 + (n - 1) * 10
            let night = "2026-11-0\(n)"
            try store.storePipeline(
                pipeline(p, project: 1), night: night,
                jobs: [
                    job(p + 1, pipeline: p, project: 1, name: "test", status: n == 1 ? .success : .failed),
                    job(p + 2, pipeline: p, project: 1, name: "build", status: n == 2 ? .failed : .success),
                ])
            try store.storeTrace(jobID: p + 1, data: n == 1 ? Self.greenTrace : Self.testTrace)
            if n == 2 { try store.storeTrace(jobID: p + 2, data: Self.buildTrace) }
        }
    }

    @Test func candidatesCarryTheProjectsIdentity() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try seed(store)
        try store.storePipeline(
            pipeline(900, project: 9), night: "2026-11-02",
            jobs: [job(901, pipeline: 900, project: 9, name: "x")])
        let candidates = try store.unanalysedFailures()
        let a = try #require(candidates.first { $0.jobID == 111 })
        #expect(a.projectName == "A.jl")
        #expect(a.projectWebURL == "https://gitlab.example.com/julia/A.jl")
        #expect(
            a.identity
                == ProjectIdentity(
                    path: "julia/A.jl", name: "A.jl", webURL: "https://gitlab.example.com/julia/A.jl"))
        // A project the cache does not hold: its id for a path, no name or URL.
        let unknown = try #require(candidates.first { $0.jobID == 901 })
        #expect(unknown.projectPath == "9")
        #expect(unknown.projectName == nil && unknown.projectWebURL == nil)
        #expect(try store.allFailureCandidates().first { $0.jobID == 111 } == a)
    }

    /// The failures of `test` are compared with night 1's green trace; `build` has none cached.
    @Test func failuresAreComparedWithTheirJobsLastGreenTrace() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try seed(store)
        let report = try Analyzer(cache: store, store: store).analyseNew()
        #expect(report.analysed == 4)
        #expect(report.withGreen == 3)
        let green = TraceCleaner.clean([UInt8](Self.greenTrace))
        let expected = ExcerptExtractor().excerpt(
            failed: TraceCleaner.clean([UInt8](Self.testTrace)), passed: green)
        for id in [111, 121, 131] {
            let a = try #require(try store.analysis(jobID: id))
            #expect(a.excerpt.map(\.text) == expected.lines.map(\.line.text))
            #expect(a.version == AnalysisVersion.current)
        }
        let build = try #require(try store.analysis(jobID: 112))
        #expect(
            build.excerpt.map(\.text)
                == ExcerptExtractor().excerpt(failed: TraceCleaner.clean([UInt8](Self.buildTrace))).lines.map(
                    \.line.text))
    }

    /// Night by night (three fetches) or all at once (`recluster`): the same analyses and ids.
    @Test func incrementalAndAllAtOnceAgree() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        for last in 2...4 {
            try seed(store, nights: 1...last)
            _ = try Analyzer(cache: store, store: store).analyseNew()
        }
        let incremental = try store.analyses(nights: nil)
        let states = try store.clusterStates()
        let again = try Analyzer(cache: store, store: store).recluster()
        #expect(again.kept == states.count)
        #expect(again.strayed.isEmpty)
        #expect(try store.analyses(nights: nil) == incremental)
        #expect(try store.clusterStates() == states)
    }

    @Test func aCacheAtTheCurrentVersionIsNotReanalysed() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try seed(store, nights: 1...3)
        _ = try Analyzer(cache: store, store: store).analyseOrUpgrade()
        #expect(try store.analysisVersions() == [AnalysisVersion.current: 3])
        // A marker in a stored row: re-analysing would overwrite it.
        try store.executeUnchecked(sql: "UPDATE analyses SET key_line = 'untouched' WHERE job_id = 111")
        let report = try Analyzer(cache: store, store: store).analyseOrUpgrade()
        #expect(report.upgradedFrom == nil)
        #expect(report.analysed == 0)
        #expect(try store.analysis(jobID: 111)?.keyLine == "untouched")
        // A new night: only its failure is analysed.
        try seed(store, nights: 4...4)
        let next = try Analyzer(cache: store, store: store).analyseOrUpgrade()
        #expect(next.upgradedFrom == nil)
        #expect(next.analysed == 1)
        #expect(try store.analysis(jobID: 111)?.keyLine == "untouched")
    }

    /// A cache a version-1 triage analysed: its `test` and `build` failures in one cluster (the old
    /// analysis could not tell them apart), assigned to issue 45, and a marker in a row. The next
    /// analysis re-analyses everything: the cluster keeps its id (its `test` members stay), `build`
    /// founds its own, and keeps issue 45 as a job assignment, so every failure the cluster
    /// assignment covered is still covered.
    @Test func aCacheAnalysedByVersion1IsReanalysedKeepingIDsAndAssignments() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try seed(store)
        _ = try Analyzer(cache: store, store: store).analyseNew()
        let current = try store.analyses(nights: nil)
        let testCluster = try #require(try store.analysis(jobID: 111)?.cluster)
        let testState = try #require(try store.clusterStates().first { $0.id == testCluster })
        // What version 1 left.
        var merged = testState
        merged.members = current.map(\.jobID).sorted()
        let old = current.map { a -> FailureAnalysis in
            var a = a
            a.cluster = testCluster
            a.version = 1
            a.keyLine = a.jobID == 121 ? "stale" : a.keyLine
            return a
        }
        try store.replaceAllAnalyses(old, clusters: [merged])
        #expect(try store.analysisVersions() == [1: 4])
        var book = Assignments(clusters: [
            ClusterAssignment(
                cluster: testCluster.rawValue, issue: IssueRef(project: "julia/A.jl", iid: 45), by: "alice",
                at: "2026-11-05T08:00:00Z", note: nil)
        ])
        let covered = old.map(\.jobID)
        #expect(covered.allSatisfy { book.assignmentFor(job: $0, cluster: testCluster.rawValue) != nil })

        let report = try Analyzer(cache: store, store: store).analyseOrUpgrade()
        #expect(report.upgradedFrom == 1)
        #expect(report.analysed == 4)
        #expect(report.previousClusters == 1)
        #expect(report.kept == 1)
        #expect(report.clusters == 2)
        #expect(report.strayed == [testCluster: [112]])
        #expect(try store.analysisVersions() == [AnalysisVersion.current: 4])
        #expect(try store.analysis(jobID: 121)?.keyLine == current.first { $0.jobID == 121 }?.keyLine)
        #expect(try store.analysis(jobID: 131)?.cluster == testCluster)
        let build = try #require(try store.analysis(jobID: 112)?.cluster)
        #expect(build != testCluster)

        let added = try book.keepCovering(strayed: report.strayed, note: "upgraded") { id in
            guard let a = try store.analysis(jobID: id), let j = try store.job(id: id) else { return nil }
            return (a.projectPath, j.pipelineID, a.night, a.cluster)
        }
        #expect(added.map(\.job) == [112])
        for id in covered {
            let cluster = try store.analysis(jobID: id)?.cluster
            #expect(book.assignmentFor(job: id, cluster: cluster?.rawValue)?.issue.iid == 45)
        }
        // The next analysis is the cheap one again.
        #expect(try Analyzer(cache: store, store: store).analyseOrUpgrade().upgradedFrom == nil)
    }

    /// A cache written by the previous triage (v6: no `analysis_version`) opens, migrates to v7
    /// keeping every row, and its analyses count as version 1.
    @Test func aV6CacheMigratesAndItsAnalysesAreVersion1() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let before: (dump: String, analyses: [FailureAnalysis], clusters: [ClusterState])
        do {
            let store = try workspace.open()
            try seed(store)
            _ = try Analyzer(cache: store, store: store).analyseNew()
            before = (try store.canonicalDump(), try store.analyses(nights: nil), try store.clusterStates())
            // What v6 left: the column and its index absent, v7 not recorded.
            try store.executeUnchecked(sql: undoV12 + undoV11)
            try store.executeUnchecked(
                sql: """
                    DROP INDEX analyses_version;
                    ALTER TABLE analyses DROP COLUMN analysis_version;
                    DROP TABLE cluster_titles;
                    DROP INDEX jobs_pipeline_status;
                    CREATE INDEX jobs_pipeline_status ON jobs(pipeline_id, status, retried);
                    DELETE FROM grdb_migrations WHERE identifier IN ('v7', 'v8', 'v9', 'v10', 'v11', 'v12')
                    """)
            let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
            #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6"])
        }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12"])
        #expect(try store.canonicalDump() == before.dump)
        #expect(try store.clusterStates() == before.clusters)
        #expect(try store.analysisVersions() == [1: before.analyses.count])
        let migrated = try store.analyses(nights: nil)
        #expect(migrated.allSatisfy { $0.version == 1 })
        #expect(
            migrated.map { a -> FailureAnalysis in
                var a = a
                a.version = AnalysisVersion.current
                return a
            } == before.analyses)
        // Read through the index alone.
        let plan = try store.queryPlan(
            sql: "SELECT analysis_version, count(*) FROM analyses GROUP BY analysis_version")
        #expect(plan.contains("COVERING INDEX analyses_version"))
        let report = try Analyzer(cache: store, store: store).analyseOrUpgrade()
        #expect(report.upgradedFrom == 1)
        #expect(report.kept == before.clusters.count)
        #expect(try store.analyses(nights: nil) == before.analyses)
    }
}
