import Foundation
import LogAnalysis

// The `assign` use case: resolving the issue (the cache, else GitLab, else recorded unverified),
// recording the assignment in the book, and the note on the issue reserved under the book's lock.
// The shell renders what it returns; the bench and the tests call it as the shell does.

/// What assigning reads and writes, built by the caller.
public struct AssignPorts: Sendable {
    public var store: any CacheStore
    public var analysis: any AnalysisStore
    public var issues: any IssueCache
    /// GitLab's issue side; nil when no GitLab is configured.
    public var tracker: (any IssueTracker)?
    /// The configured GitLab, for the URL of an issue recorded unverified.
    public var gitlab: URL?
    public var book: any AssignmentBook
    /// Who assigns (`by`; asked only once an entry is made, it may ask GitLab), and when (`at`).
    public var assigner: @Sendable () async -> String
    public var now: Date
    /// What the user should hear of although the assignment goes on (the shell words it).
    public var warn: @Sendable (AssignWarning) -> Void

    public init(
        store: any CacheStore, analysis: any AnalysisStore, issues: any IssueCache,
        tracker: (any IssueTracker)?, gitlab: URL?, book: any AssignmentBook,
        assigner: @escaping @Sendable () async -> String, now: Date,
        warn: @escaping @Sendable (AssignWarning) -> Void
    ) {
        self.store = store
        self.analysis = analysis
        self.issues = issues
        self.tracker = tracker
        self.gitlab = gitlab
        self.book = book
        self.assigner = assigner
        self.now = now
        self.warn = warn
    }
}

/// What the user should hear of while an assignment is recorded.
public enum AssignWarning: Hashable, Sendable {
    /// The issue is recorded unverified: no GitLab is configured (nil), or GitLab's error.
    case unverified(path: String, iid: Int, RemoteError?)
    /// The book held several entries for one job or cluster (a merge kept both sides): the newest
    /// of each was kept.
    case duplicatesResolved([Assignments.Duplicate])
}

/// Why an assignment was not recorded, or its note not posted; the shell words each once.
public enum AssignFailure: Error, Hashable, Sendable {
    case jobNotCached(Int)
    case jobDidNotFail(Int, Status)
    case clusterNotCached(ClusterID)
    /// A `#iid` reference for a cluster whose failures are in `projects` projects.
    case clusterSpansProjects(ClusterID, projects: Int, iid: Int)
    /// GitLab answered 404 for the issue.
    case issueNotOnGitLab(path: String, iid: Int)
    /// The assignment is kept; the note was not posted.
    case commentNotPosted(job: Int, issue: String, CommentFailure)

    public enum CommentFailure: Hashable, Sendable {
        /// No GitLab configured, or the issue's project is unknown.
        case unreachable
        /// The token cannot write (`read_api`).
        case readOnlyToken
        /// GitLab's error.
        case remote(RemoteError)
    }
}

/// An issue resolved for recording: the reference, GitLab's project id when known (to post a
/// note), and whether the cache or GitLab vouched for it.
public struct ResolvedIssue: Hashable, Sendable {
    public var ref: IssueRef
    public var projectID: Int?
    public var verified: Bool
}

public struct JobAssignOutcome: Sendable {
    public var entry: JobAssignment
    /// The job's previous assignment, if it had one.
    public var replaced: JobAssignment?
    public var verified: Bool
    /// nil: no note was asked for; true: posted; false: one was already on the issue.
    public var commented: Bool?
}

public struct ClusterAssignOutcome: Sendable {
    public var entry: ClusterAssignment
    public var replaced: ClusterAssignment?
    public var verified: Bool
    /// The cluster's failures in the cache now.
    public var members: Int
}

public enum Assigning {
    /// `2026-11-29T08:14:03Z`: the `at` of every entry of the book.
    public static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Records that `reference` covers the failed job `jobID` (and posts a note on the issue once
    /// per job and issue when `comment`). Throws `AssignFailure`, `IssueReference`'s and the book's
    /// errors; an issue GitLab cannot be asked about is recorded unverified, with a warning.
    public static func job(
        _ jobID: Int, issue reference: IssueReference, note: String?, comment: Bool, _ ports: AssignPorts
    ) async throws -> JobAssignOutcome {
        _ = try ports.book.read()  // Refuses an unreadable book before anything else happens.
        let store = ports.store
        guard let job = try store.job(id: jobID),
            let (pipeline, night) = try store.pipeline(id: job.pipelineID)
        else {
            throw AssignFailure.jobNotCached(jobID)
        }
        guard job.status == .failed else { throw AssignFailure.jobDidNotFail(jobID, job.status) }
        let projectPath = try store.projects().first { $0.id == job.projectID }?.path ?? String(job.projectID)
        let analysis = try ports.analysis.analysis(jobID: jobID)
        let resolved = try await resolve(reference, defaultProject: projectPath, ports)
        let entry = JobAssignment(
            job: jobID, project: projectPath, pipeline: pipeline.id, night: night,
            cluster: analysis?.cluster?.rawValue, issue: resolved.ref, by: await ports.assigner(),
            at: stamp(ports.now), note: note)
        let replaced = try update(ports.book, warn: ports.warn) { $0.assign(entry) }
        var commented: Bool?
        if comment {
            commented = try await postNote(
                job: job, night: night, projectPath: projectPath, keyLine: analysis?.keyLine,
                resolved: resolved,
                ports)
        }
        return JobAssignOutcome(
            entry: entry, replaced: replaced, verified: resolved.verified, commented: commented)
    }

    /// Records that `reference` covers every present and future member of the cluster `id`.
    public static func cluster(
        _ id: ClusterID, issue reference: IssueReference, note: String?, _ ports: AssignPorts
    )
        async throws -> ClusterAssignOutcome
    {
        _ = try ports.book.read()
        guard try !ports.analysis.clusterHeads(ids: [id]).isEmpty else {
            throw AssignFailure.clusterNotCached(id)
        }
        let members = try ports.analysis.analyses(cluster: id)
        let projects = Set(members.map(\.projectPath))
        var defaultProject = ""
        if case .local = reference {
            guard projects.count == 1, let only = projects.first else {
                throw AssignFailure.clusterSpansProjects(id, projects: projects.count, iid: reference.iid)
            }
            defaultProject = only
        }
        let resolved = try await resolve(reference, defaultProject: defaultProject, ports)
        let entry = ClusterAssignment(
            cluster: id.rawValue, issue: resolved.ref, by: await ports.assigner(), at: stamp(ports.now),
            note: note)
        let replaced = try update(ports.book, warn: ports.warn) { $0.assign(entry) }
        return ClusterAssignOutcome(
            entry: entry, replaced: replaced, verified: resolved.verified, members: members.count)
    }

    /// Changes the book as `update` does, first resolving duplicate entries (a merge kept both
    /// sides) by `AssignmentRule` and warning about what was dropped.
    public static func update<T>(
        _ book: any AssignmentBook, warn: (AssignWarning) -> Void, _ change: (inout Assignments) throws -> T
    ) throws -> T {
        var resolved: [Assignments.Duplicate] = []
        let result = try book.update { assignments -> T in
            resolved = assignments.duplicates
            if !resolved.isEmpty { assignments = assignments.deduplicated }
            return try change(&assignments)
        }
        if !resolved.isEmpty { warn(.duplicatesResolved(resolved)) }
        return result
    }

    /// The cache's issue, else GitLab's (cached on the way), else the reference recorded unverified
    /// with a warning when GitLab is not configured or cannot be reached. GitLab's 404 throws.
    public static func resolve(_ reference: IssueReference, defaultProject: String, _ ports: AssignPorts)
        async throws -> ResolvedIssue
    {
        let path = reference.projectPath(defaultProject: defaultProject)
        let iid = reference.iid
        let projects = try ports.store.projects()
        let project =
            projects.first { $0.path == path } ?? projects.first { $0.path.lowercased() == path.lowercased() }
        if let project,
            let issue = try ports.issues.issues().first(where: { $0.projectID == project.id && $0.iid == iid }
            )
        {
            return ResolvedIssue(
                ref: IssueRef(project: project.path, iid: iid, url: issue.webURL, title: issue.title),
                projectID: project.id, verified: true)
        }
        let guessedURL = ports.gitlab.map {
            $0.absoluteString.trimmingTrailingSlashes + "/\(project?.path ?? path)/-/issues/\(iid)"
        }
        let unverified = ResolvedIssue(
            ref: IssueRef(project: project?.path ?? path, iid: iid, url: guessedURL), projectID: project?.id,
            verified: false)
        guard let tracker = ports.tracker else {
            ports.warn(.unverified(path: path, iid: iid, nil))
            return unverified
        }
        do {
            let issue = try await tracker.issue(projectPath: project?.path ?? path, iid: iid)
            try ports.store.upsertIssues([issue])
            return ResolvedIssue(
                ref: IssueRef(
                    project: project?.path ?? path, iid: iid, url: issue.webURL, title: issue.title),
                projectID: issue.projectID, verified: true)
        } catch let error as RemoteError where error.kind == .notFound {
            throw AssignFailure.issueNotOnGitLab(path: path, iid: iid)
        } catch let error as RemoteError {
            ports.warn(.unverified(path: path, iid: iid, error))
            return unverified
        }
    }

    /// The note posted on an issue for one failure.
    public static func noteBody(job: Job, night: String, projectPath: String, keyLine: String?) -> String {
        var body =
            "Nightly failure recorded by triage: [job \(job.id)](\(job.webURL)) `\(job.name)` of \(projectPath), "
        body += "night \(night), failure reason `\(job.failureReason ?? "unknown")`."
        if let keyLine, !keyLine.isEmpty {
            let fence = keyLine.contains("```") ? "~~~" : "```"
            body += "\n\n\(fence)\n\(keyLine)\n\(fence)"
        }
        return body + "\n"
    }

    /// Posts the note once per job and issue: reserved under the book's lock before it is posted,
    /// so two shells commenting on the same job and issue at once post it once; a failed post
    /// gives the reservation back. Returns false when a note was already on the issue.
    static func postNote(
        job: Job, night: String, projectPath: String, keyLine: String?, resolved: ResolvedIssue,
        _ ports: AssignPorts
    ) async throws -> Bool {
        let issue = resolved.ref
        func failed(_ why: AssignFailure.CommentFailure) -> AssignFailure {
            .commentNotPosted(job: job.id, issue: issue.key, why)
        }
        guard let tracker = ports.tracker, let projectID = resolved.projectID else {
            throw failed(.unreachable)
        }
        let line = try keyLine ?? KeyLine.ofTrace(jobID: job.id, in: ports.store)
        let at = stamp(ports.now)
        let reserved = try update(ports.book, warn: ports.warn) { assignments -> Bool in
            if assignments.commented(job: job.id, issue: issue) { return false }
            assignments.comments.append(CommentRecord(job: job.id, issue: issue.key, at: at))
            return true
        }
        guard reserved else { return false }
        func release() {
            _ = try? ports.book.update { $0.comments.removeAll { $0.job == job.id && $0.issue == issue.key } }
        }
        do {
            try await tracker.postNote(
                projectID: projectID, issueIID: issue.iid,
                body: noteBody(job: job, night: night, projectPath: projectPath, keyLine: line))
        } catch let error as RemoteError where error.kind == .insufficientScope {
            release()
            throw failed(.readOnlyToken)
        } catch let error as RemoteError {
            release()
            throw failed(.remote(error))
        } catch {
            release()
            throw error
        }
        return true
    }
}

public enum KeyLine {
    /// The key line of a failed job's cached trace, extracted now: for a job the analysis has not
    /// seen yet (listings read the stored analysis instead); nil without a trace.
    public static func ofTrace(jobID: Int, in store: any CacheStore) throws -> String? {
        guard let data = try store.trace(jobID: jobID), !data.isEmpty else { return nil }
        let log = TraceCleaner.clean([UInt8](data))
        guard let line = ExcerptExtractor().excerpt(failed: log).keyLine?.line.text else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    var trimmingTrailingSlashes: String {
        var s = self
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }
}
