import Foundation
import Synchronization
import Testing
import TriageCore

@testable import GitLab

struct PaginationTests {
    @Test(arguments: [PagingStyle.full, .nextPageHeaderOnly, .linkWithoutTotals, .trailingEmptyPage])
    func fetchesEveryPage(style: PagingStyle) async throws {
        let items = (1...1234).reversed().map { pipelineJSON(id: $0) }
        let (client, recorder) = makeClient { request, _ in paged(items, request: request, style: style) }
        let pipelines = try await client.pipelines(
            projectID: 7, source: nil, updatedAfter: nil, createdAfter: nil)
        #expect(pipelines.map(\.id) == Array((1...1234).reversed()))
        let pages = style == .trailingEmptyPage ? 14 : 13
        #expect(client.requestCount == pages)
        #expect(recorder.urls.count == pages)
        #expect(recorder.requests.withLock { $0.allSatisfy { query($0)["per_page"] == "100" } })
        #expect(
            recorder.requests.withLock { $0.map { query($0)["page"] ?? "1" } } == (1...pages).map(String.init)
        )
    }

    @Test func followsLinkVerbatim() async throws {
        let (client, recorder) = makeClient { request, index in
            switch index {
            case 0:
                return json(
                    "[\(pipelineJSON(id: 3))]",
                    headers: [
                        "Link":
                            "<https://gitlab.example.com/api/v4/projects/7/pipelines?id_before=3&order_by=id&pagination=keyset&per_page=100&sort=desc>; rel=\"next\""
                    ])
            default:
                return json("[\(pipelineJSON(id: 2))]")
            }
        }
        let pipelines = try await client.pipelines(
            projectID: 7, source: nil, updatedAfter: nil, createdAfter: nil)
        #expect(pipelines.map(\.id) == [3, 2])
        #expect(
            recorder.urls[1]
                == "https://gitlab.example.com/api/v4/projects/7/pipelines?id_before=3&order_by=id&pagination=keyset&per_page=100&sort=desc"
        )
    }

    @Test func emptyListIsOnePage() async throws {
        let (client, _) = makeClient { _, _ in
            json("[]", headers: ["X-Next-Page": "", "X-Total": "0", "X-Total-Pages": "1"])
        }
        #expect(try await client.issues(projectID: 1, updatedAfter: nil) == [])
        #expect(client.requestCount == 1)
    }

    @Test func loopingServerIsAnError() async throws {
        let (client, _) = makeClient { _, _ in json("[\(pipelineJSON(id: 1))]", headers: ["X-Next-Page": "2"])
        }
        await #expect(throws: RemoteError.self) {
            _ = try await client.pipelines(projectID: 7, source: nil, updatedAfter: nil, createdAfter: nil)
        }
        #expect(client.requestCount == 2)
    }

    @Test func endlessDistinctPagesStopAtTheCap() async throws {
        let (client, _) = makeClient { request, _ in
            let page = Int(query(request)["page"] ?? "1") ?? 1
            return json("[\(pipelineJSON(id: page))]", headers: ["X-Next-Page": String(page + 1)])
        }
        do {
            _ = try await client.pipelines(projectID: 7, source: nil, updatedAfter: nil, createdAfter: nil)
            Testing.Issue.record("expected an error")
        } catch let error as RemoteError {
            #expect(error.kind == .malformedResponse)
            #expect(error.message == "GitLab still sent a next page after 10000 pages")
        }
        #expect(client.requestCount == 10_000)
    }
}

struct EndpointQueryTests {
    private func firstURL(_ body: String = "[]", _ call: (GitLabClient) async throws -> Void) async throws
        -> String
    {
        let (client, recorder) = makeClient { request, _ in
            request.url.path.hasSuffix("/projects/julia%2FFoo.jl")
                || request.url.path.hasSuffix("julia/Foo.jl")
                ? json(projectJSON(id: 1, path: "julia/Foo.jl", archived: false)) : json(body)
        }
        try await call(client)
        return recorder.urls[0]
    }

    @Test func membershipProjects() async throws {
        let url = try await firstURL { _ = try await $0.projects(in: .membership) }
        #expect(
            url
                == "https://gitlab.example.com/api/v4/projects?membership=true&archived=false&simple=true&order_by=id&sort=asc&per_page=100"
        )
    }

    @Test func groupProjects() async throws {
        let url = try await firstURL {
            _ = try await $0.projects(in: .named(groups: ["JuliaCI/sub"], projects: []))
        }
        #expect(
            url
                == "https://gitlab.example.com/api/v4/groups/JuliaCI%2Fsub/projects?include_subgroups=true&archived=false&with_shared=false&simple=true&order_by=id&sort=asc&per_page=100"
        )
    }

    @Test func namedProject() async throws {
        let url = try await firstURL {
            _ = try await $0.projects(in: .named(groups: [], projects: ["julia/Foo.jl"]))
        }
        #expect(url == "https://gitlab.example.com/api/v4/projects/julia%2FFoo.jl")
    }

    @Test func pipelinesWithEverything() async throws {
        let url = try await firstURL {
            _ = try await $0.pipelines(
                projectID: 7, source: "schedule",
                updatedAfter: Date(timeIntervalSince1970: 1_713_095_929.893),
                createdAfter: Date(timeIntervalSince1970: 1_700_000_000))
        }
        #expect(
            url
                == "https://gitlab.example.com/api/v4/projects/7/pipelines?source=schedule&updated_after=2024-04-14T11:58:49.893Z&created_after=2023-11-14T22:13:20Z&order_by=id&sort=desc&per_page=100"
        )
    }

    @Test func pipelinesWithNothing() async throws {
        let url = try await firstURL {
            _ = try await $0.pipelines(projectID: 7, source: nil, updatedAfter: nil, createdAfter: nil)
        }
        #expect(
            url == "https://gitlab.example.com/api/v4/projects/7/pipelines?order_by=id&sort=desc&per_page=100"
        )
    }

    @Test func jobs() async throws {
        let url = try await firstURL { _ = try await $0.jobs(projectID: 7, pipelineID: 100) }
        #expect(
            url
                == "https://gitlab.example.com/api/v4/projects/7/pipelines/100/jobs?include_retried=true&per_page=100"
        )
    }

    @Test func trace() async throws {
        let url = try await firstURL("") { _ = try await $0.trace(projectID: 7, jobID: 42) }
        #expect(url == "https://gitlab.example.com/api/v4/projects/7/jobs/42/trace")
    }

    @Test func issues() async throws {
        let url = try await firstURL {
            _ = try await $0.issues(projectID: 7, updatedAfter: Date(timeIntervalSince1970: 1_700_000_000))
        }
        #expect(
            url
                == "https://gitlab.example.com/api/v4/projects/7/issues?scope=all&state=all&updated_after=2023-11-14T22:13:20Z&per_page=100"
        )
    }

    @Test func issuesWithoutDate() async throws {
        let url = try await firstURL { _ = try await $0.issues(projectID: 7, updatedAfter: nil) }
        #expect(url == "https://gitlab.example.com/api/v4/projects/7/issues?scope=all&state=all&per_page=100")
    }

    @Test func singleIssue() async throws {
        let body = String(decoding: try sample("issue_gitlab4j_docsderived.json"), as: UTF8.self)
        let url = try await firstURL(body) { _ = try await $0.issue(projectPath: "julia/Foo.jl", iid: 12) }
        #expect(url == "https://gitlab.example.com/api/v4/projects/julia%2FFoo.jl/issues/12")
    }

    @Test func currentUser() async throws {
        let (client, recorder) = makeClient { _, _ in json(#"{"id":1,"username":"john_smith","name":"John"}"#)
        }
        #expect(try await client.currentUser() == "john_smith")
        #expect(recorder.urls == ["https://gitlab.example.com/api/v4/user"])
    }

    @Test func postNote() async throws {
        let (client, recorder) = makeClient { _, _ in json(#"{"id":302,"body":"Seen again"}"#, status: 201) }
        try await client.postNote(projectID: 7, issueIID: 15, body: "Seen again on \"2024-04-14\"")
        let request = try #require(recorder.requests.withLock { $0.first })
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://gitlab.example.com/api/v4/projects/7/issues/15/notes")
        #expect(request.header("content-type") == "application/json")
        let sent = try JSONDecoder().decode([String: String].self, from: try #require(request.body))
        #expect(sent == ["body": "Seen again on \"2024-04-14\""])
    }

    @Test func postNoteIsNotRetriedAfterAServerError() async throws {
        let (client, _) = makeClient { _, _ in json(#"{"message":"500 Internal Server Error"}"#, status: 500)
        }
        await #expect(
            throws: RemoteError(
                kind: .server, method: "POST",
                url: "https://gitlab.example.com/api/v4/projects/7/issues/15/notes",
                status: 500, message: "500 Internal Server Error")
        ) {
            try await client.postNote(projectID: 7, issueIID: 15, body: "x")
        }
        #expect(client.requestCount == 1)
    }
}

struct ProjectScopeTests {
    @Test func namedGroupsAndProjectsAreMergedDedupedSortedAndArchivedSkipped() async throws {
        let (client, _) = makeClient { request, _ in
            switch request.url.path {
            case "/api/v4/groups/julia/projects":
                return json(
                    "[\(projectJSON(id: 3, path: "julia/Zeta.jl")),\(projectJSON(id: 1, path: "julia/Alpha.jl"))]"
                )
            case "/api/v4/groups/ci/projects":
                return json("[\(projectJSON(id: 1, path: "julia/Alpha.jl"))]")
            case "/api/v4/projects/other/Beta.jl":
                return json(projectJSON(id: 2, path: "other/Beta.jl", archived: false))
            case "/api/v4/projects/julia/Alpha.jl":
                return json(projectJSON(id: 1, path: "julia/Alpha.jl", archived: false))
            case "/api/v4/projects/other/Old.jl":
                return json(projectJSON(id: 4, path: "other/Old.jl", archived: true))
            default:
                return json(#"{"error":"404 Not Found"}"#, status: 404)
            }
        }
        let projects = try await client.projects(
            in: .named(
                groups: ["julia", "ci"], projects: ["other/Beta.jl", "/other/Old.jl/", "julia/Alpha.jl"]))
        #expect(projects.map(\.path) == ["julia/Alpha.jl", "julia/Zeta.jl", "other/Beta.jl"])
        #expect(projects.map(\.id) == [1, 3, 2])
    }

    @Test(arguments: [
        (
            ProjectScope.named(groups: [], projects: ["julia/Missing.jl"]), "julia/Missing.jl",
            "404 Project Not Found",
            "https://gitlab.example.com/api/v4/projects/julia%2FMissing.jl"
        ),
        (
            ProjectScope.named(groups: ["nogroup"], projects: []), "nogroup", "404 Group Not Found",
            "https://gitlab.example.com/api/v4/groups/nogroup/projects?include_subgroups=true&archived=false&with_shared=false&simple=true&order_by=id&sort=asc&per_page=100"
        ),
    ])
    func unknownNameIsNotFoundWithSubject(scope: ProjectScope, subject: String, message: String, url: String)
        async throws
    {
        let (client, _) = makeClient { request, _ in
            request.url.path.hasPrefix("/api/v4/groups")
                ? json(#"{"message":"404 Group Not Found"}"#, status: 404)
                : json(#"{"message":"404 Project Not Found"}"#, status: 404)
        }
        await #expect(
            throws: RemoteError(
                kind: .notFound, method: "GET", url: url, status: 404, message: message, subject: subject)
        ) {
            _ = try await client.projects(in: scope)
        }
    }
}

struct JobsTests {
    @Test func retriedAttemptsAreNumbered() async throws {
        // GitLab lists newest first; two retries of `test`, one of `lint`.
        let jobs = [
            jobJSON(id: 16, name: "test", status: "success"), jobJSON(id: 15, name: "lint"),
            jobJSON(id: 14, name: "test"), jobJSON(id: 13, name: "lint"),
            jobJSON(id: 12, name: "build", status: "success"),
            jobJSON(id: 11, name: "test"),
        ]
        let (client, _) = makeClient { request, _ in paged(jobs, request: request, style: .full) }
        let result = try await client.jobs(projectID: 7, pipelineID: 100)
        #expect(result.map(\.id) == [11, 12, 13, 14, 15, 16])
        #expect(result.map(\.attempt) == [1, 1, 1, 2, 2, 3])
        #expect(result.map(\.retried) == [true, false, true, true, false, false])
        #expect(
            result.map(\.failureReason) == [
                "script_failure", nil, "script_failure", "script_failure", "script_failure", nil,
            ])
    }

    @Test func emptyTraceIsValid() async throws {
        let (client, _) = makeClient { _, _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"])
        }
        #expect(try await client.trace(projectID: 7, jobID: 42) == Data())
    }

    @Test func traceBytesAreRaw() async throws {
        let bytes = Data([0x1B, 0x5B, 0x30, 0x4B, 0x0D, 0xFF, 0xFE, 0x0A])
        let (client, recorder) = makeClient { _, _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: bytes)
        }
        #expect(try await client.trace(projectID: 7, jobID: 42) == bytes)
        #expect(recorder.requests.withLock { $0[0].header("Accept") } == nil)
    }
}
