import Foundation
import TriageCore

/// `assignments.json` (version 1, DESIGN §3) as the page reads it (`data/assignments.js`): the
/// core's book, read by its one decoder (`Assignments.decode`, as the shell reads it), each entry
/// written as the shell's `assignments --format json` record (`JobAssignmentRecord`,
/// `ClusterAssignmentRecord`). Several entries for one job or cluster (a merge kept both) become
/// the newest, the core's rule, as in the shell; entries are sorted, so the export does not depend
/// on hand edits. Comments and fields of a newer triage are not the page's business.
public struct PageAssignments: Sendable, Hashable, Encodable {
    /// Deduplicated and sorted (by job, by cluster).
    public private(set) var book: Assignments

    public init(_ book: Assignments = Assignments()) {
        var kept = book.deduplicated
        kept.assignments.sort { ($0.job, $0.at) < ($1.job, $1.at) }
        kept.clusters.sort { ($0.cluster, $0.at) < ($1.cluster, $1.at) }
        kept.comments = []
        self.book = kept
    }

    /// Parses the file's bytes; nil bytes (no file yet) is an empty book.
    /// Throws `DashboardError.assignments` for a file the shell would refuse too.
    public static func parse(_ data: Data?, path: String = "assignments.json") throws -> PageAssignments {
        guard let data else { return PageAssignments() }
        do {
            return PageAssignments(try Assignments.decode(data, file: path))
        } catch let error as AssignmentsFileError {
            throw DashboardError.assignments(error)
        }
    }

    enum CodingKeys: String, CodingKey { case version, assignments, clusters }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(book.version, forKey: .version)
        try c.encode(book.assignments.map { JobAssignmentRecord($0) }, forKey: .assignments)
        try c.encode(book.clusters.map { ClusterAssignmentRecord($0) }, forKey: .clusters)
    }
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
