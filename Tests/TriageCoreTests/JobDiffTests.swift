import Foundation
import Synchronization
import Testing
import TriageCore

/// Compared ranges in memory (`CommitRangeCache`), and a GitLab that compares from a table.
final class RangesInMemory: CommitRangeCache, CommitSource {
    let ranges = Mutex<[String: CommitRange]>([:])
    let known: [String: [Commit]]
    let asked = Mutex<[String]>([])

    init(known: [String: [Commit]] = [:]) { self.known = known }

    func commitRange(projectID: Int, from: String, to: String) throws -> CommitRange? {
        ranges.withLock { $0["\(projectID) \(from)...\(to)"] }
    }
    func storeCommitRange(_ range: CommitRange) throws {
        ranges.withLock { $0["\(range.projectID) \(range.from)...\(range.to)"] = range }
    }
    func compare(projectID: Int, from: String, to: String) async throws -> CommitRange {
        asked.withLock { $0.append("\(from)...\(to)") }
        guard let commits = known["\(from)...\(to)"] else {
            throw RemoteError(kind: .notFound, method: "GET", url: "compare", status: 404)
        }
        return CommitRange(projectID: projectID, from: from, to: to, commits: commits)
    }
}

/// `JobDiff.compute`, `diff job`'s use case, on the organisation `FetchTests` fetches into a cache
/// in memory: `g/a`'s `test` passed on 11-26 (job 1012, sha101) and failed on 11-27 (1022, sha102)
/// and 11-28 (1032, sha103).
@Suite struct JobDiffTests {
    static let commit = Commit(id: "c0ffee12", shortID: "c0ffee1", title: "Bump Pkg", authorName: "Alice")

    @Test func aFailureIsComparedWithItsJobsLastGreenRun() async throws {
        let cache = InMemoryCache()
        _ = try await Fetch.run(FetchTests.ports(FetchTests.organisation(), cache), FetchTests.options)
        let ranges = RangesInMemory(known: ["sha101...sha103": [Self.commit]])
        let sources = JobDiff.CommitSources(cache: ranges, source: ranges, offline: "offline")
        func diff(_ id: Int, _ sources: JobDiff.CommitSources) async throws -> JobDiff? {
            try await JobDiff.compute(
                jobID: id, cache: CachePorts(cache), calendar: FetchTests.calendar, source: "schedule",
                lookback: 14, commits: { sources })
        }
        let found = try #require(try await diff(1032, sources))
        #expect(found.projectPath == "g/a" && found.night == "2026-11-28" && found.job.id == 1032)
        #expect(found.lookedBackTo == "2026-11-14")
        #expect(
            found.green?.jobID == 1012 && found.green?.night == "2026-11-26" && found.green?.sha == "sha101")
        #expect(found.nightsBetween == 1, "11-27's red run")
        let commits = try #require(found.commits)
        #expect(commits.from == "sha101" && commits.to == "sha103")
        #expect(commits.compareURL == "https://g/g/a/-/compare/sha101...sha103")
        #expect(
            commits.titles
                == .found(
                    CommitRange(projectID: 1, from: "sha101", to: "sha103", commits: [Self.commit]),
                    fetched: true))
        #expect(found.changes == [])
        // Asked once, then read from the cache of ranges.
        let again = try #require(try await diff(1032, sources))
        #expect(again.commits?.titles?.isFetched == false)
        #expect(ranges.asked.withLock { $0 } == ["sha101...sha103"])

        // Offline: the range without its titles, and why.
        let offline = JobDiff.CommitSources(cache: RangesInMemory(), source: nil, offline: "no GitLab token")
        #expect(try await diff(1022, offline)?.commits?.titles == .offline(reason: "no GitLab token"))

        // The green run itself has no earlier green run in the window; an unknown job has no diff.
        let first = try #require(try await diff(1012, sources))
        #expect(first.green == nil && first.commits == nil && first.nightsBetween == 0)
        #expect(try await diff(999, sources) == nil)
    }
}

extension CommitTitles.Outcome {
    var isFetched: Bool? {
        if case .found(_, let fetched) = self { return fetched }
        return nil
    }
}
