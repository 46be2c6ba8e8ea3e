import Foundation
import Synchronization
import Testing
import TriageCore

/// Pair histories (`ChangesHistory.forPairs`), commit ranges per project, commit title lookups.
@Suite struct ChangesCommitsTests {
    /// Rows in memory, answering as the store does (`NightlyRunQueries`), counting rows read.
    final class Rows: NightlyRunQueries, @unchecked Sendable {
        let rows: [NightlyRunRow]
        var read = 0
        init(_ rows: [NightlyRunRow]) { self.rows = rows }

        func nightlyRuns(fromNight: String, throughNight: String) throws -> [NightlyRunRow] {
            let out = rows.filter { $0.night >= fromNight && $0.night <= throughNight }
            read += out.count
            return out
        }

        func nightlyRuns(fromNight: String, throughNight: String, keys: [(projectID: Int, name: String)])
            throws
            -> [NightlyRunRow]
        {
            let wanted = Set(keys.map { "\($0.projectID) \($0.name)" })
            let out = rows.filter {
                $0.night >= fromNight && $0.night <= throughNight
                    && wanted.contains("\($0.projectID) \($0.name)")
            }
            read += out.count
            return out
        }
    }

    static let calendar = NightCalendar(timeZone: .gmt)

    /// 40 nights of 30 jobs with random outcomes (allowed failures, nights without a run, canceled
    /// runs, shas that move on some nights), from a seed.
    static func rows(seed: UInt64) -> [NightlyRunRow] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let nights = calendar.nights(endingAt: "2026-11-28", count: 40)
        var rows: [NightlyRunRow] = []
        var pipeline = 1000
        var job = 100_000
        for (n, night) in nights.enumerated() {
            for project in 1...10 {
                pipeline += 1
                let sha = "sha-\(project)-\(n / (1 + project % 4))"
                for name in ["a", "b", "allowed"] {
                    job += 1
                    let roll = next() % 100
                    if roll < 4 { continue }  // did not run
                    let status: Status = roll < 7 ? .canceled : (roll < 35 ? .failed : .success)
                    rows.append(
                        NightlyRunRow(
                            night: night, jobID: job, projectID: project, projectPath: "g/P\(project)",
                            name: name,
                            status: status, allowFailure: name == "allowed", pipelineID: pipeline, sha: sha,
                            source: roll % 13 == 0 ? "push" : "schedule", retriedToGreen: false))
                }
            }
        }
        return rows
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func pairHistoriesGiveThePairsOfTheFullLookBack(seed: UInt64) throws {
        let all = Self.rows(seed: seed)
        let nights = Self.calendar.nights(endingAt: "2026-11-28", count: 7)
        let back = Self.calendar.nights(endingAt: nights[0], count: 31)
        let full = ChangesHistory.histories(
            runs: all.filter { $0.night >= back[0] && $0.source == "schedule" })
        let queries = Rows(all)
        let pairs = try ChangesHistory.forPairs(
            queries: queries, lookbackFrom: back[0], dayBefore: back[back.count - 2], first: nights[0],
            last: nights[nights.count - 1], source: "schedule")
        for night in nights {
            #expect(
                ChangesPairs.newlyFailing(on: night, histories: pairs)
                    == ChangesPairs.newlyFailing(on: night, histories: full))
            #expect(
                ChangesPairs.stillGreen(on: night, histories: pairs)
                    == ChangesPairs.stillGreen(on: night, histories: full))
            #expect(
                ChangesPairs.commitRanges(on: night, histories: pairs)
                    == ChangesPairs.commitRanges(on: night, histories: full))
        }
    }

    /// Jobs that run every night and mostly pass: only the window (the range and the night
    /// before) is read, plus the older nights of the one job that turns red with no green run in
    /// the window.
    @Test func pairHistoriesReadTheWindowAndOnlyTheJobsThatNeedMore() throws {
        let nights = Self.calendar.nights(endingAt: "2026-11-28", count: 40)
        var rows: [NightlyRunRow] = []
        for (n, night) in nights.enumerated() {
            for project in 1...6 {
                // 4: red the night before the range and in it, green between: decided in the window.
                // 5: red for nights up to the window, green on its first range night, red again.
                // 6: an allowed failure the night before, then red: its last green run is older.
                let red =
                    (project == 4 && (n == 33 || n == 36)) || (project == 5 && n >= 30 && n != 34)
                    || (project == 6 && n == 34)
                let allowed = project == 6 && n == 33
                rows.append(
                    NightlyRunRow(
                        night: night, jobID: n * 10 + project, projectID: project,
                        projectPath: "g/P\(project)",
                        name: "test", status: red || allowed ? .failed : .success, allowFailure: allowed,
                        pipelineID: n * 10 + project, sha: "s\(n)", source: "schedule", retriedToGreen: false)
                )
            }
        }
        let range = Array(nights[34...])
        let back = Self.calendar.nights(endingAt: range[0], count: 31)
        let queries = Rows(rows)
        let pairs = try ChangesHistory.forPairs(
            queries: queries, lookbackFrom: back[0], dayBefore: back[back.count - 2], first: range[0],
            last: range[range.count - 1], source: nil)
        // 7 nights × 6 jobs, then job 6's nights from the look-back's start through the night before.
        #expect(queries.read == 7 * 6 + 30)
        let full = ChangesHistory.histories(runs: rows.filter { $0.night >= back[0] })
        let newly = ChangesPairs.newlyFailing(on: range[0], histories: pairs)
        #expect(newly.map(\.key.project) == ["g/P6"])
        #expect(newly.first?.baseNight == nights[32])
        for night in range {
            #expect(
                ChangesPairs.newlyFailing(on: night, histories: pairs)
                    == ChangesPairs.newlyFailing(on: night, histories: full))
            #expect(
                ChangesPairs.stillGreen(on: night, histories: pairs)
                    == ChangesPairs.stillGreen(on: night, histories: full))
        }
    }

    static func run(_ night: String, _ id: Int, red: Bool, sha: String) -> JobRun {
        JobRun(night: night, jobID: id, red: red, sha: sha, pipelineID: id)
    }

    @Test func commitRangesGroupAProjectsNewlyFailingJobsByRange() {
        let histories = [
            JobHistory(
                key: JobKey(project: "g/Foo.jl", name: "test-1.10"), projectID: 1,
                runs: [
                    Self.run("2026-11-27", 1, red: false, sha: "a"),
                    Self.run("2026-11-28", 2, red: true, sha: "c"),
                ]),
            JobHistory(
                key: JobKey(project: "g/Foo.jl", name: "test-1.11"), projectID: 1,
                runs: [
                    Self.run("2026-11-27", 3, red: false, sha: "a"),
                    Self.run("2026-11-28", 4, red: true, sha: "c"),
                ]),
            // Green two nights ago, a night without running between: a range of its own.
            JobHistory(
                key: JobKey(project: "g/Foo.jl", name: "docs"), projectID: 1,
                runs: [
                    Self.run("2026-11-26", 5, red: false, sha: "0"),
                    Self.run("2026-11-28", 6, red: true, sha: "c"),
                ]),
            // Still failing: not newly.
            JobHistory(
                key: JobKey(project: "g/Bar.jl", name: "test"), projectID: 2,
                runs: [
                    Self.run("2026-11-27", 7, red: true, sha: "x"),
                    Self.run("2026-11-28", 8, red: true, sha: "y"),
                ]),
            JobHistory(
                key: JobKey(project: "g/Baz.jl", name: "test"), projectID: 3,
                runs: [
                    Self.run("2026-11-27", 9, red: false, sha: "m"),
                    Self.run("2026-11-28", 10, red: true, sha: "m"),
                ]),
        ]
        let ranges = ChangesPairs.commitRanges(on: "2026-11-28", histories: histories)
        #expect(
            ranges == [
                ProjectCommitRange(
                    night: "2026-11-28", project: "g/Foo.jl", projectID: 1, from: "a", to: "c",
                    greenNight: "2026-11-27",
                    jobIDs: [2, 4], jobNames: ["test-1.10", "test-1.11"], projectFailing: 3),
                ProjectCommitRange(
                    night: "2026-11-28", project: "g/Baz.jl", projectID: 3, from: "m", to: "m",
                    greenNight: "2026-11-27",
                    jobIDs: [10], jobNames: ["test"], projectFailing: 1),
                ProjectCommitRange(
                    night: "2026-11-28", project: "g/Foo.jl", projectID: 1, from: "0", to: "c",
                    greenNight: "2026-11-26",
                    jobIDs: [6], jobNames: ["docs"], projectFailing: 3),
            ])
    }

    final class Source: CommitSource, @unchecked Sendable {
        let calls = Mutex(0)
        let failure: RemoteError?
        init(failure: RemoteError? = nil) { self.failure = failure }
        func compare(projectID: Int, from: String, to: String) async throws -> CommitRange {
            calls.withLock { $0 += 1 }
            if let failure { throw failure }
            return CommitRange(
                projectID: projectID, from: from, to: to,
                commits: [
                    Commit(id: to, shortID: String(to.prefix(8)), title: "Change \(to)", authorName: "A")
                ])
        }
    }

    final class Cache: CommitRangeCache, @unchecked Sendable {
        let ranges = Mutex<[String: CommitRange]>([:])
        func commitRange(projectID: Int, from: String, to: String) throws -> CommitRange? {
            ranges.withLock { $0["\(projectID) \(from) \(to)"] }
        }
        func storeCommitRange(_ range: CommitRange) throws {
            ranges.withLock { $0["\(range.projectID) \(range.from) \(range.to)"] = range }
        }
    }

    @Test func titlesAreFetchedOnceThenCached() async throws {
        let keys = (1...5).map { CommitTitles.Key(projectID: $0, from: "from\($0)", to: "to\($0)") }
        let source = Source()
        let cache = Cache()
        let first = try await CommitTitles.lookupAll(
            keys, cache: cache, source: source, offlineReason: "offline")
        #expect(source.calls.withLock { $0 } == 5)
        for key in keys {
            guard case .found(let range, fetched: true) = first[key] else {
                Issue.record("\(key): \(String(describing: first[key]))")
                continue
            }
            #expect(range.commits.map(\.title) == ["Change \(key.to)"])
        }
        let again = try await CommitTitles.lookupAll(
            keys, cache: cache, source: source, offlineReason: "offline")
        #expect(source.calls.withLock { $0 } == 5)
        #expect(again.values.allSatisfy { if case .found(_, fetched: false) = $0 { true } else { false } })
        // Offline: cached ranges still found, the others say why.
        let more = keys + [CommitTitles.Key(projectID: 9, from: "x", to: "y")]
        let offline = try await CommitTitles.lookupAll(
            more, cache: cache, source: nil, offlineReason: "no token")
        #expect(offline[more[5]] == .offline(reason: "no token"))
        #expect(offline.values.filter { if case .found = $0 { true } else { false } }.count == 5)
    }

    @Test func anUnreachableGitLabIsAskedOnceNotOncePerRange() async throws {
        let error = RemoteError(
            kind: .unreachable, method: "GET", url: "http://127.0.0.1:9/api/v4/projects/1/repository/compare")
        let source = Source(failure: error)
        let keys = (1...6).map { CommitTitles.Key(projectID: $0, from: "f", to: "t") }
        let results = try await CommitTitles.lookupAll(
            keys, cache: Cache(), source: source, offlineReason: "")
        #expect(source.calls.withLock { $0 } == 1)
        #expect(results.count == 6)
        #expect(results.values.allSatisfy { $0 == .unavailable(error) })
        // One unknown range (404) does not stop the others.
        let notFound = Source(failure: RemoteError(kind: .notFound, method: "GET", url: "u", status: 404))
        _ = try await CommitTitles.lookupAll(keys, cache: Cache(), source: notFound, offlineReason: "")
        #expect(notFound.calls.withLock { $0 } == 6)
    }
}
