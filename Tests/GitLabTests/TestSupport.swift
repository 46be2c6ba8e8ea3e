import Foundation
import Synchronization
import TriageCore

@testable import GitLab

let testToken = "glpat-SECRET-token-1234567890"
// swift-format-ignore: NeverForceUnwrap
// A literal URL: it parses.
let testBase = URL(string: "https://gitlab.example.com")!

/// What a fake transport saw and what the client asked to sleep.
final class Recorder: Sendable {
    let requests = Mutex<[HTTPRequest]>([])
    let sleeps = Mutex<[Duration]>([])

    var urls: [String] { requests.withLock { $0.map(\.url.absoluteString) } }
    var sleepSeconds: [Double] {
        sleeps.withLock {
            $0.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        }
    }
}

/// A client over a transport closure that answers like GitLab; `handler` gets the request and
/// its 0-based index among all requests.
func makeClient(
    token: String? = testToken, concurrency: Int = 12, maxRetries: Int = 6,
    now: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_700_000_000) },
    handler: @escaping @Sendable (HTTPRequest, Int) async throws -> HTTPResponse
) -> (GitLabClient, Recorder) {
    let recorder = Recorder()
    let client = GitLabClient(
        baseURL: testBase, token: token,
        transport: { request in
            let index = recorder.requests.withLock { requests in
                requests.append(request)
                return requests.count - 1
            }
            return try await handler(request, index)
        }, concurrency: concurrency, maxRetries: maxRetries,
        sleep: { duration in recorder.sleeps.withLock { $0.append(duration) } }, now: now)
    return (client, recorder)
}

func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponse {
    var all = ["Content-Type": "application/json"]
    all.merge(headers) { $1 }
    return HTTPResponse(status: status, headers: all, body: Data(text.utf8))
}

func query(_ request: HTTPRequest) -> [String: String] {
    var result: [String: String] = [:]
    for item in URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? [] {
        result[item.name] = item.value ?? ""
    }
    return result
}

/// The GitLab samples, copied into `Tests/Fixtures/gitlab-samples` (provenance beside them).
let samplesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // GitLabTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("Fixtures/gitlab-samples")

func sample(_ name: String) throws -> Data {
    try Data(contentsOf: samplesFolder.appendingPathComponent(name))
}

/// Pages a list of JSON objects the way GitLab's offset pagination does.
enum PagingStyle: Sendable {
    /// Link (prev, next, first, last), X-Next-Page, totals.
    case full
    /// Only `X-Next-Page` (empty on the last page), no Link, no totals.
    case nextPageHeaderOnly
    /// Link with next/first only and no totals (more than 10,000 rows, `/projects/:id/jobs`).
    case linkWithoutTotals
    /// Like `linkWithoutTotals`, but the last page still has a `next` that yields `[]`.
    case trailingEmptyPage
}

func paged(
    _ items: [String], request: HTTPRequest, style: PagingStyle, linkHost: String = "gitlab.example.com"
)
    -> HTTPResponse
{
    let q = query(request)
    let perPage = min(Int(q["per_page"] ?? "20") ?? 20, 100)
    let page = Int(q["page"] ?? "1") ?? 1
    let pages = max(1, (items.count + perPage - 1) / perPage)
    let slice = items.dropFirst((page - 1) * perPage).prefix(perPage)
    let body = "[" + slice.joined(separator: ",") + "]"
    let hasNext = page < pages || (style == .trailingEmptyPage && !slice.isEmpty)

    func link(_ number: Int) -> String {
        guard var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false) else {
            preconditionFailure("the client sent a URL that does not parse: \(request.url)")
        }
        components.host = linkHost
        var others = (components.queryItems ?? []).filter { $0.name != "page" }
        others.append(URLQueryItem(name: "page", value: String(number)))
        others.sort { $0.name < $1.name }
        components.queryItems = others
        return components.url?.absoluteString ?? ""
    }

    var headers = ["X-Page": String(page), "X-Per-Page": String(perPage)]
    headers["X-Next-Page"] = hasNext ? String(page + 1) : ""
    headers["X-Prev-Page"] = page > 1 ? String(page - 1) : ""
    switch style {
    case .full:
        headers["X-Total"] = String(items.count)
        headers["X-Total-Pages"] = String(pages)
        var links: [String] = []
        if page > 1 { links.append("<\(link(page - 1))>; rel=\"prev\"") }
        if hasNext { links.append("<\(link(page + 1))>; rel=\"next\"") }
        links.append("<\(link(1))>; rel=\"first\"")
        links.append("<\(link(pages))>; rel=\"last\"")
        headers["Link"] = links.joined(separator: ", ")
    case .nextPageHeaderOnly:
        break
    case .linkWithoutTotals, .trailingEmptyPage:
        var links: [String] = []
        if page > 1 { links.append("<\(link(page - 1))>; rel=\"prev\"") }
        if hasNext { links.append("<\(link(page + 1))>; rel=\"next\"") }
        links.append("<\(link(1))>; rel=\"first\"")
        headers["Link"] = links.joined(separator: ", ")
    }
    return json(body, headers: headers)
}

func pipelineJSON(id: Int, projectID: Int = 7, status: String = "failed") -> String {
    """
    {"id":\(id),"iid":\(id % 1000),"project_id":\(projectID),"sha":"\(String(repeating: "a", count: 40))",\
    "ref":"main","status":"\(status)","source":"schedule","created_at":"2024-04-14T11:54:37.896Z",\
    "updated_at":"2024-04-14T11:58:49.893Z","web_url":"https://gitlab.example.com/g/p/-/pipelines/\(id)","name":null}
    """
}

func jobJSON(id: Int, name: String, pipelineID: Int = 100, status: String = "failed") -> String {
    let reason = status == "failed" ? "\"failure_reason\":\"script_failure\"," : ""
    return """
        {"id":\(id),"status":"\(status)","stage":"test","name":"\(name)","ref":"main","tag":false,"coverage":null,\
        "allow_failure":false,"created_at":"2024-04-14T11:54:37.896Z","started_at":null,"finished_at":null,\
        "duration":null,\(reason)"web_url":"https://gitlab.example.com/g/p/-/jobs/\(id)",\
        "pipeline":{"id":\(pipelineID),"project_id":7,"sha":"x","ref":"main","status":"failed"}}
        """
}

func projectJSON(id: Int, path: String, archived: Bool? = nil) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let archivedField = archived.map { ",\"archived\":\($0)" } ?? ""
    return """
        {"id":\(id),"name":"\(name)","path":"\(name)","path_with_namespace":"\(path)",\
        "web_url":"https://gitlab.example.com/\(path)","default_branch":"main"\(archivedField)}
        """
}

/// Everything a `RemoteError` can show as text.
func allText(_ error: any Error) -> String {
    var text =
        String(describing: error) + "\n" + String(reflecting: error) + "\n" + error.localizedDescription
    if let remote = error as? RemoteError {
        text += "\n" + remote.url + "\n" + (remote.message ?? "") + "\n" + (remote.subject ?? "")
    }
    return text
}

/// A value shared between test tasks.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}
