import Foundation
import TriageCore

/// `assignments.json` (version 1, DESIGN §3) as the dashboard exports it: read by TriageCore's
/// one decoder (`Assignments.decode`, as the shell reads it), with only the keys the page uses.
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
    /// Throws `DashboardError.assignments` for a file the shell would refuse too.
    public static func parse(_ data: Data?, path: String = "assignments.json") throws -> AssignmentsFile {
        guard let data else { return AssignmentsFile() }
        do {
            return AssignmentsFile(try Assignments.decode(data, file: path))
        } catch let error as AssignmentsFileError {
            throw DashboardError.assignments(error)
        }
    }

    /// The page's part of the core's book. Several entries for one job or cluster (a merge kept
    /// both) become the newest, the core's rule, as in the shell; entries are sorted, so the
    /// export does not depend on hand edits.
    init(_ book: Assignments) {
        let jobs = book.assignments.map { a in
            JobAssignment(
                job: a.job, project: a.project, pipeline: a.pipeline, night: a.night, cluster: a.cluster,
                issue: IssueLink(a.issue), by: a.by, at: a.at, note: a.note)
        }
        let clusters = book.clusters.map { c in
            ClusterAssignment(cluster: c.cluster, issue: IssueLink(c.issue), by: c.by, at: c.at, note: c.note)
        }
        self.init(
            version: book.version,
            assignments: AssignmentRule.deduplicated(jobs, key: \.job, at: \.at).sorted {
                ($0.job, $0.at) < ($1.job, $1.at)
            },
            clusters: AssignmentRule.deduplicated(clusters, key: \.cluster, at: \.at)
                .sorted { ($0.cluster, $0.at) < ($1.cluster, $1.at) })
    }
}

public struct IssueLink: Sendable, Hashable, Codable {
    public var project: String
    public var iid: Int
    /// Nil when the issue was recorded without one (the page shows the reference unlinked).
    public var url: String?
    public var title: String?
}

extension IssueLink {
    init(_ ref: IssueRef) { self.init(project: ref.project, iid: ref.iid, url: ref.url, title: ref.title) }
}

/// A job assigned to an issue.
public struct JobAssignment: Sendable, Hashable, Codable {
    public var job: Int
    public var project: String
    public var pipeline: Int
    public var night: String
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
    /// `assignments.json` cannot be read (the shell's own reason, with what to do).
    case assignments(AssignmentsFileError)
    case write(path: String, problem: String)
    case serve(problem: String)

    public var description: String {
        switch self {
        case .assignments(let error): "\(error)"
        case .write(let path, let problem): "cannot write \(path): \(problem)"
        case .serve(let problem): "cannot serve: \(problem)"
        }
    }
}
