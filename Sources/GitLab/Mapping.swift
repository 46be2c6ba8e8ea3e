import Basics
import Foundation
import TriageCore

/// The one place that knows GitLab's JSON: private DTOs decoded from response bodies and
/// turned into TriageCore's model. Unknown fields are ignored, `null` is accepted wherever
/// GitLab may send it, and fields we do not use (pipeline `duration` int vs job `duration`
/// float aside, `coverage` string vs number, users, runners, artifacts) are never decoded.
enum Mapping {
    // MARK: Model

    static func projects(_ data: Data) throws -> [Project] {
        try decode([ProjectDTO].self, data).map(\.model)
    }

    static func project(_ data: Data) throws -> Project {
        try decode(ProjectDTO.self, data).model
    }

    static func pipelines(_ data: Data) throws -> [Pipeline] {
        try decode([PipelineDTO].self, data).map(\.model)
    }

    static func pipeline(_ data: Data) throws -> Pipeline {
        try decode(PipelineDTO.self, data).model
    }

    /// Jobs as GitLab lists them; `projectID` fills in when a job lacks its `pipeline` object.
    static func jobs(_ data: Data, projectID: Int, pipelineID: Int) throws -> [Job] {
        try decode([JobDTO].self, data).map { $0.model(projectID: projectID, pipelineID: pipelineID) }
    }

    static func job(_ data: Data, projectID: Int) throws -> Job {
        try decode(JobDTO.self, data).model(projectID: projectID, pipelineID: nil)
    }

    static func issues(_ data: Data) throws -> [Issue] {
        try decode([IssueDTO].self, data).map(\.model)
    }

    static func issue(_ data: Data) throws -> Issue {
        try decode(IssueDTO.self, data).model
    }

    /// A compare answer's commits (oldest first, as GitLab lists them); `diffs`, `compare_timeout`
    /// and `compare_same_ref` are not needed and not decoded.
    static func commitRange(_ data: Data, projectID: Int, from: String, to: String) throws -> CommitRange {
        CommitRange(
            projectID: projectID, from: from, to: to,
            commits: try decode(CompareDTO.self, data).commits.map(\.model))
    }

    static func username(_ data: Data) throws -> String {
        try decode(UserDTO.self, data).username
    }

    /// The JSON body of a note: `{"body": "..."}`.
    static func noteBody(_ body: String) throws -> Data {
        try JSONEncoder().encode(["body": body])
    }

    // MARK: Error bodies

    /// What GitLab said in an error body, in any of its shapes:
    /// `{"message":"404 Project Not Found"}`, `{"message":{"name":["has already been taken"]}}`,
    /// `{"message":{"error":"..."}}`, `{"error":"invalid_token","error_description":"Token is expired."}`,
    /// `{"error":"insufficient_scope",...,"scope":"api"}`, or plain text (`Retry later`).
    struct ErrorBody: Hashable, Sendable {
        /// The human sentence, nil when the body is empty.
        var message: String?
        /// The `error` code of OAuth-style bodies (`invalid_token`, `insufficient_scope`).
        var error: String?
        /// The `error_description` of OAuth-style bodies.
        var errorDescription: String?
        /// The scopes that would do, for `insufficient_scope`.
        var scope: String?
    }

    static func errorBody(_ data: Data) -> ErrorBody {
        guard !data.isEmpty else { return ErrorBody() }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return ErrorBody(message: plainText(data))
        }
        guard let dictionary = object as? [String: Any] else {
            return ErrorBody(message: (object as? String) ?? plainText(data))
        }
        var result = ErrorBody()
        let error = dictionary["error"] as? String
        let description = dictionary["error_description"] as? String
        result.error = error
        result.errorDescription = description
        result.scope = dictionary["scope"] as? String
        if let message = dictionary["message"] {
            result.message = flatten(message)
        }
        if result.message == nil {
            switch (error, description) {
            case let (error?, description?) where !description.isEmpty:
                result.message = "\(error): \(description)"
            case let (error?, _): result.message = error
            case let (nil, description?): result.message = description
            case (nil, nil): result.message = plainText(data)
            }
        }
        return result
    }

    /// `"text"` → text; `{"error":"x"}` → x; `{"name":["is taken","is too long"]}` →
    /// `name is taken, name is too long`; lists joined with `, `.
    private static func flatten(_ value: Any) -> String? {
        switch value {
        case let text as String:
            return text
        case let list as [Any]:
            let parts = list.compactMap(flatten)
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        case let dictionary as [String: Any]:
            var parts: [String] = []
            for key in dictionary.keys.sorted() {
                guard let value = dictionary[key] else { continue }
                if key == "error" || key == "base" {
                    if let text = flatten(value) { parts.append(text) }
                } else if let list = value as? [Any] {
                    parts.append(contentsOf: list.compactMap(flatten).map { "\(key) \($0)" })
                } else if let text = flatten(value) {
                    parts.append("\(key) \(text)")
                }
            }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        case let number as NSNumber:
            return number.stringValue
        default:
            return nil
        }
    }

    /// A non-JSON body (Rack::Attack's `Retry later`, a proxy's HTML page), trimmed and short.
    private static func plainText(_ data: Data) -> String? {
        let text = String(decoding: data.prefix(4000), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        // A proxy's HTML error page: its title says it (`502 Bad Gateway`).
        if text.hasPrefix("<"), let open = text.range(of: "<title>", options: .caseInsensitive),
            let close = text.range(
                of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        {
            let title = text[open.upperBound..<close.lowerBound].trimmingCharacters(
                in: .whitespacesAndNewlines)
            if !title.isEmpty { return title }
        }
        let oneLine = text.split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }.joined(separator: " ")
        return oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
    }

    // MARK: Decoding

    /// Why a body did not decode, phrased for a person: `expected Int at [3].pipeline.id`.
    struct DecodeFailure: Error, CustomStringConvertible {
        var description: String
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw DecodeFailure(description: describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var result = ""
            for key in codingPath {
                if let index = key.intValue {
                    result += "[\(index)]"
                } else {
                    result += (result.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return result.isEmpty ? "top level" : result
        }
        switch error {
        case let .typeMismatch(type, context):
            return "expected \(type) at \(path(context.codingPath))"
        case let .valueNotFound(type, context):
            return "expected \(type) at \(path(context.codingPath)), found null"
        case let .keyNotFound(key, context):
            return "missing \(path(context.codingPath + [key]))"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return "not JSON" }
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return "undecodable JSON"
        }
    }
}

// MARK: - Dates

/// A GitLab timestamp: `2023-10-28T19:17:43.749Z`, `2013-09-30T13:46:02Z`, or a commit date
/// with its author's offset `2023-10-28T21:17:06.000+02:00` (also `+0200`, `+02`).
private struct GitLabDate: Decodable {
    let date: Date

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = GitLabDates.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an ISO-8601 date: \(text.prefix(40))")
        }
        self.date = date
    }
}

/// ISO-8601 parsing without formatters (hundreds of thousands of job timestamps per sync).
enum GitLabDates {
    static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)[...]
        func number(_ count: Int) -> Int? {
            guard bytes.count >= count else { return nil }
            var value = 0
            for byte in bytes.prefix(count) {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            bytes = bytes.dropFirst(count)
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard bytes.first == character else { return false }
            bytes = bytes.dropFirst()
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2),
            expect(UInt8(ascii: "-")), let day = number(2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset = 0
        if let separator = bytes.first, separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") {
            bytes = bytes.dropFirst()
            guard let h = number(2), expect(UInt8(ascii: ":")), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(UInt8(ascii: ":")) {
                guard let s = number(2) else { return nil }
                second = s
                if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                    var scale = 0.1
                    var digits = 0
                    while let byte = bytes.first, byte >= 48, byte <= 57 {
                        fraction += Double(byte - 48) * scale
                        scale /= 10
                        digits += 1
                        bytes = bytes.dropFirst()
                    }
                    guard digits > 0 else { return nil }
                }
            }
            guard hour < 24, minute < 60, second <= 60 else { return nil }
            if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
                offset = 0
            } else if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
                guard let oh = number(2) else { return nil }
                var om = 0
                if expect(UInt8(ascii: ":")) {
                    guard let value = number(2) else { return nil }
                    om = value
                } else if !bytes.isEmpty {
                    guard let value = number(2) else { return nil }
                    om = value
                }
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
            } else if !bytes.isEmpty {
                return nil
            }
        }
        guard bytes.isEmpty else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

}

// MARK: - DTOs

private struct ProjectDTO: Decodable {
    let id: Int
    let name: String
    let pathWithNamespace: String
    let webUrl: String
    /// Absent with `simple=true`; those lists are requested with `archived=false`.
    let archived: Bool?
    let defaultBranch: String?

    var model: Project {
        Project(
            id: id, path: pathWithNamespace, name: name, webURL: webUrl, archived: archived ?? false,
            defaultBranch: defaultBranch)
    }
}

private struct PipelineDTO: Decodable {
    let id: Int
    let iid: Int?
    let projectId: Int
    let sha: String
    let ref: String
    let status: String
    let source: String?
    let createdAt: GitLabDate
    let updatedAt: GitLabDate?
    let webUrl: String

    var model: Pipeline {
        Pipeline(
            id: id, iid: iid, projectID: projectId, sha: sha, ref: ref, status: Status(status),
            source: source ?? "unknown", createdAt: createdAt.date, updatedAt: (updatedAt ?? createdAt).date,
            webURL: webUrl)
    }
}

private struct JobDTO: Decodable {
    struct PipelineRef: Decodable {
        let id: Int
        let projectId: Int?
    }
    struct CommitRef: Decodable {
        let id: String?
        let title: String?
    }

    let id: Int
    let name: String
    let stage: String
    let status: String
    /// Present only on failed jobs.
    let failureReason: String?
    let allowFailure: Bool?
    let createdAt: GitLabDate?
    let startedAt: GitLabDate?
    let finishedAt: GitLabDate?
    /// Float seconds on jobs (an integer decodes too).
    let duration: Double?
    let webUrl: String
    let commit: CommitRef?
    let pipeline: PipelineRef?

    func model(projectID: Int, pipelineID: Int?) -> Job {
        Job(
            id: id, pipelineID: pipeline?.id ?? pipelineID ?? 0, projectID: pipeline?.projectId ?? projectID,
            name: name, stage: stage, status: Status(status), failureReason: failureReason,
            allowFailure: allowFailure ?? false, createdAt: createdAt?.date, startedAt: startedAt?.date,
            finishedAt: finishedAt?.date, duration: duration, webURL: webUrl, commitSHA: commit?.id,
            commitTitle: commit?.title)
    }
}

private struct IssueDTO: Decodable {
    let id: Int
    let iid: Int
    let projectId: Int
    let title: String
    let description: String?
    let state: String
    let labels: [String]?
    let webUrl: String
    let createdAt: GitLabDate
    let updatedAt: GitLabDate?
    let closedAt: GitLabDate?

    var model: Issue {
        Issue(
            id: id, iid: iid, projectID: projectId, title: title, description: description, state: state,
            labels: labels ?? [], webURL: webUrl, createdAt: createdAt.date,
            updatedAt: (updatedAt ?? createdAt).date, closedAt: closedAt?.date)
    }
}

private struct CompareDTO: Decodable {
    let commits: [CommitDTO]
}

private struct CommitDTO: Decodable {
    let id: String
    let shortId: String?
    let title: String?
    let authorName: String?
    let createdAt: GitLabDate?

    var model: Commit {
        Commit(
            id: id, shortID: shortId ?? String(id.prefix(8)), title: title ?? "",
            authorName: authorName ?? "",
            createdAt: createdAt?.date)
    }
}

private struct UserDTO: Decodable {
    let username: String
}
