import Basics
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// A fake GitLab REST API v4 on 127.0.0.1 serving a generated organisation.
///
/// Contract: responses follow `shared/reference/gitlab-api.md` (pagination headers §2, error shapes §3,
/// rate limits §4, traces §5). Every request is recorded (`requests`). Thread-safe; start once, stop once.
public final class SimulatedGitLab: Sendable {
    public let configuration: SimulatorConfiguration
    let state: Mutex<State>

    struct State {
        var org: Organisation
        var server: HTTPServer?
        var task: Task<Void, any Error>?
        var baseURL: URL?
        var requests: [SimulatedRequest] = []
        var arrivals = 0
        var faultRate: Double
        var throttle: [String: (window: Int64, count: Int)] = [:]
        var jobsThrottle: [String: (window: Int64, count: Int)] = [:]
        var notes: [Int: [StoredNote]] = [:]
        var nextNoteID = 40_001
    }

    /// Generates the organisation (synchronously; no server yet).
    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        state = Mutex(
            State(org: Organisation(configuration: configuration), faultRate: configuration.faultRate))
    }

    /// Serves an already generated organisation (which must come from `configuration`): lets tests
    /// share one generation between many servers.
    init(configuration: SimulatorConfiguration, organisation: Organisation) {
        self.configuration = configuration
        state = Mutex(State(org: organisation, faultRate: configuration.faultRate))
    }

    /// The generator's truth: a snapshot (`advance(nights:)` replaces it).
    public var organisation: Organisation { state.withLock { $0.org } }
    /// `http://127.0.0.1:PORT` once started.
    public var baseURL: URL? { state.withLock { $0.baseURL } }
    /// All requests received, including faulted and rejected ones.
    public var requestCount: Int { state.withLock { $0.arrivals } }
    /// Answered requests in completion order.
    public var requests: [SimulatedRequest] { state.withLock { $0.requests } }

    /// Changes the fault rate from now on (0 = healthy, 1 = every request fails).
    public func setFaultRate(_ rate: Double) { state.withLock { $0.faultRate = rate } }

    /// Appends `nights` new nights after the last one (deterministic): later fetches see their pipelines.
    public func advance(nights: Int) {
        state.withLock { s in
            for _ in 0..<max(0, nights) { s.org.generateNight(s.org.nights.count) }
        }
    }

    /// Starts listening on 127.0.0.1:`port` (0 = any free port) and returns the base URL (`http://127.0.0.1:PORT`).
    public func start(port: UInt16 = 0) async throws -> URL {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let config = HTTPServer.Configuration(
            address: address, timeout: 120, pool: NoDelayPool(inner: HTTPServer.defaultPool()),
            logger: .disabled)
        let server = HTTPServer(config: config, handler: Handler(simulator: self))
        let task = Task { try await server.run() }
        // Generous: on a loaded machine the server task may wait long for a cooperative thread.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let boundPort) = await server.listeningAddress,
            let url = URL(string: "http://127.0.0.1:\(boundPort)")
        else {
            task.cancel()
            throw SocketError.disconnected
        }
        state.withLock {
            $0.server = server
            $0.task = task
            $0.baseURL = url
        }
        return url
    }

    /// Stops listening and closes connections at once, idle or not. A grace period bought
    /// nothing: a client's idle keep-alive connection never ends by itself, so every stop waited
    /// the whole period (a second per simulator, a minute and more of the test suite).
    public func stop() async {
        let (server, task) = state.withLock { s in
            defer {
                s.server = nil
                s.task = nil
            }
            return (s.server, s.task)
        }
        await server?.stop(timeout: 0)
        task?.cancel()
    }

    // MARK: Request pipeline

    fileprivate func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let (arrival, faultRate) = state.withLock { s -> (Int, Double) in
            s.arrivals += 1
            return (s.arrivals, s.faultRate)
        }
        if configuration.latency > .zero { try? await Task.sleep(for: configuration.latency) }
        let rawPath = request.target.path(percentEncoded: true)
        let rawQuery = request.target.query(percentEncoded: true)
        let body = request.method == .POST ? ((try? await request.bodyData) ?? Data()) : Data()
        let reply = respond(
            request, rawPath: rawPath, query: Query(rawQuery), body: body, arrival: arrival,
            faultRate: faultRate)
        state.withLock {
            $0.requests.append(
                SimulatedRequest(
                    method: request.method.rawValue, path: rawPath, query: rawQuery, status: reply.status))
        }
        return reply.response
    }

    private func respond(
        _ request: HTTPRequest, rawPath: String, query: Query, body: Data, arrival: Int, faultRate: Double
    ) -> Reply {
        if faultRate > 0 {
            var rng = SplitMix64(configuration.seed, stableHash("fault"), UInt64(arrival))
            if rng.double() < faultRate { return Reply.fault(rng.int(0..<3)) }
        }
        guard rawPath.hasPrefix("/api/v4/") else { return .routeNotFound }
        let segments = rawPath.dropFirst("/api/v4/".count).split(
            separator: "/", omittingEmptySubsequences: false
        )
        .map { String($0).removingPercentEncoding ?? String($0) }
        guard let route = Route(method: request.method.rawValue, segments: segments) else {
            return .routeNotFound
        }

        // Authentication.
        let token =
            request.headers[HTTPHeader("PRIVATE-TOKEN")]
            ?? request.headers[.authorization].flatMap {
                $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil
            }
            ?? query.first("private_token") ?? query.first("access_token")
        guard let token, let scope = configuration.tokens[token] else { return .unauthorized }
        if scope == .expired { return .expiredToken }

        // Rate limits (fixed 60 s windows).
        let now = Date().timeIntervalSince1970
        let window = Int64(now) / 60
        var extraHeaders: [(String, String)] = []
        if let limit = configuration.rateLimitPerMinute {
            let observed = state.withLock { s -> Int in
                var entry = s.throttle[token] ?? (window, 0)
                if entry.window != window { entry = (window, 0) }
                entry.count += 1
                s.throttle[token] = entry
                return entry.count
            }
            let reset = (window + 1) * 60
            let headers = [
                ("RateLimit-Name", "throttle_authenticated_api"), ("RateLimit-Limit", "\(limit)"),
                ("RateLimit-Observed", "\(observed)"), ("RateLimit-Remaining", "\(max(limit - observed, 0))"),
                ("RateLimit-Reset", "\(reset)"), ("RateLimit-ResetTime", httpDate(epochSeconds: reset)),
            ]
            if observed > limit {
                let retryAfter = 60 - Int(Int64(now) % 60)
                return Reply(
                    status: 429,
                    headers: headers + [("Retry-After", "\(retryAfter)"), ("Content-Type", "text/plain")],
                    body: Array("Retry later\n".utf8))
            }
            extraHeaders = headers
        }
        if case .projectJobs = route, let limit = configuration.jobsRateLimitPerMinute {
            let observed = state.withLock { s -> Int in
                var entry = s.jobsThrottle[token] ?? (window, 0)
                if entry.window != window { entry = (window, 0) }
                entry.count += 1
                s.jobsThrottle[token] = entry
                return entry.count
            }
            if observed > limit {
                return .json(
                    429,
                    .object([
                        (
                            "message",
                            .object([
                                (
                                    "error",
                                    .string(
                                        "This endpoint has been requested too many times. Try again later.")
                                )
                            ])
                        )
                    ]))
            }
        }

        let (org, base) = state.withLock { s in
            (s.org, configuration.externalURL ?? s.baseURL?.absoluteString ?? "http://127.0.0.1")
        }
        let context = Context(
            simulator: self, org: org, entities: Entities(org: org, base: base), base: base, query: query,
            scope: scope, rawPath: rawPath, body: body, contentType: request.headers[.contentType])
        var reply = context.dispatch(route)
        reply.headers += extraHeaders
        return reply
    }

    func storeNote(issue: Organisation.Issue, body: String, isInternal: Bool, author: Int) -> StoredNote {
        state.withLock { s in
            let note = StoredNote(
                id: s.nextNoteID, issueID: issue.id, issueIID: issue.iid, projectID: issue.projectID,
                body: body,
                authorID: author, isInternal: isInternal,
                createdAt: Int64(Date().timeIntervalSince1970 * 1000))
            s.nextNoteID += 1
            s.notes[issue.id, default: []].append(note)
            return note
        }
    }

    func notes(ofIssue id: Int) -> [StoredNote] { state.withLock { $0.notes[id] ?? [] } }
}

private struct Handler: HTTPHandler {
    let simulator: SimulatedGitLab
    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        await simulator.handle(request)
    }
}

/// Sets TCP_NODELAY on every socket it suspends (the listener, whose accepted sockets inherit it on
/// Linux, and each connection): FlyingFox writes headers and body separately, and Nagle plus delayed
/// ACKs would otherwise stall each response by ~40 ms.
private struct NoDelayPool: AsyncSocketPool {
    let inner: any AsyncSocketPool
    func prepare() async throws { try await inner.prepare() }
    func run() async throws { try await inner.run() }
    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        // IPPROTO_TCP = 6, TCP_NODELAY = 1 on Linux and Darwin.
        try? socket.setValue(true, for: BoolSocketOption(level: 6, name: 1))
        try await inner.suspendSocket(socket, untilReadyFor: events)
    }
}

/// A response under construction.
struct Reply {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    static func json(_ status: Int, _ value: JSON, headers: [(String, String)] = []) -> Reply {
        Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: value.bytes)
    }

    static func message(_ status: Int, _ text: String) -> Reply {
        json(status, .object([("message", .string(text))]))
    }
    static func error(_ status: Int, _ text: String) -> Reply {
        json(status, .object([("error", .string(text))]))
    }

    static let routeNotFound = error(404, "404 Not Found")
    static let notFound = message(404, "404 Not found")
    static let projectNotFound = message(404, "404 Project Not Found")
    static let unauthorized = message(401, "401 Unauthorized")
    static var expiredToken: Reply {
        let description = "Token is expired. You can either do re-authorization or token refresh."
        return json(
            401, .object([("error", .string("invalid_token")), ("error_description", .string(description))]),
            headers: [
                (
                    "WWW-Authenticate",
                    "Bearer realm=\"The API\", error=\"invalid_token\", error_description=\"\(description)\""
                )
            ])
    }
    static let insufficientScope = json(
        403,
        .object([
            ("error", .string("insufficient_scope")),
            (
                "error_description",
                .string("The request requires higher privileges than provided by the access token.")
            ),
            ("scope", .string("api")),
        ]))

    static func fault(_ kind: Int) -> Reply {
        switch kind {
        case 0: return message(500, "500 Internal Server Error")
        case 1:
            return Reply(
                status: 502, headers: [("Content-Type", "text/html; charset=utf-8")],
                body: Array(
                    "<!DOCTYPE html>\n<html>\n<head><title>GitLab is not responding (502)</title></head>\n<body><h1>502</h1><h3>Whoops, GitLab is taking too much time to respond.</h3></body>\n</html>\n"
                        .utf8))
        default:
            return Reply(
                status: 503, headers: [("Content-Type", "text/html; charset=utf-8")],
                body: Array(
                    "<!DOCTYPE html>\n<html>\n<head><title>The server is temporarily unable to service your request (503)</title></head>\n<body><h1>503</h1><h3>GitLab is temporarily unavailable. Please try again later.</h3></body>\n</html>\n"
                        .utf8))
        }
    }

    private static let phrases = [
        200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
        404: "Not Found",
        405: "Method Not Allowed", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
        503: "Service Unavailable",
    ]

    var response: HTTPResponse {
        var h = HTTPHeaders()
        for (name, value) in headers { h.addValue(value, for: HTTPHeader(name)) }
        h.addValue("no-cache", for: HTTPHeader("Cache-Control"))
        return HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: Self.phrases[status] ?? "Unknown"), headers: h,
            body: Data(body))
    }
}

/// Decoded query parameters in request order (`+` is a space, as Rails decodes it).
struct Query {
    let items: [(String, String)]

    init(_ raw: String) {
        items = raw.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let key = parts.first, !key.isEmpty else { return nil }
            return (decode(key), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    func first(_ name: String) -> String? { items.first { $0.0 == name }?.1 }
    /// `name[]=a&name[]=b` or `name=a`.
    func array(_ name: String) -> [String] {
        items.filter { $0.0 == name || $0.0 == name + "[]" }.map(\.1)
    }
    func bool(_ name: String) -> Bool? {
        switch first(name)?.lowercased() {
        case "true", "1", "yes", "t": return true
        case "false", "0", "no", "f": return false
        default: return nil
        }
    }
}

/// The routes the simulator serves, with their raw path parameters.
enum Route {
    case projects, project(String), projectPipelines(String), pipeline(String, String), pipelineJobs(
        String, String)
    case projectJobs(String), job(String, String), trace(String, String), schedules(String)
    case schedule(String, String), schedulePipelines(String, String)
    case projectIssues(String), issue(String, String), notes(String, String), postNote(String, String)
    case commit(String, String), compare(String)
    case group(String), groupProjects(String), groupIssues(String), issues, user, version

    init?(method: String, segments s: [String]) {
        let get = method == "GET" || method == "HEAD"
        switch (get, s.count, s.first ?? "") {
        case (true, 1, "projects"): self = .projects
        case (true, 2, "projects"): self = .project(s[1])
        case (true, 1, "issues"): self = .issues
        case (true, 1, "user"): self = .user
        case (true, 1, "version"), (true, 1, "metadata"): self = .version
        case (true, 2, "groups"): self = .group(s[1])
        case (true, 3, "groups") where s[2] == "projects": self = .groupProjects(s[1])
        case (true, 3, "groups") where s[2] == "issues": self = .groupIssues(s[1])
        case (true, 3, "projects"):
            switch s[2] {
            case "pipelines": self = .projectPipelines(s[1])
            case "jobs": self = .projectJobs(s[1])
            case "pipeline_schedules": self = .schedules(s[1])
            case "issues": self = .projectIssues(s[1])
            default: return nil
            }
        case (true, 4, "projects") where s[2] == "pipelines": self = .pipeline(s[1], s[3])
        case (true, 4, "projects") where s[2] == "jobs": self = .job(s[1], s[3])
        case (true, 4, "projects") where s[2] == "issues": self = .issue(s[1], s[3])
        case (true, 4, "projects") where s[2] == "pipeline_schedules": self = .schedule(s[1], s[3])
        case (true, 5, "projects") where s[2] == "pipeline_schedules" && s[4] == "pipelines":
            self = .schedulePipelines(s[1], s[3])
        case (true, 4, "projects") where s[2] == "repository" && s[3] == "compare": self = .compare(s[1])
        case (true, 5, "projects") where s[2] == "pipelines" && s[4] == "jobs":
            self = .pipelineJobs(s[1], s[3])
        case (true, 5, "projects") where s[2] == "jobs" && s[4] == "trace": self = .trace(s[1], s[3])
        case (true, 5, "projects") where s[2] == "issues" && s[4] == "notes": self = .notes(s[1], s[3])
        case (true, 5, "projects") where s[2] == "repository" && s[3] == "commits": self = .commit(s[1], s[4])
        case (false, 5, "projects") where method == "POST" && s[2] == "issues" && s[4] == "notes":
            self = .postNote(s[1], s[3])
        default: return nil
        }
    }
}
