import Foundation
import LogAnalysis
import Store
import Testing
import TriageCore

@testable import Dashboard

let utc = NightCalendar(timeZone: .gmt)

/// Three Julia projects over four nights (2026-11-25 … 28), one `test` job each, every trace cached:
/// - julia/A.jl: green, green, then red from the 27th, when Foo went from 1.2.0 to 1.3.0;
/// - julia/B.jl: green through the 27th, red on the 28th, when Bar went from 0.1.0 to 0.2.0;
/// - julia/C.jl: green every night, Foo held at 1.2.0.
/// Analysed, so the red jobs have clusters (A's two failures share one).
func makeChangesCache() throws -> (directory: URL, store: SQLiteCacheStore) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "dashboard-changes-\(UUID().uuidString)")
    let store = try SQLiteCacheStore(directory: directory)
    let paths = [1: "julia/A.jl", 2: "julia/B.jl", 3: "julia/C.jl"]
    try store.upsertProjects(
        paths.sorted { $0.key < $1.key }.map { id, path in
            Project(id: id, path: path, name: String(path.dropFirst(6)), webURL: "https://g/\(path)")
        })
    let nights = ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"]
    func trace(foo: String, bar: String, red: String?) -> Data {
        var lines = [
            "Status `/builds/Project.toml`", "  [a93c6f00] Foo v\(foo)", "  [b93c6f01] Bar v\(bar)",
            "Testing",
        ]
        if let red {
            lines += [red, "ERROR: Job failed: exit code 1"]
        } else {
            lines.append("Testing Pkg tests passed")
        }
        return Data(lines.joined(separator: "\n").utf8)
    }
    let loadError = "ERROR: LoadError: UndefVarError: `columnindex` not defined in `Foo`"
    let testFailed = "Test Failed at /builds/test/runtests.jl:12 Expression: bar(1) == 2"
    for (n, night) in nights.enumerated() {
        let created = try #require(utc.start(of: night)).addingTimeInterval(12 * 3600)
        for project in 1...3 {
            let red: String? =
                switch (project, n) {
                case (1, 2...): loadError
                case (2, 3): testFailed
                default: nil
                }
            let foo = project == 1 && n >= 2 ? "1.3.0" : "1.2.0"
            let bar = project == 2 && n == 3 ? "0.2.0" : "0.1.0"
            let pipelineID = 100 * project + n
            let jobID = 1000 * project + n
            try store.storePipeline(
                Pipeline(
                    id: pipelineID, iid: n + 1, projectID: project, sha: "sha\(pipelineID)", ref: "main",
                    status: red == nil ? .success : .failed, source: "schedule", createdAt: created,
                    updatedAt: created,
                    webURL: "https://g/\(paths[project, default: "?"])/-/pipelines/\(pipelineID)"),
                night: night,
                jobs: [
                    Job(
                        id: jobID, pipelineID: pipelineID, projectID: project, name: "test", stage: "test",
                        status: red == nil ? .success : .failed,
                        failureReason: red == nil ? nil : "script_failure",
                        webURL: "https://g/\(paths[project, default: "?"])/-/jobs/\(jobID)")
                ])
            try store.storeTrace(jobID: jobID, data: trace(foo: foo, bar: bar, red: red))
        }
    }
    _ = try Analyzer(cache: store, store: store).analyseNew()
    return (directory, store)
}

@Suite struct WhatChangedTests {
    /// Since: the first red night of the streak (`streaks`); the suspect: that night's best-ranked
    /// change among this job's changes (`suspects`), not another project's package of the same night.
    @Test func sinceAndTopSuspectOfLastNightsFailingJobs() throws {
        let (directory, store) = try makeChangesCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try DashboardBuilder(cache: CachePorts(store), source: "schedule", calendar: utc)
            .build(assignments: PageAssignments())
        let last = try #require(model.nights.last)
        #expect(last.night == "2026-11-28")
        let changes = Dictionary(uniqueKeysWithValues: last.jobs.map { ($0.record.project, $0.changes) })
        #expect(
            changes["julia/A.jl"]
                == JobChanges(
                    since: "2026-11-27", nights: 2,
                    suspect: TopSuspect(
                        ecosystem: "julia", package: "Foo", from: ["1.2.0"], to: "1.3.0", rank: 1, failing: 1,
                        green: 0)))
        #expect(changes["julia/A.jl"]??.suspect?.text == "Foo v1.2.0 → v1.3.0")
        #expect(changes["julia/B.jl"]??.since == "2026-11-28")
        #expect(changes["julia/B.jl"]??.nights == 1)
        #expect(changes["julia/B.jl"]??.suspect?.text == "Bar v0.1.0 → v0.2.0")
        // Only last night's file carries it: the other nights' bytes are as before.
        #expect(model.nights.dropLast().allSatisfy { $0.jobs.allSatisfy { $0.changes == nil } })
        let file = try #require(try Site.files(model).first { $0.path == "data/nights/2026-11-27.js" })
        #expect(!String(decoding: file.contents, as: UTF8.self).contains("changes"))
    }

    /// The same answers as the functions behind `streaks last-night` and `suspects NIGHT`.
    @Test func agreesWithStreaksAndSuspects() throws {
        let (directory, store) = try makeChangesCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let found = try WhatChanged.jobs(
            on: ["2026-11-28"], cache: CachePorts(store), calendar: utc, source: nil)
        let rows = try store.nightlyJobs(
            fromNight: "2026-09-29", throughNight: "2026-11-28", projectID: nil, name: nil)
        let histories = ChangesHistory.histories(rows)
        let streaks = Streaks.on(night: "2026-11-28", histories: histories).filter {
            $0.kind == .new || $0.kind == .failing
        }
        #expect(Set(found.keys) == Set(streaks.map(\.jobID)))
        for streak in streaks { #expect(found[streak.jobID]?.since == streak.since) }
        let ranked = try ChangesPairs.suspects(
            failing: ChangesPairs.newlyFailing(on: "2026-11-27", histories: histories),
            green: ChangesPairs.stillGreen(on: "2026-11-27", histories: histories), clusters: [:]
        ) { id in try store.trace(jobID: id).map { TraceFacts(log: TraceCleaner.clean([UInt8]($0))) } }
        #expect(
            ranked.suspects.first?.name
                == found[1003]?.suspect?.package)
    }

    /// One job's answer (`show job`) is its key's answer of the night, for the job's own run only.
    @Test func oneJobsAnswerIsTheNightsAnswerForIt() throws {
        let (directory, store) = try makeChangesCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = CachePorts(store)
        let night = try WhatChanged.jobs(on: ["2026-11-28"], cache: cache, calendar: utc, source: "schedule")
        func job(_ id: Int) throws -> Job { try #require(try store.job(id: id)) }
        // A.jl red on the 27th and 28th, B.jl red on the 28th, C.jl green throughout.
        let a = try WhatChanged.job(
            job(1003), on: "2026-11-28", cache: cache, calendar: utc, source: "schedule")
        #expect(a == night[1003])
        #expect(a?.since == "2026-11-27" && a?.nights == 2 && a?.suspect?.package == "Foo")
        let b = try WhatChanged.job(
            job(2003), on: "2026-11-28", cache: cache, calendar: utc, source: "schedule")
        #expect(b == night[2003])
        #expect(b?.suspect?.package == "Bar")
        // The streak's first night answers for itself; a green job and a job on another night's
        // pipeline have no answer.
        let first = try WhatChanged.job(
            job(1002), on: "2026-11-27", cache: cache, calendar: utc, source: "schedule")
        #expect(first == JobChanges(since: "2026-11-27", nights: 1, suspect: a?.suspect))
        #expect(
            try WhatChanged.job(job(3003), on: "2026-11-28", cache: cache, calendar: utc, source: "schedule")
                == nil)
        #expect(
            try WhatChanged.job(job(1002), on: "2026-11-28", cache: cache, calendar: utc, source: "schedule")
                == nil)
        // Several nights at once (`failures 2d`): each job's answer on its own night, the same
        // as one night at a time; only the keys asked.
        let both = try WhatChanged.jobs(
            on: ["2026-11-27", "2026-11-28"], cache: cache, calendar: utc, source: "schedule")
        #expect(both == [1002: try #require(first), 1003: try #require(a), 2003: try #require(b)])
        let onlyB = try WhatChanged.jobs(
            on: ["2026-11-27", "2026-11-28"], cache: cache, calendar: utc, source: "schedule",
            keys: [(2, "test")])
        #expect(onlyB == [2003: try #require(b)])
        // Another source's pipelines are not nightly: nothing is red.
        #expect(
            try WhatChanged.job(job(1003), on: "2026-11-28", cache: cache, calendar: utc, source: "push")
                == nil)
    }

    /// Without the part (the benchmark's baseline), nothing is computed.
    @Test func partsLeaveItOut() throws {
        let (directory, store) = try makeChangesCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try DashboardBuilder(
            cache: CachePorts(store), source: "schedule", calendar: utc, parts: []
        )
        .build(assignments: PageAssignments())
        #expect(model.nights.allSatisfy { $0.jobs.allSatisfy { $0.changes == nil } })
        #expect(model.ranking == IssueRanking())
    }
}
