import Foundation
import Testing

@testable import GitLab

struct EndpointTests {
    @Test(
        arguments: [
            (["projects", "julia/Foo.jl"], [], "/projects/julia%2FFoo.jl"),
            (["projects", "a b/c+d", "issues", "3"], [], "/projects/a%20b%2Fc%2Bd/issues/3"),
            (
                ["groups", "JuliaCI/sub.group_x~y-z", "projects"], [],
                "/groups/JuliaCI%2Fsub.group_x~y-z/projects"
            ),
            (
                ["projects", "7", "jobs"], [("scope[]", "failed"), ("scope[]", "canceled")],
                "/projects/7/jobs?scope%5B%5D=failed&scope%5B%5D=canceled"
            ),
            (
                ["projects"], [("updated_after", "2023-10-28T21:17:06+02:00"), ("search", "a&b=c")],
                "/projects?updated_after=2023-10-28T21:17:06%2B02:00&search=a%26b%3Dc"
            ),
            (["projects"], [("search", "ü")], "/projects?search=%C3%BC"),
        ] as [([String], [(String, String)], String)])
    func pathAndQueryEncoding(path: [String], query: [(String, String)], expected: String) {
        let endpoint = Endpoint("GET", path, query: query.map { (name: $0.0, value: $0.1) })
        #expect(endpoint.pathAndQuery == expected)
        #expect(endpoint.url(apiRoot: "https://h/api/v4")?.absoluteString == "https://h/api/v4" + expected)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_713_095_677.896, "2024-04-14T11:54:37.896Z"),
        (1_713_095_677, "2024-04-14T11:54:37Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (-1.5, "1969-12-31T23:59:58.500Z"),
    ])
    func isoStrings(seconds: Double, expected: String) {
        #expect(Endpoint.isoString(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test(arguments: [
        ("https://gitlab.example.com", "https://gitlab.example.com/api/v4"),
        ("https://gitlab.example.com/", "https://gitlab.example.com/api/v4"),
        ("https://gitlab.example.com/api/v4", "https://gitlab.example.com/api/v4"),
        ("https://gitlab.example.com/api/v4/", "https://gitlab.example.com/api/v4"),
        ("http://127.0.0.1:8080/gitlab", "http://127.0.0.1:8080/gitlab/api/v4"),
    ])
    func apiRoot(base: String, expected: String) throws {
        #expect(GitLabClient.apiRoot(of: try #require(URL(string: base))) == expected)
    }

    @Test(
        arguments: [
            (
                "<https://h/a?page=1>; rel=\"prev\", <https://h/a?page=3>; rel=\"next\", <https://h/a?page=1>; rel=\"first\"",
                "https://h/a?page=3"
            ),
            ("<https://h/a?page=2>; rel=\"first\"", nil),
            ("<https://h/a?id_after=5&per_page=100>; rel=next", "https://h/a?id_after=5&per_page=100"),
            ("<https://h/a?page=9>; rel=\"next last\"", "https://h/a?page=9"),
            ("", nil),
        ] as [(String, String?)])
    func linkHeader(header: String, expected: String?) {
        #expect(GitLabClient.nextLink(in: header) == expected)
    }

    @Test func nextPageFromHeaderReplacesPage() throws {
        let current = try #require(
            URL(string: "https://h/api/v4/projects?membership=true&per_page=100&page=2"))
        let response = HTTPResponse(status: 200, headers: ["x-next-page": "3"])
        #expect(
            GitLabClient.nextPage(of: response, current: current)?.absoluteString
                == "https://h/api/v4/projects?membership=true&per_page=100&page=3")
        #expect(
            GitLabClient.nextPage(
                of: HTTPResponse(status: 200, headers: ["X-Next-Page": ""]), current: current) == nil)
    }

    @Test func linkToAnotherHostKeepsOurOrigin() throws {
        let current = try #require(URL(string: "http://127.0.0.1:8080/api/v4/projects?per_page=100"))
        let response = HTTPResponse(
            status: 200,
            headers: ["Link": "<https://gitlab.internal/api/v4/projects?page=2&per_page=100>; rel=\"next\""])
        #expect(
            GitLabClient.nextPage(of: response, current: current)?.absoluteString
                == "http://127.0.0.1:8080/api/v4/projects?page=2&per_page=100")
    }

    @Test func headerLookupIgnoresCase() {
        let response = HTTPResponse(status: 200, headers: ["x-next-page": "2", "Retry-After": "5"])
        #expect(response.header("X-Next-Page") == "2")
        #expect(response.header("retry-after") == "5")
        #expect(response.header("Link") == nil)
    }
}
