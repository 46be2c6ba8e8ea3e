import Foundation
import Testing
import TriageCore

struct AssignReferenceTests {
    static let gitlab = URL(string: "https://gitlab.example.com")

    @Test(arguments: [
        ("45", IssueReference.local(iid: 45)),
        ("#7", .local(iid: 7)),
        ("julia/Foo.jl#45", .qualified(project: "julia/Foo.jl", iid: 45)),
        ("julia/ml/Bar#3", .qualified(project: "julia/ml/Bar", iid: 3)),
        ("https://gitlab.example.com/julia/Bar.jl/-/issues/7", .qualified(project: "julia/Bar.jl", iid: 7)),
        (
            "https://gitlab.example.com/julia/Bar.jl/-/issues/7#note_12",
            .qualified(project: "julia/Bar.jl", iid: 7)
        ),
    ])
    func parses(text: String, expected: IssueReference) throws {
        #expect(try IssueReference.parse(text, gitlab: Self.gitlab) == expected)
    }

    @Test(arguments: [
        ("0", "the issue number must be a positive whole number"),
        ("x", "the issue number must be a positive whole number"),
        ("julia/Foo.jl#", "the issue number must be a positive whole number"),
        ("Foo.jl#4", "a project path has a group: group/project#45"),
        (
            "https://other.example.com/a/b/-/issues/1",
            "not an issue of the configured GitLab gitlab.example.com"
        ),
        ("https://gitlab.example.com/a/b/-/merge_requests/1", "not an issue URL (…/-/issues/N)"),
    ])
    func refuses(text: String, reason: String) {
        #expect(throws: IssueReference.ParseError(text: text, reason: reason)) {
            try IssueReference.parse(text, gitlab: Self.gitlab)
        }
    }
}

struct AssignmentsTests {
    @Test func ownAssignmentBeatsTheClusters() {
        let a = IssueRef(project: "g/p", iid: 1)
        let b = IssueRef(project: "g/p", iid: 2)
        var book = Assignments()
        book.assign(ClusterAssignment(cluster: "c-00000001", issue: a, by: "x", at: "t", note: nil))
        #expect(book.assignmentFor(job: 5, cluster: "c-00000001")?.issue == a)
        #expect(book.assignmentFor(job: 5, cluster: "c-00000001")?.inherited == true)
        book.assign(
            JobAssignment(
                job: 5, project: "g/p", pipeline: 1, night: "n", cluster: nil, issue: b, by: "x", at: "t",
                note: nil))
        #expect(book.assignmentFor(job: 5, cluster: "c-00000001")?.issue == b)
        #expect(book.assignmentFor(job: 5, cluster: "c-00000001")?.inherited == false)
        #expect(book.assignmentFor(job: 6, cluster: nil) == nil)
    }

    @Test func theClustersIssueRanksFirstThenText() {
        let issue = { (iid: Int, title: String, state: String) in
            Issue(
                id: iid, iid: iid, projectID: 1, title: title, description: nil, state: state, labels: [],
                webURL: "u\(iid)", createdAt: Date(timeIntervalSince1970: 0),
                updatedAt: Date(timeIntervalSince1970: 0),
                closedAt: nil)
        }
        let issues = [
            issue(1, "LoadError: UndefVarError: `foo` not defined", "opened"),
            issue(2, "Segfault in gc.c", "opened"),
            issue(3, "Document the public API", "opened"),
        ].map { IssueCandidate(issue: $0, projectPath: "g/p") }
        let target = SuggestionTarget(
            jobID: 9, projectPath: "g/p", jobName: "test", cluster: "c-00000002",
            lines: ["ERROR: LoadError: UndefVarError: `foo` not defined in `Bar`"])
        let ranker = SuggestionRanker()
        let plain = ranker.rank(
            target, issues: issues, assignments: Assignments(), clusterOf: [:], similarClusters: [:])
        #expect(plain.map(\.issue.iid) == [1])
        var book = Assignments()
        book.assign(
            ClusterAssignment(
                cluster: "c-00000002", issue: IssueRef(project: "g/p", iid: 2), by: "x", at: "t", note: nil))
        let ranked = ranker.rank(
            target, issues: issues, assignments: book, clusterOf: [:], similarClusters: [:])
        #expect(ranked.map(\.issue.iid) == [2, 1])
        #expect(ranked.first?.reasons == ["cluster c-00000002 is assigned to it"])
    }
}

/// Issue 14, bug 5: of several entries for one job or cluster, the newest `at` wins, whatever
/// their order in the file.
@Suite struct AssignmentRuleTests {
    func entry(_ iid: Int, _ at: String) -> JobAssignment {
        JobAssignment(
            job: 7, project: "g/p", pipeline: 1, night: "2026-11-28", cluster: nil,
            issue: IssueRef(project: "g/p", iid: iid),
            by: "x", at: at, note: nil)
    }

    @Test(arguments: [false, true]) func newestWinsInEitherOrder(_ reversed: Bool) {
        let entries = [entry(1, "2026-11-29T08:00:00Z"), entry(2, "2026-11-29T09:30:00Z")]
        let book = Assignments(assignments: reversed ? entries.reversed() : entries)
        #expect(book.assignment(job: 7)?.issue.iid == 2)
        #expect(book.assignmentFor(job: 7, cluster: nil)?.issue.iid == 2)
        #expect(book.deduplicated.assignments.map(\.issue.iid) == [2])
        #expect(
            book.duplicates.map(\.sentence) == [
                "job 7: kept g/p#2 (2026-11-29T09:30:00Z), dropped g/p#1 (2026-11-29T08:00:00Z)"
            ])
    }

    @Test func aTieGoesToTheLaterEntryAndSinglesAreNoDuplicates() {
        let book = Assignments(assignments: [
            entry(1, "2026-11-29T08:00:00Z"), entry(3, "2026-11-29T08:00:00Z"),
        ])
        #expect(book.assignment(job: 7)?.issue.iid == 3)
        #expect(Assignments(assignments: [entry(1, "t")]).duplicates.isEmpty)
    }
}
