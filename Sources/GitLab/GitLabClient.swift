import Foundation
import Synchronization
import TriageCore

/// GitLab's REST API v4 as a `GitLabSource`.
///
/// What callers may rely on:
/// - The token travels only in the `PRIVATE-TOKEN` header. It is in no URL, no `RemoteError`
///   (URL or message), and no description of the client.
/// - At most `concurrency` requests are in flight across all tasks sharing the client; waiting
///   requests are served in order, and a cancelled waiter leaves the queue.
/// - Lists are complete: every page is fetched (`per_page=100`), following `Link: rel="next"`,
///   else `X-Next-Page`; totals are never needed. More than 10,000 pages, or a next page that
///   repeats one already fetched, is an error rather than an endless loop.
/// - 429 waits `Retry-After`, else until `RateLimit-Reset`, else 0.5 s · 2ⁿ (≤ 30 s), up to
///   `maxRateLimitRetries` times, then throws `.rateLimited`. 500/502/503/504, and connection
///   failures once the server has answered at least once, are retried `maxRetries` times with
///   jittered exponential backoff (0.25 s · 2ⁿ, ≤ 8 s). A POST is retried only after a 429.
///   Until the server has answered once, a connection failure is thrown at once: a wrong URL
///   or a host that is down fails in well under a second instead of after a minute of retries.
/// - Cancelling the calling task stops waiting and retrying at once with `CancellationError`.
/// - Every other failure is a `RemoteError` with method, URL, status and GitLab's message.
public final class GitLabClient: GitLabSource {
    /// The instance root as given (`https://gitlab.example.com`).
    public let baseURL: URL
    /// `https://gitlab.example.com/api/v4`.
    let apiRoot: String
    private let token: String?
    private let transport: HTTPTransport
    private let limiter: Limiter
    private let maxRetries: Int
    private let maxRateLimitRetries: Int
    private let sleep: @Sendable (Duration) async throws -> Void
    private let now: @Sendable () -> Date
    private let sent = Atomic<Int>(0)
    private let answered = Atomic<Bool>(false)

    /// A guard against a server that never stops sending a next page.
    static let maxPages = 10_000
    static let perPage = 100

    /// - Parameters:
    ///   - baseURL: the instance root; `/api/v4` is appended unless already there, and a
    ///     trailing slash is ignored.
    ///   - token: a personal, project or group access token, or nil for anonymous access.
    ///   - transport: sends one request (`URLSessionTransport.make()` in production).
    ///   - concurrency: requests in flight at most, across all tasks.
    ///   - maxRetries: retries of a 5xx or a connection failure before giving up.
    ///   - maxRateLimitRetries: retries of a 429 before throwing `.rateLimited`.
    ///   - sleep: how to wait between attempts (injected so tests record instead of waiting).
    ///   - now: the clock `RateLimit-Reset` is compared with.
    public init(
        baseURL: URL, token: String?, transport: @escaping HTTPTransport, concurrency: Int = 12,
        maxRetries: Int = 6, maxRateLimitRetries: Int = 10,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.baseURL = baseURL
        self.apiRoot = GitLabClient.apiRoot(of: baseURL)
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.transport = transport
        self.limiter = Limiter(limit: concurrency)
        self.maxRetries = max(0, maxRetries)
        self.maxRateLimitRetries = max(0, maxRateLimitRetries)
        self.sleep = sleep
        self.now = now
    }

    public var requestCount: Int { sent.load(ordering: .relaxed) }

    static func apiRoot(of baseURL: URL) -> String {
        var root = baseURL.absoluteString
        if let cut = root.firstIndex(where: { $0 == "?" || $0 == "#" }) { root = String(root[..<cut]) }
        while root.hasSuffix("/") { root.removeLast() }
        if !root.hasSuffix("/api/v4") { root += "/api/v4" }
        return root
    }

    // MARK: - GitLabSource

    public func projects(in scope: ProjectScope) async throws -> [Project] {
        var found: [Project]
        switch scope {
        case .membership:
            found = try await collect(
                Endpoint(
                    "GET", ["projects"],
                    query: [
                        ("membership", "true"), ("archived", "false"), ("simple", "true"), ("order_by", "id"),
                        ("sort", "asc"),
                    ]), decode: Mapping.projects)
        case let .named(groups, projects):
            found = try await withThrowingTaskGroup(of: [Project].self) { group in
                for name in groups {
                    let path = GitLabClient.trimmedPath(name)
                    group.addTask {
                        try await self.collect(
                            Endpoint(
                                "GET", ["groups", path, "projects"],
                                query: [
                                    ("include_subgroups", "true"), ("archived", "false"),
                                    ("with_shared", "false"),
                                    ("simple", "true"), ("order_by", "id"), ("sort", "asc"),
                                ]), subject: name, decode: Mapping.projects)
                    }
                }
                for name in projects {
                    let path = GitLabClient.trimmedPath(name)
                    group.addTask {
                        let project = try await self.fetch(
                            Endpoint("GET", ["projects", path]), subject: name, decode: Mapping.project)
                        return project.archived ? [] : [project]
                    }
                }
                var all: [Project] = []
                for try await part in group { all += part }
                return all
            }
        }
        var seen = Set<Int>()
        found = found.filter { seen.insert($0.id).inserted }
        return found.sorted { ($0.path, $0.id) < ($1.path, $1.id) }
    }

    public func pipelines(projectID: Int, source: String?, updatedAfter: Date?, createdAfter: Date?)
        async throws -> [Pipeline]
    {
        var query: [(name: String, value: String)] = []
        if let source { query.append(("source", source)) }
        if let updatedAfter { query.append(("updated_after", Endpoint.isoString(updatedAfter))) }
        if let createdAfter { query.append(("created_after", Endpoint.isoString(createdAfter))) }
        query += [("order_by", "id"), ("sort", "desc")]
        return try await collect(
            Endpoint("GET", ["projects", String(projectID), "pipelines"], query: query),
            decode: Mapping.pipelines)
    }

    public func jobs(projectID: Int, pipelineID: Int) async throws -> [Job] {
        let jobs = try await collect(
            Endpoint(
                "GET", ["projects", String(projectID), "pipelines", String(pipelineID), "jobs"],
                query: [("include_retried", "true")])
        ) { try Mapping.jobs($0, projectID: projectID, pipelineID: pipelineID) }
        return Job.numberingAttempts(jobs)
    }

    public func trace(projectID: Int, jobID: Int) async throws -> Data {
        let endpoint = Endpoint("GET", ["projects", String(projectID), "jobs", String(jobID), "trace"])
        return try await send(endpoint.method, url: url(endpoint), accept: nil).body
    }

    public func issues(projectID: Int, updatedAfter: Date?) async throws -> [Issue] {
        var query: [(name: String, value: String)] = [("scope", "all"), ("state", "all")]
        if let updatedAfter { query.append(("updated_after", Endpoint.isoString(updatedAfter))) }
        return try await collect(
            Endpoint("GET", ["projects", String(projectID), "issues"], query: query), decode: Mapping.issues)
    }

    // MARK: - Beyond the port

    /// Adds a comment to an issue (`POST /projects/:id/issues/:iid/notes`, token scope `api`).
    /// Not retried after a 5xx or a lost connection: the note may have been created.
    public func postNote(projectID: Int, issueIID: Int, body: String) async throws {
        let endpoint = Endpoint("POST", ["projects", String(projectID), "issues", String(issueIID), "notes"])
        let data: Data
        do {
            data = try Mapping.noteBody(body)
        } catch {
            throw RemoteError(
                kind: .other, method: "POST", url: redact(try url(endpoint).absoluteString),
                message: "could not encode the note")
        }
        _ = try await send(
            "POST", url: url(endpoint), body: data, contentType: "application/json", idempotent: false)
    }

    /// One issue by its project path and per-project number; a 404 names `path#iid`.
    public func issue(projectPath: String, iid: Int) async throws -> Issue {
        let path = GitLabClient.trimmedPath(projectPath)
        return try await fetch(
            Endpoint("GET", ["projects", path, "issues", String(iid)]), subject: "\(projectPath)#\(iid)",
            decode: Mapping.issue)
    }

    /// The commits between two revisions of a project, oldest first (`GET .../repository/compare`,
    /// token scope `read_api`). An unknown sha is a `.notFound` (`404 Ref Not Found`).
    public func compare(projectID: Int, from: String, to: String) async throws -> CommitRange {
        try await fetch(Endpoint.compare(projectID: projectID, from: from, to: to)) {
            try Mapping.commitRange($0, projectID: projectID, from: from, to: to)
        }
    }

    /// The token's user name (`GET /user`): the cheapest check that URL and token work.
    public func currentUser() async throws -> String {
        try await fetch(Endpoint("GET", ["user"]), decode: Mapping.username)
    }

    // MARK: - Requests

    private func url(_ endpoint: Endpoint) throws -> URL {
        guard let url = endpoint.url(apiRoot: apiRoot) else {
            throw RemoteError(
                kind: .other, method: endpoint.method, url: redact(apiRoot + endpoint.pathAndQuery),
                message: "not a valid URL")
        }
        return url
    }

    /// One object.
    private func fetch<T>(_ endpoint: Endpoint, subject: String? = nil, decode: (Data) throws -> T)
        async throws -> T
    {
        let url = try url(endpoint)
        let response = try await send(endpoint.method, url: url, subject: subject)
        return try decoded(response, method: endpoint.method, url: url, decode: decode)
    }

    /// Every page of a list.
    private func collect<T>(_ endpoint: Endpoint, subject: String? = nil, decode: (Data) throws -> [T])
        async throws -> [T]
    {
        var url = try url(endpoint.adding("per_page", String(GitLabClient.perPage)))
        var all: [T] = []
        var fetched: Set<String> = [url.absoluteString]
        var pages = 0
        while true {
            pages += 1
            let response = try await send("GET", url: url, subject: subject)
            let items = try decoded(response, method: "GET", url: url, decode: decode)
            all += items
            // An empty page ends any list, whatever its headers say.
            guard !items.isEmpty, let next = GitLabClient.nextPage(of: response, current: url) else {
                return all
            }
            guard fetched.insert(next.absoluteString).inserted else {
                throw RemoteError(
                    kind: .malformedResponse, method: "GET", url: redact(next.absoluteString),
                    status: response.status, message: "GitLab sent a next page that was already fetched")
            }
            guard pages < GitLabClient.maxPages else {
                throw RemoteError(
                    kind: .malformedResponse, method: "GET", url: redact(next.absoluteString),
                    status: response.status,
                    message: "GitLab still sent a next page after \(GitLabClient.maxPages) pages")
            }
            url = next
        }
    }

    private func decoded<T>(_ response: HTTPResponse, method: String, url: URL, decode: (Data) throws -> T)
        throws
        -> T
    {
        do {
            return try decode(response.body)
        } catch {
            throw RemoteError(
                kind: .malformedResponse, method: method, url: redact(url.absoluteString),
                status: response.status,
                message: redact("GitLab's answer did not decode: \(error)"))
        }
    }

    /// The next page's URL: `Link: <…>; rel="next"` verbatim, else the current URL with
    /// `page=<X-Next-Page>`, else nil (an empty `X-Next-Page` means the last page).
    ///
    /// A `Link` to another scheme, host or port (an instance whose configured external URL
    /// differs from the one we were given) keeps its query but is sent to our own origin and
    /// path, so the token never goes to a host the user did not name.
    static func nextPage(of response: HTTPResponse, current: URL) -> URL? {
        if let link = response.header("Link"), let next = nextLink(in: link) {
            let cleaned = next.replacingOccurrences(of: "[", with: "%5B").replacingOccurrences(
                of: "]", with: "%5D")
            if let url = URL(string: cleaned, relativeTo: current)?.absoluteURL {
                if url.scheme == current.scheme, url.host == current.host, url.port == current.port {
                    return url
                }
                if var components = URLComponents(url: current, resolvingAgainstBaseURL: false) {
                    components.percentEncodedQuery =
                        URLComponents(url: url, resolvingAgainstBaseURL: false)?
                        .percentEncodedQuery
                    if let rebased = components.url { return rebased }
                }
            }
        }
        if let page = response.header("X-Next-Page")?.trimmingCharacters(in: .whitespaces), !page.isEmpty,
            var components = URLComponents(url: current, resolvingAgainstBaseURL: false)
        {
            var items = (components.percentEncodedQuery ?? "").split(separator: "&").map(String.init)
            items.removeAll { $0 == "page" || $0.hasPrefix("page=") }
            items.append("page=" + Endpoint.encode(page, allowed: Endpoint.queryAllowed))
            components.percentEncodedQuery = items.joined(separator: "&")
            return components.url
        }
        return nil
    }

    /// The target of `rel="next"` in a Link header (`<a>; rel="prev", <b>; rel="next"`).
    static func nextLink(in header: String) -> String? {
        for part in header.components(separatedBy: "<").dropFirst() {
            guard let close = part.firstIndex(of: ">") else { continue }
            let target = part[..<close]
            let parameters = part[part.index(after: close)...].split(separator: ";")
            for parameter in parameters {
                let pair = parameter.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t,\""))
                }
                if pair.count == 2, pair[0].lowercased() == "rel",
                    pair[1].lowercased().split(separator: " ").contains("next")
                {
                    return String(target).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// Sends one request with authentication, the concurrency bound, and retries.
    private func send(
        _ method: String, url: URL, body: Data? = nil, contentType: String? = nil,
        accept: String? = "application/json", subject: String? = nil, idempotent: Bool = true
    ) async throws -> HTTPResponse {
        var headers: [String: String] = ["User-Agent": "triage"]
        if let accept { headers["Accept"] = accept }
        if let token { headers["PRIVATE-TOKEN"] = token }
        if let contentType { headers["Content-Type"] = contentType }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        let shownURL = redact(url.absoluteString)
        var failures = 0
        var throttles = 0

        while true {
            try Task.checkCancellation()
            let response: HTTPResponse
            do {
                response = try await limiter.withPermit {
                    sent.add(1, ordering: .relaxed)
                    return try await transport(request)
                }
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                let failure = transportFailure(error, url: url)
                let retryable = idempotent && failure.kind != .other && answered.load(ordering: .relaxed)
                guard retryable, failures < maxRetries else {
                    throw RemoteError(
                        kind: failure.kind == .timeout
                            ? .timeout : (failure.kind == .unreachable ? .unreachable : .other),
                        method: method, url: shownURL, message: redact(failure.message), subject: subject)
                }
                try await pause(backoff(failures))
                failures += 1
                continue
            }

            answered.store(true, ordering: .relaxed)
            switch response.status {
            case 200..<300:
                return response
            case 429:
                guard throttles < maxRateLimitRetries else {
                    throw remoteError(response, method: method, url: shownURL, subject: subject)
                }
                try await pause(rateLimitDelay(response, attempt: throttles))
                throttles += 1
            case 500, 502, 503, 504:
                guard idempotent, failures < maxRetries else {
                    throw remoteError(response, method: method, url: shownURL, subject: subject)
                }
                try await pause(backoff(failures))
                failures += 1
            default:
                throw remoteError(response, method: method, url: shownURL, subject: subject)
            }
        }
    }

    private func pause(_ duration: Duration) async throws {
        try await sleep(duration)
        try Task.checkCancellation()
    }

    private func transportFailure(_ error: any Error, url: URL) -> TransportError {
        if let failure = error as? TransportError { return failure }
        if let urlError = error as? URLError, let failure = TransportError.from(urlError, url: url) {
            return failure
        }
        return TransportError(
            kind: .other, message: "request to \(TransportError.hostAndPort(url)) failed: \(error)")
    }

    /// 5xx and connection failures: 0.25 s · 2ⁿ capped at 8 s, of which a random half is
    /// waited ("equal jitter"), so clients that failed together do not retry together.
    func backoff(_ attempt: Int) -> Duration {
        let full = min(0.25 * pow(2, Double(min(attempt, 20))), 8)
        return .milliseconds(Int((full / 2 + Double.random(in: 0...(full / 2))) * 1000))
    }

    /// 429: `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset` (epoch seconds)
    /// minus now, else 0.5 s · 2ⁿ capped at 30 s (an application limit's JSON 429 has no
    /// headers). Waits are capped at an hour.
    func rateLimitDelay(_ response: HTTPResponse, attempt: Int) -> Duration {
        let cap = 3600.0
        if let value = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(value), seconds >= 0 {
                return .milliseconds(Int(min(seconds, cap) * 1000))
            }
            if let date = GitLabClient.httpDate(value) {
                let seconds = date.timeIntervalSince(now())
                if seconds > 0 { return .milliseconds(Int(min(seconds, cap) * 1000)) }
            }
        }
        if let value = response.header("RateLimit-Reset").flatMap({
            Double($0.trimmingCharacters(in: .whitespaces))
        }) {
            // Old GitLab documentation called it seconds; a small value is read that way.
            let seconds = value < 1_000_000_000 ? value : value - now().timeIntervalSince1970
            if seconds > 0 { return .milliseconds(Int((min(seconds, cap) * 1000).rounded(.up))) }
        }
        return .milliseconds(Int(min(0.5 * pow(2, Double(min(attempt, 20))), 30) * 1000))
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    private func remoteError(_ response: HTTPResponse, method: String, url: String, subject: String?)
        -> RemoteError
    {
        let body = Mapping.errorBody(response.body)
        var message = body.message
        let kind: RemoteError.Kind
        switch response.status {
        case 400: kind = .badRequest
        case 401: kind = .unauthorized
        case 403 where body.error == "insufficient_scope":
            kind = .insufficientScope
            let needed =
                body.scope.map {
                    "the token needs scope \($0.split(separator: " ").joined(separator: " or "))"
                }
                ?? "the token lacks a needed scope"
            message = [needed, body.errorDescription].compactMap { $0 }.joined(separator: ": ")
        case 403: kind = .forbidden
        case 404: kind = .notFound
        case 429: kind = .rateLimited
        case 500...599: kind = .server
        default: kind = .other
        }
        return RemoteError(
            kind: kind, method: method, url: url, status: response.status, message: message.map(redact),
            subject: subject)
    }

    /// Removes the token from text that leaves the client, should a server or transport echo it.
    func redact(_ text: String) -> String {
        var result = text
        if let token, !token.isEmpty { result = result.replacingOccurrences(of: token, with: "[MASKED]") }
        for name in ["private_token=", "access_token=", "job_token="] {
            var searchStart = result.startIndex
            while let found = result.range(
                of: name, options: .caseInsensitive, range: searchStart..<result.endIndex)
            {
                let valueEnd =
                    result[found.upperBound...].firstIndex {
                        $0 == "&" || $0 == "#" || $0 == " " || $0 == ">"
                    }
                    ?? result.endIndex
                result.replaceSubrange(found.upperBound..<valueEnd, with: "[MASKED]")
                searchStart = result.index(found.upperBound, offsetBy: "[MASKED]".count)
            }
        }
        return result
    }

    static func trimmedPath(_ name: String) -> String {
        name.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "/")))
    }
}
