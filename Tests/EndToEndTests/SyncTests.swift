import Foundation
import GitLab
import GitLabSimulator
import Store
import Testing
import TriageCore
import TriageTestSupport

/// The sync through the real client, over HTTP to the simulator, into a real SQLite cache,
/// checked against the simulator's own truth.
@Suite(.serialized) struct SyncTests {
    /// The scheduled pipelines of non-archived projects: what a nightly view must hold.
    func nightlyPipelines(_ org: Organisation) -> [Organisation.Pipeline] {
        let archived = Set(org.projects.filter(\.archived).map(\.id))
        return org.pipelines.filter { $0.source == "schedule" && !archived.contains($0.projectID) }
    }

    @Test func aFullSyncHoldsExactlyTheNightlyPipelinesJobsAndFailedTraces() async throws {
        try await withSimulator { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let (report, store, _) = try await syncDirectly(url: url, workspace: workspace)
            let org = simulator.organisation
            let nightly = nightlyPipelines(org)
            #expect(nightly.count == org.projects.filter { !$0.archived }.count * 6)
            let stored = try store.pipelines(nights: nil)
            #expect(Set(stored.map(\.pipeline.id)) == Set(nightly.map(\.id)))
            #expect(report.pipelinesSynced == nightly.count)
            // Nights as the simulator's schedule (00:00 America/Chicago) defines them.
            for (pipeline, night) in stored {
                #expect(org.pipeline(id: pipeline.id)?.night == night)
            }
            let jobs = nightly.flatMap { org.jobs(ofPipeline: $0.id) }
            let summary = try store.summary()
            #expect(summary.jobs == jobs.count)
            #expect(summary.retriedJobs == jobs.filter(\.retried).count)
            #expect(summary.retriedJobs > 0, "the organisation should have retried jobs")
            let failed = jobs.filter { $0.status == "failed" }
            #expect(summary.traces == failed.count)
            for job in failed {
                let trace = try #require(try store.trace(jobID: job.id))
                #expect(trace == Data(org.trace(ofJob: job.id)), "trace of job \(job.id)")
            }
            // Retried attempts keep their order; failure_reason only on failed jobs.
            for job in jobs.prefix(400) {
                let cached = try #require(try store.job(id: job.id))
                #expect(cached.retried == job.retried)
                #expect(cached.allowFailure == job.allowFailure)
                #expect(cached.failureReason == job.failureReason)
                #expect(cached.failureReason == nil || cached.status == .failed)
            }
            #expect(summary.nights == 6)
            #expect(summary.lastNight == lastNight)
            #expect(summary.lastSync?.outcome == "completed")
        }
    }

    @Test func lastNightsFailuresAreTheSimulatorsTruth() async throws {
        try await withSimulator { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let (_, store, _) = try await syncDirectly(url: url, workspace: workspace)
            let org = simulator.organisation
            let expected = nightlyPipelines(org).filter { $0.night == lastNight }
                .flatMap { org.jobs(ofPipeline: $0.id) }
                .filter { $0.status == "failed" && !$0.retried }
            let failures = try store.failures(nights: [lastNight])
            #expect(Set(failures.map(\.job.id)) == Set(expected.map(\.id)))
            #expect(failures.filter(\.job.allowFailure).count == expected.filter(\.allowFailure).count)
            #expect(!expected.isEmpty)
        }
    }

    @Test func adversarialTracesAreStoredAndReadBackExactly() async throws {
        try await withSimulator(projects: 40, nights: 6) { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let (_, store, _) = try await syncDirectly(url: url, workspace: workspace)
            let org = simulator.organisation
            let nightly = Set(nightlyPipelines(org).map(\.id))
            var checked = 0
            for (kind, jobID) in org.adversarialJobs {
                guard let job = org.job(id: jobID), nightly.contains(job.pipelineID) else { continue }
                let trace = try #require(try store.trace(jobID: jobID), "\(kind)")
                #expect(trace == Data(org.trace(ofJob: jobID)), "\(kind)")
                checked += 1
            }
            #expect(checked >= 4, "adversarial traces in the window: \(checked)")
        }
    }

    @Test func aRepeatFetchWithNothingNewCostsOneCallPerProjectAndNoTrace() async throws {
        try await withSimulator { simulator, url in
            let workspace = try makeWorkspace(url: url)
            _ = try await syncDirectly(url: url, workspace: workspace)
            let before = simulator.requests.count
            let (report, _, client) = try await syncDirectly(url: url, workspace: workspace)
            let calls = Array(simulator.requests[before...])
            let projects = simulator.organisation.projects.filter { !$0.archived }.count
            #expect(client.requestCount == calls.count)
            #expect(calls.count <= projects + 3, "\(calls.count) calls for \(projects) projects")
            #expect(!calls.contains { $0.path.hasSuffix("/trace") })
            #expect(report.pipelinesSynced == 0)

            // A new night brings exactly its pipelines and their failed traces.
            simulator.advance(nights: 1)
            let beforeAdvance = simulator.requests.count
            let (next, store, _) = try await syncDirectly(url: url, workspace: workspace, nights: 7)
            let org = simulator.organisation
            let newNight = try #require(org.nights.last)
            let fresh = nightlyPipelines(org).filter { $0.night == newNight }
            #expect(next.pipelinesSynced == fresh.count)
            let traced = simulator.requests[beforeAdvance...].filter { $0.path.hasSuffix("/trace") }.count
            let failedFresh = fresh.flatMap { org.jobs(ofPipeline: $0.id) }.filter { $0.status == "failed" }
                .count
            #expect(traced == failedFresh)
            #expect(try store.nights().last == newNight)
        }
    }

    @Test func malformedJSONNamesTheURLAndLeavesTheCacheAsItWas() async throws {
        try await withSimulator { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let (_, store, _) = try await syncDirectly(url: url, workspace: workspace)
            let before = try store.canonicalDump()
            simulator.advance(nights: 1)
            let real = URLSessionTransport.make(maxConnections: 16)
            let corrupting: HTTPTransport = { request in
                var response = try await real(request)
                if request.url.path.hasSuffix("/api/v4/projects") {
                    response.body = Data("{\"id\": 1, [".utf8)
                }
                return response
            }
            do {
                _ = try await syncDirectly(url: url, workspace: workspace, nights: 7, transport: corrupting)
                Issue.record("a malformed response was accepted")
            } catch let error as RemoteError {
                #expect(error.kind == .malformedResponse)
                #expect(error.url.hasPrefix("\(url.absoluteString)/api/v4/projects?"))
            }
            let after = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            #expect(try after.canonicalDump() == before)
        }
    }

    @Test func aBrokenPipelineResponseLeavesOnlyWholePipelinesAndTheRerunCompletes() async throws {
        try await withSimulator { simulator, url in
            let reference = try makeWorkspace(url: url)
            let expected = try await syncDirectly(url: url, workspace: reference).1.canonicalDump()

            let workspace = try makeWorkspace(url: url)
            let victim = try #require(nightlyPipelines(simulator.organisation).dropFirst(5).first)
            let real = URLSessionTransport.make(maxConnections: 16)
            let corrupting: HTTPTransport = { request in
                var response = try await real(request)
                if request.url.path.hasSuffix("/pipelines/\(victim.id)/jobs") {
                    response.body = Data("[{\"id\":".utf8)
                }
                return response
            }
            await #expect(throws: RemoteError.self) {
                _ = try await syncDirectly(url: url, workspace: workspace, transport: corrupting)
            }
            let partial = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            #expect(try partial.syncedPipelines(projectID: victim.projectID)[victim.id] == nil)
            #expect(try partial.summary().lastSync?.outcome == "failed")
            let (_, resumed, _) = try await syncDirectly(url: url, workspace: workspace)
            #expect(try resumed.canonicalDump() == expected)
        }
    }

    @Test func theTokenIsNowhereInTheWorkspace() async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url)
            let run = try await runTriage(
                ["fetch"], workspace: workspace, environment: ["GITLAB_TOKEN": secretToken])
            #expect(run.status == 0, "\(run.stderr)")
            let status = try await runTriage(
                ["-c", "status", "-c", "summary last-night", "--format", "json"], workspace: workspace,
                environment: ["GITLAB_TOKEN": secretToken])
            #expect(status.status == 0)
            // Fill v5's tables too (parsed listings, compared commit ranges), so the scan covers them.
            let commits = try await runTriage(
                ["suspects", "6d", "--commits", "--format", "json"], workspace: workspace,
                environment: ["GITLAB_TOKEN": secretToken])
            #expect(commits.status == 0, "\(commits.stderr)")
            let ranges =
                try JSONSerialization.jsonObject(with: Data(commits.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(ranges.contains { !(($0["commits"] as? [Any]) ?? []).isEmpty }, "no commit range cached")
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            #expect(try store.summary().traces > 0)
            #expect(try store.unlistedTraceCount(reader: TraceFacts.readerVersion) == 0)
            for text in [
                run.stdout, run.stderr, status.stdout, status.stderr, commits.stdout, commits.stderr,
            ] {
                #expect(!text.contains(secretToken))
            }
            let files = allFiles(under: workspace)
            #expect(files.contains { $0.lastPathComponent == "cache.sqlite" })
            for file in files {
                let data = try Data(contentsOf: file)
                #expect(!data.contains(secretToken), "token found in \(file.path)")
            }
        }
    }
}

extension SyncTests {
    @Test func reachingFurtherBackFetchesTheOlderNights() async throws {
        try await withSimulator(nights: 6) { simulator, url in
            let workspace = try makeWorkspace(url: url)
            _ = try await syncDirectly(url: url, workspace: workspace, nights: 2)
            let (_, store, _) = try await syncDirectly(url: url, workspace: workspace, nights: 6)
            let expected = nightlyPipelines(simulator.organisation)
            #expect(try store.pipelines(nights: nil).count == expected.count)
            #expect(try store.nights().count == 6)
        }
    }

    @Test func manyProjectsArePaginated() async throws {
        try await withSimulator(projects: 130, nights: 1) { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let (report, _, _) = try await syncDirectly(url: url, workspace: workspace, nights: 1)
            #expect(report.projects == simulator.organisation.projects.filter { !$0.archived }.count)
            let listings = simulator.requests.filter { $0.path == "/api/v4/projects" }
            #expect(listings.count == 2)
            #expect(listings.allSatisfy { $0.query.contains("per_page=100") })
        }
    }
}
