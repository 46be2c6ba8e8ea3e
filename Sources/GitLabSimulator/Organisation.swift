/// The generated organisation: the simulator's single source of truth, also readable by tests.
/// A value: `SimulatedGitLab.organisation` hands out snapshots; `advance(nights:)` replaces it.
public struct Organisation: Sendable {
    public struct User: Sendable, Hashable {
        public let id: Int
        public let username: String
        public let name: String
    }

    public struct Group: Sendable, Hashable {
        public let id: Int
        public let name: String
        public let path: String
        /// `julia/ml` for a subgroup.
        public let fullPath: String
        public let parentID: Int?
        public let description: String
    }

    /// The project's toolchain: what its jobs run and how their failures read.
    public enum Language: String, Sendable { case julia, python, go, rust, java, javascript, infra }

    public struct Project: Sendable, Hashable {
        public let id: Int
        /// `Foo.jl`
        public let name: String
        public let path: String
        /// `julia/Foo.jl`
        public let pathWithNamespace: String
        public let groupID: Int
        public let archived: Bool
        public let language: Language
        public let description: String
        public let createdAt: Int64
        /// Its runner writes per-line timestamps (gitlab-runner ≥ 18.7).
        public let writesTimestamps: Bool
        /// Indices into the dependency catalogue (Julia projects).
        let dependencies: [Int]
    }

    public struct Pipeline: Sendable, Hashable {
        public let id: Int
        public let iid: Int
        public let projectID: Int
        /// The night (`YYYY-MM-DD`, Chicago) for `schedule` pipelines; nil for push/merge request pipelines.
        public let night: String?
        /// Index of `night` (or of the day of a push pipeline) in the generated nights.
        public let nightIndex: Int
        /// `schedule`, `push` or `merge_request_event`.
        public let source: String
        public let status: String
        public let ref: String
        public let sha: String
        public let beforeSHA: String
        public let userID: Int
        /// Epoch milliseconds.
        public let createdAt: Int64
        public let startedAt: Int64?
        public let finishedAt: Int64?
        /// = finishedAt (or createdAt).
        public var updatedAt: Int64 { finishedAt ?? createdAt }
    }

    public struct Job: Sendable, Hashable {
        public let id: Int
        public let pipelineID: Int
        public let projectID: Int
        public let name: String
        public let stage: String
        /// `success`, `failed`, `canceled`, `skipped`, `manual`.
        public let status: String
        public let allowFailure: Bool
        /// Set only when `status == "failed"`.
        public let failureReason: String?
        /// An older attempt hidden unless `include_retried=true`.
        public let retried: Bool
        public let createdAt: Int64
        public let startedAt: Int64?
        public let finishedAt: Int64?
        public let image: String
        let causeID: String?
        let runnerIndex: Int
        public var duration: Double? {
            guard let s = startedAt, let f = finishedAt else { return nil }
            return Double(f - s) / 1000
        }
    }

    public struct Issue: Sendable, Hashable {
        public let id: Int
        public let iid: Int
        public let projectID: Int
        public let title: String
        public let description: String
        /// `opened` or `closed`.
        public let state: String
        public let authorID: Int
        public let labels: [String]
        public let createdAt: Int64
        public let updatedAt: Int64
        public let closedAt: Int64?
        /// The failure cause this issue describes, if any.
        public let causeID: String?
    }

    public struct Commit: Sendable, Hashable {
        public let sha: String
        /// The project whose repository holds the commit.
        public let projectID: Int
        public let parent: String?
        public let title: String
        public let authorID: Int
        public let date: Int64
    }

    public let seed: UInt64
    /// Night dates, oldest first (`YYYY-MM-DD`).
    public internal(set) var nights: [String]
    public internal(set) var users: [User] = []
    public internal(set) var groups: [Group] = []
    public internal(set) var projects: [Project] = []
    /// Ascending id (creation order).
    public internal(set) var pipelines: [Pipeline] = []
    /// Ascending id.
    public internal(set) var jobs: [Job] = []
    public internal(set) var issues: [Issue] = []
    /// Jobs whose trace is deliberately hostile (huge, invalid UTF-8, HTML, empty, escape codes only, truncated).
    public internal(set) var adversarialJobs: [AdversarialTrace: Int] = [:]

    var commits: [String: Commit] = [:]
    var causes: [String: FailureCause] = [:]
    var projectIndex: [Int: Int] = [:]
    var pipelineIndex: [Int: Int] = [:]
    var jobIndex: [Int: Int] = [:]
    var pipelinesByProject: [Int: [Int]] = [:]
    var jobsByPipeline: [Int: [Int]] = [:]
    var adversarialByJob: [Int: AdversarialTrace] = [:]
    var generator: GeneratorState

    /// The user all configured tokens authenticate as.
    public var tokenUser: User { users[1] }

    public func project(id: Int) -> Project? { projectIndex[id].map { projects[$0] } }
    public func pipeline(id: Int) -> Pipeline? { pipelineIndex[id].map { pipelines[$0] } }
    public func job(id: Int) -> Job? { jobIndex[id].map { jobs[$0] } }
    public func user(id: Int) -> User? { users.first { $0.id == id } }
    /// Pipelines of a project, ascending id.
    public func pipelines(ofProject id: Int) -> [Pipeline] {
        (pipelinesByProject[id] ?? []).map { pipelines[$0] }
    }
    /// All attempts of a pipeline's jobs, ascending id.
    public func jobs(ofPipeline id: Int) -> [Job] { (jobsByPipeline[id] ?? []).map { jobs[$0] } }
    public func commit(sha: String) -> Commit? { commits[sha] }

    /// The commits of a project reachable from `to` and not from `from`, oldest first (what
    /// `git log from..to` lists, and GitLab's compare API for either `straight`); nil when either
    /// sha is not a commit of the project. Histories are short chains (a push a day at most),
    /// MR commits branching off them.
    public func commits(projectID: Int, from: String, to: String) -> [Commit]? {
        guard let start = commits[from], start.projectID == projectID, let end = commits[to],
            end.projectID == projectID
        else { return nil }
        var excluded = Set<String>()
        var cursor: Commit? = start
        while let c = cursor {
            excluded.insert(c.sha)
            cursor = c.parent.flatMap { commits[$0] }
        }
        var chain: [Commit] = []
        cursor = end
        while let c = cursor, !excluded.contains(c.sha) {
            chain.append(c)
            cursor = c.parent.flatMap { commits[$0] }
        }
        return chain.reversed()
    }

    /// Whether a registry rate limit hits this runner at image pull (a runner system failure) rather
    /// than in the job's own package downloads.
    static func rateLimitHitsPull(runnerIndex: Int) -> Bool { runnerIndex % 2 == 0 }

    /// The truth: why a failed job failed; nil for jobs that did not fail (and unknown ids).
    public func cause(ofJob id: Int) -> FailureCause? {
        guard let job = job(id: id), job.status == "failed", let causeID = job.causeID else { return nil }
        return causes[causeID]
    }

    /// Every cause that occurs in the organisation, by id.
    public var allCauses: [String: FailureCause] { causes }

    /// The job's log exactly as `GET …/jobs/:id/trace` serves it; generated on demand from (seed, job id).
    /// Empty for unknown jobs and jobs that never started.
    public func trace(ofJob id: Int) -> [UInt8] {
        guard let job = job(id: id), let project = project(id: job.projectID),
            let pipeline = pipeline(id: job.pipelineID)
        else { return [] }
        return TraceRenderer(org: self, job: job, project: project, pipeline: pipeline).render()
    }
}

/// The deliberately hostile traces, one failed job each.
public enum AdversarialTrace: String, Sendable, CaseIterable, Hashable {
    /// About 6 MB (a runner with a raised output limit); still ends with the ERROR line.
    case huge
    /// Contains bytes that are not UTF-8.
    case invalidUTF8
    /// Contains `<script>alert(1)</script>`, `<img src=x onerror=alert(1)>` and quotes.
    case html
    /// 200 with an empty body.
    case empty
    /// Only ANSI escape sequences, no text.
    case escapesOnly
    /// Cut at the runner's 4 MiB limit with the truncation notice and no final ERROR line.
    case truncated
}

/// Why a job failed: the simulator's ground truth for evaluating triage.
public struct FailureCause: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case testFailure = "test-failure"
        case testError = "test-error"
        case loadError = "load-error"
        case pkgResolution = "pkg-resolution"
        case segfault
        case oomKilled = "oom-killed"
        case pytest
        case network
        case diskFull = "disk-full"
        case timeout
        case dockerPull = "docker-pull"
        case buildError = "build-error"
        /// The runner could not prepare or run the job (GitLab's `runner_system_failure`).
        case runnerSystemFailure = "runner-system-failure"
    }

    /// Stable across nights and projects for the same underlying problem, e.g. `julia-testfailed-Foo-rounding`.
    public let id: String
    public let kind: Kind
    /// Caused by the CI infrastructure (runner, network, disk, memory), not by the code under test.
    public let isInfrastructure: Bool
    /// One-line human description.
    public let summary: String
    /// Rendering parameters: package/testset/file/line/dependency/symbol, stable for the cause.
    let subject: String
    let detail: String
    let file: String
    let line: Int
    /// Fails on some nights and not others, at random, however long it lasts (a timing test, a
    /// runner's DNS, a GC crash under threads): the causes a triage should call flaky.
    public var isFlaky = false
    /// A break from outside (a dependency's release): each affected project meets it in its own
    /// code, so its test set, file and line are the project's, not the cause's.
    var upstream = false
}
