import Foundation
import Synchronization
import Testing
import TriageCore

@testable import GitLab

private let ok = json("[]")
private let usersURL = "https://gitlab.example.com/api/v4/user"
private let userBody = json(#"{"username":"root"}"#)

struct RateLimitTests {
    @Test func retryAfterIsObeyed() async throws {
        let (client, recorder) = makeClient { _, index in
            index < 2
                ? HTTPResponse(
                    status: 429,
                    headers: [
                        "Content-Type": "text/plain", "Retry-After": "7", "RateLimit-Reset": "1700000100",
                        "RateLimit-Name": "throttle_authenticated_api",
                    ], body: Data("Retry later\n".utf8))
                : userBody
        }
        #expect(try await client.currentUser() == "root")
        #expect(recorder.sleepSeconds == [7, 7])
        #expect(client.requestCount == 3)
    }

    @Test func rateLimitResetIsAnEpoch() async throws {
        // now = 1_700_000_000
        let (client, recorder) = makeClient { _, index in
            index == 0 ? HTTPResponse(status: 429, headers: ["ratelimit-reset": "1700000042"]) : userBody
        }
        #expect(try await client.currentUser() == "root")
        #expect(recorder.sleepSeconds == [42])
    }

    @Test func applicationLimitJSONWithoutHeadersBacksOffExponentially() async throws {
        let (client, recorder) = makeClient { _, index in
            index < 8
                ? json(
                    #"{"message":{"error":"This endpoint has been requested too many times. Try again later."}}"#,
                    status: 429)
                : userBody
        }
        #expect(try await client.currentUser() == "root")
        #expect(recorder.sleepSeconds == [0.5, 1, 2, 4, 8, 16, 30, 30])
    }

    @Test func tooManyRateLimitsThrow() async throws {
        let (client, recorder) = makeClient { _, _ in
            json(
                #"{"message":{"error":"This endpoint has been requested too many times. Try again later."}}"#,
                status: 429)
        }
        await #expect(
            throws: RemoteError(
                kind: .rateLimited, method: "GET", url: usersURL, status: 429,
                message: "This endpoint has been requested too many times. Try again later.")
        ) {
            _ = try await client.currentUser()
        }
        #expect(client.requestCount == 11)
        #expect(recorder.sleeps.withLock { $0.count } == 10)
    }

    @Test func rateLimitsDoNotUseTheServerErrorBudget() async throws {
        let (client, _) = makeClient(maxRetries: 1) { _, index in
            switch index {
            case 0, 1, 2: HTTPResponse(status: 429, headers: ["Retry-After": "1"])
            case 3: json("{}", status: 503)
            default: userBody
            }
        }
        #expect(try await client.currentUser() == "root")
    }
}

struct ServerErrorTests {
    @Test(arguments: [500, 502, 503, 504])
    func retriedThenSuccess(status: Int) async throws {
        let (client, recorder) = makeClient { _, index in
            index < 3
                ? HTTPResponse(status: status, body: Data("<html><title>\(status)</title></html>".utf8))
                : userBody
        }
        #expect(try await client.currentUser() == "root")
        #expect(client.requestCount == 4)
        // Equal jitter: between half and all of 0.25 s · 2ⁿ.
        let sleeps = recorder.sleepSeconds
        #expect(sleeps.count == 3)
        for (n, seconds) in sleeps.enumerated() {
            let full = 0.25 * pow(2, Double(n))
            #expect(seconds >= full / 2 && seconds <= full)
        }
    }

    @Test func foreverIsServerErrorAfterMaxRetries() async throws {
        let (client, recorder) = makeClient(maxRetries: 4) { _, _ in
            HTTPResponse(
                status: 502, headers: ["Content-Type": "text/html"],
                body: Data("<html><head><title>502 Bad Gateway</title></head></html>".utf8))
        }
        await #expect(
            throws: RemoteError(
                kind: .server, method: "GET", url: usersURL, status: 502, message: "502 Bad Gateway")
        ) {
            _ = try await client.currentUser()
        }
        #expect(client.requestCount == 5)
        #expect(recorder.sleeps.withLock { $0.count } == 4)
        #expect(recorder.sleepSeconds.allSatisfy { $0 <= 8 })
    }

    @Test func otherServerStatusIsNotRetried() async throws {
        let (client, _) = makeClient { _, _ in json(#"{"message":"501 Not Implemented"}"#, status: 501) }
        await #expect(
            throws: RemoteError(
                kind: .server, method: "GET", url: usersURL, status: 501, message: "501 Not Implemented")
        ) {
            _ = try await client.currentUser()
        }
        #expect(client.requestCount == 1)
    }

    @Test func connectionErrorsAreRetriedOnceTheServerHasAnswered() async throws {
        let (client, _) = makeClient { request, index in
            switch index {
            case 0: return userBody
            case 1, 2:
                throw TransportError(kind: .unreachable, message: "connection to gitlab.example.com:443 lost")
            case 3: throw URLError(.timedOut)
            default: return userBody
            }
        }
        #expect(try await client.currentUser() == "root")
        #expect(try await client.currentUser() == "root")
        #expect(client.requestCount == 5)
    }

    @Test func connectionErrorBeforeAnyAnswerFailsAtOnce() async throws {
        let (client, recorder) = makeClient { _, _ in
            throw TransportError(
                kind: .unreachable, message: "could not connect to gitlab.example.com:443: connection refused"
            )
        }
        await #expect(
            throws: RemoteError(
                kind: .unreachable, method: "GET", url: usersURL,
                message: "could not connect to gitlab.example.com:443: connection refused")
        ) {
            _ = try await client.currentUser()
        }
        #expect(client.requestCount == 1)
        #expect(recorder.sleeps.withLock { $0.isEmpty })
    }

    @Test func urlErrorsFromACustomTransportAreClassified() async throws {
        let (client, _) = makeClient { _, _ in throw URLError(.timedOut) }
        await #expect(
            throws: RemoteError(
                kind: .timeout, method: "GET", url: usersURL, message: "gitlab.example.com:443 did not answer"
            )
        ) {
            _ = try await client.currentUser()
        }
    }
}

struct ErrorMappingTests {
    @Test(
        arguments: [
            (401, #"{"message":"401 Unauthorized"}"#, RemoteError.Kind.unauthorized, "401 Unauthorized"),
            (
                401,
                #"{"error":"invalid_token","error_description":"Token is expired. You can either do re-authorization or token refresh."}"#,
                .unauthorized,
                "invalid_token: Token is expired. You can either do re-authorization or token refresh."
            ),
            (401, "Unauthorized\n", .unauthorized, "Unauthorized"),
            (
                403,
                #"{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api"}"#,
                .insufficientScope,
                "the token needs scope api: The request requires higher privileges than provided by the access token."
            ),
            (
                403, #"{"message":"403 Forbidden - Your account has been blocked."}"#, .forbidden,
                "403 Forbidden - Your account has been blocked."
            ),
            (404, #"{"message":"404 Not found"}"#, .notFound, "404 Not found"),
            (404, #"{"error":"404 Not Found"}"#, .notFound, "404 Not Found"),
            (
                400, #"{"error":"scope does not have a valid value"}"#, .badRequest,
                "scope does not have a valid value"
            ),
            (400, #"{"message":{"labels":["is invalid"]}}"#, .badRequest, "labels is invalid"),
            (
                405,
                #"{"message":"Offset pagination has a maximum allowed offset of 50000 for requests that return objects of type Project. Remaining records can be retrieved using keyset pagination."}"#,
                .other,
                "Offset pagination has a maximum allowed offset of 50000 for requests that return objects of type Project. Remaining records can be retrieved using keyset pagination."
            ),
        ] as [(Int, String, RemoteError.Kind, String)])
    func statusAndBody(status: Int, body: String, kind: RemoteError.Kind, message: String) async throws {
        let (client, _) = makeClient { _, _ in json(body, status: status) }
        await #expect(
            throws: RemoteError(kind: kind, method: "GET", url: usersURL, status: status, message: message)
        ) {
            _ = try await client.currentUser()
        }
        #expect(client.requestCount == 1)
    }

    @Test func malformedJSONNamesTheURL() async throws {
        let (client, _) = makeClient { _, _ in json(#"[{"id":1,"iid":"x"}]"#) }
        do {
            _ = try await client.issues(projectID: 7, updatedAfter: nil)
            Testing.Issue.record("expected an error")
        } catch let error as RemoteError {
            #expect(error.kind == .malformedResponse)
            #expect(
                error.url
                    == "https://gitlab.example.com/api/v4/projects/7/issues?scope=all&state=all&per_page=100")
            #expect(error.status == 200)
            #expect(error.message == "GitLab's answer did not decode: expected Int at [0].iid")
        }
    }

    @Test func htmlOn200IsMalformed() async throws {
        let (client, _) = makeClient { _, _ in
            HTTPResponse(status: 200, body: Data("<html>sign in</html>".utf8))
        }
        await #expect(
            throws: RemoteError(
                kind: .malformedResponse, method: "GET", url: usersURL, status: 200,
                message: "GitLab's answer did not decode: not JSON")
        ) {
            _ = try await client.currentUser()
        }
    }
}

struct TokenTests {
    @Test func tokenOnlyInThePrivateTokenHeader() async throws {
        let (client, recorder) = makeClient { request, _ in
            paged([pipelineJSON(id: 1)], request: request, style: .full)
        }
        _ = try await client.pipelines(projectID: 7, source: "schedule", updatedAfter: nil, createdAfter: nil)
        let request = try #require(recorder.requests.withLock { $0.first })
        #expect(request.headers["PRIVATE-TOKEN"] == testToken)
        #expect(request.headers.filter { $0.value.contains(testToken) }.map(\.key) == ["PRIVATE-TOKEN"])
        #expect(!request.url.absoluteString.contains(testToken))
        #expect(!String(describing: request).contains(testToken))
        #expect(!String(reflecting: request).contains(testToken))
        var dumped = ""
        dump(request, to: &dumped)
        #expect(!dumped.contains(testToken))
        #expect(!String(describing: client).contains(testToken))
    }

    @Test func noTokenNoHeader() async throws {
        let (client, recorder) = makeClient(token: nil) { _, _ in userBody }
        _ = try await client.currentUser()
        #expect(recorder.requests.withLock { $0[0].header("PRIVATE-TOKEN") } == nil)
    }

    @Test(arguments: [
        json("{\"message\":\"bad token \(testToken)\"}", status: 401),
        json("{\"error\":\"invalid_token\",\"error_description\":\"\(testToken) is expired\"}", status: 401),
        HTTPResponse(status: 500, body: Data("private_token=\(testToken) failed".utf8)),
        json("[{\"id\":\"\(testToken)\"}]"),
        json(
            "[\(pipelineJSON(id: 1))]",
            headers: [
                "Link":
                    "<https://gitlab.example.com/api/v4/x?private_token=\(testToken)&page=2>; rel=\"next\""
            ]),
    ])
    func tokenInNoErrorText(response: HTTPResponse) async throws {
        let (client, _) = makeClient(maxRetries: 0) { request, index in
            if index > 0 { throw TransportError(kind: .other, message: "echo \(request.url.absoluteString)") }
            return response
        }
        do {
            _ = try await client.pipelines(projectID: 7, source: nil, updatedAfter: nil, createdAfter: nil)
            Testing.Issue.record("expected an error")
        } catch {
            #expect(error is RemoteError)
            #expect(!allText(error).contains(testToken))
            #expect(!allText(error).contains("SECRET"))
        }
    }
}

/// Polls `condition` every millisecond, for at most 5 s.
private func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<5000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(1))
    }
    Testing.Issue.record("condition never became true")
}

struct ConcurrencyTests {
    @Test func boundIsNeverExceeded() async throws {
        let inFlight = Locked((now: 0, max: 0))
        let (client, _) = makeClient(concurrency: 4) { _, _ in
            inFlight.withLock {
                $0.now += 1
                $0.max = max($0.max, $0.now)
            }
            try await Task.sleep(for: .milliseconds(5))
            inFlight.withLock { $0.now -= 1 }
            return userBody
        }
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await client.currentUser() } }
            var count = 0
            for try await name in group {
                #expect(name == "root")
                count += 1
            }
            #expect(count == 50)
        }
        #expect(inFlight.withLock { $0.max } == 4)
        #expect(client.requestCount == 50)
    }

    @Test func waitersAreServedInOrder() async throws {
        let limiter = Limiter(limit: 1)
        try await limiter.acquire()
        let order = Locked<[Int]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                group.addTask {
                    try await limiter.acquire()
                    order.withLock { $0.append(index) }
                    limiter.release()
                }
                // Let each task reach the queue before the next one starts.
                try await waitUntil { limiter.waiting == index + 1 }
            }
            limiter.release()
            try await group.waitForAll()
        }
        #expect(order.value == [0, 1, 2, 3, 4])
    }

    @Test func cancelledWaiterLeavesTheQueue() async throws {
        let limiter = Limiter(limit: 1)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        try await waitUntil { limiter.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(limiter.waiting == 0)
        // The permit goes to the next waiter, not to the cancelled one.
        let next = Task { try await limiter.acquire() }
        try await waitUntil { limiter.waiting == 1 }
        limiter.release()
        try await next.value
        limiter.release()
        try await limiter.acquire()
    }

    @Test func cancellationStopsARetryingRequest() async throws {
        let attempts = Locked(0)
        let client = GitLabClient(
            baseURL: testBase, token: testToken,
            transport: { _ in
                attempts.withLock { $0 += 1 }
                return HTTPResponse(status: 503)
            }, maxRetries: 1000, sleep: { try await Task.sleep(for: $0) })
        let started = ContinuousClock.now
        let task = Task { try await client.currentUser() }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        // Without cancellation the 1,000 retries would take hours; 10 s leaves room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(10))
        let seen = attempts.value
        try await Task.sleep(for: .milliseconds(300))
        #expect(attempts.value == seen)
        #expect(seen >= 1 && seen < 10)
    }
}
