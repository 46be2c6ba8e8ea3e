import Foundation
import LogAnalysis
import Testing
import TriageCore

@testable import Store

/// `Failures.rows` over a real cache: each filter of `failures`, the source, the issue that covers
/// a job (its own or its cluster's), flaky from the store's facts, and the count before filters.
@Suite struct FailuresRowsTests {
    /// Two nights: A.jl's night 1 (jobs 11 and 14, and 12 retried to green), B.jl's night 2 (23
    /// failing, 21 allowed to fail, 22 green), and a pushed pipeline's failure (41) on night 2.
    func cache(_ workspace: TempWorkspace) throws -> SQLiteCacheStore {
        let store = try AnalysisStoreTests().seeded(workspace)
        try AnalysisStoreTests.addSecondNight(to: store)
        var pushed = pipeline(400, project: 2)
        pushed.source = "push"
        try store.storePipeline(
            pushed, night: "2026-11-02", jobs: [job(41, pipeline: 400, project: 2, name: "test")])
        _ = try Analyzer(cache: store, store: store).analyseNew()
        return store
    }

    let nights: Set<String> = ["2026-11-01", "2026-11-02"]

    func rows(
        _ store: SQLiteCacheStore, _ filter: FailureFilter = FailureFilter(), source: String? = "schedule",
        book: Assignments = Assignments()
    ) throws -> [Int] {
        try Failures.rows(
            nights: nights, source: source, filter: filter, listings: store,
            flaky: { try store.flakyClusters() },
            assignments: book
        ).rows.map(\.listing.jobID)
    }

    @Test func eachFilterKeepsItsJobs() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try cache(workspace)
        #expect(try rows(store) == [23, 14, 11])
        #expect(try rows(store, source: nil) == [23, 41, 14, 11])  // night, project, pipeline
        #expect(try rows(store, FailureFilter(allowedToFail: true)) == [23, 21, 14, 11])
        #expect(try rows(store, FailureFilter(projectID: 1)) == [14, 11])
        #expect(try rows(store, FailureFilter(stage: "test")) == [23, 14, 11])
        #expect(try rows(store, FailureFilter(stage: "build")) == [])
        #expect(try rows(store, FailureFilter(failureReason: "script_failure")) == [23, 14, 11])
        #expect(try rows(store, FailureFilter(failureReason: "stuck_or_timeout_failure")) == [])
        #expect(try rows(store, FailureFilter(name: "t*")) == [23, 11])
        #expect(try rows(store, FailureFilter(name: "l?nt")) == [14])
        let cluster = try #require(try store.analysis(jobID: 23)?.cluster)
        #expect(try rows(store, FailureFilter(cluster: cluster)) == [23])
        // Both clusters were first seen on their job's night; 14 has no analysis, so is never NEW.
        #expect(try rows(store, FailureFilter(onlyNew: true)) == [23, 11])
        #expect(try rows(store, FailureFilter(projectID: 2, name: "test", onlyNew: true)) == [23])
    }

    @Test func theIssueIsTheJobsOwnElseItsClusters() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try cache(workspace)
        let cluster = try #require(try store.analysis(jobID: 11)?.cluster)
        let own = IssueRef(project: "julia/A.jl", iid: 7)
        let shared = IssueRef(project: "julia/A.jl", iid: 8)
        var book = Assignments()
        _ = book.assign(
            JobAssignment(
                job: 14, project: "julia/A.jl", pipeline: 100, night: "2026-11-01", cluster: nil, issue: own,
                by: "ana", at: "2026-11-02T08:00:00Z", note: nil))
        _ = book.assign(
            ClusterAssignment(
                cluster: cluster.rawValue, issue: shared, by: "ana", at: "2026-11-02T08:01:00Z", note: nil))
        let answer = try Failures.rows(
            nights: nights, source: "schedule", filter: FailureFilter(), listings: store,
            flaky: { try store.flakyClusters() }, assignments: book)
        #expect(
            answer.rows.map(\.issue) == [
                nil, CoveringIssue(issue: own, inherited: false),
                CoveringIssue(issue: shared, inherited: true),
            ])
        #expect(try rows(store, FailureFilter(coverage: .triaged), book: book) == [14, 11])
        #expect(try rows(store, FailureFilter(coverage: .untriaged), book: book) == [23])
        #expect(try rows(store, FailureFilter(coverage: .untriaged)) == [23, 14, 11])
        #expect(try rows(store, FailureFilter(coverage: .triaged)) == [])
    }

    @Test func flakyIsTheStoresFactAndReadOnlyForAnAnswer() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try cache(workspace)
        let cluster = try #require(try store.analysis(jobID: 23)?.cluster)
        try store.setAlternatingClusters([cluster])
        let answer = try Failures.rows(
            nights: nights, source: "schedule", filter: FailureFilter(), listings: store,
            flaky: { try store.flakyClusters() }, assignments: Assignments())
        #expect(answer.rows.map(\.flaky) == [true, false, false])
        #expect(answer.rows.map(\.isNew) == [true, false, true])
        #expect(answer.rows.map(\.cluster) == [cluster, nil, try store.analysis(jobID: 11)?.cluster])
        #expect(answer.unfiltered == 4)  // 41 is pushed: counted before the source is
        var asked = false
        let none = try Failures.rows(
            nights: nights, source: "schedule", filter: FailureFilter(stage: "deploy"), listings: store,
            flaky: {
                asked = true
                return try store.flakyClusters()
            }, assignments: Assignments())
        #expect(none.rows.isEmpty && none.unfiltered == 4 && !asked)
    }

    @Test(arguments: [
        ("*", "anything", true), ("test-*", "test-1.10", true), ("test-*", "docs", false),
        ("t?st", "test", true), ("t?st", "toast", false), ("*-1.1?", "test-1.10", true), ("", "", true),
        ("a*b*c", "abxbc", true), ("a*b*c", "abxbcd", false), ("?", "", false),
    ])
    func globs(pattern: String, text: String, matches: Bool) {
        #expect(Glob.matches(pattern, text) == matches)
    }
}
