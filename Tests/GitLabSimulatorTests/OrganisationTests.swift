import Basics
import Foundation
import Testing

@testable import GitLabSimulator

/// The generator's contracts, checked without a server.
@Suite struct OrganisationTests {
    static let config = SimulatorConfiguration(lastNight: "2026-11-28")
    static let org = Organisation(configuration: config)

    @Test func sameSeedGivesTheSameOrganisationAndByteIdenticalTraces() {
        let again = Organisation(configuration: Self.config)
        #expect(again.projects == Self.org.projects)
        #expect(again.pipelines == Self.org.pipelines)
        #expect(again.jobs == Self.org.jobs)
        #expect(again.issues == Self.org.issues)
        for job in Self.org.jobs.filter({ $0.status == "failed" }).prefix(50) {
            #expect(again.trace(ofJob: job.id) == Self.org.trace(ofJob: job.id))
        }
    }

    /// More projects than the generator has Julia names (160) still get one name each: a
    /// 1,000-project organisation used to loop for ever looking for a 161st.
    @Test func aThousandProjectsGetDistinctNames() {
        var config = Self.config
        config.projects = 1000
        config.nights = 1
        let org = Organisation(configuration: config)
        #expect(org.projects.count == 1003)
        #expect(Set(org.projects.map(\.pathWithNamespace)).count == 1003)
        #expect(org.projects.filter { $0.language == .julia }.count > 160)
        // The first 160 Julia packages keep their names: a smaller organisation is unchanged.
        #expect(Array(org.projects.prefix(40).map(\.name)) == Self.org.projects.prefix(40).map(\.name))
    }

    @Test func differentSeedGivesADifferentOrganisation() {
        var other = Self.config
        other.seed = 8
        let org = Organisation(configuration: other)
        #expect(org.projects.map(\.name) != Self.org.projects.map(\.name))
        #expect(org.jobs.map(\.status) != Self.org.jobs.map(\.status))
    }

    @Test func countsAndShape() {
        let org = Self.org
        #expect(org.nights.count == 30)
        #expect(org.nights.first == "2026-10-30")
        #expect(org.nights.last == "2026-11-28")
        #expect(org.projects.filter { !$0.archived }.count == 40)
        #expect(org.projects.filter(\.archived).count == 3)
        #expect(Set(org.groups.map(\.fullPath)) == ["julia", "julia/ml", "tools"])
        let schedules = org.pipelines.filter { $0.source == "schedule" }
        #expect(schedules.count == 40 * 30)
        #expect(org.pipelines.contains { $0.source == "push" })
        #expect(org.pipelines.contains { $0.source == "merge_request_event" })
        #expect(org.pipelines.map(\.id) == org.pipelines.map(\.id).sorted())
        #expect(org.jobs.map(\.id) == org.jobs.map(\.id).sorted(), "endpoints rely on ascending ids")
        for status in ["success", "failed", "canceled", "skipped", "manual"] {
            #expect(org.jobs.contains { $0.status == status }, "no \(status) job")
        }
        #expect(org.jobs.contains { $0.retried })
        #expect(org.projects.contains { $0.writesTimestamps })
        #expect(org.issues.contains { $0.state == "opened" } && org.issues.contains { $0.state == "closed" })
    }

    @Test func pipelineStatusFollowsLatestAttempts() {
        for pipeline in Self.org.pipelines {
            let latest = Self.org.jobs(ofPipeline: pipeline.id).filter { !$0.retried }
            let blocking = latest.contains { $0.status == "failed" && !$0.allowFailure }
            #expect((pipeline.status == "failed") == blocking, "pipeline \(pipeline.id)")
            #expect(
                Set(latest.map(\.name)).count == latest.count, "one latest attempt per name in \(pipeline.id)"
            )
            let all = Self.org.jobs(ofPipeline: pipeline.id)
            for job in all where job.retried {
                let newer = all.filter { $0.name == job.name && $0.id > job.id }
                #expect(newer.count == 1, "a retried attempt has exactly one newer attempt")
            }
            // Retries are created after the pipeline's first attempts, so they carry its highest ids.
            let isRetry = { (j: Organisation.Job) in all.contains { $0.name == j.name && $0.id < j.id } }
            let retries = all.filter(isRetry).map(\.id)
            let firsts = all.filter { !isRetry($0) }.map(\.id)
            if let low = retries.min(), let high = firsts.max() { #expect(low > high) }
        }
        // Passed with warnings: an allow_failure job failed, pipeline success.
        #expect(
            Self.org.pipelines.contains { p in
                p.status == "success"
                    && Self.org.jobs(ofPipeline: p.id).contains { $0.status == "failed" && $0.allowFailure }
            })
    }

    @Test func everyFailedJobHasACauseAndOnlyFailedJobs() {
        for job in Self.org.jobs {
            if job.status == "failed" {
                #expect(Self.org.cause(ofJob: job.id) != nil, "job \(job.id)")
                #expect(job.failureReason != nil)
            } else {
                #expect(Self.org.cause(ofJob: job.id) == nil)
                #expect(job.failureReason == nil)
            }
        }
    }

    @Test func causesPersistSpreadAndAppearNew() {
        let org = Self.org
        let failed = org.jobs.filter { $0.status == "failed" && !$0.allowFailure }
        var nightsByCause: [String: Set<Int>] = [:]
        var projectsByCauseNight: [String: Set<Int>] = [:]
        for job in failed {
            guard let cause = org.cause(ofJob: job.id), let p = org.pipeline(id: job.pipelineID),
                p.source == "schedule"
            else { continue }
            nightsByCause[cause.id, default: []].insert(p.nightIndex)
            projectsByCauseNight["\(cause.id)@\(p.nightIndex)", default: []].insert(p.projectID)
        }
        #expect(nightsByCause.values.contains { $0.count >= 3 }, "a cause persisting over several nights")
        #expect(
            projectsByCauseNight.values.contains { $0.count >= 2 },
            "a cause hitting several projects in one night")
        #expect(nightsByCause.values.contains { $0 == [29] }, "a cause new on the last night")
        let kinds = Set(org.allCauses.values.map(\.kind))
        for kind in [
            FailureCause.Kind.testFailure, .testError, .loadError, .pkgResolution, .pytest, .oomKilled,
            .timeout, .dockerPull,
        ] {
            #expect(kinds.contains(kind), "missing \(kind)")
        }
        #expect(org.allCauses.values.contains { $0.isInfrastructure })
    }

    /// Night "2026-10-31" runs at 00:00 CDT on Nov 1 (05:00Z); "2026-11-01" at 00:00 CST on Nov 2 (06:00Z).
    @Test(arguments: [("2026-10-30", 5), ("2026-10-31", 5), ("2026-11-01", 6), ("2026-11-28", 6)])
    func scheduleHourFollowsChicagoDST(night: String, utcHour: Int) {
        let pipelines = Self.org.pipelines.filter { $0.night == night }
        #expect(pipelines.count == 40)
        for p in pipelines {
            let text = isoMillis(p.createdAt)
            #expect(text.hasPrefix(CivilDate(night).map { $0.adding(days: 1).text } ?? "?"))
            #expect(text.dropFirst(11).prefix(2) == String(format: "%02d", utcHour)[...])
        }
    }

    @Test(arguments: [
        ("2026-03-08", -6), ("2026-03-09", -5), ("2026-11-01", -5), ("2026-11-02", -6), ("2026-07-04", -5),
        ("2026-01-15", -6),
    ])
    func chicagoOffsetAtMidnight(date: String, offset: Int) {
        #expect(CivilDate(date).map(chicagoOffsetHoursAtMidnight) == offset)
    }

    @Test(arguments: [
        ("2026-11-29T06:00:12.345Z", Int64(1_795_932_012_345)), ("2026-11-29", Int64(1_795_910_400_000)),
        ("2026-11-29T00:00:12-06:00", Int64(1_795_932_012_000)),
        ("2026-11-29T07:00:12+01:00", Int64(1_795_932_012_000)),
    ])
    func parsesISO8601(text: String, millis: Int64) {
        #expect(parseISO8601Millis(text) == millis)
        #expect(parseISO8601Millis("yesterday") == nil)
    }

    @Test func formatsTimestamps() {
        #expect(isoMillis(1_795_932_012_345) == "2026-11-29T06:00:12.345Z")
        #expect(isoMicros(1_795_932_012_000_045) == "2026-11-29T06:00:12.000045Z")
        #expect(httpDate(epochSeconds: 1_609_844_400) == "Tue, 05 Jan 2021 11:00:00 GMT")
    }

    @Test func tracesLookLikeGitLabRunnerOutput() throws {
        let org = Self.org
        let failed = try #require(
            org.jobs.first {
                $0.status == "failed" && org.adversarialByJob[$0.id] == nil
                    && org.cause(ofJob: $0.id)?.kind == .testFailure
                    && org.project(id: $0.projectID)?.language == .julia
            })
        let text = String(decoding: org.trace(ofJob: failed.id), as: UTF8.self)
        let plain = text.replacing(/\x{1B}\[[0-9;]*[A-Za-z]/, with: "")
        #expect(plain.contains("Test Failed at /builds/"))
        #expect(text.contains("Running with gitlab-runner "))
        #expect(text.contains("section_start:") && text.contains(":step_script\r\u{1B}[0K"))
        #expect(text.hasSuffix("\u{1B}[31;1mERROR: Job failed: exit code 1\u{1B}[0;m\n"))
        let passed = try #require(
            org.jobs.first { $0.status == "success" && $0.name.hasPrefix("test-julia") })
        let green = String(decoding: org.trace(ofJob: passed.id), as: UTF8.self)
        #expect(green.hasSuffix("\u{1B}[32;1mJob succeeded\u{1B}[0;m\n"))
        #expect(green.contains("] DataFrames v") || green.contains("Status `"))
        let skipped = try #require(org.jobs.first { $0.status == "skipped" })
        #expect(org.trace(ofJob: skipped.id).isEmpty)
    }

    /// The tail that each kind of failure leaves, by GitLab failure_reason and runner wording (§5.1).
    /// A rate limit met at image pull is a runner system failure; met by pip or npm, a script failure.
    /// (Updated when the simulator learnt to phrase one cause by each ecosystem's tools: the Julia
    /// jobs keep the wording checked here.)
    @Test(arguments: [
        (
            FailureCause.Kind.dockerPull, "runner_system_failure",
            "ERROR: Job failed (system failure): failed to pull image"
        ),
        (
            .timeout, "job_execution_timeout",
            "ERROR: Job failed: execution took longer than 1h0m0s seconds\u{1B}[0;m\n"
        ),
        (.oomKilled, "script_failure", "ERROR: Job failed: exit code 137\u{1B}[0;m\n"),
        (.pkgResolution, "script_failure", "ERROR: Job failed: exit code 1\u{1B}[0;m\n"),
        (.runnerSystemFailure, "runner_system_failure", "ERROR: Job failed (system failure): "),
    ])
    func failureTails(kind: FailureCause.Kind, reason: String, tail: String) throws {
        let org = Self.org
        let job = try #require(
            org.jobs.first {
                org.cause(ofJob: $0.id)?.kind == kind && org.adversarialByJob[$0.id] == nil
                    && $0.failureReason == reason
                    && (![.oomKilled, .pkgResolution].contains(kind)
                        || org.project(id: $0.projectID)?.language == .julia)
            })
        #expect(job.failureReason == reason)
        let text = String(decoding: org.trace(ofJob: job.id), as: UTF8.self)
        let lastLine = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect((lastLine + "\n").contains(tail), "\(lastLine)")
        if kind == .dockerPull || kind == .runnerSystemFailure { #expect(!text.contains("step_script")) }
        if kind == .oomKilled { #expect(text.contains(" Killed ")) }
        if kind == .pkgResolution {
            #expect(text.contains("Unsatisfiable requirements detected for package"))
        }
    }

    /// A dependency release breaks projects on its night: the red trace lists the new version, the previous
    /// night's trace of the same project the old one (what a green-vs-red diff should surface).
    @Test func dependencyBumpCorrelatesWithItsCause() throws {
        let org = Self.org
        let job = try #require(
            org.jobs.first { j in
                guard let c = org.cause(ofJob: j.id), c.id.hasPrefix("julia-loaderror-"),
                    org.adversarialByJob[j.id] == nil,
                    let p = org.pipeline(id: j.pipelineID), p.source == "schedule", p.nightIndex > 0
                else { return false }
                return org.pipelines(ofProject: j.projectID).contains {
                    $0.source == "schedule" && $0.nightIndex == p.nightIndex - 1
                }
                    && !org.pipelines(ofProject: j.projectID).filter { $0.nightIndex == p.nightIndex - 1 }
                        .flatMap { org.jobs(ofPipeline: $0.id) }.contains {
                            org.cause(ofJob: $0.id)?.id == org.cause(ofJob: j.id)?.id
                        }
            })
        let cause = try #require(org.cause(ofJob: job.id))
        let parts = cause.id.split(separator: "-")
        let (dep, version) = (String(parts[2]), String(parts[3]))
        let red = String(decoding: org.trace(ofJob: job.id), as: UTF8.self)
        #expect(red.contains("\(dep) v\(version)"))
        #expect(red.contains("LoadError: UndefVarError:"))
        let night = try #require(org.pipeline(id: job.pipelineID)).nightIndex
        let before = try #require(
            org.pipelines(ofProject: job.projectID).last {
                $0.source == "schedule" && $0.nightIndex == night - 1
            })
        let earlier = try #require(
            org.jobs(ofPipeline: before.id).first {
                $0.name == job.name && !$0.retried && $0.startedAt != nil
            })
        let green = String(decoding: org.trace(ofJob: earlier.id), as: UTF8.self)
        #expect(green.contains("\(dep) v"))
        #expect(!green.contains("\(dep) v\(version)\n"))
    }

    @Test func sameCauseNeverGivesIdenticalText() throws {
        let org = Self.org
        var byCause: [String: [Int]] = [:]
        for job in org.jobs where job.status == "failed" && org.adversarialByJob[job.id] == nil {
            if let c = org.cause(ofJob: job.id), c.kind == .testFailure {
                byCause[c.id, default: []].append(job.id)
            }
        }
        let (_, ids) = try #require(byCause.first { $0.value.count >= 2 })
        #expect(org.trace(ofJob: ids[0]) != org.trace(ofJob: ids[1]))
    }

    @Test func timestampedRunnersPrefixEveryLine() throws {
        let org = Self.org
        let project = try #require(org.projects.first { $0.writesTimestamps && !$0.archived })
        let job = try #require(org.jobs.first { $0.projectID == project.id && $0.status == "success" })
        let lines = String(decoding: org.trace(ofJob: job.id), as: UTF8.self).split(separator: "\n")
        let pattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [0-9a-f]{2}[OE][ +]/
        #expect(lines.count > 20)
        for line in lines { #expect(line.prefixMatch(of: pattern) != nil, "\(line)") }
    }

    @Test(arguments: AdversarialTrace.allCases)
    func adversarialTraces(kind: AdversarialTrace) throws {
        let org = Self.org
        let id = try #require(org.adversarialJobs[kind])
        #expect(org.job(id: id)?.status == "failed")
        let bytes = org.trace(ofJob: id)
        let text = String(decoding: bytes, as: UTF8.self)
        switch kind {
        case .huge:
            #expect(bytes.count > 6_000_000)
            #expect(text.hasSuffix("ERROR: Job failed: exit code 1\u{1B}[0;m\n"))
        case .invalidUTF8: #expect(String(validating: bytes, as: UTF8.self) == nil)
        case .html:
            #expect(text.contains("<script>alert(1)</script>"))
            #expect(text.contains("<img src=x onerror=alert(1)>"))
        case .empty: #expect(bytes.isEmpty)
        case .escapesOnly:
            #expect(!bytes.isEmpty)
            let stripped = text.replacing(/\x{1B}\[[0-9;]*[A-Za-z]/, with: "").filter { !$0.isWhitespace }
            #expect(stripped.isEmpty)
        case .truncated:
            #expect(
                text.hasSuffix(
                    "Job's log exceeded limit of 4194304 bytes.\nJob execution will continue but no more output will be collected.\u{1B}[0;m\n"
                ))
            #expect(!text.contains("ERROR: Job failed"))
            let notice =
                "\n\u{1B}[33;1mJob's log exceeded limit of 4194304 bytes.\nJob execution will continue but no more output will be collected.\u{1B}[0;m\n"
            #expect(bytes.count == 4_194_304 + notice.utf8.count)
        }
    }

    @Test func advanceAppendsDeterministicNights() {
        var a = Organisation(configuration: Self.config)
        var b = Organisation(configuration: Self.config)
        a.generateNight(a.nights.count)
        b.generateNight(b.nights.count)
        #expect(a.nights.last == "2026-11-29")
        #expect(a.pipelines == b.pipelines)
        #expect(a.pipelines.filter { $0.night == "2026-11-29" }.count == 40)
        #expect((a.pipelines.last?.id ?? 0) > (Self.org.pipelines.last?.id ?? 0))
    }

    @Test func generationIsFast() {
        var config = Self.config
        config.projects = 100
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = Organisation(configuration: config) }
        // Debug builds are ~10× slower than release; the release target is well under a second.
        #expect(elapsed < .seconds(5))
    }
}
