import Foundation
import Synchronization
import Testing
import LogAnalysis
import TriageCore

/// GitLab's issue side in memory: the issues it knows by `path#iid`, every question logged, and a
/// failure injected for issue lookups or notes.
final class FakeTracker: IssueTracker {
    struct State {
        var issues: [String: TriageCore.Issue] = [:]
        var lookupFailure: RemoteError?
        var noteFailure: RemoteError?
        var notes: [(projectID: Int, iid: Int, body: String)] = []
        var log: [String] = []
    }
    let state = Mutex(State())

    func issue(projectPath: String, iid: Int) async throws -> TriageCore.Issue {
        let (issue, failure) = state.withLock { s in
            s.log.append("issue \(projectPath)#\(iid)")
            return (s.issues["\(projectPath)#\(iid)"], s.lookupFailure)
        }
        if let failure { throw failure }
        guard let issue else {
            throw RemoteError(kind: .notFound, method: "GET", url: "issue \(projectPath)#\(iid)", status: 404)
        }
        return issue
    }

    func postNote(projectID: Int, issueIID: Int, body: String) async throws {
        try state.withLock { s in
            s.log.append("note \(projectID)#\(issueIID)")
            if let failure = s.noteFailure { throw failure }
            s.notes.append((projectID, issueIID, body))
        }
    }

    func currentUser() async throws -> String { "from-token" }
}

/// The warnings a use case gave, in order.
final class WarningLog: Sendable {
    private let list = Mutex<[AssignWarning]>([])
    var all: [AssignWarning] { list.withLock { $0 } }
    @Sendable func append(_ warning: AssignWarning) { list.withLock { $0.append(warning) } }
}

/// `Assigning`, the `assign` use case, on the organisation `FetchTests` fetches into a cache in
/// memory: `g/a`'s `test` failed on 11-27 (job 1022) and 11-28 (job 1032) in one cluster, and
/// `g/a`'s issues 1 and 2 are cached.
@Suite struct AssigningTests {
    static func fetched() async throws -> InMemoryCache {
        let cache = InMemoryCache()
        _ = try await Fetch.run(FetchTests.ports(FetchTests.organisation(), cache), FetchTests.options)
        return cache
    }

    static func ports(
        _ cache: InMemoryCache, _ book: InMemoryBook, tracker: FakeTracker?, warned: WarningLog = WarningLog()
    ) -> AssignPorts {
        AssignPorts(
            store: cache, analysis: cache, issues: cache, tracker: tracker,
            gitlab: URL(string: "https://g/"), book: book, assigner: { "ana" }, now: FetchTests.now,
            warn: warned.append)
    }

    static func issue(_ path: String, _ projectID: Int, _ iid: Int) -> TriageCore.Issue {
        TriageCore.Issue(
            id: 5000 + iid, iid: iid, projectID: projectID, title: "upstream \(iid)", description: nil,
            state: "opened", labels: [], webURL: "https://g/\(path)/-/issues/\(iid)",
            createdAt: FetchTests.now, updatedAt: FetchTests.now, closedAt: nil)
    }

    @Test func aJobIsAssignedToACachedIssueAndReassigned() async throws {
        let cache = try await Self.fetched()
        let book = InMemoryBook()
        let tracker = FakeTracker()
        let warned = WarningLog()
        let ports = Self.ports(cache, book, tracker: tracker, warned: warned)
        let cluster = try #require(cache.read { $0.analyses[1032]?.cluster })

        let first = try await Assigning.job(
            1032, issue: .local(iid: 2), note: "upstream", comment: false, ports)
        let expected = JobAssignment(
            job: 1032, project: "g/a", pipeline: 103, night: "2026-11-28", cluster: cluster.rawValue,
            issue: IssueRef(project: "g/a", iid: 2, url: "https://g/g/a/-/issues/2", title: "issue 2"),
            by: "ana",
            at: "2026-11-29T08:20:00Z", note: "upstream")
        #expect(first.entry == expected)
        #expect(first.verified && first.replaced == nil && first.commented == nil)
        #expect(try book.read().assignments == [expected])

        let second = try await Assigning.job(
            1032, issue: .qualified(project: "g/a", iid: 1), note: nil, comment: false, ports)
        #expect(second.replaced == expected)
        #expect(second.entry.issue.key == "g/a#1")
        #expect(try book.read().assignments.map(\.issue.key) == ["g/a#1"])
        #expect(tracker.state.withLock { $0.log } == [], "cached issues are not asked of GitLab")
        #expect(warned.all == [])
    }

    @Test func anIssueNotCachedIsAskedOfGitLabAndCached() async throws {
        let cache = try await Self.fetched()
        let tracker = FakeTracker()
        tracker.state.withLock { $0.issues["g/b#7"] = Self.issue("g/b", 2, 7) }
        let ports = Self.ports(cache, InMemoryBook(), tracker: tracker)
        let outcome = try await Assigning.job(
            1022, issue: .qualified(project: "g/b", iid: 7), note: nil, comment: false, ports)
        #expect(outcome.verified)
        #expect(
            outcome.entry.issue
                == IssueRef(project: "g/b", iid: 7, url: "https://g/g/b/-/issues/7", title: "upstream 7"))
        #expect(tracker.state.withLock { $0.log } == ["issue g/b#7"])
        #expect(try cache.issues().contains { $0.id == 5007 })
    }

    @Test func withoutGitLabOrWhenItFailsTheIssueIsRecordedUnverified() async throws {
        let cache = try await Self.fetched()
        let book = InMemoryBook()
        let warned = WarningLog()
        let alone = try await Assigning.job(
            1022, issue: .local(iid: 9), note: nil, comment: false,
            Self.ports(cache, book, tracker: nil, warned: warned))
        #expect(!alone.verified)
        #expect(alone.entry.issue == IssueRef(project: "g/a", iid: 9, url: "https://g/g/a/-/issues/9"))
        #expect(warned.all == [.unverified(path: "g/a", iid: 9, nil)])

        let down = RemoteError(
            kind: .server, method: "GET", url: "https://g/api/v4/projects/g%2Fa/issues/9", status: 502)
        let tracker = FakeTracker()
        tracker.state.withLock { $0.lookupFailure = down }
        let failing = Self.ports(cache, book, tracker: tracker, warned: warned)
        let again = try await Assigning.job(1032, issue: .local(iid: 9), note: nil, comment: false, failing)
        #expect(!again.verified)
        #expect(warned.all.last == .unverified(path: "g/a", iid: 9, down))
        #expect(try book.read().assignments.map(\.job).sorted() == [1022, 1032])

        // GitLab answering that there is no such issue is a refusal: nothing is recorded.
        let empty = InMemoryBook()
        await #expect(throws: AssignFailure.issueNotOnGitLab(path: "g/a", iid: 9)) {
            _ = try await Assigning.job(
                1022, issue: .local(iid: 9), note: nil, comment: false,
                Self.ports(cache, empty, tracker: FakeTracker()))
        }
        #expect(try empty.read() == Assignments())
    }

    @Test func theNoteIsPostedOnceAndAFailedPostKeepsTheAssignment() async throws {
        let cache = try await Self.fetched()
        let book = InMemoryBook()
        let tracker = FakeTracker()
        tracker.state.withLock { $0.issues["g/a#8"] = Self.issue("g/a", 1, 8) }
        let ports = Self.ports(cache, book, tracker: tracker)
        let first = try await Assigning.job(1032, issue: .local(iid: 8), note: nil, comment: true, ports)
        #expect(first.commented == true)
        let again = try await Assigning.job(1032, issue: .local(iid: 8), note: nil, comment: true, ports)
        #expect(again.commented == false, "once per job and issue")
        let notes = tracker.state.withLock { $0.notes }
        #expect(notes.count == 1)
        #expect(notes.first?.projectID == 1 && notes.first?.iid == 8)
        #expect(
            notes.first?.body.hasPrefix(
                "Nightly failure recorded by triage: [job 1032](https://g/j/1032) `test` of g/a, night 2026-11-28"
            ) == true)
        #expect(notes.first?.body.contains("UndefVarError") == true, "the key line is quoted")
        #expect(try book.read().comments.map(\.job) == [1032])

        tracker.state.withLock {
            $0.noteFailure = RemoteError(kind: .insufficientScope, method: "POST", url: "notes", status: 403)
        }
        await #expect(throws: AssignFailure.commentNotPosted(job: 1022, issue: "g/a#8", .readOnlyToken)) {
            _ = try await Assigning.job(1022, issue: .local(iid: 8), note: nil, comment: true, ports)
        }
        let kept = try book.read()
        #expect(kept.assignments.map(\.job).sorted() == [1022, 1032], "the assignment is kept")
        #expect(kept.comments.map(\.job) == [1032], "the failed note's reservation is given back")

        // No GitLab: the note cannot be posted, the assignment is recorded all the same.
        let offline = Self.ports(cache, book, tracker: nil)
        await #expect(throws: AssignFailure.commentNotPosted(job: 1022, issue: "g/a#1", .unreachable)) {
            _ = try await Assigning.job(1022, issue: .local(iid: 1), note: nil, comment: true, offline)
        }
        #expect(try book.read().assignment(job: 1022)?.issue.key == "g/a#1")
    }

    @Test func aClusterIsAssignedWithItsMembers() async throws {
        let cache = try await Self.fetched()
        let book = InMemoryBook()
        let ports = Self.ports(cache, book, tracker: FakeTracker())
        let cluster = try #require(cache.read { $0.analyses[1032]?.cluster })
        let outcome = try await Assigning.cluster(cluster, issue: .local(iid: 1), note: "one cause", ports)
        #expect(outcome.members == 2 && outcome.verified && outcome.replaced == nil)
        #expect(
            outcome.entry
                == ClusterAssignment(
                    cluster: cluster.rawValue,
                    issue: IssueRef(
                        project: "g/a", iid: 1, url: "https://g/g/a/-/issues/1", title: "issue 1"),
                    by: "ana", at: "2026-11-29T08:20:00Z", note: "one cause"))
        #expect(try book.read().clusters == [outcome.entry])
    }

    @Test func refusalsRecordNothing() async throws {
        let cache = try await Self.fetched()
        let book = InMemoryBook()
        let ports = Self.ports(cache, book, tracker: FakeTracker())
        await #expect(throws: AssignFailure.jobNotCached(9999)) {
            _ = try await Assigning.job(9999, issue: .local(iid: 1), note: nil, comment: false, ports)
        }
        await #expect(throws: AssignFailure.jobDidNotFail(1021, .success)) {
            _ = try await Assigning.job(1021, issue: .local(iid: 1), note: nil, comment: false, ports)
        }
        let unknown = try #require(ClusterID(rawValue: "c-00000000"))
        await #expect(throws: AssignFailure.clusterNotCached(unknown)) {
            _ = try await Assigning.cluster(unknown, issue: .local(iid: 1), note: nil, ports)
        }
        #expect(try book.read() == Assignments())
    }

    @Test func duplicateEntriesAreResolvedNewestFirstWithAWarning() throws {
        let book = InMemoryBook()
        let issue = IssueRef(project: "g/a", iid: 1)
        let old = JobAssignment(
            job: 7, project: "g/a", pipeline: 1, night: "2026-11-27", cluster: nil, issue: issue, by: "a",
            at: "2026-11-27T08:00:00Z", note: nil)
        var new = old
        new.at = "2026-11-28T08:00:00Z"
        new.note = "newer"
        book.contents.withLock { $0.assignments = [old, new] }
        let warned = WarningLog()
        let kept = try Assigning.update(book, warn: warned.append) { $0.assignment(job: 7) }
        #expect(kept == new)
        #expect(try book.read().assignments == [new])
        guard case .duplicatesResolved(let resolved)? = warned.all.first else {
            Issue.record("no warning")
            return
        }
        #expect(resolved.count == 1)
    }
}
