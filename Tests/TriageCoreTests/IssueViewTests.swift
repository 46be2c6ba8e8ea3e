import Foundation
import Testing
import TriageCore

private let nights = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"]
private let foo45 = IssueRef(
    project: "julia/Foo.jl", iid: 45, url: "https://g/julia/Foo.jl/-/issues/45", title: "LoadError")
private let infra12 = IssueRef(project: "julia/Infra", iid: 12)

private func failure(
    _ job: Int, _ night: Int, _ project: String = "julia/Foo.jl", name: String = "test", cluster: String?
)
    -> ViewedFailure
{
    ViewedFailure(jobID: job, projectPath: project, night: nights[night], jobName: name, cluster: cluster)
}

private func clusterBook(_ entries: [(String, IssueRef)], jobs: [(Int, IssueRef)] = []) -> Assignments {
    Assignments(
        assignments: jobs.map { job, issue in
            JobAssignment(
                job: job, project: "julia/Foo.jl", pipeline: 1, night: nights[0], cluster: nil, issue: issue,
                by: "a",
                at: "2026-11-01T00:00:00Z", note: nil)
        },
        clusters: entries.map {
            ClusterAssignment(cluster: $0.0, issue: $0.1, by: "a", at: "2026-11-01T00:00:00Z", note: nil)
        })
}

@Suite struct IssueViewTests {
    @Test func activityCountsDirectAndClusterAssignmentsPerNight() throws {
        let failures = [
            failure(1, 0, cluster: "c-a"), failure(2, 0, "julia/Bar.jl", name: "docs", cluster: "c-a"),
            failure(3, 2, cluster: "c-a"), failure(4, 3, cluster: "c-b"), failure(5, 5, cluster: "c-b"),
            failure(6, 5, cluster: nil),
            ViewedFailure(
                jobID: 7, projectPath: "julia/Foo.jl", night: "2026-10-01", jobName: "test", cluster: "c-a"),
        ]
        let view = IssueView(
            nights: nights, failures: failures,
            book: clusterBook([("c-a", foo45)], jobs: [(4, foo45), (6, foo45)]))
        let a = try #require(view.activity(of: "julia/Foo.jl#45"))
        #expect(a.counts == [2, 0, 1, 1, 0, 1])
        #expect(a.strip == "2.11.1")
        #expect(a.total == 5)
        #expect(a.jobs == [1, 2, 3, 4, 6])
        #expect(a.first == "2026-11-01")
        #expect(a.last == "2026-11-06")
        #expect(
            a.projects == [
                NamedCount(name: "julia/Foo.jl", failures: 4), NamedCount(name: "julia/Bar.jl", failures: 1),
            ])
        #expect(a.jobNames == [NamedCount(name: "test", failures: 4), NamedCount(name: "docs", failures: 1)])
        #expect(a.clusters == [NamedCount(name: "c-a", failures: 3), NamedCount(name: "c-b", failures: 1)])
        #expect(a.issue.title == "LoadError")
        #expect(a.closedButFailing == false)
        #expect(view.activity(of: "julia/Foo.jl#46") == nil)
    }

    @Test func aClosedIssueWhoseClusterFailsAfterItWasClosedIsFlagged() throws {
        let failures = [
            failure(1, 0, cluster: "c-a"), failure(2, 1, cluster: "c-a"), failure(3, 4, cluster: "c-a"),
        ]
        let book = clusterBook([("c-a", foo45)])
        let closedBefore = IssueView(
            nights: nights, failures: failures, book: book,
            states: [foo45.key: ViewedIssueState(state: "closed", closedNight: "2026-11-02")])
        let flagged = try #require(closedBefore.activity(of: foo45.key))
        #expect(flagged.closedButFailing)
        #expect(flagged.failuresAfterClose == 1)
        #expect(closedBefore.ranked().first?.closedButFailing == true)

        let closedAfter = IssueView(
            nights: nights, failures: failures, book: book,
            states: [foo45.key: ViewedIssueState(state: "closed", closedNight: "2026-11-05")])
        #expect(try #require(closedAfter.activity(of: foo45.key)).closedButFailing == false)
        #expect(closedAfter.ranked().first?.closedButFailing == false)

        let open = IssueView(
            nights: nights, failures: failures, book: book,
            states: [foo45.key: ViewedIssueState(state: "opened", closedNight: nil)])
        #expect(try #require(open.activity(of: foo45.key)).closedButFailing == false)
    }

    /// The issue (c-a) fails with c-docs in the same project on 3 nights, with c-two on 2: only
    /// c-docs is reported. c-everywhere fails in every cell: together 3 times, but no lift.
    @Test func coOccurrenceNeedsThreeSharedCellsAndLiftAboveOne() throws {
        var failures: [ViewedFailure] = []
        var job = 0
        func add(_ night: Int, _ project: String, _ cluster: String) {
            job += 1
            failures.append(failure(job, night, project, cluster: cluster))
        }
        for night in 0..<6 {
            for project in ["julia/Foo.jl", "julia/Bar.jl"] { add(night, project, "c-everywhere") }
        }
        for night in [0, 1, 2] { add(night, "julia/Foo.jl", "c-a"); add(night, "julia/Foo.jl", "c-docs") }
        add(3, "julia/Bar.jl", "c-docs")
        add(0, "julia/Foo.jl", "c-two")
        add(1, "julia/Foo.jl", "c-two")
        add(4, "julia/Bar.jl", "c-two")
        let view = IssueView(
            nights: nights, failures: failures, book: clusterBook([("c-a", foo45), ("c-docs", infra12)]))
        let found = view.coOccurrences(of: foo45.key)
        #expect(found.map(\.cluster) == ["c-docs"])
        let docs = try #require(found.first)
        #expect(docs.together == 3)
        #expect(docs.clusterCells == 4)
        #expect(docs.issue == infra12)
        // 12 cells with failures, 3 of the issue, 4 of c-docs: 3·12 / (3·4).
        #expect(docs.lift == 3.0)
        #expect(view.coOccurrences(of: foo45.key, minimumTogether: 2).map(\.cluster) == ["c-docs", "c-two"])
    }

    @Test func rankingPutsIssuesAndUntriagedClustersByFailures() {
        let failures = [
            failure(1, 0, cluster: "c-a"), failure(2, 1, cluster: "c-a"),
            failure(3, 3, cluster: "c-new"), failure(4, 4, cluster: "c-new"), failure(5, 5, cluster: "c-new"),
            failure(6, 5, "julia/Bar.jl", cluster: "c-new"),
            failure(7, 2, cluster: nil),
            failure(8, 0, cluster: "c-b"), failure(9, 5, cluster: "c-b"),
        ]
        let view = IssueView(
            nights: nights, failures: failures, book: clusterBook([("c-a", foo45), ("c-b", infra12)]),
            states: [foo45.key: ViewedIssueState(state: "opened", closedNight: nil)],
            cachedRefs: [foo45.key: foo45])
        let ranked = view.ranked()
        #expect(
            ranked.map { $0.issue?.key ?? $0.cluster ?? "" } == [
                "c-new", "julia/Foo.jl#45", "julia/Infra#12",
            ])
        #expect(ranked.map(\.total) == [4, 2, 2])
        #expect(ranked.map(\.trend) == [.rising, .fading, .steady])
        #expect(ranked.map(\.strip) == ["...112", "11....", "1....1"])
        #expect(ranked.map(\.projects) == [2, 1, 1])
        #expect(ranked[1].state == "opened")
        #expect(ranked[1].issue?.title == "LoadError")
        #expect(ranked[0].issue == nil)
    }

    @Test(arguments: [
        ([0, 0, 1, 3], IssueTrend.rising), ([2, 1, 2, 1], .steady), ([3, 3, 0, 1], .fading),
        ([0, 1], .steady),
        ([0, 2], .rising), ([4, 9, 4], .steady), ([], .steady),
        // 30 nights, failing on nights 16–18 and not since: last seen 12 nights ago, not rising.
        (Array(repeating: 0, count: 15) + [3, 3, 3] + Array(repeating: 0, count: 12), .steady),
        (Array(repeating: 0, count: 15) + [3, 3, 3] + Array(repeating: 0, count: 11) + [1], .rising),
    ])
    func trend(_ counts: [Int], _ expected: IssueTrend) {
        #expect(IssueTrend.of(counts) == expected)
    }

    @Test func stripUsesOneCharacterANight() {
        #expect(IssueView.strip([0, 1, 9, 10, 123]) == ".19++")
    }
}
