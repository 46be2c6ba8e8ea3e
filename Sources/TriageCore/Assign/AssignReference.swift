import Foundation

/// An issue reference as typed by a person, before it is resolved against a job or GitLab.
///
/// Accepted:
/// - `45` or `#45`: issue 45 of the job's own project;
/// - `julia/Foo.jl#45`, `julia/sub/Bar#7`: issue of that project;
/// - `https://gitlab.example.com/julia/Foo.jl/-/issues/45` (a fragment or query is ignored),
///   only on the configured GitLab (same host and port, under its path).
///
/// Refused: `0`, `-3`, `foo#`, `#x`, `Foo.jl#45` (a project path has a namespace),
/// `https://other.example.com/a/b/-/issues/1`, `https://gitlab.example.com/a/b/-/merge_requests/1`.
public enum IssueReference: Hashable, Sendable {
    case local(iid: Int)
    case qualified(project: String, iid: Int)

    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public init(text: String, reason: String) {
            self.text = text
            self.reason = reason
        }
        public var description: String {
            "'\(text)' is not an issue reference (\(reason)) — use 45, group/project#45 or the issue's URL"
        }
    }

    /// Parses `text`; `gitlab` is the configured instance root (nil: URLs are refused).
    public static func parse(_ text: String, gitlab: URL?) throws -> IssueReference {
        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
            return try parseURL(trimmed, gitlab: gitlab, fail: fail)
        }
        if let hash = trimmed.lastIndex(of: "#") {
            let project = String(trimmed[..<hash])
            let number = String(trimmed[trimmed.index(after: hash)...])
            let iid = try issueNumber(number, fail: fail)
            if project.isEmpty { return .local(iid: iid) }
            try checkProjectPath(project, fail: fail)
            return .qualified(project: project, iid: iid)
        }
        return .local(iid: try issueNumber(trimmed, fail: fail))
    }

    private static func issueNumber(_ text: String, fail: (String) -> ParseError) throws -> Int {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else {
            throw fail("the issue number must be a positive whole number")
        }
        guard let n = Int(text), n > 0 else { throw fail("the issue number must be a positive whole number") }
        return n
    }

    private static func checkProjectPath(_ path: String, fail: (String) -> ParseError) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { throw fail("a project path has a group: group/project#45") }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+")
        for part in parts where part.isEmpty || !part.allSatisfy({ allowed.contains($0) }) {
            throw fail("'\(path)' is not a project path")
        }
    }

    private static func parseURL(
        _ text: String, gitlab: URL?, fail: (String) -> ParseError
    ) throws -> IssueReference {
        guard let url = URLComponents(string: text), let host = url.host else { throw fail("not a URL") }
        guard let gitlab, let base = URLComponents(url: gitlab, resolvingAgainstBaseURL: false) else {
            throw fail("no GitLab URL is configured to compare it with")
        }
        guard host.lowercased() == base.host?.lowercased(), url.port == base.port else {
            throw fail("not an issue of the configured GitLab \(base.host ?? "")")
        }
        var path = url.path
        let prefix = base.path.hasSuffix("/") ? String(base.path.dropLast()) : base.path
        if !prefix.isEmpty {
            guard path.hasPrefix(prefix + "/") else { throw fail("not under the configured GitLab's path") }
            path = String(path.dropFirst(prefix.count))
        }
        if path.hasSuffix("/") { path.removeLast() }
        guard let marker = path.range(of: "/-/issues/") else { throw fail("not an issue URL (…/-/issues/N)") }
        let project = String(path[path.startIndex..<marker.lowerBound].drop { $0 == "/" })
        let number = String(path[marker.upperBound...])
        let iid = try issueNumber(number, fail: fail)
        try checkProjectPath(project, fail: fail)
        return .qualified(project: project, iid: iid)
    }

    /// The project path, the job's own for a local reference.
    public func projectPath(defaultProject: String) -> String {
        switch self {
        case .local: defaultProject
        case .qualified(let project, _): project
        }
    }

    public var iid: Int {
        switch self {
        case .local(let iid), .qualified(_, let iid): iid
        }
    }
}
