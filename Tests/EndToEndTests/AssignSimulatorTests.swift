import Foundation
import GitLab
import GitLabSimulator
import LogAnalysis
import Store
import Testing
import TriageCore
import TriageTestSupport

/// A nightly failed latest attempt whose project has an issue describing its cause (the truth).
func truthLinkedFailure(_ org: Organisation, in cached: Set<Int>, excluding: Set<Int> = []) -> (
    job: Int, issueIID: Int
)? {
    for issue in org.issues {
        guard let cause = issue.causeID else { continue }
        for job in org.jobs.reversed() where cached.contains(job.id) && !excluding.contains(job.id) {
            if job.projectID == issue.projectID, !job.retried, org.cause(ofJob: job.id)?.id == cause {
                return (job.id, issue.iid)
            }
        }
    }
    return nil
}

@Suite(.serialized) struct AssignSimulatorTests {
    @Test func commentIsPostedOncePerJobAndIssueAndReadOnlyTokensKeepTheAssignment() async throws {
        let readOnly = "glpat-readonly-8d2e"
        try await withSimulator(tokens: [secretToken: .api, readOnly: .readAPI]) { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let env = ["GITLAB_TOKEN": secretToken, "USER": "alice"]
            let fetched = try await runTriage(["-c", "fetch"], workspace: workspace, environment: env)
            #expect(fetched.status == 0, "\(fetched.stderr)")
            #expect(fetched.stdout.contains("issues: "))
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let cached = Set(try store.failures(nights: Set(try store.nights())).map(\.job.id))
            let org = simulator.organisation
            guard let first = truthLinkedFailure(org, in: cached),
                let issueProject = org.issues.first(where: {
                    $0.iid == first.issueIID && org.job(id: first.job)?.projectID == $0.projectID
                })
                .flatMap({ org.project(id: $0.projectID)?.pathWithNamespace }),
                let other = cached.sorted().first(where: { $0 != first.job })
            else {
                Issue.record("the simulator has no truth-linked failure in the cache")
                return
            }
            let notePosts = {
                simulator.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/notes") }
            }

            let line = "assign job \(first.job) issue \(first.issueIID) --comment"
            let once = try await runTriage(["-c", line], workspace: workspace, environment: env)
            #expect(once.status == 0, "\(once.stderr)")
            #expect(once.stdout.contains("commented on "))
            let twice = try await runTriage(["-c", line], workspace: workspace, environment: env)
            #expect(twice.status == 0, "\(twice.stderr)")
            #expect(twice.stdout.contains("not posted again"))
            #expect(notePosts().count == 1)
            #expect(notePosts().first?.status == 201)

            let second = (job: other, ref: "\(issueProject)#\(first.issueIID)")
            let denied = try await runTriage(
                ["-c", "assign job \(second.job) issue \(second.ref) --comment"], workspace: workspace,
                environment: ["GITLAB_TOKEN": readOnly, "USER": "bob"])
            #expect(denied.status != 0)
            #expect(
                denied.stderr.contains("the comment was not posted: the token has only read access"),
                "\(denied.stderr)")
            #expect(denied.stderr.contains("'api' scope"))
            #expect(notePosts().count == 2)
            #expect(notePosts().last?.status == 403)
            let book = try readAssignments(workspace)
            #expect(book.assignment(job: second.job)?.by == "bob")
            #expect(book.comments.map(\.job) == [first.job])
            let file = try Data(contentsOf: assignmentsURL(workspace))
            for text in [once.stdout, once.stderr, denied.stdout, denied.stderr] {
                #expect(!text.contains(secretToken) && !text.contains(readOnly))
            }
            #expect(!file.contains(secretToken) && !file.contains(readOnly))
        }
    }

    /// The figure of issue 5: on failures whose cause the truth links to an issue of their
    /// project, how often `suggest`'s first candidate is that issue (no assignments yet: text only).
    @Test func suggestRanksTheTruthsIssueFirst() async throws {
        try await withSimulator(projects: 16, nights: 12) { simulator, url in
            let workspace = try makeWorkspace(url: url, nights: 12)
            let (_, store, client) = try await syncDirectly(url: url, workspace: workspace, nights: 12)
            _ = try Analyzer(cache: store, store: store).analyseNew()
            _ = try await syncIssues(
                projects: try store.projects(), source: client, cache: store, store: store)
            let org = simulator.organisation
            let paths = Dictionary(uniqueKeysWithValues: try store.projects().map { ($0.id, $0.path) })
            let candidates = try store.issues().map {
                IssueCandidate(issue: $0, projectPath: paths[$0.projectID] ?? "")
            }
            let causeOfIssue = Dictionary(
                org.issues.map { ("\($0.projectID)#\($0.iid)", $0.causeID) }, uniquingKeysWith: { a, _ in a })
            let byPath = Dictionary(paths.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var linked = 0
            var first = 0
            var misses: [String] = []
            for a in try store.analyses(nights: nil) {
                guard let cause = org.cause(ofJob: a.jobID)?.id,
                    !org.adversarialJobs.values.contains(a.jobID),
                    let job = org.job(id: a.jobID),
                    org.issues.contains(where: { $0.projectID == job.projectID && $0.causeID == cause })
                else { continue }
                linked += 1
                let target = SuggestionTarget(
                    jobID: a.jobID, projectPath: a.projectPath, jobName: a.jobName,
                    cluster: a.cluster?.rawValue,
                    lines: a.excerpt.map(\.text))
                let ranked = SuggestionRanker().rank(
                    target, issues: candidates, assignments: Assignments(), clusterOf: [:],
                    similarClusters: [:])
                let top = ranked.first.flatMap { s in byPath[s.issue.project].map { "\($0)#\(s.issue.iid)" } }
                if let top, causeOfIssue[top] == cause {
                    first += 1
                } else if misses.count < 5 {
                    misses.append(
                        "\(a.jobID) \(cause): \(a.keyLine ?? "-") → \(ranked.first?.issue.title ?? "none")")
                }
            }
            let figure = Double(first) / Double(max(linked, 1))
            print(
                "suggest: right issue first for \(first)/\(linked) truth-linked failures (\(String(format: "%.1f", figure * 100))%)"
            )
            #expect(linked >= 20)
            #expect(figure >= 0.8, "\(misses.joined(separator: "\n"))")
        }
    }
}

@Suite(.serialized) struct AssignClusterTests {
    /// A cluster assignment covers a member that arrives with the next fetch, with no command typed.
    @Test func aClusterAssignmentCoversFutureMembers() async throws {
        try await withSimulator(projects: 12, nights: 6) { simulator, url in
            let workspace = try makeWorkspace(url: url, nights: 7)
            let env = ["GITLAB_TOKEN": secretToken, "USER": "alice"]
            #expect(try await runTriage(["-c", "fetch"], workspace: workspace, environment: env).status == 0)
            simulator.advance(nights: 1)
            let org = simulator.organisation
            let newNight = try #require(org.nights.last)
            let laterEnv = env.merging(["TRIAGE_NOW": "\(dayAfter(newNight))T14:00:00Z"]) { _, b in b }
            // Pick a cluster of the cache whose cause fails again on the new night.
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let newJobs = org.pipelines.filter { $0.night == newNight && $0.source == "schedule" }
                .flatMap { org.jobs(ofPipeline: $0.id) }.filter {
                    $0.status == "failed" && !$0.retried && !$0.allowFailure
                }
            guard let someIssue = org.issues.first,
                let issuePath = org.project(id: someIssue.projectID)?.pathWithNamespace
            else {
                Issue.record("the simulator has no issue")
                return
            }
            let ref = "\(issuePath)#\(someIssue.iid)"
            var chosen: (cluster: String, job: Int)?
            for a in try store.analyses(nights: nil) {
                guard let cause = org.cause(ofJob: a.jobID)?.id, let cluster = a.cluster?.rawValue,
                    let next = newJobs.first(where: {
                        org.cause(ofJob: $0.id)?.id == cause
                            && org.adversarialJobs.values.contains($0.id) == false
                    })
                else { continue }
                chosen = (cluster, next.id)
                break
            }
            guard let chosen else {
                Issue.record("no cause fails both before and on the new night")
                return
            }
            let assign = try await runTriage(
                ["-c", "assign cluster \(chosen.cluster) issue \(ref)"], workspace: workspace,
                environment: env)
            #expect(assign.status == 0, "\(assign.stderr)")
            let fetched = try await runTriage(["-c", "fetch"], workspace: workspace, environment: laterEnv)
            #expect(fetched.status == 0, "\(fetched.stderr)")
            let untriaged = try await runTriage(
                ["--format", "tsv", "-c", "failures last-night --untriaged"], workspace: workspace,
                environment: laterEnv)
            #expect(untriaged.status == 0, "\(untriaged.stderr)")
            #expect(!untriaged.stdout.contains("\t\(chosen.job)\t"), "\(untriaged.stdout)")
            let all = try await runTriage(
                ["--format", "tsv", "-c", "failures last-night"], workspace: workspace, environment: laterEnv)
            let line = all.stdout.split(separator: "\n").first { $0.contains("\t\(chosen.job)\t") }
            #expect(line?.contains("\t\(ref) (cluster)\t") == true, "\(all.stdout)")
        }
    }
}

/// `2026-11-29` → `2026-11-30`.
func dayAfter(_ night: String) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let f = DateFormatter()
    f.calendar = calendar
    f.timeZone = calendar.timeZone
    f.dateFormat = "yyyy-MM-dd"
    guard let day = f.date(from: night), let next = calendar.date(byAdding: .day, value: 1, to: day) else {
        preconditionFailure("\(night) is not a yyyy-MM-dd night")
    }
    return f.string(from: next)
}
