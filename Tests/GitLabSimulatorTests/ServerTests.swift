import Foundation
import Testing

@testable import GitLabSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A minimal HTTP client for the tests (URLSession, keep-alive).
struct Client {
    let base: URL
    let session: URLSession

    init(_ base: URL) {
        self.base = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
    }

    struct Response {
        let status: Int
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }
        func array() throws -> [[String: Any]] { try #require(try json() as? [[String: Any]]) }
        func object() throws -> [String: Any] { try #require(try json() as? [String: Any]) }
    }

    func send(
        _ pathAndQuery: String, method: String = "GET", token: String? = "glpat-simulator-token",
        bearer: Bool = false,
        body: Data? = nil, contentType: String? = nil
    ) async throws -> Response {
        let url = try #require(URL(string: base.absoluteString + pathAndQuery))
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token {
            if bearer {
                request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            } else {
                request.setValue(token, forHTTPHeaderField: "PRIVATE-TOKEN")
            }
        }
        if let body { request.httpBody = body }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers["\(k)"] = "\(v)" }
        return Response(status: http.statusCode, headers: headers, body: data)
    }
}

let defaultConfiguration = SimulatorConfiguration(lastNight: "2026-11-28")
let defaultOrganisation = Organisation(configuration: defaultConfiguration)

/// Starts a simulator on 127.0.0.1:0 for the duration of `body`.
func withSimulator<R>(
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(lastNight: "2026-11-28"),
    _ body: (SimulatedGitLab, Client) async throws -> R
) async throws -> R {
    // The default organisation is generated once for all tests (generation is CPU work on the
    // cooperative pool, which the servers of parallel tests need too).
    let simulator =
        configuration.seed == defaultConfiguration.seed
            && configuration.projects == defaultConfiguration.projects
            && configuration.nights == defaultConfiguration.nights
            && configuration.lastNight == defaultConfiguration.lastNight
        ? SimulatedGitLab(configuration: configuration, organisation: defaultOrganisation)
        : SimulatedGitLab(configuration: configuration)
    let url = try await simulator.start()
    do {
        let result = try await body(simulator, Client(url))
        await simulator.stop()
        return result
    } catch {
        await simulator.stop()
        throw error
    }
}

@Suite struct ServerTests {
    @Test func startsOnLoopbackWithAFreePort() async throws {
        try await withSimulator { sim, client in
            #expect(client.base.absoluteString.hasPrefix("http://127.0.0.1:"))
            #expect(sim.baseURL == client.base)
            let r = try await client.send("/api/v4/version")
            #expect(r.status == 200)
            #expect(try r.object()["version"] as? String == "18.6.2-ee")
            #expect(sim.requestCount == 1)
            #expect(
                sim.requests == [
                    SimulatedRequest(method: "GET", path: "/api/v4/version", query: "", status: 200)
                ])
        }
    }

    @Test func paginationHeadersFirstMiddleLastPage() async throws {
        try await withSimulator { sim, client in
            let base = client.base.absoluteString
            let params = "archived=false&imported=false&membership=true&order_by=created_at&owned=false"
            let tail =
                "simple=true&sort=desc&starred=false&statistics=false&with_custom_attributes=false&with_issues_enabled=false&with_merge_requests_enabled=false"
            func link(_ page: Int) -> String {
                "\(base)/api/v4/projects?\(params)&page=\(page)&per_page=15&\(tail)"
            }
            // 40 non-archived projects, 15 per page → 3 pages.
            let first = try await client.send(
                "/api/v4/projects?simple=true&membership=true&archived=false&per_page=15")
            #expect(first.status == 200)
            #expect(try first.array().count == 15)
            #expect(first.header("X-Page") == "1")
            #expect(first.header("X-Per-Page") == "15")
            #expect(first.header("X-Next-Page") == "2")
            #expect(first.header("X-Prev-Page") == "")
            #expect(first.header("X-Total") == "40")
            #expect(first.header("X-Total-Pages") == "3")
            #expect(
                first.header("Link")
                    == "<\(link(2))>; rel=\"next\", <\(link(1))>; rel=\"first\", <\(link(3))>; rel=\"last\"")

            let middle = try await client.send(
                "/api/v4/projects?simple=true&membership=true&archived=false&per_page=15&page=2")
            #expect(middle.header("X-Next-Page") == "3")
            #expect(middle.header("X-Prev-Page") == "1")
            #expect(
                middle.header("Link")
                    == "<\(link(1))>; rel=\"prev\", <\(link(3))>; rel=\"next\", <\(link(1))>; rel=\"first\", <\(link(3))>; rel=\"last\""
            )

            let last = try await client.send(
                "/api/v4/projects?simple=true&membership=true&archived=false&per_page=15&page=3")
            #expect(try last.array().count == 10)
            #expect(last.header("X-Next-Page") == "")
            #expect(last.header("X-Prev-Page") == "2")
            #expect(
                last.header("Link")
                    == "<\(link(2))>; rel=\"prev\", <\(link(1))>; rel=\"first\", <\(link(3))>; rel=\"last\"")

            let beyond = try await client.send("/api/v4/projects?archived=false&per_page=15&page=9")
            #expect(beyond.status == 200)
            #expect(beyond.text == "[]")

            let all = try await client.send("/api/v4/projects?per_page=100")
            #expect(all.header("X-Total") == "43")
            let ids = try all.array().compactMap { $0["id"] as? Int }
            #expect(Set(ids) == Set(sim.organisation.projects.map(\.id)))
        }
    }

    @Test(arguments: [("per_page=500", "100"), ("per_page=100", "100"), ("per_page=7", "7"), ("", "20")])
    func perPageIsClamped(query: String, expected: String) async throws {
        try await withSimulator { _, client in
            let r = try await client.send("/api/v4/projects?\(query)")
            #expect(r.status == 200)
            #expect(r.header("X-Per-Page") == expected)
            #expect(try r.array().count == min(Int(expected) ?? 0, 43))
        }
    }

    @Test(arguments: [
        ("/api/v4/projects?per_page=0", 400, #"{"error":"per_page has a value not allowed"}"#),
        ("/api/v4/projects?page=0", 400, #"{"error":"page does not have a valid value"}"#),
        ("/api/v4/projects/999999", 404, #"{"message":"404 Project Not Found"}"#),
        ("/api/v4/projects/nobody%2Fnothing", 404, #"{"message":"404 Project Not Found"}"#),
        ("/api/v4/projects/101/jobs/1", 404, #"{"message":"404 Not found"}"#),
        ("/api/v4/projects/101/pipelines/1", 404, #"{"message":"404 Not found"}"#),
        ("/api/v4/projects/101/jobs/1/trace", 404, #"{"message":"404 Not found"}"#),
        ("/api/v4/nonsense", 404, #"{"error":"404 Not Found"}"#),
        (
            "/api/v4/projects/101/pipelines?status=bogus", 400,
            #"{"error":"status does not have a valid value"}"#
        ),
        ("/api/v4/projects/101/pipelines/1/jobs?scope[]=bogus", 404, #"{"message":"404 Not found"}"#),
        ("/api/v4/groups/nogroup", 404, #"{"message":"404 Group Not Found"}"#),
        ("/api/v4/projects/101/issues/9999", 404, #"{"message":"404 Issue Not Found"}"#),
    ])
    func errorShapes(path: String, status: Int, body: String) async throws {
        try await withSimulator { _, client in
            let r = try await client.send(path)
            #expect(r.status == status)
            #expect(r.text == body)
            #expect(r.header("Content-Type") == "application/json")
        }
    }

    @Test func projectByURLEncodedPathAndGroups() async throws {
        try await withSimulator { sim, client in
            let project = try #require(sim.organisation.projects.first { $0.groupID == 12 && !$0.archived })
            let encoded = project.pathWithNamespace.replacingOccurrences(of: "/", with: "%2F")
            let r = try await client.send("/api/v4/projects/\(encoded)")
            #expect(try r.object()["id"] as? Int == project.id)
            #expect(try r.object()["path_with_namespace"] as? String == project.pathWithNamespace)
            #expect(
                try r.object()["web_url"] as? String
                    == "\(client.base.absoluteString)/\(project.pathWithNamespace)")
            // include_subgroups defaults to false.
            let direct = try await client.send("/api/v4/groups/julia/projects?per_page=100")
            let nested = try await client.send(
                "/api/v4/groups/julia/projects?per_page=100&include_subgroups=true")
            let org = sim.organisation
            #expect(direct.header("X-Total") == "\(org.projects.filter { $0.groupID == 11 }.count)")
            #expect(
                nested.header("X-Total")
                    == "\(org.projects.filter { $0.groupID == 11 || $0.groupID == 12 }.count)")
            let group = try await client.send("/api/v4/groups/julia%2Fml")
            #expect(try group.object()["full_path"] as? String == "julia/ml")
            #expect(try group.object()["parent_id"] as? Int == 11)
        }
    }

    @Test func sourceAndUpdatedAfterFilters() async throws {
        try await withSimulator { sim, client in
            let org = sim.organisation
            let project = try #require(
                org.projects.first { p in
                    !p.archived && org.pipelines(ofProject: p.id).contains { $0.source == "push" }
                })
            let schedules = org.pipelines(ofProject: project.id).filter { $0.source == "schedule" }
            let r = try await client.send(
                "/api/v4/projects/\(project.id)/pipelines?source=schedule&per_page=100")
            let items = try r.array()
            #expect(items.count == 30)
            #expect(items.allSatisfy { $0["source"] as? String == "schedule" })
            #expect(items.compactMap { $0["id"] as? Int } == schedules.map(\.id).reversed())
            #expect(
                Set(items[0].keys) == [
                    "id", "iid", "project_id", "sha", "ref", "status", "source", "created_at", "updated_at",
                    "web_url", "name",
                ])
            // Only pipelines updated after the start of the last night's run.
            let since = "2026-11-29T04:00:00Z"
            let recent = try await client.send(
                "/api/v4/projects/\(project.id)/pipelines?source=schedule&updated_after=\(since)")
            let recentItems = try recent.array()
            #expect(recentItems.count == 1)
            #expect(recentItems.first?["id"] as? Int == schedules.last?.id)
            #expect((recentItems.first?["created_at"] as? String)?.hasPrefix("2026-11-29T06:0") == true)
            let pushes = try await client.send(
                "/api/v4/projects/\(project.id)/pipelines?source=push&per_page=100")
            #expect(
                try pushes.array().count
                    == org.pipelines(ofProject: project.id).filter { $0.source == "push" }.count)
        }
    }

    @Test func pipelineJobsIncludeRetriedAndScopes() async throws {
        try await withSimulator { sim, client in
            let org = sim.organisation
            let retried = try #require(org.jobs.first { $0.retried })
            let pipeline = try #require(org.pipeline(id: retried.pipelineID))
            let path = "/api/v4/projects/\(pipeline.projectID)/pipelines/\(pipeline.id)/jobs"
            let latest = try await client.send(path).array().compactMap { $0["id"] as? Int }
            let all = try await client.send(path + "?include_retried=true").array().compactMap {
                $0["id"] as? Int
            }
            let jobs = org.jobs(ofPipeline: pipeline.id)
            #expect(latest == jobs.filter { !$0.retried }.map(\.id).sorted(by: >))
            #expect(all == jobs.map(\.id).sorted(by: >))
            #expect(!latest.contains(retried.id) && all.contains(retried.id))
            let failed = try await client.send(path + "?include_retried=true&scope[]=failed&scope[]=canceled")
                .array()
            #expect(
                failed.compactMap { $0["id"] as? Int }
                    == jobs.filter { ["failed", "canceled"].contains($0.status) }.map(\.id).sorted(by: >))
            let bad = try await client.send(path + "?scope[]=bogus")
            #expect(bad.status == 400)
            #expect(bad.text == #"{"error":"scope does not have a valid value"}"#)
        }
    }

    @Test func failureReasonOnlyOnFailedJobsAndPassedWithWarnings() async throws {
        try await withSimulator { sim, client in
            let org = sim.organisation
            let pipeline = try #require(
                org.pipelines.first { p in
                    p.status == "success"
                        && org.jobs(ofPipeline: p.id).contains {
                            $0.status == "failed" && $0.allowFailure && !$0.retried
                        }
                })
            let jobs = try await client.send(
                "/api/v4/projects/\(pipeline.projectID)/pipelines/\(pipeline.id)/jobs"
            ).array()
            for job in jobs {
                let failed = job["status"] as? String == "failed"
                #expect((job["failure_reason"] != nil) == failed)
                if failed { #expect(job["allow_failure"] as? Bool == true) }
            }
            let detail = try await client.send(
                "/api/v4/projects/\(pipeline.projectID)/pipelines/\(pipeline.id)"
            ).object()
            #expect(detail["status"] as? String == "success")
            #expect(
                (detail["detailed_status"] as? [String: Any])?["label"] as? String == "passed with warnings")
            let single = try #require(jobs.first { $0["status"] as? String == "success" })
            let one = try await client.send(
                "/api/v4/projects/\(pipeline.projectID)/jobs/\(single["id"] as? Int ?? 0)"
            ).object()
            #expect(one["failure_reason"] == nil)
            #expect(one["status"] as? String == "success")
        }
    }

    @Test func projectJobsNeverSendTotals() async throws {
        try await withSimulator { sim, client in
            let project = try #require(sim.organisation.projects.first)
            let r = try await client.send("/api/v4/projects/\(project.id)/jobs?per_page=10&page=2")
            #expect(r.status == 200)
            #expect(r.header("X-Total") == nil)
            #expect(r.header("X-Total-Pages") == nil)
            #expect(r.header("X-Next-Page") == "3")
            #expect(r.header("X-Prev-Page") == "1")
            #expect(r.header("Link")?.contains("rel=\"last\"") == false)
            #expect(r.header("Link")?.contains("rel=\"next\"") == true)
            #expect(try r.array().count == 10)
        }
    }

    @Test func keysetPaginationOfProjectJobs() async throws {
        try await withSimulator { sim, client in
            let project = try #require(sim.organisation.projects.first)
            let ids = sim.organisation.pipelines(ofProject: project.id).flatMap {
                sim.organisation.jobs(ofPipeline: $0.id)
            }
            .map(\.id).sorted(by: >)
            let path =
                "/api/v4/projects/\(project.id)/jobs?order_by=id&pagination=keyset&per_page=50&sort=desc"
            let first = try await client.send(path)
            #expect(first.header("X-Page") == nil)
            #expect(first.header("X-Total") == nil)
            #expect(try first.array().compactMap { $0["id"] as? Int } == Array(ids.prefix(50)))
            let next =
                "\(client.base.absoluteString)/api/v4/projects/\(project.id)/jobs?id_before=\(ids[49])&order_by=id&pagination=keyset&per_page=50&sort=desc"
            #expect(first.header("Link") == "<\(next)>; rel=\"next\"")
            let second = try await client.send(String(next.dropFirst(client.base.absoluteString.count)))
            #expect(try second.array().compactMap { $0["id"] as? Int } == Array(ids.dropFirst(50).prefix(50)))
            let wrong = try await client.send("/api/v4/projects?pagination=keyset&order_by=name")
            #expect(wrong.status == 405)
            #expect(
                wrong.text
                    == #"{"message":"Keyset pagination is not yet available for this type of request"}"#)
        }
    }

    @Test func commitsAndCompare() async throws {
        try await withSimulator { sim, client in
            let org = sim.organisation
            let push = try #require(org.pipelines.first { $0.source == "push" })
            let commit = try await client.send(
                "/api/v4/projects/\(push.projectID)/repository/commits/\(push.sha)"
            ).object()
            #expect(commit["id"] as? String == push.sha)
            #expect(commit["parent_ids"] as? [String] == [push.beforeSHA])
            let compare = try await client.send(
                "/api/v4/projects/\(push.projectID)/repository/compare?from=\(push.beforeSHA)&to=\(push.sha)"
            ).object()
            let commits = try #require(compare["commits"] as? [[String: Any]])
            #expect(commits.compactMap { $0["id"] as? String } == [push.sha])
            let missing = try await client.send(
                "/api/v4/projects/\(push.projectID)/repository/commits/\(String(repeating: "f", count: 40))")
            #expect(missing.status == 404)
            #expect(missing.text == #"{"message":"404 Commit Not Found"}"#)
        }
    }

    /// `GET /projects/:id/repository/compare` between two nightly pipelines' shas: the pushes in
    /// between, oldest first, each with GitLab's commit fields, and the compare entity's other keys.
    @Test func compareBetweenNightlyShasListsThePushesOldestFirst() async throws {
        try await withSimulator { sim, client in
            let org = sim.organisation
            // A project whose nightly sha moved over at least two pushes between two nights.
            var found: (project: Int, from: String, to: String, pushes: [Organisation.Pipeline])?
            for project in org.projects where !project.archived {
                let nightly = org.pipelines(ofProject: project.id).filter { $0.source == "schedule" }
                for (a, b) in zip(nightly, nightly.dropFirst(3)) where a.sha != b.sha {
                    let pushes = org.pipelines(ofProject: project.id).filter {
                        $0.source == "push" && $0.id > a.id && $0.id < b.id
                    }
                    if pushes.count >= 2 { found = (project.id, a.sha, b.sha, pushes) }
                }
                if found != nil { break }
            }
            let range = try #require(found)
            let r = try await client.send(
                "/api/v4/projects/\(range.project)/repository/compare?from=\(range.from)&to=\(range.to)")
            #expect(r.status == 200)
            #expect(r.header("Content-Type")?.hasPrefix("application/json") == true)
            let body = try r.object()
            let commits = try #require(body["commits"] as? [[String: Any]])
            #expect(commits.compactMap { $0["id"] as? String } == range.pushes.map(\.sha))
            #expect(
                commits.compactMap { $0["title"] as? String }
                    == range.pushes.compactMap { org.commit(sha: $0.sha)?.title })
            for (commit, push) in zip(commits, range.pushes) {
                let c = try #require(org.commit(sha: push.sha))
                #expect(commit["short_id"] as? String == String(push.sha.prefix(8)))
                #expect(commit["author_name"] as? String == org.user(id: c.authorID)?.name)
                #expect((commit["created_at"] as? String)?.hasSuffix("Z") == true)
                #expect(commit["parent_ids"] as? [String] == [c.parent ?? ""])
            }
            #expect((body["commit"] as? [String: Any])?["id"] as? String == range.to)
            #expect(body["compare_timeout"] as? Bool == false)
            #expect(body["compare_same_ref"] as? Bool == false)
            let diffs = try #require(body["diffs"] as? [[String: Any]])
            #expect(!diffs.isEmpty)
            for diff in diffs {
                #expect(
                    Set(diff.keys).isSuperset(of: [
                        "diff", "new_path", "old_path", "a_mode", "b_mode", "new_file", "renamed_file",
                        "deleted_file",
                    ]))
            }
            // The same sha: nothing between, compare_same_ref.
            let same = try await client.send(
                "/api/v4/projects/\(range.project)/repository/compare?from=\(range.to)&to=\(range.to)"
            ).object()
            #expect((same["commits"] as? [Any])?.isEmpty == true)
            #expect(same["commit"] is NSNull)
            #expect(same["compare_same_ref"] as? Bool == true)
            // Backwards: `to` is an ancestor of `from`, nothing is reachable from `to` only.
            let backwards = try await client.send(
                "/api/v4/projects/\(range.project)/repository/compare?from=\(range.to)&to=\(range.from)"
            ).object()
            #expect((backwards["commits"] as? [Any])?.isEmpty == true)
            // Unknown shas, and shas of another project: GitLab's not_found!("Ref").
            let unknown = try await client.send(
                "/api/v4/projects/\(range.project)/repository/compare?from=\(String(repeating: "f", count: 40))&to=\(range.to)"
            )
            #expect(unknown.status == 404)
            #expect(unknown.text == #"{"message":"404 Ref Not Found"}"#)
            let other = try #require(org.projects.first { $0.id != range.project && !$0.archived })
            let foreign = try await client.send(
                "/api/v4/projects/\(other.id)/repository/compare?from=\(range.from)&to=\(range.to)")
            #expect(foreign.status == 404)
            let missing = try await client.send(
                "/api/v4/projects/\(range.project)/repository/compare?to=\(range.to)")
            #expect(missing.status == 400)
            #expect(missing.text == #"{"error":"from is missing"}"#)
        }
    }

    @Test func moreThanTenThousandRowsDropTotals() async throws {
        var config = SimulatorConfiguration(lastNight: "2026-11-28")
        config.projects = 1
        config.nights = 8_000
        try await withSimulator(config) { sim, client in
            let project = try #require(sim.organisation.projects.first)
            let count = sim.organisation.pipelines(ofProject: project.id).count
            #expect(count > 10_000)
            let r = try await client.send("/api/v4/projects/\(project.id)/pipelines?per_page=100&page=2")
            #expect(r.header("X-Total") == nil)
            #expect(r.header("X-Total-Pages") == nil)
            #expect(r.header("X-Next-Page") == "3")
            let link = try #require(r.header("Link"))
            #expect(
                link.contains("rel=\"prev\"") && link.contains("rel=\"next\"")
                    && link.contains("rel=\"first\""))
            #expect(!link.contains("rel=\"last\""))
            let schedules = try await client.send(
                "/api/v4/projects/\(project.id)/pipelines?source=schedule&per_page=100")
            #expect(schedules.header("X-Total") == "8000")
            #expect(schedules.header("X-Total-Pages") == "80")
        }
    }

    @Test func authenticationHeaderKinds() async throws {
        var config = SimulatorConfiguration(lastNight: "2026-11-28")
        config.tokens = ["good": .api, "old": .expired, "reader": .readAPI]
        try await withSimulator(config) { _, client in
            #expect(try await client.send("/api/v4/user", token: "good").status == 200)
            #expect(try await client.send("/api/v4/user", token: "good", bearer: true).status == 200)
            #expect(try await client.send("/api/v4/user", token: "reader").status == 200)
            let user = try await client.send("/api/v4/user", token: "good").object()
            #expect(user["username"] as? String == "triage-bot")
            for (token, bearer) in [(String?.none, false), ("wrong", false), ("wrong", true)] {
                let r = try await client.send("/api/v4/projects", token: token, bearer: bearer)
                #expect(r.status == 401)
                #expect(r.text == #"{"message":"401 Unauthorized"}"#)
            }
            let expired = try await client.send("/api/v4/projects", token: "old", bearer: true)
            #expect(expired.status == 401)
            #expect(
                expired.text
                    == #"{"error":"invalid_token","error_description":"Token is expired. You can either do re-authorization or token refresh."}"#
            )
            #expect(
                expired.header("WWW-Authenticate")?.hasPrefix(
                    "Bearer realm=\"The API\", error=\"invalid_token\"") == true)
        }
    }

    @Test func rackAttackThrottle() async throws {
        var config = SimulatorConfiguration(lastNight: "2026-11-28")
        config.rateLimitPerMinute = 3
        try await withSimulator(config) { _, client in
            var statuses: [Int] = []
            var last: Client.Response?
            // Retry once if a 60 s window boundary fell inside the burst.
            for _ in 0..<2 {
                statuses = []
                for _ in 0..<4 {
                    let r = try await client.send("/api/v4/version")
                    statuses.append(r.status)
                    last = r
                }
                if statuses == [200, 200, 200, 429] { break }
            }
            #expect(statuses == [200, 200, 200, 429])
            let r = try #require(last)
            #expect(r.text == "Retry later\n")
            #expect(r.header("Content-Type") == "text/plain")
            #expect(r.header("RateLimit-Name") == "throttle_authenticated_api")
            #expect(r.header("RateLimit-Limit") == "3")
            #expect(r.header("RateLimit-Remaining") == "0")
            #expect(r.header("RateLimit-Observed").flatMap(Int.init).map { $0 >= 4 } == true)
            let reset = try #require(r.header("RateLimit-Reset").flatMap(Int.init))
            let retryAfter = try #require(r.header("Retry-After").flatMap(Int.init))
            let now = Int(Date().timeIntervalSince1970)
            #expect(reset % 60 == 0 && reset > now - 1 && reset <= now + 60)
            #expect((1...60).contains(retryAfter))
            #expect(r.header("RateLimit-ResetTime") == httpDate(epochSeconds: Int64(reset)))
        }
    }

    @Test func jobsApplicationLimit() async throws {
        var config = SimulatorConfiguration(lastNight: "2026-11-28")
        config.jobsRateLimitPerMinute = 2
        try await withSimulator(config) { sim, client in
            let project = try #require(sim.organisation.projects.first)
            var statuses: [Int] = []
            var last: Client.Response?
            for _ in 0..<2 {
                statuses = []
                for _ in 0..<3 {
                    let r = try await client.send("/api/v4/projects/\(project.id)/jobs")
                    statuses.append(r.status)
                    last = r
                }
                if statuses == [200, 200, 429] { break }
            }
            #expect(statuses == [200, 200, 429])
            let r = try #require(last)
            #expect(
                r.text
                    == #"{"message":{"error":"This endpoint has been requested too many times. Try again later."}}"#
            )
            #expect(r.header("RateLimit-Limit") == nil)
            #expect(r.header("Retry-After") == nil)
            // Other endpoints are not limited.
            #expect(try await client.send("/api/v4/projects/\(project.id)/pipelines").status == 200)
        }
    }

    @Test func faultsCanBeSwitchedOnAndOff() async throws {
        try await withSimulator { sim, client in
            sim.setFaultRate(1)
            var statuses = Set<Int>()
            for _ in 0..<30 { statuses.insert(try await client.send("/api/v4/version").status) }
            #expect(statuses.isSubset(of: [500, 502, 503]) && statuses.count >= 2)
            sim.setFaultRate(0)
            #expect(try await client.send("/api/v4/version").status == 200)
            #expect(sim.requestCount == 31)
        }
    }

    @Test func issuesDefaultToCreatedByMe() async throws {
        try await withSimulator { sim, client in
            let org = sim.organisation
            let mine = org.issues.filter { $0.authorID == org.tokenUser.id }
            #expect(!mine.isEmpty && mine.count < org.issues.count)
            let byDefault = try await client.send("/api/v4/issues?per_page=100")
            #expect(byDefault.header("X-Total") == "\(mine.count)")
            let all = try await client.send("/api/v4/issues?scope=all&per_page=100")
            #expect(all.header("X-Total") == "\(org.issues.count)")
            let opened = try await client.send("/api/v4/issues?scope=all&state=opened&per_page=100").array()
            #expect(opened.count == org.issues.filter { $0.state == "opened" }.count)
            #expect(opened.allSatisfy { $0["state"] as? String == "opened" })
            let issue = try #require(org.issues.first { $0.causeID != nil })
            let project = try await client.send("/api/v4/projects/\(issue.projectID)/issues?per_page=100")
            #expect(
                project.header("X-Total") == "\(org.issues.filter { $0.projectID == issue.projectID }.count)")
            let one = try await client.send("/api/v4/projects/\(issue.projectID)/issues/\(issue.iid)")
                .object()
            #expect(one["title"] as? String == issue.title)
            #expect(one["id"] as? Int == issue.id)
        }
    }

    @Test func notesNeedApiScopeAndABody() async throws {
        var config = SimulatorConfiguration(lastNight: "2026-11-28")
        config.tokens = ["writer": .api, "reader": .readAPI]
        try await withSimulator(config) { sim, client in
            let issue = try #require(sim.organisation.issues.first)
            let path = "/api/v4/projects/\(issue.projectID)/issues/\(issue.iid)/notes"
            let created = try await client.send(
                path, method: "POST", token: "writer", body: Data(#"{"body":"Triage: known cause"}"#.utf8),
                contentType: "application/json")
            #expect(created.status == 201)
            let note = try created.object()
            #expect(note["body"] as? String == "Triage: known cause")
            #expect(note["noteable_id"] as? Int == issue.id)
            #expect(note["noteable_iid"] as? Int == issue.iid)
            #expect(note["noteable_type"] as? String == "Issue")
            let form = try await client.send(
                path, method: "POST", token: "writer", body: Data("body=second+note%21".utf8),
                contentType: "application/x-www-form-urlencoded")
            #expect(form.status == 201)
            #expect(try form.object()["body"] as? String == "second note!")
            let missing = try await client.send(
                path, method: "POST", token: "writer", body: Data("{}".utf8), contentType: "application/json")
            #expect(missing.status == 400)
            #expect(missing.text == #"{"error":"body is missing"}"#)
            let forbidden = try await client.send(
                path, method: "POST", token: "reader", body: Data(#"{"body":"x"}"#.utf8),
                contentType: "application/json")
            #expect(forbidden.status == 403)
            #expect(
                forbidden.text
                    == #"{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api"}"#
            )
            let list = try await client.send(path + "?sort=asc", token: "reader").array()
            #expect(list.compactMap { $0["body"] as? String } == ["Triage: known cause", "second note!"])
        }
    }

    @Test func tracesAreRawBytes() async throws {
        try await withSimulator { sim, client in
            let org = sim.organisation
            for kind in AdversarialTrace.allCases {
                let id = try #require(org.adversarialJobs[kind])
                let job = try #require(org.job(id: id))
                let r = try await client.send("/api/v4/projects/\(job.projectID)/jobs/\(id)/trace")
                #expect(r.status == 200)
                #expect(r.header("Content-Type") == "text/plain")
                #expect(r.header("Content-Disposition") == "infile; filename=\"\(id).log\"")
                #expect([UInt8](r.body) == org.trace(ofJob: id), "\(kind)")
            }
            let skipped = try #require(org.jobs.first { $0.status == "skipped" })
            let empty = try await client.send(
                "/api/v4/projects/\(skipped.projectID)/jobs/\(skipped.id)/trace")
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
        }
    }

    @Test func timestampsInBodies() async throws {
        try await withSimulator { sim, client in
            let pipeline = try #require(sim.organisation.pipelines.last { $0.source == "schedule" })
            let detail = try await client.send(
                "/api/v4/projects/\(pipeline.projectID)/pipelines/\(pipeline.id)"
            ).object()
            let pattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
            for key in ["created_at", "updated_at", "started_at", "finished_at"] {
                let value = try #require(detail[key] as? String)
                #expect(value.wholeMatch(of: pattern) != nil, "\(key)=\(value)")
            }
            #expect(detail["created_at"] as? String == isoMillis(pipeline.createdAt))
            #expect(
                detail["duration"] as? Int
                    == Int(((pipeline.finishedAt ?? 0) - (pipeline.startedAt ?? 0)) / 1000))
            let schedules = try await client.send("/api/v4/projects/\(pipeline.projectID)/pipeline_schedules")
                .array()
            #expect(schedules.first?["cron"] as? String == "0 0 * * *")
            #expect(schedules.first?["cron_timezone"] as? String == "America/Chicago")
            #expect(schedules.first?["next_run_at"] as? String == "2026-11-30T06:00:00.000Z")
            let scheduleID = try #require(schedules.first?["id"] as? Int)
            let details = try await client.send(
                "/api/v4/projects/\(pipeline.projectID)/pipeline_schedules/\(scheduleID)"
            ).object()
            #expect((details["last_pipeline"] as? [String: Any])?["id"] as? Int == pipeline.id)
            let triggered = try await client.send(
                "/api/v4/projects/\(pipeline.projectID)/pipeline_schedules/\(scheduleID)/pipelines?per_page=100"
            )
            #expect(try triggered.array().last?["id"] as? Int == pipeline.id)
            #expect(triggered.header("X-Total") == "30")
            let latest = try await client.send("/api/v4/projects/\(pipeline.projectID)/pipelines/latest")
                .object()
            #expect(latest["id"] as? Int == pipeline.id)
        }
    }

    @Test func advanceShowsNewPipelinesToLaterFetches() async throws {
        try await withSimulator { sim, client in
            let project = try #require(sim.organisation.projects.first)
            let path = "/api/v4/projects/\(project.id)/pipelines?source=schedule&per_page=100"
            #expect(try await client.send(path).header("X-Total") == "30")
            sim.advance(nights: 2)
            let after = try await client.send(path)
            #expect(after.header("X-Total") == "32")
            let newest = try #require(try after.array().first)
            #expect((newest["created_at"] as? String)?.hasPrefix("2026-12-01T06:0") == true)
            #expect(sim.organisation.nights.suffix(2) == ["2026-11-29", "2026-11-30"])
        }
    }

    @Test func sequentialRequestsAreFast() async throws {
        try await withSimulator { sim, client in
            let project = try #require(sim.organisation.projects.first)
            _ = try await client.send("/api/v4/projects/\(project.id)")
            let clock = ContinuousClock()
            var batches: [Duration] = []
            var fastest = Duration.seconds(1)
            for _ in 0..<4 {
                let batch = try await clock.measure {
                    for _ in 0..<50 {
                        let start = clock.now
                        let r = try await client.send("/api/v4/projects/\(project.id)/pipelines?per_page=5")
                        fastest = min(fastest, clock.now - start)
                        #expect(r.status == 200)
                    }
                }
                batches.append(batch)
            }
            let total = batches.reduce(.zero, +)
            print(
                "200 sequential GETs: \(total) (best 50: \(batches.min() ?? .zero), fastest single: \(fastest))"
            )
            // A Nagle/delayed-ACK stall costs ≥ 40 ms on every request; the best batch filters out load spikes
            // from other tests on a shared machine. Release build, idle machine: 200 GETs in ~0.1–0.2 s.
            #expect(fastest < .milliseconds(20))
            #expect((batches.min() ?? .zero) < .seconds(2))
        }
    }

    @Test func concurrentClientsWithLatency() async throws {
        var config = SimulatorConfiguration(lastNight: "2026-11-28")
        config.latency = .milliseconds(40)
        try await withSimulator(config) { sim, client in
            let ids = sim.organisation.projects.map(\.id)
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for worker in 0..<16 {
                        group.addTask {
                            var ok = 0
                            for i in 0..<(1000 / 16 + (worker < 1000 % 16 ? 1 : 0)) {
                                let r = try await client.send(
                                    "/api/v4/projects/\(ids[(worker + i) % ids.count])/pipelines")
                                if r.status == 200 { ok += 1 }
                            }
                            return ok
                        }
                    }
                    var total = 0
                    for try await ok in group { total += ok }
                    #expect(total == 1000)
                }
            }
            print("1000 GETs, 16 clients, 40 ms latency: \(elapsed) (ideal 2.5 s)")
            // Property: the 40 ms latencies overlap. A server that serialised requests needs ≥ 40 s; release
            // build on an idle machine: 2.7 s; debug builds beside other CPU-heavy tests: 4–9 s.
            // (Nagle stalls are caught by `sequentialRequestsAreFast`.)
            #expect(elapsed < .seconds(20))
        }
    }
}
