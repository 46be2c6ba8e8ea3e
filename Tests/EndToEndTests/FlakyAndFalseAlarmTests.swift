import Foundation
import GitLabSimulator
import Store
import Testing
import TriageCore
import TriageTestSupport

/// The two judgements issue 4 finished last, through the real binary after a real `fetch`, against
/// the simulator's truth: clusters marked flaky because they alternate with green nights, and
/// `pattern test`'s false alarms in the cached green traces.
@Suite(.serialized) struct FlakyAndFalseAlarmTests {
    static func json(_ run: Transcript) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    struct JobKey: Hashable {
        var project: Int
        var name: String
    }

    @Test func flakyMarksAndFalseAlarmsAgainstTheSimulator() async throws {
        try await withFetchedOrganisation(projects: 40, nights: 30) { shared, workspace in
            let org = shared.simulator.organisation
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            try await checkFlakyMarks(org: org, store: store, workspace: workspace)
            try await checkFalseAlarms(org: org, store: store, workspace: workspace)
        }
    }

    /// Every cluster's flaky mark, exactly: a member retried to green, or a job failing in the cluster
    /// on two nights with a green night of that job between them. Computed here from the simulator's
    /// jobs (not the cache), then checked against the truth's causes.
    func checkFlakyMarks(org: Organisation, store: SQLiteCacheStore, workspace: URL) async throws {
        // The simulator's nightly record: green nights per job, each failed attempt's night.
        var green: [JobKey: Set<String>] = [:]
        var retriedGreen = Set<Int>()
        for pipeline in org.pipelines where pipeline.source == "schedule" {
            guard let night = pipeline.night else { continue }
            let jobs = org.jobs(ofPipeline: pipeline.id)
            for job in jobs {
                if job.status == "success" && !job.retried {
                    green[JobKey(project: job.projectID, name: job.name), default: []].insert(night)
                }
                if job.status == "failed"
                    && jobs.contains(where: {
                        $0.name == job.name && $0.id > job.id && $0.status == "success"
                    })
                {
                    retriedGreen.insert(job.id)
                }
            }
        }
        func night(_ job: Organisation.Job) -> String? { org.pipeline(id: job.pipelineID)?.night }

        let analyses = try store.analyses(nights: nil)
        var members: [String: [Organisation.Job]] = [:]
        for a in analyses {
            guard let cluster = a.cluster, let job = org.job(id: a.jobID) else { continue }
            members[cluster.rawValue, default: []].append(job)
        }
        func alternates(_ jobs: [Organisation.Job]) -> Bool {
            let byJob = Dictionary(grouping: jobs, by: { JobKey(project: $0.projectID, name: $0.name) })
            return byJob.contains { key, jobs in
                let red = Set(jobs.compactMap(night))
                guard let first = red.min(), let last = red.max() else { return false }
                return (green[key] ?? []).contains { $0 > first && $0 < last && !red.contains($0) }
            }
        }
        var expected: [String: Bool] = [:]
        var byAlternation = Set<String>()
        for (cluster, jobs) in members {
            let alternating = alternates(jobs)
            if alternating { byAlternation.insert(cluster) }
            expected[cluster] = alternating || jobs.contains { retriedGreen.contains($0.id) }
        }

        // `clusters 30d` (every cached night) marks exactly those.
        let clusters = try await runTriage(["clusters", "30d", "--format", "json"], workspace: workspace)
        let records = try #require(try Self.json(clusters) as? [[String: Any]])
        #expect(records.count == members.count)
        var marked: [String: Bool] = [:]
        for record in records {
            marked[record["id"] as? String ?? ""] = record["flaky"] as? Bool
        }
        #expect(marked == expected)
        // Alternation is what marks some of them: no member of theirs was retried to green.
        let onlyByAlternation = byAlternation.filter { c in
            !(members[c] ?? []).contains { retriedGreen.contains($0.id) }
        }
        #expect(!onlyByAlternation.isEmpty)

        // `failures` marks each job as its cluster is marked.
        let failures = try await runTriage(
            ["failures", "30d", "--with-warnings", "--format", "json"], workspace: workspace)
        let rows = try #require(try Self.json(failures) as? [[String: Any]])
        #expect(!rows.isEmpty)
        for row in rows {
            guard let cluster = row["cluster"] as? String else { continue }
            #expect(row["flaky"] as? Bool == expected[cluster], "job \(row["job"] ?? "?") of \(cluster)")
        }

        // One rule whatever the range (`FlakyClusters`): a shorter listing marks each cluster as the
        // whole cache does, even when the member retried to green, or the alternation, lies
        // outside it. `clusters 3d` used to judge only the members in range.
        let shortClusters = try await runTriage(["clusters", "3d", "--format", "json"], workspace: workspace)
        let short = try #require(try Self.json(shortClusters) as? [[String: Any]])
        #expect(!short.isEmpty)
        for record in short {
            let id = record["id"] as? String ?? ""
            #expect(record["flaky"] as? Bool == expected[id], "clusters 3d: \(id)")
        }
        let shortFailures = try await runTriage(
            ["failures", "3d", "--with-warnings", "--format", "json"], workspace: workspace)
        let shortRows = try #require(try Self.json(shortFailures) as? [[String: Any]])
        for row in shortRows {
            guard let cluster = row["cluster"] as? String else { continue }
            #expect(row["flaky"] as? Bool == expected[cluster], "failures 3d: job \(row["job"] ?? "?")")
        }
        let flakyRow = try #require(shortRows.first { $0["flaky"] as? Bool == true })
        let job = try #require(flakyRow["job"] as? Int)
        let shown = try await runTriage(
            ["show", "job", String(job), "--format", "json"], workspace: workspace)
        let record = try #require(try Self.json(shown) as? [String: Any])
        #expect(record["flaky"] as? Bool == true, "show job \(job): \(shown.stdout.prefix(300))")

        // Against the truth: a pure cluster of a cause that flakes by design, whose job failed on two
        // nights with a green one between, is marked; one of a persistent cause (failing every night
        // the job ran, from its first failure to its last) is not.
        func cause(_ jobs: [Organisation.Job]) -> FailureCause? {
            let causes = Set(jobs.compactMap { org.cause(ofJob: $0.id)?.id })
            return causes.count == 1 ? jobs.first.flatMap { org.cause(ofJob: $0.id) } : nil
        }
        var causeNights: [String: [JobKey: Set<String>]] = [:]
        for job in org.jobs where job.status == "failed" {
            guard let c = org.cause(ofJob: job.id), let n = night(job),
                org.pipeline(id: job.pipelineID)?.source == "schedule"
            else { continue }
            causeNights[c.id, default: [:]][JobKey(project: job.projectID, name: job.name), default: []]
                .insert(n)
        }
        func persistent(_ c: FailureCause) -> Bool {
            guard !c.isFlaky, let jobs = causeNights[c.id], jobs.values.contains(where: { $0.count >= 2 })
            else { return false }
            return jobs.allSatisfy { key, nights in
                guard let first = nights.min(), let last = nights.max() else { return true }
                return !(green[key] ?? []).contains { $0 > first && $0 < last && !nights.contains($0) }
            }
        }
        var flakyCauseClusters = 0
        var flakyCauseByAlternationAlone = 0
        var persistentClusters = 0
        for (cluster, jobs) in members {
            guard let c = cause(jobs) else { continue }
            if c.isFlaky && alternates(jobs) {
                flakyCauseClusters += 1
                if !jobs.contains(where: { retriedGreen.contains($0.id) }) {
                    flakyCauseByAlternationAlone += 1
                }
                #expect(marked[cluster] == true, "\(cluster) of flaky cause \(c.id)")
            }
            if persistent(c) && !jobs.contains(where: { retriedGreen.contains($0.id) }) {
                persistentClusters += 1
                #expect(marked[cluster] == false, "\(cluster) of persistent cause \(c.id)")
            }
        }
        if ProcessInfo.processInfo.environment["FLAKY_DEBUG"] != nil {
            for c in onlyByAlternation.sorted() {
                print(
                    "  alternating only: \(c) causes \(Set((members[c] ?? []).compactMap { org.cause(ofJob: $0.id)?.id }).sorted())"
                )
            }
        }
        print(
            "flaky truth: \(members.count) clusters, \(expected.values.filter { $0 }.count) flaky "
                + "(\(onlyByAlternation.count) by alternation alone); \(flakyCauseClusters) alternating clusters "
                + "of flaky causes (\(flakyCauseByAlternationAlone) with no green retry), "
                + "\(persistentClusters) clusters of persistent causes")
        #expect(flakyCauseClusters > 0)
        // Not asserted since clusters span projects: on this seed every alternating cluster of a
        // flaky cause also holds a member with a green retry, so "by alternation alone" is 0. The
        // marks themselves are checked against the history above.
        _ = flakyCauseByAlternationAlone
        #expect(persistentClusters > 0)
    }

    /// `pattern test`: red matches and false alarms in green traces, counted here from the cache's
    /// raw traces.
    func checkFalseAlarms(org: Organisation, store: SQLiteCacheStore, workspace: URL) async throws {
        var red: [Int: Data] = [:]
        var green: [Int: Data] = [:]
        for (pipeline, _) in try store.pipelines(nights: nil) {
            let jobs = try store.jobs(pipelineID: pipeline.id)
            let traced = try store.storedTraces(jobIDs: jobs.map(\.id))
            for job in jobs where traced.contains(job.id) {
                let data = try #require(try store.trace(jobID: job.id))
                if job.status == .failed { red[job.id] = data }
                if job.status == .success { green[job.id] = data }
            }
        }
        #expect(!green.isEmpty)
        func count(_ traces: [Int: Data], containing text: String) -> Int {
            traces.values.filter { $0.range(of: Data(text.utf8)) != nil }.count
        }

        // A line of Pkg's dependency listing: in red and green Julia traces alike.
        let listing = try await runTriage(
            ["pattern", "test", #"DataFrames v1\."#, "--format", "json"], workspace: workspace)
        #expect(listing.status == 0, "\(listing.stderr)")
        let listed = try #require(try Self.json(listing) as? [String: Any])
        let falseAlarms = count(green, containing: "DataFrames v1.")
        #expect(falseAlarms > 0)
        #expect(listed["green_total"] as? Int == green.count)
        #expect(listed["green_matched"] as? Int == falseAlarms)
        #expect(listed["red_total"] as? Int == red.count)
        #expect((listed["red"] as? [Any])?.count == count(red, containing: "DataFrames v1."))
        let examples = try #require(listed["green"] as? [[String: Any]])
        #expect(examples.count == min(5, falseAlarms))
        for example in examples {
            let id = try #require(example["job"] as? Int)
            let job = try #require(org.job(id: id))
            #expect(job.status == "success")
            #expect(example["night"] as? String == org.pipeline(id: job.pipelineID)?.night)
            #expect(example["name"] as? String == job.name)
            #expect(example["project"] as? String == org.project(id: job.projectID)?.pathWithNamespace)
            #expect((example["text"] as? String ?? "").contains("DataFrames v1."))
        }
        let table = try await runTriage(
            ["pattern", "test", #"DataFrames v1\."#, "--format", "table"], workspace: workspace)
        let heading = table.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            heading
                == "'DataFrames v1\\.' matches \(count(red, containing: "DataFrames v1.")) of \(red.count) failed traces, "
                + "and \(falseAlarms) of \(green.count) green traces (false alarms)")
        #expect(
            table.stdout.split(separator: "\n").filter { $0.hasPrefix("green ") }.count == min(5, falseAlarms)
        )

        // A failure's own line: never in a green trace.
        let failure = try await runTriage(
            ["pattern", "test", "Test Failed", "--format", "json"], workspace: workspace)
        let failed = try #require(try Self.json(failure) as? [String: Any])
        #expect(count(green, containing: "Test Failed") == 0)
        #expect(failed["green_matched"] as? Int == 0)
        #expect((failed["green"] as? [Any])?.isEmpty == true)
        let matched = (failed["red"] as? [Any])?.count ?? 0
        #expect(matched > 0)
        #expect(matched == count(red, containing: "Test Failed"))
    }
}
