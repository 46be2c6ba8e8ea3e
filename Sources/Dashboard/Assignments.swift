import Foundation
import TriageCore

/// `assignments.json` (version 1, DESIGN §3) as the dashboard reads it. Decoding is strict about
/// the version and the keys the page uses; keys it does not use are dropped from the export.
public struct AssignmentsFile: Sendable, Hashable, Codable {
    public var version: Int
    public var assignments: [JobAssignment]
    public var clusters: [ClusterAssignment]

    public init(version: Int = 1, assignments: [JobAssignment] = [], clusters: [ClusterAssignment] = []) {
        self.version = version
        self.assignments = assignments
        self.clusters = clusters
    }

    /// Parses the file's bytes; nil bytes (no file yet) is an empty book.
    /// Throws `DashboardError.assignments` for a file that does not parse or has another version.
    public static func parse(_ data: Data?, path: String = "assignments.json") throws -> AssignmentsFile {
        guard let data else { return AssignmentsFile() }
        struct Header: Decodable { var version: Int? }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch {
            throw DashboardError.assignments(path: path, problem: "does not parse as JSON")
        }
        guard header.version == 1 else {
            throw DashboardError.assignments(
                path: path, problem: "has version \(header.version.map(String.init) ?? "none"), this triage reads version 1")
        }
        var file: AssignmentsFile
        do { file = try JSONDecoder().decode(AssignmentsFile.self, from: data) } catch {
            throw DashboardError.assignments(path: path, problem: "is not an assignments book: \(describe(error))")
        }
        // Several entries for one job or cluster (a merge kept both): the core's rule, as the shell.
        file.assignments = AssignmentRule.deduplicated(file.assignments, key: \.job, at: \.at)
        file.clusters = AssignmentRule.deduplicated(file.clusters, key: \.cluster, at: \.at)
        // The contract sorts entries; sorting again makes the export independent of hand edits.
        file.assignments.sort { ($0.job, $0.at) < ($1.job, $1.at) }
        file.clusters.sort { ($0.cluster, $0.at) < ($1.cluster, $1.at) }
        return file
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "unexpected value at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

public struct IssueLink: Sendable, Hashable, Codable {
    public var project: String
    public var iid: Int
    public var url: String
    public var title: String?
}

/// A job assigned to an issue.
public struct JobAssignment: Sendable, Hashable, Codable {
    public var job: Int
    public var project: String
    public var pipeline: Int?
    public var night: String?
    public var cluster: String?
    public var issue: IssueLink
    public var by: String
    public var at: String
    public var note: String?
}

/// A cluster assigned to an issue: applies to every present and future member.
public struct ClusterAssignment: Sendable, Hashable, Codable {
    public var cluster: String
    public var issue: IssueLink
    public var by: String
    public var at: String
    public var note: String?
}

/// What can go wrong exporting or serving, with what to do about it.
public enum DashboardError: Error, Hashable, Sendable, CustomStringConvertible {
    case assignments(path: String, problem: String)
    case write(path: String, problem: String)
    case serve(problem: String)

    public var description: String {
        switch self {
        case .assignments(let path, let problem): "\(path) \(problem) — fix it (it is never overwritten by export)"
        case .write(let path, let problem): "cannot write \(path): \(problem)"
        case .serve(let problem): "cannot serve: \(problem)"
        }
    }
}
