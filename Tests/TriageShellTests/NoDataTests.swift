import Foundation
import Store
import Testing
import TriageCore

@testable import TriageShell

/// Issue 14, bug 2: a night the cache does not reach is "no data", never a green night. The
/// fixture's cache holds the nights 2026-11-26..28 (America/Chicago, UTC-6).
@Suite struct NoDataTests {
    /// A fixture whose clock is `now`, with one recorded fetch that started at `fetchedAt`.
    func fixture(now: String, fetchedAt: String?, outcome: String = "completed") throws -> ShellFixture {
        let fixture = try ShellFixture(now: now)
        if let fetchedAt {
            let store = try SQLiteCacheStore(directory: fixture.root.appendingPathComponent(".triage"))
            let started = ShellFixture.date(fetchedAt)
            let id = try store.beginSync(SyncRecord(startedAt: started, outcome: "running"))
            try store.finishSync(
                id: id,
                SyncRecord(startedAt: started, finishedAt: started.addingTimeInterval(300), outcome: outcome))
        }
        return fixture
    }

    static let stale =
        "no data for night 2026-11-30: the cache ends at 2026-11-28 (last fetch 2026-11-29 07:00) — run 'fetch'\n"

    @Test func aStaleCacheSaysNoDataAndExitsWithTheNoDataStatus() async throws {
        // Two mornings later: last night is the 30th, the cache ends on the 28th.
        let shell = try fixture(now: "2026-12-01T14:00:00Z", fetchedAt: "2026-11-29T13:00:00Z")
        defer { shell.cleanUp() }
        let status = await shell.run("failures last-night")
        #expect(status.rawValue == 4)
        #expect(shell.sink.stdout == Self.stale)
        #expect(shell.sink.stderr == "")
    }

    @Test(arguments: [
        "failures last-night", "warnings last-night", "pipelines last-night", "summary last-night",
    ])
    func everyNightlyListingSaysNoData(_ line: String) async throws {
        let shell = try fixture(now: "2026-12-01T14:00:00Z", fetchedAt: "2026-11-29T13:00:00Z")
        defer { shell.cleanUp() }
        let status = await shell.run(line)
        #expect(status.rawValue == 4, "\(line)")
        #expect(shell.sink.stdout.hasSuffix(Self.stale), "\(line): \(shell.sink.stdout)")
    }

    @Test func jsonSaysTheNightIsMissingInsteadOfAnEmptyList() async throws {
        let shell = try fixture(now: "2026-12-01T14:00:00Z", fetchedAt: "2026-11-29T13:00:00Z")
        defer { shell.cleanUp() }
        let status = await shell.run("failures last-night --format json")
        #expect(status.rawValue == 4)
        #expect(
            shell.sink.stdout == """
                {
                  "cache_last_night": "2026-11-28",
                  "last_fetch": "2026-11-29T07:00:00-06:00",
                  "message": "no data for night 2026-11-30: the cache ends at 2026-11-28 (last fetch 2026-11-29 07:00) — run 'fetch'",
                  "missing_nights": [
                    "2026-11-30"
                  ],
                  "no_data": true,
                  "reason": "not_fetched",
                  "records": []
                }

                """)
    }

    @Test func aRangeReachingPastTheCacheAnswersWhatItHasAndSaysWhatIsMissing() async throws {
        let shell = try fixture(now: "2026-12-01T14:00:00Z", fetchedAt: "2026-11-29T13:00:00Z")
        defer { shell.cleanUp() }
        let status = await shell.run("failures 3d")
        #expect(status.rawValue == 4)
        let out = shell.sink.stdout
        #expect(out.contains("\t2026-11-28\tjulia/Foo.jl\ttest-1.10\t"), "\(out)")
        #expect(
            out.hasSuffix(
                "no data for nights 2026-11-29..2026-11-30: the cache ends at 2026-11-28 (last fetch 2026-11-29 07:00) — run 'fetch'\n"
            ))

        shell.sink.clear()
        #expect(await shell.run("failures 3d --format json").rawValue == 4)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(shell.sink.stdout.utf8)) as? [String: Any])
        #expect(object["missing_nights"] as? [String] == ["2026-11-29", "2026-11-30"])
        #expect(
            (object["records"] as? [[String: Any]])?.compactMap { $0["night"] as? String } == ["2026-11-28"])
    }

    @Test func whenGitLabHadNoNightlyYetItSaysSoRatherThanRunFetch() async throws {
        // Fetched at 07:00 on December 1st, after the night of November 30th began: GitLab had
        // no nightly pipeline for it then.
        let shell = try fixture(now: "2026-12-01T14:00:00Z", fetchedAt: "2026-12-01T13:00:00Z")
        defer { shell.cleanUp() }
        #expect(await shell.run("failures last-night").rawValue == 4)
        #expect(
            shell.sink.stdout
                == "no data for night 2026-11-30: GitLab had no nightly pipeline for it at the last fetch (2026-12-01 07:00); the cache ends at 2026-11-28\n"
        )
        shell.sink.clear()
        #expect(await shell.run("failures last-night --format json").rawValue == 4)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(shell.sink.stdout.utf8)) as? [String: Any])
        #expect(object["reason"] as? String == "no_pipeline")
    }

    @Test func withoutAnyRecordedFetchItSaysSo() async throws {
        let shell = try fixture(now: "2026-12-01T14:00:00Z", fetchedAt: nil)
        defer { shell.cleanUp() }
        #expect(await shell.run("failures last-night").rawValue == 4)
        #expect(
            shell.sink.stdout
                == "no data for night 2026-11-30: the cache ends at 2026-11-28 (no fetch recorded) — run 'fetch'\n"
        )
    }

    @Test func aScriptGoesOnAfterNoDataAndAnErrorStillWins() async throws {
        let shell = try fixture(now: "2026-12-01T14:00:00Z", fetchedAt: "2026-11-29T13:00:00Z")
        defer { shell.cleanUp() }
        #expect(await shell.run("failures last-night\nhelp quit").rawValue == 4)
        #expect(shell.sink.stdout.hasPrefix(Self.stale + "usage: quit\n"), "\(shell.sink.stdout)")
        #expect(await shell.run("failures last-night\nnosuch", keepGoing: true).rawValue == 1)
        #expect(await shell.run("failures last-night\nnosuch").rawValue == 3)
    }

    @Test func aCachedNightIsAnAnswerWithStatusZero() async throws {
        let shell = try fixture(now: "2026-11-29T14:00:00Z", fetchedAt: "2026-11-29T13:00:00Z")
        defer { shell.cleanUp() }
        #expect(await shell.run("failures last-night") == .success)
        #expect(!shell.sink.stdout.contains("no data"))
    }
}
