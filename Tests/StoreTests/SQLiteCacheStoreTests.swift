import Basics
import Foundation
import Testing
import TriageCore

@testable import Store

@Suite struct RoundTripTests {
    @Test func projectsRoundTripSortedByPath() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let zeta = Project(id: 1, path: "zeta/z", name: "z", webURL: "u1", archived: true, defaultBranch: nil)
        let alpha = Project(
            id: 2, path: "alpha/a", name: "a", webURL: "u2", archived: false, defaultBranch: "dev")
        try store.upsertProjects([zeta, alpha])
        #expect(try store.projects() == [alpha, zeta])

        var renamed = zeta
        renamed.path = "beta/z"
        renamed.archived = false
        try store.upsertProjects([renamed])
        #expect(try store.projects() == [alpha, renamed])
    }

    @Test(arguments: [
        Job(
            id: 7, pipelineID: 1, projectID: 3, name: "min", stage: "s", status: "waiting_for_callback",
            webURL: "w"),
        job(
            8, pipeline: 1, project: 3, name: "full: julia 1.10 ✓", allowFailure: true, attempt: 2,
            retried: true),
    ])
    func pipelineAndJobRoundTrip(stored: Job) throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        var p = pipeline(1, project: 3)
        p.iid = nil
        p.status = "canceling"
        try store.storePipeline(p, night: "2026-11-28", jobs: [stored])
        #expect(try store.job(id: stored.id) == stored)
        #expect(try store.job(id: 999) == nil)
        let pipelines = try store.pipelines(nights: nil)
        #expect(pipelines.map(\.pipeline) == [p])
        #expect(pipelines.map(\.night) == ["2026-11-28"])
    }

    @Test func issuesRoundTripAndUpsert() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        var first = issue(100, project: 1, iid: 5, labels: [])
        first.description = nil
        try store.upsertIssues([first, issue(101, project: 1, iid: 6)])
        var closed = first
        closed.state = "closed"
        closed.closedAt = date(99)
        closed.labels = ["a", "b \"quoted\""]
        try store.upsertIssues([closed])
        #expect(try store.issues() == [closed, issue(101, project: 1, iid: 6)])
        #expect(try store.summary().issues == 2)
    }

    @Test func issueReplacingADeletedIssueOfTheSameNumber() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try store.upsertIssues([issue(100, project: 1, iid: 5)])
        try store.upsertIssues([issue(200, project: 1, iid: 5)])
        #expect(try store.issues() == [issue(200, project: 1, iid: 5)])
    }

    @Test func syncRecordsRoundTrip() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        #expect(try store.lastSync() == nil)
        let started = SyncRecord(startedAt: date(0), outcome: "running")
        let first = try store.beginSync(started)
        #expect(try store.summary().lastSync == started)
        #expect(try store.lastSync() == started)
        let finished = SyncRecord(
            startedAt: date(0), finishedAt: date(30), outcome: "completed", apiCalls: 120, pipelines: 7,
            traces: 3, traceBytes: 4096)
        try store.finishSync(id: first, finished)
        #expect(try store.summary().lastSync == finished)
        let second = try store.beginSync(SyncRecord(startedAt: date(100), outcome: "running"))
        #expect(second == first + 1)
        #expect(try store.summary().lastSync == SyncRecord(startedAt: date(100), outcome: "running"))
        #expect(try store.lastSync() == SyncRecord(startedAt: date(100), outcome: "running"))
        #expect(throws: StoreError.invalidWrite("there is no sync 999 to finish")) {
            try store.finishSync(id: 999, finished)
        }
    }

    @Test func watermarkIsPerProjectAndSurvivesProjectUpserts() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        #expect(try store.watermark(projectID: 1) == nil)
        try store.setWatermark(projectID: 1, date(5))
        try store.upsertProjects([project(1, "g/a")])
        try store.setWatermark(projectID: 2, date(6))
        #expect(try store.watermark(projectID: 1) == date(5))
        try store.setWatermark(projectID: 1, date(7))
        #expect(try store.watermark(projectID: 1) == date(7))
        #expect(try store.watermark(projectID: 2) == date(6))
    }

    @Test func dataSurvivesReopening() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let dump: String
        do {
            let store = try workspace.open()
            try store.upsertProjects([project(1, "g/a")])
            try store.storePipeline(
                pipeline(10, project: 1), night: "2026-11-28",
                jobs: [job(100, pipeline: 10, project: 1, name: "t")])
            try store.storeTrace(jobID: 100, data: logLikeText(size: 10_000))
            dump = try store.canonicalDump()
        }
        let reopened = try workspace.open()
        #expect(try reopened.canonicalDump() == dump)
        #expect(try reopened.trace(jobID: 100) == logLikeText(size: 10_000))
    }
}

@Suite struct StorePipelineTests {
    @Test func replacesAllJobsOfThePipelineAndRecordsTheSync() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let running = pipeline(10, project: 1, status: .running, updated: 0)
        try store.storePipeline(
            running, night: "2026-11-28",
            jobs: [
                job(100, pipeline: 10, project: 1, name: "a", status: .running),
                job(101, pipeline: 10, project: 1, name: "b", status: .running),
            ])
        try store.storePipeline(
            pipeline(11, project: 1), night: "2026-11-28",
            jobs: [job(110, pipeline: 11, project: 1, name: "a")])
        #expect(try store.syncedPipelines(projectID: 1) == [10: date(10), 11: date(11)])

        let finished = pipeline(10, project: 1, status: .failed, updated: 500)
        let newJobs = [
            job(100, pipeline: 10, project: 1, name: "a", status: .failed),
            job(102, pipeline: 10, project: 1, name: "c", status: .success),
        ]
        try store.storePipeline(finished, night: "2026-11-28", jobs: newJobs)
        try store.storePipeline(finished, night: "2026-11-28", jobs: newJobs)  // idempotent

        #expect(try store.job(id: 101) == nil)
        #expect(try store.job(id: 100) == newJobs[0])
        #expect(try store.job(id: 102) == newJobs[1])
        #expect(try store.job(id: 110) != nil)
        #expect(try store.summary().jobs == 3)
        #expect(try store.pipelines(nights: nil).map(\.pipeline) == [finished, pipeline(11, project: 1)])
        #expect(try store.syncedPipelines(projectID: 1) == [10: date(510), 11: date(11)])
        #expect(try store.syncedPipelines(projectID: 2) == [:])
    }

    @Test func refusesAJobOfAnotherPipelineAndWritesNothing() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        #expect(throws: StoreError.invalidWrite("job 5 belongs to pipeline 9, not to pipeline 10")) {
            try store.storePipeline(
                pipeline(10, project: 1), night: "2026-11-28",
                jobs: [job(5, pipeline: 9, project: 1, name: "x")])
        }
        #expect(try store.summary() == CacheSummary())
    }
}

@Suite struct QueryTests {
    /// Two projects whose path order is the reverse of their id order, two nights.
    static func populated(_ workspace: TempWorkspace) throws -> SQLiteCacheStore {
        let store = try workspace.open()
        try store.upsertProjects([project(1, "zoo/last"), project(2, "app/first")])
        // Night 27: project 1 only.
        try store.storePipeline(
            pipeline(10, project: 1), night: "2026-11-27",
            jobs: [job(100, pipeline: 10, project: 1, name: "old failure")])
        // Night 28: both projects.
        try store.storePipeline(
            pipeline(20, project: 1), night: "2026-11-28",
            jobs: [
                job(200, pipeline: 20, project: 1, name: "flaky", attempt: 1, retried: true),
                job(201, pipeline: 20, project: 1, name: "flaky", status: .success, attempt: 2),
                job(202, pipeline: 20, project: 1, name: "build"),
                job(203, pipeline: 20, project: 1, name: "allowed", allowFailure: true),
                job(204, pipeline: 20, project: 1, name: "canceled", status: .canceled),
                job(205, pipeline: 20, project: 1, name: "again", attempt: 1, retried: true),
                job(206, pipeline: 20, project: 1, name: "again", attempt: 2),
            ])
        try store.storePipeline(
            pipeline(30, project: 2, status: .success), night: "2026-11-28",
            jobs: [
                job(300, pipeline: 30, project: 2, name: "z-test"),
                job(301, pipeline: 30, project: 2, name: "a-ok", status: .success),
            ])
        // Night 29: a project the cache does not know (yet).
        try store.storePipeline(
            pipeline(40, project: 9), night: "2026-11-29",
            jobs: [job(400, pipeline: 40, project: 9, name: "t")])
        return store
    }

    @Test(arguments: [
        (["2026-11-28"], [300, 206, 203, 202]),
        (["2026-11-27", "2026-11-28"], [300, 206, 203, 202, 100]),
        (["2026-11-29", "2026-11-27"], [400, 100]),
        (["2026-11-30"], []),
        ([], []),
    ])
    func failuresAreLatestFailedAttemptsOrderedByNightProjectName(nights: [String], expected: [Int]) throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try Self.populated(workspace)
        let rows = try store.failures(nights: Set(nights))
        #expect(rows.map(\.job.id) == expected)
    }

    @Test func failureRowsCarryPipelineProjectAndNight() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try Self.populated(workspace)
        let rows = try store.failures(nights: ["2026-11-28", "2026-11-29"])
        #expect(rows.map(\.projectPath) == ["9", "app/first", "zoo/last", "zoo/last", "zoo/last"])
        #expect(rows.map(\.night) == ["2026-11-29", "2026-11-28", "2026-11-28", "2026-11-28", "2026-11-28"])
        #expect(rows.map(\.pipeline.id) == [40, 30, 20, 20, 20])
        #expect(rows.map(\.job.id) == [400, 300, 206, 203, 202])
        #expect(rows.map(\.job.allowFailure) == [false, false, false, true, false])
        #expect(rows[3].job == job(203, pipeline: 20, project: 1, name: "allowed", allowFailure: true))
        #expect(rows[1].pipeline == pipeline(30, project: 2, status: .success))
    }

    @Test(
        arguments: [
            (nil, [40, 30, 20, 10]),
            (Set(["2026-11-28"]), [30, 20]),
            (Set(["2026-11-27", "2026-11-29"]), [40, 10]),
            (Set<String>(), []),
        ] as [(Set<String>?, [Int])])
    func pipelinesNewestNightFirstThenProjectPath(nights: Set<String>?, expected: [Int]) throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try Self.populated(workspace)
        #expect(try store.pipelines(nights: nights).map(\.pipeline.id) == expected)
    }

    @Test func nightsAscendingDistinct() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try Self.populated(workspace)
        #expect(try store.nights() == ["2026-11-27", "2026-11-28", "2026-11-29"])
    }

    @Test func summaryCountsExactly() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try Self.populated(workspace)
        try store.storeTrace(jobID: 100, data: Data("tiny".utf8))
        try store.storeTrace(jobID: 202, data: Data())
        try store.storeTrace(jobID: 100, data: Data("tiny".utf8))
        try store.upsertIssues([issue(1, project: 1, iid: 1), issue(2, project: 2, iid: 1)])
        let sync = try store.beginSync(SyncRecord(startedAt: date(0), outcome: "running"))
        let record = SyncRecord(startedAt: date(0), finishedAt: date(9), outcome: "completed", apiCalls: 12)
        try store.finishSync(id: sync, record)
        #expect(
            try store.summary()
                == CacheSummary(
                    projects: 2, pipelinesByStatus: ["failed": 3, "success": 1], jobs: 11, retriedJobs: 2,
                    traces: 2, traceBytes: 4, traceStoredBytes: 4, issues: 2, firstNight: "2026-11-27",
                    lastNight: "2026-11-29", nights: 3, lastSync: record))
    }

    @Test func emptyCacheSummary() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        #expect(try store.summary() == CacheSummary())
        #expect(try store.nights() == [])
        #expect(try store.failures(nights: ["2026-11-28"]) == [])
    }

    @Test func failuresQueryUsesIndexes() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let plan = try store.queryPlan(sql: SQLiteCacheStore.failuresSQL, arguments: [#"["2026-11-28"]"#])
            .split(separator: "\n")
        #expect(plan.contains("SEARCH p USING INDEX pipelines_night_project (night=?)"))
        #expect(
            plan.contains(
                "SEARCH j USING INDEX jobs_failed_latest (pipeline_id=?)"))
        #expect(plan.contains("SEARCH pr USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN"))
        #expect(!plan.contains { $0.hasPrefix("SCAN p") || $0 == "SCAN j" })
        // Sorted in Swift, not by a sorter holding every column of every row.
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
    }

    /// `failures` sorts as `ORDER BY night DESC, project_path, name, id` does in SQLite: by bytes,
    /// so texts Swift holds equal (canonically equivalent) or orders otherwise keep SQLite's order.
    @Test func failuresAreInSQLitesOrder() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        // "é" precomposed and decomposed, a capital, a project the cache does not know (its id).
        try store.upsertProjects([
            project(1, "g/caf\u{E9}"), project(2, "g/cafe\u{301}"), project(3, "G/zed"), project(4, "g/a"),
        ])
        var id = 0
        for (n, night) in ["2026-11-27", "2026-11-28"].enumerated() {
            for p in [1, 2, 3, 4, 12] {
                let pipelineID = 100 * (n + 1) + p
                let names = ["test-b", "Test-a", "t\u{E9}st", "te\u{301}st", "test-b"]
                let jobs = names.map { name in
                    id += 1
                    return job(1000 - id, pipeline: pipelineID, project: p, name: name)
                }
                try store.storePipeline(pipeline(pipelineID, project: p), night: night, jobs: jobs)
            }
        }
        let sql = SQLiteCacheStore.failuresSQL.replacingOccurrences(
            of: "json_each(?)", with: #"json_each('["2026-11-27", "2026-11-28"]')"#)
        let sorted = try store.textRows(
            sql: "SELECT id FROM (\(sql)) ORDER BY night DESC, project_path, name, id"
        )
        .compactMap { $0.first.flatMap { $0.flatMap { Int($0) } } }
        #expect(sorted.count == 50)
        #expect(try store.failures(nights: ["2026-11-27", "2026-11-28"]).map(\.job.id) == sorted)
    }

    /// The listing's sort (texts ranked once) orders as comparing the texts row by row does, on
    /// rows whose nights, paths and names repeat, differ by case, by normalisation, or not at all.
    @Test func theListingSortIsFailuresOrder() {
        var random = SplitMix64(seed: 11)
        let nights = ["2026-11-27", "2026-11-28", "2026-11-26"]
        let paths = ["g/caf\u{E9}", "g/cafe\u{301}", "G/zed", "g/a", "g/a-b", "17"]
        let names = ["test-b", "Test-a", "t\u{E9}st", "te\u{301}st", "test", "test-b "]
        let rows = (0..<400).map { n in
            let p = Int(random.next() % UInt64(paths.count))
            let j = job(
                10_000 - n * 7 % 997, pipeline: n, project: p,
                name: names[Int(random.next() % UInt64(names.count))])
            return FailureRow(
                job: j, pipeline: pipeline(n, project: p), projectPath: paths[p],
                night: nights[Int(random.next() % UInt64(nights.count))])
        }
        let expected = rows.sorted(by: SQLiteCacheStore.failuresOrder).map(\.job.id)
        var sorted = rows
        SQLiteCacheStore.sortForListing(
            &sorted, night: \.night, path: \.projectPath, name: \.job.name, id: \.job.id)
        #expect(sorted.map(\.job.id) == expected)
    }

    /// The JSON arrays that carry a query's texts to `json_each` give SQLite back each text as it
    /// was: quotes, backslashes, control characters, slashes and non-ASCII included.
    @Test func textArraysReachSQLiteIntact() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let texts = [
            "c-0000abcd", "a\"b", "back\\slash", "tab\tnew\nline\u{1}", "caf\u{E9} \u{1F600}", "a/b", "",
        ]
        let array = SQLiteCacheStore.jsonArray(texts)
        let back = try store.textRows(sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [array])
        #expect(back.map { $0.first ?? nil } == texts)
        #expect(SQLiteCacheStore.jsonArray([String]()) == "[]")
    }
}

@Suite struct ConcurrencyTests {
    @Test func concurrentWritersLoseNothing() async throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let writers = 8
        let pipelinesPerWriter = 25
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for n in 0..<pipelinesPerWriter {
                        let id = writer * 1000 + n
                        let jobs = (0..<4).map {
                            job(id * 10 + $0, pipeline: id, project: writer, name: "j\($0)")
                        }
                        try store.storePipeline(
                            pipeline(id, project: writer), night: "2026-11-28", jobs: jobs)
                        try store.storeTrace(
                            jobID: id * 10, data: logLikeText(size: 2000, seed: UInt64(id + 1)))
                        _ = try store.summary()
                    }
                }
            }
            try await group.waitForAll()
        }
        let summary = try store.summary()
        #expect(summary.pipelinesByStatus == ["failed": writers * pipelinesPerWriter])
        #expect(summary.jobs == writers * pipelinesPerWriter * 4)
        #expect(summary.traces == writers * pipelinesPerWriter)
        #expect(try store.trace(jobID: 3005 * 10) == logLikeText(size: 2000, seed: 3006))
    }
}
