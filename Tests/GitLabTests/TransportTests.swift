import Foundation
import Testing
import TriageCore

@testable import GitLab

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP port on 127.0.0.1 that nothing listens on: bound, read, closed.
private func closedPort() throws -> Int {
    #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    try #require(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
}

struct TransportTests {
    @Test func connectionRefusedIsUnreachableQuickly() async throws {
        let port = try closedPort()
        let client = GitLabClient(
            baseURL: try #require(URL(string: "http://127.0.0.1:\(port)")), token: testToken,
            transport: URLSessionTransport.make())
        let started = ContinuousClock.now
        await #expect(
            throws: RemoteError(
                kind: .unreachable, method: "GET", url: "http://127.0.0.1:\(port)/api/v4/user",
                message: "could not connect to 127.0.0.1:\(port): connection refused")
        ) {
            _ = try await client.currentUser()
        }
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(client.requestCount == 1)
    }

    @Test(arguments: [
        (
            URLError.Code.cannotConnectToHost, TransportError.Kind.unreachable,
            "could not connect to h:8080: connection refused"
        ),
        (.cannotFindHost, .unreachable, "could not connect to h:8080: host not found"),
        (.networkConnectionLost, .unreachable, "connection to h:8080 lost"),
        (.timedOut, .timeout, "h:8080 did not answer after 5 s"),
    ])
    func urlErrorsAreClassified(code: URLError.Code, kind: TransportError.Kind, message: String) throws {
        let url = try #require(URL(string: "http://h:8080/api/v4/user"))
        #expect(
            TransportError.from(URLError(code), url: url, timeout: 5)
                == TransportError(kind: kind, message: message))
    }

    @Test func cancelledURLErrorIsNotATransportError() throws {
        let url = try #require(URL(string: "https://h/api/v4/user"))
        #expect(TransportError.from(URLError(.cancelled), url: url) == nil)
    }

    @Test func requestDescriptionsHideTheToken() throws {
        let request = HTTPRequest(
            method: "GET", url: try #require(URL(string: "https://h/api/v4/user")),
            headers: ["PRIVATE-TOKEN": testToken, "Accept": "application/json"])
        #expect(request.description == "GET https://h/api/v4/user")
        #expect(
            request.debugDescription
                == "GET https://h/api/v4/user [Accept: application/json, PRIVATE-TOKEN: [MASKED]]")
        #expect(request.header("private-token") == testToken)
    }
}
