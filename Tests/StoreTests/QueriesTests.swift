import Foundation
import Testing
import TriageCore

@testable import Store

/// The shell's listing queries (`Queries.swift`) over the fixture of `QueryTests.populated`:
/// night 27 (project 1), night 28 (projects 1 and 2), night 29 (project 9, unknown to the cache).
@Suite struct ListingQueryTests {
    @Test func nightBoundsOfAnEmptyAndAFilledCache() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let empty = try workspace.open()
        #expect(try empty.nightBounds() == nil)
        let store = try QueryTests.populated(workspace)
        let bounds = try #require(try store.nightBounds())
        #expect(bounds.first == "2026-11-27" && bounds.last == "2026-11-29")
    }

    @Test func pipelineRowsCountFailedLatestAttempts() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let rows = try store.pipelineRows(nights: ["2026-11-28", "2026-11-29"], projectID: nil)
        // Newest night first, then by project path; a missing project shows its id.
        #expect(rows.map(\.pipeline.id) == [40, 30, 20])
        #expect(rows.map(\.projectPath) == ["9", "app/first", "zoo/last"])
        // Pipeline 20: build and again failed (flaky was retried to green), allowed failed.
        #expect(rows.map(\.failed) == [1, 1, 2])
        #expect(rows.map(\.allowedFailed) == [0, 0, 1])
        #expect(try store.pipelineRows(nights: ["2026-11-28"], projectID: 2).map(\.pipeline.id) == [30])
        #expect(try store.pipelineRows(projectID: 1, fromNight: "2026-11-27").map(\.pipeline.id) == [20, 10])
        #expect(try store.pipelineRows(nights: [], projectID: nil).isEmpty)
    }

    @Test func lastFailedNightsAndLookups() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        #expect(try store.lastFailedNights(source: nil) == [1: "2026-11-28", 9: "2026-11-29"])
        #expect(try store.pipeline(id: 20)?.night == "2026-11-28")
        #expect(try store.pipeline(id: 21) == nil)
        #expect(try store.jobs(pipelineID: 20).map(\.id) == [200, 201, 202, 203, 204, 205, 206])
    }

    @Test func jobHistoryTakesTheLatestAttemptPerNight() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let flaky = try store.jobHistory(projectID: 1, name: "flaky", nights: ["2026-11-27", "2026-11-28"])
        #expect(flaky.map(\.night) == ["2026-11-28", "2026-11-27"])
        #expect(flaky.map { $0.job?.id } == [201, nil])
        #expect(flaky.first?.job?.status == .success)
    }

    @Test func listingQueriesUseTheV1Indexes() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let byNight = try store.queryPlan(
            sql: SQLiteCacheStore.pipelineRowsByNightsSQL, arguments: [#"["2026-11-28"]"#, nil as Int?])
        #expect(byNight.contains("USING INDEX pipelines_night_project (night=?)"))
        #expect(
            byNight.contains(
                "USING COVERING INDEX jobs_failed_latest (pipeline_id=? AND allow_failure=? AND status=? AND retried=?)"
            ))
        let ofProject = try store.queryPlan(
            sql: SQLiteCacheStore.pipelineRowsOfProjectSQL, arguments: [1, "2026-11-01"])
        #expect(ofProject.contains("USING INDEX pipelines_project (project_id=?)"))
        let history = try store.queryPlan(
            sql: SQLiteCacheStore.jobHistorySQL, arguments: ["t", #"["2026-11-28"]"#, 1])
        #expect(history.contains("USING INDEX pipelines_night_project (night=? AND project_id=?)"))
        #expect(history.contains("USING INDEX jobs_pipeline (pipeline_id=?)"))
    }

    /// The runs of some jobs are the runs of every job kept for those keys, flags included (a
    /// retried failure under a green or a red latest attempt), a night without the job skipped,
    /// and found by seeks per key and night, never a scan.
    @Test func runsOfSomeJobsAreTheirsAmongEveryJobsRuns() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let every = try store.nightlyRuns(fromNight: "2026-11-27", throughNight: "2026-11-29")
        #expect(every.contains { $0.jobID == 201 && $0.retriedToGreen })
        #expect(every.contains { $0.jobID == 206 && $0.retriedToGreen })
        for keys in [
            [(1, "flaky"), (1, "again")], [(1, "old failure"), (2, "z-test"), (9, "t")],
            [(1, "build"), (1, "build")],
            [(2, "nothing")],
        ] as [[(projectID: Int, name: String)]] {
            let asked = Set(keys.map { "\($0.projectID) \($0.name)" })
            let some = try store.nightlyRuns(fromNight: "2026-11-27", throughNight: "2026-11-29", keys: keys)
            #expect(some == every.filter { asked.contains("\($0.projectID) \($0.name)") }, "\(asked)")
        }
        #expect(
            try store.nightlyRuns(
                fromNight: "2026-11-28", throughNight: "2026-11-28", keys: [(1, "old failure")]
            )
            .isEmpty)
        let plan = try store.queryPlan(
            sql: SQLiteCacheStore.nightlyRunsOfKeysSQL, arguments: ["2026-11-01", "2026-11-28", #"["1 t"]"#])
        #expect(
            plan.contains("SEARCH p USING INDEX pipelines_night_project (night=? AND project_id=?)"),
            "\(plan)")
        #expect(plan.contains("SEARCH j USING INDEX jobs_pipeline (pipeline_id=?)"), "\(plan)")
        let scans = plan.split(separator: "\n").filter { $0.hasPrefix("SCAN") }
        #expect(scans == ["SCAN json_each VIRTUAL TABLE INDEX 1:", "SCAN n", "SCAN k", "SCAN n"], "\(plan)")
        #expect(!plan.contains("jobs_retried"), "\(plan)")
    }

    /// A year's cache holds thousands of retried jobs: the changes queries look a pipeline's
    /// retried attempts up by pipeline, never through `jobs_retried` (every retried job of the
    /// cache, once per pipeline or job: 23 s for two nights of 200 projects).
    @Test func retriedAttemptsAreSoughtByPipeline() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let nightly = try store.queryPlan(
            sql: SQLiteCacheStore.nightlyJobsSQL,
            arguments: ["2026-11-01", "2026-11-28", nil as Int?, nil as String?])
        let retried = try store.queryPlan(
            sql: SQLiteCacheStore.retriedFailedSQL, arguments: ["2026-11-01", "2026-11-28"])
        for plan in [nightly, retried] {
            #expect(!plan.contains("jobs_retried"), "\(plan)")
        }
        #expect(
            nightly.components(separatedBy: "USING INDEX jobs_pipeline (pipeline_id=?)").count == 3,
            "\(nightly)")
        #expect(retried.contains("SEARCH j USING INDEX jobs_pipeline (pipeline_id=?)"), "\(retried)")
    }
}

/// Issue 15: what each listing pays grows with its answer, not with the cache. Each query is
/// checked against its plan (an index seek, never a scan of a whole table or index) and against
/// the query it replaced, on the same cache.
@Suite struct ListingCostTests {
    /// The queries before issue 15, kept here as the reference the new ones must agree with.
    static let oldNightBoundsSQL = "SELECT min(night), max(night) FROM pipelines"
    static let oldLastFailedNightsSQL =
        "SELECT project_id, max(night) FROM pipelines WHERE status = 'failed' GROUP BY project_id"

    @Test func nightBoundsSeeksBothEndsOfTheIndex() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let plan = try store.queryPlan(sql: SQLiteCacheStore.nightBoundsSQL)
        #expect(
            plan.components(separatedBy: "SEARCH pipelines USING COVERING INDEX pipelines_night_project")
                .count
                == 3)
        #expect(!plan.contains("SCAN pipelines"))
        let old = try store.queryPlan(sql: Self.oldNightBoundsSQL)
        #expect(old.contains("SCAN pipelines"))
        let bounds = try #require(try store.nightBounds())
        #expect(try store.textRows(sql: Self.oldNightBoundsSQL) == [[bounds.first, bounds.last]])
        #expect(try store.textRows(sql: SQLiteCacheStore.nightBoundsSQL) == [["2026-11-27", "2026-11-29"]])
    }

    @Test func lastFailedNightsSkipScansTheFailedPipelinesIndex() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        // More failed pipelines per project than one, so the newest is a choice.
        try store.storePipeline(
            pipeline(11, project: 1), night: "2026-11-26",
            jobs: [job(110, pipeline: 11, project: 1, name: "x")])
        let plan = try store.queryPlan(sql: SQLiteCacheStore.lastFailedNightsSQL, arguments: [nil as String?])
        #expect(!plan.contains("SCAN pipelines"), "\(plan)")
        #expect(
            plan.contains(
                "SEARCH pipelines USING COVERING INDEX pipelines_failed_project_night (project_id>?)"
            ), "\(plan)")
        #expect(
            plan.contains("SEARCH p USING INDEX pipelines_failed_project_night (project_id=?)"), "\(plan)")
        #expect(
            plan.contains(
                "SEARCH q USING INDEX pipelines_night_project (night=? AND project_id=? AND rowid>?)"),
            "\(plan)")
        let reference = try store.textRows(sql: Self.oldLastFailedNightsSQL + " ORDER BY project_id")
        #expect(
            try store.textRows(sql: SQLiteCacheStore.lastFailedNightsSQL, arguments: [nil as String?])
                == reference)
        #expect(reference == [["1", "2026-11-28"], ["9", "2026-11-29"]])
        #expect(try store.lastFailedNights(source: nil) == [1: "2026-11-28", 9: "2026-11-29"])
        let other = TempWorkspace()
        defer { other.cleanUp() }
        #expect(try other.open().lastFailedNights(source: nil) == [:])
    }

    /// The night's newest pipeline decides it (`NightPipelines`): project 1's failed 28th re-run
    /// green is not its last failure, its 27th is; a pipeline of another source decides nothing
    /// for the nightly source, and everything when every source counts.
    @Test func lastFailedNightsAreTheNightsTheirNewestPipelineFailed() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        try store.storePipeline(
            pipeline(25, project: 1, status: .success), night: "2026-11-28",
            jobs: [job(250, pipeline: 25, project: 1, name: "build", status: .success)])
        #expect(try store.lastFailedNights(source: "schedule") == [1: "2026-11-27", 9: "2026-11-29"])
        var pushed = pipeline(41, project: 9, status: .success)
        pushed.source = "push"
        try store.storePipeline(pushed, night: "2026-11-29", jobs: [])
        var pushFailed = pipeline(12, project: 2)
        pushFailed.source = "push"
        try store.storePipeline(pushFailed, night: "2026-11-27", jobs: [])
        #expect(try store.lastFailedNights(source: "schedule") == [1: "2026-11-27", 9: "2026-11-29"])
        #expect(try store.lastFailedNights(source: nil) == [1: "2026-11-27", 2: "2026-11-27"])
        #expect(try store.lastFailedNights(source: "push") == [2: "2026-11-27"])
        // The same as the rule over every pipeline row.
        let rows = try store.pipelineRows(
            nights: ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"], projectID: nil)
        for source in ["schedule", "push", nil] as [String?] {
            var expected: [Int: String] = [:]
            for (project, nights) in NightPipelines.deciding(rows, source: source) {
                expected[project] = nights.filter { $0.value.pipeline.status == .failed }.keys.max()
            }
            #expect(
                try store.lastFailedNights(source: source) == expected.compactMapValues { $0 },
                "\(source ?? "nil")")
        }
    }

    @Test func pipelineCountsAreReadFromTheFailedJobsIndexAlone() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let plan = try store.queryPlan(
            sql: SQLiteCacheStore.pipelineRowsByNightsSQL, arguments: [#"["2026-11-28"]"#, nil as Int?])
        #expect(
            plan.components(
                separatedBy:
                    "USING COVERING INDEX jobs_failed_latest (pipeline_id=? AND allow_failure=? AND status=? AND retried=?)"
            ).count == 3)
        // The failures query still seeks the same index by its leading columns.
        let failures = try store.queryPlan(sql: SQLiteCacheStore.failuresSQL, arguments: [#"["2026-11-28"]"#])
        #expect(
            failures.contains("USING INDEX jobs_failed_latest (pipeline_id=?)"))
    }

    /// `status` counts from the partial indexes and equals the whole-table counts it replaced.
    @Test func summaryCountsFromThePartialIndexes() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        #expect(
            try store.queryPlan(sql: SQLiteCacheStore.unsuccessfulPipelinesSQL).contains(
                "USING COVERING INDEX pipelines_unsuccessful"))
        #expect(
            try store.queryPlan(sql: SQLiteCacheStore.jobCountsSQL).contains(
                "USING COVERING INDEX jobs_retried"))
        let summary = try store.summary()
        var statuses: [String: Int] = [:]
        for row in try store.textRows(sql: "SELECT status, count(*) FROM pipelines GROUP BY status") {
            statuses[row[0]!] = Int(row[1]!)
        }
        #expect(statuses.count > 1 && statuses["success"] != nil)
        #expect(summary.pipelinesByStatus == statuses)
        let jobs = try store.textRows(sql: "SELECT count(*), coalesce(sum(retried), 0) FROM jobs")
        #expect(jobs == [[String(summary.jobs), String(summary.retriedJobs)]])
        #expect(summary.retriedJobs > 0)
        // A cache where every pipeline succeeded, or none did, has no zero entry.
        let other = TempWorkspace()
        defer { other.cleanUp() }
        #expect(try other.open().summary().pipelinesByStatus.isEmpty)
    }

    @Test func oneProjectsPipelinesSeekNightAndProject() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let nights = #"["2026-11-27","2026-11-28","2026-11-29"]"#
        let plan = try store.queryPlan(
            sql: SQLiteCacheStore.pipelineRowsOfProjectByNightsSQL, arguments: [nights, 1])
        #expect(plan.contains("USING INDEX pipelines_night_project (night=? AND project_id=?)"))
        // The same rows as the query for every project, filtered.
        for project in [1, 2, 9, 42] {
            #expect(
                try store.textRows(
                    sql: SQLiteCacheStore.pipelineRowsOfProjectByNightsSQL, arguments: [nights, project])
                    == store.textRows(
                        sql: SQLiteCacheStore.pipelineRowsByNightsSQL, arguments: [nights, project]))
        }
        let all = try store.pipelineRows(nights: ["2026-11-27", "2026-11-28", "2026-11-29"], projectID: nil)
        #expect(
            try store.pipelineRows(nights: ["2026-11-27", "2026-11-28", "2026-11-29"], projectID: 1).map(
                \.pipeline.id)
                == all.filter { $0.pipeline.projectID == 1 }.map(\.pipeline.id))
    }

    @Test func projectLookupsSeekAnIndex() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        #expect(try store.project(id: 2)?.path == "app/first")
        #expect(try store.project(id: 9) == nil)
        #expect(try store.projects(path: "zoo/last").map(\.id) == [1])
        #expect(try store.projects(path: "Zoo/last").isEmpty)
        let plan = try store.queryPlan(sql: SQLiteCacheStore.projectsByPathSQL, arguments: ["zoo/last"])
        #expect(plan.contains("USING INDEX projects_path (path=?)"))
    }

    /// A cache of the previous triage (v7: the three-column `jobs_pipeline_status`) migrates to v8
    /// keeping every row, and every listing query answers exactly as before.
    @Test func aV7CacheMigratesAndAnswersTheSame() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        func answers(_ store: SQLiteCacheStore) throws -> String {
            let nights: Set<String> = ["2026-11-27", "2026-11-28", "2026-11-29"]
            return [
                "\(String(describing: try store.nightBounds()))",
                "\(try store.pipelineRows(nights: nights, projectID: nil))",
                "\(try store.pipelineRows(projectID: 1, fromNight: "2026-11-01"))",
                "\(try store.lastFailedNights(source: nil).sorted { $0.key < $1.key })",
                "\(try store.failures(nights: nights))",
                "\(try store.jobHistory(projectID: 1, name: "flaky", nights: nights))",
            ].joined(separator: "\n")
        }
        let before: (dump: String, answers: String)
        do {
            let store = try QueryTests.populated(workspace)
            // Read before undoing: this triage's reads need the tables of v12.
            before = (try store.canonicalDump(), try answers(store))
            try store.executeUnchecked(
                sql: undoV12 + """
                    DROP INDEX jobs_pipeline_status;
                    CREATE INDEX jobs_pipeline_status ON jobs(pipeline_id, status, retried);
                    DELETE FROM grdb_migrations WHERE identifier IN ('v8', 'v12')
                    """)
        }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12"])
        #expect(try store.canonicalDump() == before.dump)
        #expect(try answers(store) == before.answers)
        // v8 widened the index, v12 replaced it with `jobs_pipeline`.
        let columns = try store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM pragma_index_info('jobs_pipeline_status') ORDER BY seqno")
        }
        #expect(columns == [])
    }
}

/// `StatementColumns` (a cursor's row read from its statement) decodes exactly what GRDB's `Row`
/// decoding gives, NULLs included: the listings moved to it in issue 15.
@Suite struct StatementColumnsTests {
    @Test func statementAndRowDecodingAgree() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        var bare = job(900, pipeline: 20, project: 1, name: "bare ✓", status: .success)
        bare.createdAt = nil
        bare.startedAt = nil
        bare.finishedAt = nil
        bare.duration = nil
        bare.commitSHA = nil
        bare.commitTitle = nil
        var noIID = pipeline(20, project: 1)
        noIID.iid = nil
        try store.storePipeline(noIID, night: "2026-11-28", jobs: try store.jobs(pipelineID: 20) + [bare])
        // `jobs(pipelineID:)`, `failures` and `pipelineRows` read the statement; `job(id:)` and
        // `pipeline(id:)` decode GRDB's `Row`.
        let viaStatement = try store.jobs(pipelineID: 20)
        #expect(viaStatement.count == 8)
        #expect(try viaStatement.map { try store.job(id: $0.id) } == viaStatement)
        let failures = try store.failures(nights: ["2026-11-27", "2026-11-28"])
        #expect(!failures.isEmpty)
        for row in failures {
            #expect(try store.job(id: row.job.id) == row.job)
            #expect(try store.pipeline(id: row.pipeline.id)?.pipeline == row.pipeline)
        }
        for row in try store.pipelineRows(nights: ["2026-11-27", "2026-11-28"], projectID: nil) {
            #expect(try store.pipeline(id: row.pipeline.id)?.pipeline == row.pipeline)
        }
        #expect(try store.jobs(pipelineID: 20).last == bare)
        #expect(try store.pipeline(id: 20)?.pipeline.iid == nil)
    }
}

/// Migration v9 and `DerivedColumns`: URLs and commit SHAs the cache can rebuild are stored as
/// `''` and read back exactly as GitLab gave them.
@Suite struct DerivedColumnsTests {
    /// Jobs and pipelines whose URLs follow their project's (project 5), and ones that do not.
    static func populated(_ workspace: TempWorkspace) throws -> SQLiteCacheStore {
        let store = try QueryTests.populated(workspace)
        try store.upsertProjects([project(5, "group/derived")])
        let base = "https://gitlab.example.com/group/derived"
        var p = pipeline(50, project: 5)
        p.webURL = "\(base)/-/pipelines/50"
        var jobs = [
            job(500, pipeline: 50, project: 5, name: "test"),
            job(501, pipeline: 50, project: 5, name: "build"),
            job(502, pipeline: 50, project: 5, name: "other sha"),
            job(503, pipeline: 50, project: 5, name: "no sha"),
        ]
        for i in jobs.indices {
            jobs[i].webURL = "\(base)/-/jobs/\(jobs[i].id)"
            jobs[i].commitSHA = p.sha
        }
        jobs[1].webURL = "https://mirror.example.com/-/jobs/501"
        jobs[2].commitSHA = "abc"
        jobs[3].commitSHA = nil
        try store.storePipeline(p, night: "2026-11-28", jobs: jobs)
        return store
    }

    static func stored(_ store: SQLiteCacheStore, _ sql: String) throws -> [[String?]] {
        try store.textRows(sql: sql)
    }

    @Test func derivableValuesAreStoredEmptyAndReadBackWhole() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try Self.populated(workspace)
        #expect(
            try Self.stored(
                store, "SELECT id, web_url, commit_sha FROM jobs WHERE pipeline_id = 50 ORDER BY id") == [
                    ["500", "", ""], ["501", "https://mirror.example.com/-/jobs/501", ""],
                    ["502", "", "abc"],
                    ["503", "", nil],
                ])
        #expect(try Self.stored(store, "SELECT web_url FROM pipelines WHERE id = 50") == [[""]])
        // The fixture's own URLs (…/p/-/jobs/N) are not their project's: stored whole.
        #expect(try Self.stored(store, "SELECT count(*) FROM jobs WHERE web_url = ''") == [["3"]])
        let jobs = try store.jobs(pipelineID: 50)
        #expect(
            jobs.map(\.webURL) == [
                "https://gitlab.example.com/group/derived/-/jobs/500",
                "https://mirror.example.com/-/jobs/501",
                "https://gitlab.example.com/group/derived/-/jobs/502",
                "https://gitlab.example.com/group/derived/-/jobs/503",
            ])
        #expect(
            jobs.map(\.commitSHA) == [
                String(repeating: "a", count: 40), String(repeating: "a", count: 40), "abc", nil,
            ])
        #expect(try jobs.map { try store.job(id: $0.id) } == jobs)
        #expect(
            try store.pipeline(id: 50)?.pipeline.webURL
                == "https://gitlab.example.com/group/derived/-/pipelines/50")
        let failures = try store.failures(nights: ["2026-11-28"]).filter { $0.pipeline.id == 50 }
        #expect(failures.map(\.job) == jobs.sorted { $0.name < $1.name })
        #expect(
            try store.pipelineRows(nights: ["2026-11-28"], projectID: 5).map(\.pipeline.webURL)
                == ["https://gitlab.example.com/group/derived/-/pipelines/50"])
        #expect(
            try store.jobHistory(projectID: 5, name: "test", nights: ["2026-11-28"]).first?.job == jobs[0])
        let dump = try store.canonicalDump()
        #expect(dump.contains("derived"))
        #expect(!dump.contains(#"web_url="""#) && !dump.contains(#"commit_sha="""#))
    }

    /// Jobs of three pipelines of a project the cache does not know (so URLs and SHAs stay whole):
    /// titles shared, differing, absent, and one empty title.
    static func titled(_ workspace: TempWorkspace) throws -> (SQLiteCacheStore, [[Job]]) {
        let store = try populated(workspace)
        func jobs(_ pipelineID: Int, _ titles: [String?]) -> [Job] {
            titles.enumerated().map { i, title in
                var j = job(pipelineID * 10 + i, pipeline: pipelineID, project: 6, name: "t\(i)")
                j.commitTitle = title
                return j
            }
        }
        let groups = [
            jobs(60, ["Bump Pkg to 1.2 ✓", nil, "Bump Pkg to 1.2 ✓", "Revert \"Bump Pkg\""]),
            jobs(61, ["", "Bump Pkg to 1.2 ✓"]),
            jobs(62, [nil, nil]),
        ]
        for group in groups {
            try store.storePipeline(
                pipeline(group[0].pipelineID, project: 6), night: "2026-11-28", jobs: group)
        }
        return (store, groups)
    }

    static let storedTitlesSQL = """
        SELECT 'p', id, commit_title FROM pipelines UNION ALL SELECT 'j', id, commit_title FROM jobs ORDER BY 1, 2
        """

    @Test func commitTitlesAreKeptOncePerPipelineAndReadBackWhole() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let (store, groups) = try Self.titled(workspace)
        #expect(
            try Self.stored(store, "SELECT id, commit_title FROM pipelines WHERE id >= 50 ORDER BY id") == [
                ["50", "Fix things"], ["60", "Bump Pkg to 1.2 ✓"], ["61", nil], ["62", nil],
            ])
        #expect(
            try Self.stored(store, "SELECT id, commit_title FROM jobs WHERE pipeline_id >= 60 ORDER BY id")
                == [
                    ["600", ""], ["601", nil], ["602", ""], ["603", #"Revert "Bump Pkg""#],
                    ["610", ""], ["611", "Bump Pkg to 1.2 ✓"],
                    ["620", nil], ["621", nil],
                ])
        for group in groups {
            #expect(try store.jobs(pipelineID: group[0].pipelineID) == group)
            #expect(try group.map { try store.job(id: $0.id) } == group)
            let failed = try store.failures(nights: ["2026-11-28"]).filter {
                $0.pipeline.id == group[0].pipelineID
            }
            #expect(failed.map(\.job).sorted { $0.id < $1.id } == group)
            #expect(
                try store.jobHistory(projectID: 6, name: "t0", nights: ["2026-11-28"])
                    .compactMap(\.job).contains(group[0]))
        }
        // The dump shows every title whole: the one empty title is job 610's own.
        let dump = try store.canonicalDump()
        #expect(dump.components(separatedBy: #"commit_title="""#).count == 2)
        #expect(
            dump.contains(#"commit_title="Fix things""#)
                && dump.contains(#"commit_title="Bump Pkg to 1.2 ✓""#))
    }

    /// A v11 cache (titles on every job, the status indexes) migrates to v12, is vacuumed, and
    /// answers byte for byte as before; every index v12 replaced is gone.
    @Test func aV11CacheMigratesAndAnswersTheSame() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let nights: Set<String> = ["2026-11-27", "2026-11-28", "2026-11-29"]
        func answers(_ store: SQLiteCacheStore) throws -> String {
            [
                "\(try store.pipelineRows(nights: nights, projectID: nil))",
                "\(try store.pipelineRows(projectID: 1, fromNight: "2026-11-01"))",
                "\(try store.lastFailedNights(source: nil).sorted { $0.key < $1.key })",
                "\(try store.failures(nights: nights))",
                "\(try store.jobHistory(projectID: 6, name: "t0", nights: nights))",
                "\(try (60...62).map { try store.jobs(pipelineID: $0) })",
                "\(String(describing: try store.job(id: 603)))",
            ].joined(separator: "\n")
        }
        let before: (dump: String, answers: String)
        var stored: [[String?]] = []
        var summary = CacheSummary()
        do {
            let (store, _) = try Self.titled(workspace)
            // Read before undoing: this triage's reads need the tables of v12.
            before = (try store.canonicalDump(), try answers(store))
            stored = try Self.stored(store, Self.storedTitlesSQL)
            summary = try store.summary()
            try store.executeUnchecked(sql: undoV12 + "DELETE FROM grdb_migrations WHERE identifier = 'v12'")
            // What v11 stored: every title whole (job 610's own empty one the only `''`).
            #expect(try Self.stored(store, "SELECT count(*) FROM jobs WHERE commit_title = ''") == [["1"]])
        }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v12") && applied.count == Schema.migrations.count)
        #expect(try store.canonicalDump() == before.dump)
        #expect(try answers(store) == before.answers)
        #expect(try store.summary() == summary)
        // The migration stores the titles as a write of the same pipelines does.
        #expect(try Self.stored(store, Self.storedTitlesSQL) == stored)
        #expect(stored.filter { $0.last == "" }.count > 8)
        let indexes = try Self.stored(
            store, "SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name"
        )
        .compactMap(\.first).compactMap { $0 }
        #expect(indexes.contains("jobs_pipeline") && indexes.contains("pipelines_failed_project_night"))
        #expect(
            !indexes.contains("jobs_pipeline_status") && !indexes.contains("pipelines_status_project_night"))
    }

    @Test func aRenamedProjectKeepsTheURLsGitLabGave() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try Self.populated(workspace)
        let before = try store.jobs(pipelineID: 50)
        let pipelineBefore = try store.pipeline(id: 50)
        try store.upsertProjects([project(5, "group/renamed")])
        #expect(try store.jobs(pipelineID: 50) == before)
        #expect(try store.pipeline(id: 50)?.pipeline == pipelineBefore?.pipeline)
        #expect(try Self.stored(store, "SELECT count(*) FROM jobs WHERE web_url = ''") == [["0"]])
        // Stored again under the new URL, they are rebuilt from it.
        var p = try #require(pipelineBefore).pipeline
        p.webURL = "https://gitlab.example.com/group/renamed/-/pipelines/50"
        var jobs = before
        for i in jobs.indices {
            jobs[i].webURL = "https://gitlab.example.com/group/renamed/-/jobs/\(jobs[i].id)"
        }
        try store.storePipeline(p, night: "2026-11-28", jobs: jobs)
        #expect(try store.jobs(pipelineID: 50) == jobs)
        #expect(try Self.stored(store, "SELECT count(*) FROM jobs WHERE web_url = ''") == [["4"]])
    }

    /// A v8 cache (every value stored whole) migrates to v9, is vacuumed, and answers byte for byte
    /// as before: the canonical dump and every listing.
    @Test func aV8CacheMigratesAndAnswersTheSame() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let nights: Set<String> = ["2026-11-27", "2026-11-28", "2026-11-29"]
        func answers(_ store: SQLiteCacheStore) throws -> String {
            [
                "\(try store.pipelineRows(nights: nights, projectID: nil))",
                "\(try store.pipelineRows(projectID: 5, fromNight: "2026-11-01"))",
                "\(try store.failures(nights: nights))",
                "\(try store.jobHistory(projectID: 5, name: "test", nights: nights))",
                "\(try store.jobs(pipelineID: 50))", "\(String(describing: try store.job(id: 500)))",
                "\(String(describing: try store.pipeline(id: 50)))",
                "\(try store.pipelines(nights: nil).map(\.pipeline))",
            ].joined(separator: "\n")
        }
        let before: (dump: String, answers: String)
        do {
            let store = try Self.populated(workspace)
            // What v8 stored: every value whole.
            try store.executeUnchecked(
                sql: """
                    UPDATE jobs SET web_url = \(DerivedColumns.jobWebURL("jobs.", projectURL: nil).dropLast(" AS web_url".count)),
                        commit_sha = \(DerivedColumns.jobCommitSHA("jobs.", pipeline: nil).dropLast(" AS commit_sha".count));
                    UPDATE pipelines
                        SET web_url = \(DerivedColumns.pipelineWebURL("pipelines.", projectURL: nil).dropLast(" AS web_url".count));
                    DELETE FROM grdb_migrations WHERE identifier = 'v9'
                    """)
            #expect(
                try Self.stored(store, "SELECT count(*) FROM jobs WHERE web_url = '' OR commit_sha = ''") == [
                    ["0"]
                ])
            before = (try store.canonicalDump(), try answers(store))
        }
        let store = try workspace.open()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v9"))
        #expect(try Self.stored(store, "SELECT count(*) FROM jobs WHERE web_url = ''") == [["3"]])
        #expect(try Self.stored(store, "SELECT count(*) FROM jobs WHERE commit_sha = ''") == [["2"]])
        #expect(try Self.stored(store, "SELECT count(*) FROM pipelines WHERE web_url = ''") == [["1"]])
        #expect(try store.canonicalDump() == before.dump)
        #expect(try answers(store) == before.answers)
        // Reopening a v9 cache migrates (and vacuums) nothing.
        let again = try workspace.open()
        #expect(try again.canonicalDump() == before.dump)
    }
}
