import Foundation
import LogAnalysis
import Store
import Testing
import TriageCore

@testable import TriageShell

@Suite struct AnalysisUpgradeCommandTests {
    /// Foo.jl's `test-1.10` fails on two nights, two different ways (jobs 1031 and 1051). A
    /// version-1 analysis had put both in one cluster, assigned to issue 45. `recluster` upgrades
    /// the cache and splits them; the one that left the assigned cluster keeps issue 45 as its own
    /// assignment in assignments.json, so both are still covered; a second `recluster` has nothing
    /// to keep.
    @Test func reclusterKeepsTheIssueOfFailuresThatLeaveAnAssignedCluster() async throws {
        let fixture = try ShellFixture(assignments: true)
        defer { fixture.cleanUp() }
        let cache = fixture.root.appendingPathComponent(".triage")
        let store = try SQLiteCacheStore(directory: cache)
        try store.storeTrace(
            jobID: 1051,
            data: Data(
                "Compiling\nsrc/a.c:12:5: error: expected ';' before '}' token\nmake: *** [Makefile:27: a.o] Error 1\n"
                    .utf8))
        _ = try Analyzer(cache: store, store: store).analyseNew()
        let first = try #require(try store.analysis(jobID: 1031)?.cluster)
        #expect(try store.analysis(jobID: 1051)?.cluster != first)
        var merged = try #require(try store.clusterStates().first { $0.id == first })
        merged.members = [1031, 1051]
        let old = try store.analyses(nights: nil).map { a -> FailureAnalysis in
            var a = a
            a.cluster = first
            a.version = 1
            return a
        }
        try store.replaceAllAnalyses(old, clusters: [merged])
        let book = AssignmentsFile(
            url: fixture.root.appendingPathComponent("assignments.json"), scratch: cache)
        let issue = IssueRef(project: "julia/Foo.jl", iid: 45)
        _ = try book.update {
            $0.assign(
                ClusterAssignment(
                    cluster: first.rawValue, issue: issue, by: "alice", at: "2026-11-29T08:00:00Z", note: nil)
            )
        }

        #expect(await fixture.run("recluster") == .success, "\(fixture.sink.stderr)")
        #expect(
            fixture.sink.stdout
                == "reclustered 2 failures: 2 clusters, 1 new, 1 kept their id (analysis upgraded from v1 to "
                + "v\(AnalysisVersion.current)); 1 failure that left an assigned cluster keeps its issue as its own "
                + "assignment\n")
        // One of the two keeps the cluster's id (a tie: `keepingIDs` decides), the other moved.
        let stayed = try [1031, 1051].filter { try store.analysis(jobID: $0)?.cluster == first }
        #expect(stayed.count == 1)
        let moved = stayed == [1031] ? 1051 : 1031
        let kept = try #require(try book.read().assignment(job: moved))
        #expect(try book.read().assignments.count == 1)
        #expect(kept.issue == issue)
        #expect(kept.cluster == first.rawValue)
        #expect(kept.by == "alice" && kept.at == "2026-11-29T08:00:00Z")
        #expect(kept.pipeline == (moved == 1051 ? 105 : 103) && kept.project == "julia/Foo.jl")
        #expect(kept.night == (moved == 1051 ? "2026-11-28" : "2026-11-27"))
        #expect(
            kept.note
                == "kept from its cluster when the analysis was upgraded from v1 to v\(AnalysisVersion.current)"
        )
        for job in [1031, 1051] {
            let cluster = try store.analysis(jobID: job)?.cluster
            #expect(try book.read().assignmentFor(job: job, cluster: cluster?.rawValue)?.issue == issue)
        }

        fixture.sink.clear()
        #expect(await fixture.run("recluster") == .success)
        #expect(fixture.sink.stdout == "reclustered 2 failures: 2 clusters, 0 new, 2 kept their id\n")
        #expect(try book.read().assignments.count == 1)
    }
}
