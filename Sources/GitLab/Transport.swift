import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP request as the client hands it to a transport.
///
/// Its `description`, `debugDescription` and mirror hide the value of the `PRIVATE-TOKEN`
/// header, so printing or dumping a request never shows the token.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of a header, whatever the case of its name.
    public func header(_ name: String) -> String? {
        HTTPResponse.lookup(name, in: headers)
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "\(method) \(url.absoluteString)" }

    public var debugDescription: String {
        let shown = redactedHeaders.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        return "\(method) \(url.absoluteString) [\(shown.joined(separator: ", "))]"
            + (body.map { " body: \($0.count) bytes" } ?? "")
    }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method, "url": url, "headers": redactedHeaders, "body": body as Any,
            ])
    }

    private var redactedHeaders: [String: String] {
        var result = headers
        for key in headers.keys where HTTPRequest.secretHeaders.contains(key.lowercased()) {
            result[key] = "[MASKED]"
        }
        return result
    }

    static let secretHeaders: Set<String> = ["private-token", "authorization", "job-token"]
}

/// One HTTP response: status, headers (looked up case-insensitively with `header(_:)`), body.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of a header, whatever the case of its name (`x-next-page` finds `X-Next-Page`).
    public func header(_ name: String) -> String? {
        HTTPResponse.lookup(name, in: headers)
    }

    static func lookup(_ name: String, in headers: [String: String]) -> String? {
        if let exact = headers[name] { return exact }
        let lowered = name.lowercased()
        return headers.first { $0.key.lowercased() == lowered }?.value
    }
}

/// Sends one request and returns the response, whatever its status.
///
/// A transport throws only when no response came: `TransportError` for network failures,
/// `CancellationError` when the task was cancelled. It never retries; the client does.
public typealias HTTPTransport = @Sendable (HTTPRequest) async throws -> HTTPResponse

/// Why no response came.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The host could not be reached (refused, unknown host, no route, connection lost).
        case unreachable
        /// The host did not answer in time.
        case timeout
        /// Anything else (TLS failure, malformed response, …).
        case other
    }
    public var kind: Kind
    /// A sentence a person can act on, e.g. `could not connect to 127.0.0.1:9: connection refused`.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Classifies a Foundation `URLError` for a request to `url`; nil for `.cancelled`
    /// (which is a cancellation, not a transport failure).
    public static func from(_ error: URLError, url: URL, timeout: TimeInterval? = nil) -> TransportError? {
        let target = hostAndPort(url)
        switch error.code {
        case .cancelled:
            return nil
        case .cannotConnectToHost:
            return TransportError(
                kind: .unreachable, message: "could not connect to \(target): connection refused")
        case .cannotFindHost, .dnsLookupFailed:
            return TransportError(
                kind: .unreachable, message: "could not connect to \(target): host not found")
        case .networkConnectionLost:
            return TransportError(kind: .unreachable, message: "connection to \(target) lost")
        case .notConnectedToInternet:
            return TransportError(kind: .unreachable, message: "could not connect to \(target): no network")
        case .timedOut:
            let after = timeout.map { " after \(formatSeconds($0))" } ?? ""
            return TransportError(kind: .timeout, message: "\(target) did not answer\(after)")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return TransportError(
                kind: .other, message: "TLS connection to \(target) failed (\(error.code.rawValue))")
        default:
            return TransportError(
                kind: .other, message: "request to \(target) failed: URL error \(error.code.rawValue)")
        }
    }

    static func hostAndPort(_ url: URL) -> String {
        let host = url.host ?? "?"
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        return "\(host):\(port)"
    }

    private static func formatSeconds(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

/// The production transport: Foundation's `URLSession`.
public enum URLSessionTransport {
    /// A transport over one ephemeral `URLSession` (no cookies, no cache, no stored credentials).
    ///
    /// - Parameters:
    ///   - maxConnections: connections per host (URLSession's default of 6 halves throughput
    ///     with 12–16 requests in flight).
    ///   - connectTimeout: seconds a host that has not answered yet may stay silent. Foundation
    ///     on Linux has no separate connect timeout, so until a host has answered once, its
    ///     requests use this as their idle timeout: a host that drops packets fails within it.
    ///     A refused connection fails at once either way.
    ///   - requestTimeout: seconds of silence allowed once the host has answered before.
    public static func make(
        maxConnections: Int = 16, connectTimeout: TimeInterval = 5, requestTimeout: TimeInterval = 60
    ) -> HTTPTransport {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.timeoutIntervalForResource = max(requestTimeout * 10, 600)
        let session = URLSession(configuration: configuration)
        let answered = Mutex<Set<String>>([])

        return { request in
            let target = TransportError.hostAndPort(request.url)
            let known = answered.withLock { $0.contains(target) }
            let timeout = known ? requestTimeout : min(connectTimeout, requestTimeout)
            var urlRequest = URLRequest(
                url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
            urlRequest.httpMethod = request.method
            for (name, value) in request.headers {
                urlRequest.setValue(value, forHTTPHeaderField: name)
            }
            urlRequest.httpBody = request.body
            do {
                let (data, response) = try await send(urlRequest, on: session)
                guard let http = response as? HTTPURLResponse else {
                    throw TransportError(kind: .other, message: "\(target) sent a response that is not HTTP")
                }
                if !known { answered.withLock { _ = $0.insert(target) } }
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String { headers[name] = "\(value)" }
                }
                return HTTPResponse(status: http.statusCode, headers: headers, body: data)
            } catch let error as URLError {
                if Task.isCancelled { throw CancellationError() }
                guard let mapped = TransportError.from(error, url: request.url, timeout: timeout) else {
                    throw CancellationError()
                }
                throw mapped
            }
        }
    }

    /// `session.data(for:)`, with cancellation that cannot deadlock.
    ///
    /// Foundation's own async `data(for:)` on Linux cancels the URLSession task from inside the
    /// Swift task's cancellation handler, which holds the task's status lock while it waits for the
    /// session's work queue; when that queue is at the same moment finishing the request and resuming
    /// the task, each waits for the other and the process hangs (seen under Ctrl-C in a fetch with
    /// 16 requests in flight, about one run in five on a loaded machine). Here the handler only
    /// schedules the cancel on another queue and returns.
    static func send(_ request: URLRequest, on session: URLSession) async throws -> (Data, URLResponse) {
        let state = Mutex(CancelState())
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                let box = TaskBox(task: task)
                let cancelled = state.withLock { state in
                    state.task = box
                    return state.cancelled
                }
                task.resume()
                if cancelled { box.cancelLater() }
            }
        } onCancel: {
            let box = state.withLock { state in
                state.cancelled = true
                return state.task
            }
            box?.cancelLater()
        }
    }

    private struct CancelState: ~Copyable {
        var task: TaskBox?
        var cancelled = false
    }

    /// A data task handed between the request and its cancellation handler.
    private struct TaskBox: @unchecked Sendable {
        let task: URLSessionDataTask

        func cancelLater() {
            let task = task
            cancelQueue.async { task.cancel() }
        }
    }

    private static let cancelQueue = DispatchQueue(label: "triage.transport.cancel")
}
