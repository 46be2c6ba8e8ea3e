import Foundation

/// A status string from GitLab, kept open-ended: GitLab adds values (`canceling`,
/// `waiting_for_callback`) and an unknown one must round-trip rather than fail.
public struct Status: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let created: Status = "created"
    public static let pending: Status = "pending"
    public static let running: Status = "running"
    public static let success: Status = "success"
    public static let failed: Status = "failed"
    public static let canceled: Status = "canceled"
    public static let skipped: Status = "skipped"
    public static let manual: Status = "manual"
    public static let scheduled: Status = "scheduled"

    /// True once the status can no longer change (the job or pipeline finished).
    public var isFinished: Bool {
        [.success, .failed, .canceled, .skipped, .manual].contains(self)
    }
}

/// A GitLab project as the cache keeps it.
public struct Project: Hashable, Sendable, Codable {
    public var id: Int
    /// `path_with_namespace`, e.g. `julia/Foo.jl`.
    public var path: String
    public var name: String
    public var webURL: String
    public var archived: Bool
    public var defaultBranch: String?

    public init(
        id: Int, path: String, name: String, webURL: String, archived: Bool = false,
        defaultBranch: String? = nil
    ) {
        self.id = id
        self.path = path
        self.name = name
        self.webURL = webURL
        self.archived = archived
        self.defaultBranch = defaultBranch
    }
}

/// A pipeline (only its list-item fields: GitLab's `PipelineBasic`).
public struct Pipeline: Hashable, Sendable, Codable {
    public var id: Int
    public var iid: Int?
    public var projectID: Int
    public var sha: String
    public var ref: String
    public var status: Status
    /// `schedule`, `push`, `merge_request_event`, … (open-ended).
    public var source: String
    public var createdAt: Date
    public var updatedAt: Date
    public var webURL: String

    public init(
        id: Int, iid: Int?, projectID: Int, sha: String, ref: String, status: Status,
        source: String, createdAt: Date, updatedAt: Date, webURL: String
    ) {
        self.id = id
        self.iid = iid
        self.projectID = projectID
        self.sha = sha
        self.ref = ref
        self.status = status
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.webURL = webURL
    }
}

extension Pipeline {
    /// Whether the pipeline counts as nightly when the nightly pipelines are those of
    /// `nightlySource` (`schedule`; nil: every source counts).
    public func isNightly(_ nightlySource: String?) -> Bool { nightlySource.map { source == $0 } ?? true }
}

/// A job attempt. Retried attempts are kept: `attempt` counts 1, 2, … per (pipeline, name)
/// in id order, and `retried` is true for every attempt but the last.
public struct Job: Hashable, Sendable, Codable {
    public var id: Int
    public var pipelineID: Int
    public var projectID: Int
    public var name: String
    public var stage: String
    public var status: Status
    /// Present only for failed jobs (GitLab omits the key otherwise).
    public var failureReason: String?
    public var allowFailure: Bool
    public var createdAt: Date?
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Seconds.
    public var duration: Double?
    public var webURL: String
    public var commitSHA: String?
    public var commitTitle: String?
    public var attempt: Int
    public var retried: Bool

    public init(
        id: Int, pipelineID: Int, projectID: Int, name: String, stage: String, status: Status,
        failureReason: String? = nil, allowFailure: Bool = false, createdAt: Date? = nil,
        startedAt: Date? = nil, finishedAt: Date? = nil, duration: Double? = nil, webURL: String,
        commitSHA: String? = nil, commitTitle: String? = nil, attempt: Int = 1, retried: Bool = false
    ) {
        self.id = id
        self.pipelineID = pipelineID
        self.projectID = projectID
        self.name = name
        self.stage = stage
        self.status = status
        self.failureReason = failureReason
        self.allowFailure = allowFailure
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.duration = duration
        self.webURL = webURL
        self.commitSHA = commitSHA
        self.commitTitle = commitTitle
        self.attempt = attempt
        self.retried = retried
    }

    /// Numbers attempts of the same job name within one pipeline: the lowest id is attempt 1,
    /// and every attempt except the newest is marked retried.
    public static func numberingAttempts(_ jobs: [Job]) -> [Job] {
        var byKey: [String: [Int]] = [:]
        let sorted = jobs.sorted { $0.id < $1.id }
        for (index, job) in sorted.enumerated() {
            byKey["\(job.pipelineID)\u{0}\(job.name)", default: []].append(index)
        }
        var result = sorted
        for indices in byKey.values {
            for (n, index) in indices.enumerated() {
                result[index].attempt = n + 1
                result[index].retried = n + 1 < indices.count
            }
        }
        return result
    }
}

/// A GitLab issue.
public struct Issue: Hashable, Sendable, Codable {
    public var id: Int
    public var iid: Int
    public var projectID: Int
    public var title: String
    public var description: String?
    /// `opened` or `closed`.
    public var state: String
    public var labels: [String]
    public var webURL: String
    public var createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?

    public init(
        id: Int, iid: Int, projectID: Int, title: String, description: String?, state: String,
        labels: [String], webURL: String, createdAt: Date, updatedAt: Date, closedAt: Date?
    ) {
        self.id = id
        self.iid = iid
        self.projectID = projectID
        self.title = title
        self.description = description
        self.state = state
        self.labels = labels
        self.webURL = webURL
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
    }
}
