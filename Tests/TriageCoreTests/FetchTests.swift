import Foundation
import Synchronization
import Testing
import TriageCore

/// `Fetch.run` and the `Syncer` under it, against a GitLab and a cache in memory (`FakeGitLab`,
/// `InMemoryCache`): what is asked of GitLab, what is written to the cache, what is reported.
@Suite struct FetchTests {
    static let utc = TimeZone(identifier: "UTC") ?? .current
    static let calendar = NightCalendar(timeZone: utc)
    /// The morning after the night of 2026-11-28.
    static let now = Date(timeIntervalSince1970: 1_795_940_400)  // 2026-11-29T08:20:00Z
    static let nights = ["2026-11-26", "2026-11-27", "2026-11-28"]

    static func trace(_ lines: String...) -> Data {
        Data(
            (["Running with gitlab-runner 17.0", "$ make test"] + lines + ["ERROR: Job failed: exit code 1"])
                .joined(separator: "\n").utf8)
    }

    /// Two projects, three nights, one scheduled pipeline a night each (and a push pipeline that a
    /// `schedule` sync leaves out, and a scheduled one older than the window):
    /// - `g/a`'s `test` passes on 11-26 and fails on 11-27 and 11-28 (an undefined variable);
    /// - `g/b`'s `test` passes every night, on 11-28 after a failed first attempt (a timeout).
    /// `g/a` has two issues; `g/b`'s issues are forbidden.
    static func organisation() -> FakeGitLab {
        let gitlab = FakeGitLab()
        gitlab.state.withLock { s in
            s.projects = [
                Project(id: 1, path: "g/a", name: "a", webURL: "https://g/g/a"),
                Project(id: 2, path: "g/b", name: "b", webURL: "https://g/g/b"),
                Project(id: 3, path: "g/old", name: "old", webURL: "https://g/g/old", archived: true),
            ]
            for project in [1, 2] {
                for (k, night) in (["2026-11-20"] + nights).enumerated() {
                    guard let noon = calendar.start(of: night) else { continue }
                    let created = noon.addingTimeInterval(12 * 3600)  // midnight after the night's date
                    let pipelineID = project * 100 + k
                    let pipeline = Pipeline(
                        id: pipelineID, iid: k, projectID: project, sha: "sha\(pipelineID)", ref: "main",
                        status: .success, source: "schedule", createdAt: created,
                        updatedAt: created.addingTimeInterval(1800), webURL: "https://g/p/\(pipelineID)")
                    var jobs = [
                        Job(
                            id: pipelineID * 10 + 1, pipelineID: pipelineID, projectID: project,
                            name: "build",
                            stage: "build", status: .success, webURL: "https://g/j/\(pipelineID * 10 + 1)"),
                        Job(
                            id: pipelineID * 10 + 2, pipelineID: pipelineID, projectID: project, name: "test",
                            stage: "test", status: .success, webURL: "https://g/j/\(pipelineID * 10 + 2)"),
                    ]
                    if project == 1, night >= "2026-11-27" {
                        jobs[1].status = .failed
                        jobs[1].failureReason = "script_failure"
                        s.traces[jobs[1].id] = trace("ERROR: LoadError: UndefVarError: `foo` not defined")
                    }
                    if project == 2, night == "2026-11-28" {
                        jobs[1].status = .failed
                        jobs[1].retried = true
                        s.traces[jobs[1].id] = trace("ERROR: Job timed out after 3600 seconds")
                        jobs.append(
                            Job(
                                id: pipelineID * 10 + 3, pipelineID: pipelineID, projectID: project,
                                name: "test",
                                stage: "test", status: .success, webURL: "https://g/j/\(pipelineID * 10 + 3)",
                                attempt: 2))
                    }
                    for job in jobs where s.traces[job.id] == nil {
                        s.traces[job.id] = Data(
                            "Running with gitlab-runner 17.0\n$ make \(job.name)\nok\n".utf8)
                    }
                    var failed = pipeline
                    failed.status = jobs.contains { $0.status == .failed && !$0.retried } ? .failed : .success
                    s.pipelines[project, default: []].append(failed)
                    s.jobs[pipelineID] = jobs
                }
                // A push pipeline of last night: not a nightly.
                if let noon = calendar.start(of: "2026-11-28") {
                    s.pipelines[project, default: []].append(
                        Pipeline(
                            id: project * 100 + 50, iid: 50, projectID: project, sha: "push", ref: "main",
                            status: .failed, source: "push", createdAt: noon, updatedAt: noon,
                            webURL: "https://g/p/push"))
                }
            }
            s.issues[1] = [1, 2].map { iid in
                TriageCore.Issue(
                    id: 1000 + iid, iid: iid, projectID: 1, title: "issue \(iid)", description: nil,
                    state: "opened",
                    labels: [], webURL: "https://g/g/a/-/issues/\(iid)",
                    createdAt: now.addingTimeInterval(-86400),
                    updatedAt: now.addingTimeInterval(-3600 * Double(iid)), closedAt: nil)
            }
            s.issuesForbidden = [2]
        }
        return gitlab
    }

    static func ports(_ gitlab: FakeGitLab, _ cache: InMemoryCache, _ book: InMemoryBook = InMemoryBook())
        -> FetchPorts
    {
        let ports = CachePorts(cache)
        return FetchPorts(source: gitlab, cache: { ports }, assignments: book, now: { now })
    }

    static let options = FetchOptions(
        sync: SyncOptions(scope: .membership, nights: 3, source: "schedule", concurrency: 4),
        calendar: calendar)

    /// Every stored pipeline holds every job GitLab lists for it, and the trace of each failed one.
    static func onlyWholePipelines(_ cache: InMemoryCache, _ gitlab: FakeGitLab) {
        let (stored, traces) = cache.read { ($0.jobs, $0.traces) }
        let listed = gitlab.state.withLock { $0.jobs }
        for (pipelineID, jobs) in stored {
            #expect(jobs == listed[pipelineID], "pipeline \(pipelineID)")
            for job in jobs where job.status == .failed {
                #expect(traces[job.id] != nil, "trace of job \(job.id)")
            }
        }
    }

    @Test func aFirstFetchBringsTheWindowAnalysesRemembersAndReports() async throws {
        let gitlab = Self.organisation()
        let cache = InMemoryCache()
        let events = EventLog()
        let report = try await Fetch.run(Self.ports(gitlab, cache), Self.options) { events.append($0) }

        // Fetched: the projects, their pipelines, the jobs of the six nightly pipelines of the
        // window, the three failed traces, then green runs' traces and the issues.
        let log = gitlab.log
        #expect(log.first == "projects")
        #expect(log.filter { $0.hasPrefix("pipelines ") }.sorted() == ["pipelines 1", "pipelines 2"])
        #expect(
            log.filter { $0.hasPrefix("jobs ") }.sorted()
                == ["jobs 101", "jobs 102", "jobs 103", "jobs 201", "jobs 202", "jobs 203"])
        let traces = log.filter { $0.hasPrefix("trace ") }
        #expect(Set(traces).count == traces.count, "no trace is fetched twice")
        #expect(Set(["trace 1022", "trace 1032", "trace 2032"]).isSubset(of: Set(traces)))
        // g/a's test last passed on 11-26: its trace is the green evidence of 11-27's failure.
        #expect(traces.contains("trace 1012"))
        #expect(log.filter { $0.hasPrefix("issues ") }.sorted() == ["issues 1", "issues 2"])

        // Written: whole pipelines of the window, their night, the sync record, analyses, suspects, issues.
        Self.onlyWholePipelines(cache, gitlab)
        let (pipelines, syncs, analyses, issues, suspects) = cache.read {
            ($0.pipelines, $0.syncs, $0.analyses, $0.issues, $0.suspects)
        }
        #expect(pipelines.keys.sorted() == [101, 102, 103, 201, 202, 203])
        #expect(pipelines[103]?.night == "2026-11-28")
        #expect(syncs.map(\.outcome) == ["completed"])
        #expect(syncs.first?.pipelines == 6)
        #expect(analyses.keys.sorted() == [1022, 1032, 2032])
        #expect(analyses[1022]?.cluster != nil && analyses[1022]?.cluster == analyses[1032]?.cluster)
        #expect(analyses[2032]?.retriedGreen == true)
        #expect(issues.keys.sorted() == [1001, 1002])
        #expect(suspects.values.first.map { $0.keys.sorted() } == Self.nights)
        #expect(cache.read(\.unexpected) == [])

        // Reported.
        #expect(report.sync.projects == 2)
        #expect(report.sync.pipelinesSeen == 6)
        #expect(report.sync.pipelinesSynced == 6)
        #expect(report.sync.jobs == 13)
        #expect(report.sync.traces == 3)
        #expect(report.sync.newestNightBefore == nil)
        #expect(report.greenTraces.fetched == traces.count - 3)
        #expect(report.greenTraces.wanted == report.greenTraces.fetched)
        #expect(report.analysis.analysed == 3)
        #expect(report.analysis.clusters == 2)
        #expect(report.news.firstFetch)
        #expect(report.suspectNights == 3)
        #expect(report.issuesUpdated == 2)
        #expect(report.issuesCached == 2)
        #expect(report.issuesSkipped == ["g/b issues: 403 Forbidden"])
        #expect(report.apiCalls == log.count)
        #expect(report.apiCalls > report.sync.apiCalls, "the whole fetch is counted, not the sync alone")

        // Each step's event, in order, after the sync's progress.
        let names = events.names
        #expect(names.first == "syncing")
        #expect(
            Array(names.drop { $0 == "syncing" })
                == ["synced", "greenTraces", "analysed", "suspectsRemembered", "issues"])
    }

    /// The issues need only the synced projects: they are asked while the green traces are, not
    /// after the analysis and the suspects, so those steps' seconds are not spent with nothing in
    /// flight. (The green trace of g/a's 11-26 run waits up to 5 s for an issue listing.)
    @Test func theIssuesAreFetchedBesideTheGreenTracesAndTheAnalysis() async throws {
        let gitlab = Self.organisation()
        gitlab.state.withLock { $0.tracesAfterIssues = [1012] }
        let cache = InMemoryCache()
        let events = EventLog()
        let report = try await Fetch.run(Self.ports(gitlab, cache), Self.options) { events.append($0) }
        let log = gitlab.log
        let green = try #require(log.firstIndex(of: "trace 1012"))
        let issues = try #require(log.firstIndex { $0.hasPrefix("issues ") })
        #expect(issues < green, "\(log)")
        #expect(
            log.filter { $0.hasPrefix("jobs ") || $0.hasPrefix("pipelines ") }.allSatisfy { entry in
                log.firstIndex(of: entry).map { $0 < issues } ?? false
            }, "the issues come after the sync")
        // The same fetch as one step after the other: reported, written and in the same order of events.
        #expect(report.issuesUpdated == 2 && report.issuesCached == 2)
        #expect(report.issuesSkipped == ["g/b issues: 403 Forbidden"])
        #expect(report.greenTraces.fetched == log.filter { $0.hasPrefix("trace ") }.count - 3)
        #expect(cache.read { $0.issues.keys.sorted() } == [1001, 1002])
        #expect(
            Array(events.names.drop { $0 == "syncing" })
                == ["synced", "greenTraces", "analysed", "suspectsRemembered", "issues"])
    }

    @Test func aRepeatFetchWithNothingNewListsAndFetchesNothingElse() async throws {
        let gitlab = Self.organisation()
        let cache = InMemoryCache()
        _ = try await Fetch.run(Self.ports(gitlab, cache), Self.options)
        let before = gitlab.log.count
        let report = try await Fetch.run(Self.ports(gitlab, cache), Self.options)
        let log = Array(gitlab.log.dropFirst(before))
        #expect(log.sorted() == ["issues 1", "issues 2", "pipelines 1", "pipelines 2", "projects"])
        #expect(report.sync.pipelinesSynced == 0)
        #expect(report.sync.traces == 0)
        #expect(report.sync.newestNightBefore == "2026-11-28")
        #expect(report.greenTraces.fetched == 0)
        #expect(report.greenTraces.alreadyCached == report.greenTraces.wanted)
        #expect(report.analysis.analysed == 0)
        #expect(report.issuesUpdated == 0, "issues brought back unchanged are no news")
        #expect(report.apiCalls == 5)
        #expect(cache.read(\.syncs).map(\.outcome) == ["completed", "completed"])
    }

    @Test func aFailureMidWayLeavesWholePipelinesAndTheNextFetchContinues() async throws {
        let gitlab = Self.organisation()
        gitlab.state.withLock { $0.failingTraces = [2032] }
        let cache = InMemoryCache()
        let failed = await #expect(throws: RemoteError.self) {
            try await Fetch.run(Self.ports(gitlab, cache), Self.options)
        }
        #expect(failed?.kind == .server)
        Self.onlyWholePipelines(cache, gitlab)
        let (pipelines, syncs, analyses, storedTraces) = cache.read {
            ($0.pipelines, $0.syncs, $0.analyses, Set($0.traces.keys))
        }
        #expect(pipelines[203] == nil, "the pipeline whose trace failed is not stored")
        #expect(syncs.map(\.outcome) == ["failed"])
        #expect(analyses.isEmpty, "nothing after the sync ran")

        gitlab.state.withLock { $0.failingTraces = [] }
        let before = gitlab.log.count
        let report = try await Fetch.run(Self.ports(gitlab, cache), Self.options)
        let traces = gitlab.log.dropFirst(before).filter { $0.hasPrefix("trace ") }
        #expect(traces.contains("trace 2032"))
        #expect(
            storedTraces.allSatisfy { !traces.contains("trace \($0)") },
            "a stored trace is never fetched again")
        #expect(report.sync.pipelinesSynced == 6 - pipelines.count)
        #expect(report.analysis.analysed == 3)
        Self.onlyWholePipelines(cache, gitlab)
        #expect(cache.read(\.pipelines).count == 6)
        #expect(cache.read(\.syncs).map(\.outcome) == ["failed", "completed"])
    }

    @Test func aWrongTokenLeavesNoCacheBehind() async throws {
        struct Refusing: GitLabSource {
            func projects(in scope: ProjectScope) async throws -> [Project] {
                throw RemoteError(
                    kind: .unauthorized, method: "GET", url: "https://g/api/v4/projects", status: 401)
            }
            func pipelines(projectID: Int, source: String?, updatedAfter: Date?, createdAfter: Date?)
                async throws
                -> [Pipeline]
            { [] }
            func jobs(projectID: Int, pipelineID: Int) async throws -> [Job] { [] }
            func trace(projectID: Int, jobID: Int) async throws -> Data { Data() }
            func issues(projectID: Int, updatedAfter: Date?) async throws -> [TriageCore.Issue] { [] }
            var requestCount: Int { 1 }
        }
        let opened = EventLog()
        let ports = FetchPorts(
            source: Refusing(),
            cache: {
                opened.append(.suspectsRemembered(nights: 0))
                return CachePorts(InMemoryCache())
            }, assignments: InMemoryBook(), now: { Self.now })
        await #expect(throws: RemoteError.self) { try await Fetch.run(ports, Self.options) }
        #expect(opened.names.isEmpty, "the cache is opened only once GitLab has answered")
    }
}

/// The events of a run, in order.
final class EventLog: Sendable {
    private let events = Mutex<[FetchEvent]>([])
    func append(_ event: FetchEvent) { events.withLock { $0.append(event) } }
    var names: [String] {
        events.withLock { events in
            events.map { event in
                switch event {
                case .syncing: "syncing"
                case .synced: "synced"
                case .greenTraces: "greenTraces"
                case .analysed: "analysed"
                case .suspectsRemembered: "suspectsRemembered"
                case .issues: "issues"
                }
            }
        }
    }
}
