import Foundation

/// One commit of a compared range, as GitLab's compare API lists it.
public struct Commit: Hashable, Sendable, Codable {
    /// The full sha.
    public var id: String
    public var shortID: String
    /// The first line of the message.
    public var title: String
    public var authorName: String
    public var createdAt: Date?

    public init(id: String, shortID: String, title: String, authorName: String, createdAt: Date? = nil) {
        self.id = id
        self.shortID = shortID
        self.title = title
        self.authorName = authorName
        self.createdAt = createdAt
    }
}

/// The commits between two revisions of a project (`from` excluded, `to` included), oldest first.
public struct CommitRange: Hashable, Sendable {
    public var projectID: Int
    public var from: String
    public var to: String
    public var commits: [Commit]
    /// GitLab gave up comparing (`compare_timeout`): `commits` may be incomplete.
    public var timedOut: Bool

    public init(projectID: Int, from: String, to: String, commits: [Commit], timedOut: Bool = false) {
        self.projectID = projectID
        self.from = from
        self.to = to
        self.commits = commits
        self.timedOut = timedOut
    }
}

/// Commit titles of a range: from the cache, else from GitLab (then cached). Never throws for
/// GitLab's sake: when GitLab cannot answer, the outcome says why, so the caller can work offline.
public enum CommitTitles {
    public enum Outcome: Hashable, Sendable {
        /// From the cache or just fetched (`fetched` true).
        case found(CommitRange, fetched: Bool)
        /// No cached range and no GitLab to ask (no URL or no token configured).
        case offline(reason: String)
        /// GitLab was asked and did not answer usefully.
        case unavailable(RemoteError)
    }

    /// Looks a range up in `cache`, else asks `source` (nil: offline) and caches its answer.
    /// Equal or empty shas are not asked for: their range is empty.
    public static func lookup(
        projectID: Int, from: String, to: String, cache: (any CommitRangeCache)?, source: (any CommitSource)?,
        offlineReason: String
    ) async throws -> Outcome {
        if from == to || from.isEmpty || to.isEmpty {
            return .found(CommitRange(projectID: projectID, from: from, to: to, commits: []), fetched: false)
        }
        if let cached = try cache?.commitRange(projectID: projectID, from: from, to: to) {
            return .found(cached, fetched: false)
        }
        guard let source else { return .offline(reason: offlineReason) }
        do {
            let range = try await source.compare(projectID: projectID, from: from, to: to)
            // A timed-out comparison is incomplete: shown, not cached, so a later call can do better.
            if !range.timedOut { try cache?.storeCommitRange(range) }
            return .found(range, fetched: true)
        } catch let error as RemoteError {
            return .unavailable(error)
        }
    }
}
