import Foundation
import GitLabSimulator
import Testing
import TriageCore

@testable import GitLab

/// `GET /projects/:id/repository/compare`: the request, the mapping, the errors.
@Suite struct CompareTests {
    /// A compare answer in GitLab's shape (lib/api/entities/compare.rb): `commit`, `commits`
    /// oldest first, `diffs`, `compare_timeout`, `compare_same_ref`, `web_url`.
    static let answer = """
        {"commit": {"id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
         "commits": [
          {"id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "short_id": "aaaaaaaa",
           "created_at": "2026-11-27T21:17:06.000+02:00", "parent_ids": ["0000000000000000000000000000000000000000"],
           "title": "Bump DataFrames compat to 1.7", "message": "Bump DataFrames compat to 1.7\\n\\nlong text",
           "author_name": "Alice Example", "author_email": "alice@example.com", "extra": {"ignored": true}},
          {"id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "short_id": "bbbbbbbb",
           "created_at": "2026-11-28T10:00:00.000Z", "parent_ids": ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
           "title": "Fix the docs build", "message": "Fix the docs build\\n", "author_name": "Bob Example"}],
         "diffs": [{"old_path": "Project.toml", "new_path": "Project.toml", "a_mode": "100644", "b_mode": "100644",
           "diff": "@@ -1 +1 @@", "new_file": false, "renamed_file": false, "deleted_file": false}],
         "compare_timeout": false, "compare_same_ref": false,
         "web_url": "https://gitlab.example.com/julia/Foo.jl/-/compare/a...b"}
        """

    @Test func sendsTheRangeAndMapsTheCommitsOldestFirst() async throws {
        let (client, recorder) = makeClient { _, _ in json(Self.answer) }
        let range = try await client.compare(projectID: 7, from: "1111111", to: "2222222")
        #expect(
            recorder.urls == [
                "https://gitlab.example.com/api/v4/projects/7/repository/compare?from=1111111&to=2222222"
            ])
        #expect(recorder.requests.withLock { $0.first?.headers["PRIVATE-TOKEN"] } == testToken)
        #expect(range.projectID == 7 && range.from == "1111111" && range.to == "2222222")
        #expect(range.commits.map(\.title) == ["Bump DataFrames compat to 1.7", "Fix the docs build"])
        #expect(range.commits.map(\.shortID) == ["aaaaaaaa", "bbbbbbbb"])
        #expect(range.commits.map(\.authorName) == ["Alice Example", "Bob Example"])
        // The author's offset is kept: 21:17:06+02:00 is 19:17:06Z.
        #expect(range.commits[0].createdAt == ISO8601DateFormatter().date(from: "2026-11-27T19:17:06Z"))
    }

    @Test func anUnknownShaIsNotFoundWithGitLabsMessageAndNoToken() async throws {
        let (client, _) = makeClient { _, _ in json(#"{"message":"404 Ref Not Found"}"#, status: 404) }
        let error = await #expect(throws: RemoteError.self) {
            try await client.compare(projectID: 7, from: "ffff", to: "eeee")
        }
        #expect(error?.kind == .notFound)
        #expect(error?.message == "404 Ref Not Found")
        #expect(
            error?.url == "https://gitlab.example.com/api/v4/projects/7/repository/compare?from=ffff&to=eeee")
        #expect(!allText(try #require(error)).contains(testToken))
    }

    @Test func anAnswerWithoutCommitsIsMalformed() async throws {
        let (client, _) = makeClient { _, _ in json(#"{"message": "not a compare"}"#) }
        let error = await #expect(throws: RemoteError.self) {
            try await client.compare(projectID: 7, from: "a", to: "b")
        }
        #expect(error?.kind == .malformedResponse)
    }

    /// Against the simulator over HTTP: the exact titles of the pushes between two nightly shas.
    @Test func theSimulatorsRangeComesBackWithItsTitles() async throws {
        var configuration = SimulatorConfiguration(lastNight: "2026-11-28")
        configuration.projects = 6
        configuration.nights = 20
        configuration.tokens = [testToken: .api]
        let simulator = SimulatedGitLab(configuration: configuration)
        let url = try await simulator.start()
        do {
            try await Self.checkTitles(simulator, url)
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    static func checkTitles(_ simulator: SimulatedGitLab, _ url: URL) async throws {
        let org = simulator.organisation
        var found: (project: Int, from: String, to: String, shas: [String])?
        for project in org.projects where !project.archived && found == nil {
            let all = org.pipelines(ofProject: project.id)
            let nightly = all.filter { $0.source == "schedule" }
            for (a, b) in zip(nightly, nightly.dropFirst(4)) where found == nil {
                let pushes = all.filter { $0.source == "push" && $0.id > a.id && $0.id < b.id }.map(\.sha)
                if pushes.count >= 2 { found = (project.id, a.sha, b.sha, pushes) }
            }
        }
        let range = try #require(found)
        let client = GitLabClient(
            baseURL: url, token: testToken, transport: URLSessionTransport.make(maxConnections: 4),
            concurrency: 4)
        let compared = try await client.compare(projectID: range.project, from: range.from, to: range.to)
        #expect(compared.commits.map(\.id) == range.shas)
        #expect(compared.commits.map(\.title) == range.shas.compactMap { org.commit(sha: $0)?.title })
        #expect(
            compared.commits.map(\.authorName)
                == range.shas.compactMap { org.commit(sha: $0).flatMap { org.user(id: $0.authorID)?.name } })
        let error = await #expect(throws: RemoteError.self) {
            try await client.compare(
                projectID: range.project, from: String(repeating: "0", count: 40), to: range.to)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.message == "404 Ref Not Found")
    }
}
