import Foundation
import GitLab
import GitLabSimulator
import Store
import Testing
import TriageCore
import TriageTestSupport

/// `suspects` per night, remembered by `fetch` and forgotten by every write that could change it.
@Suite(.serialized) struct SuspectNightsTests {
    @Test func fetchRemembersSuspectsAndAnyWriteForgetsThem() async throws {
        try await withSimulator(projects: 20, nights: 12) { _, url in
            let workspace = try makeWorkspace(url: url, nights: 12)
            let env = ["GITLAB_TOKEN": secretToken]
            let fetched = try await runTriage(["fetch"], workspace: workspace, environment: env, timeout: 400)
            #expect(fetched.status == 0, "\(fetched.stderr)")
            let directory = workspace.appendingPathComponent(".triage")
            let store = try SQLiteCacheStore(directory: directory)
            var reference = CachePorts(store)
            reference.suspectNights = NoSuspectMemory()
            let nights = chicago.nights(endingAt: lastNight, count: 12)
            // The workspace's pipeline source, as the command reads it.
            let source = WorkspaceConfig().source
            let generation = SuspectNights.generation(source: source)

            // fetch computed every fetched night: the answers a store that remembers nothing gives.
            #expect(try store.rememberedSuspects(nights: nights, generation: generation).count == 12)
            let remembered = try results(CachePorts(store), nights, source)
            #expect(remembered == (try results(reference, nights, source)))
            let started = remembered.values.map(\.failing).reduce(0, +)
            #expect(started > 0, "some job should start failing in 12 nights")
            #expect(remembered.values.contains { !$0.suspects.isEmpty })
            // Another generation (another pipeline source) is not answered from them.
            #expect(try store.rememberedSuspects(nights: nights, generation: "0.0.push").isEmpty)
            #expect(generation != SuspectNights.generation(source: "push"))

            // The command answers from them, and the same after they are forgotten.
            let answered = try await runTriage(
                ["-c", "suspects 7d --top 1000 --format json"], workspace: workspace)
            #expect(answered.status == 0)
            let (night, failed) = try #require(try failingJob(store, nights, source))
            try store.storeTrace(
                jobID: failed.jobID, data: try #require(try store.trace(jobID: failed.jobID)))
            #expect(try store.rememberedSuspects(nights: nights, generation: generation).isEmpty)
            let again = try await runTriage(
                ["-c", "suspects 7d --top 1000 --format json"], workspace: workspace)
            #expect(again.stdout == answered.stdout)
            #expect(try store.rememberedSuspects(nights: nights, generation: generation).count == 7)

            // A changed pipeline: the job that started failing succeeds after all. The remembered
            // night goes with the write, so the answer is the new one.
            let before = try #require(remembered[night])
            let pipeline = try #require(
                try store.pipelines(nights: [night]).first { $0.pipeline.id == failed.pipelineID })
            let jobs = try store.jobs(pipelineID: failed.pipelineID).map { job in
                var job = job
                if job.id == failed.jobID {
                    job.status = .success
                    job.failureReason = nil
                }
                return job
            }
            try store.storePipeline(pipeline.pipeline, night: night, jobs: jobs)
            let after = try results(CachePorts(store), nights, source)
            #expect(after == (try results(reference, nights, source)))
            #expect(after[night]?.failing == before.failing - 1)
        }
    }

    /// `suspects`' answers for `nights` from `store`, as the command computes them.
    private func results(
        _ cache: CachePorts, _ nights: [String], _ source: String?
    ) throws -> [String: NightSuspects] {
        try SuspectNights.results(nights: nights, cache: cache, source: source) { first, last in
            let back = chicago.nights(endingAt: first, count: ChangesHistory.lookback + 1)
            return try ChangesHistory.forPairs(
                queries: cache.nightlyRuns, lookbackFrom: back.first ?? first,
                dayBefore: back[back.count - 2], first: first,
                last: last, source: source)
        }
    }

    /// A night and a job that started failing on it (the newest such night).
    private func failingJob(
        _ store: SQLiteCacheStore, _ nights: [String], _ source: String?
    ) throws -> (String, JobRun)? {
        let back = chicago.nights(endingAt: nights[0], count: ChangesHistory.lookback + 1)
        let histories = try ChangesHistory.forPairs(
            queries: store, lookbackFrom: back[0], dayBefore: back[back.count - 2], first: nights[0],
            last: nights[nights.count - 1], source: source)
        for night in nights.reversed() {
            for pair in ChangesPairs.newlyFailing(on: night, histories: histories) {
                if let run = histories.first(where: { $0.key == pair.key })?.run(on: night) {
                    return (night, run)
                }
            }
        }
        return nil
    }
}
