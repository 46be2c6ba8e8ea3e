/// One job as `show job` answers it under `--format json`: its failure record (DESIGN §6), then
/// what only `show job` adds — the pipeline's ref, sha and status, the commit title, the times,
/// the duration, the excerpt's lines with their reasons, the job's attempts in its pipeline, and the
/// same job on the nights before (since when it fails and the top suspect are in its findings).
public struct JobRecord: Sendable, Hashable, Encodable {
    public var failure: FailureRecord
    public var ref: String?
    public var sha: String?
    public var commitTitle: String?
    /// The times as the shell writes them (ISO 8601 in the workspace's zone); nil: `null`.
    public var createdAt: String?
    public var startedAt: String?
    public var finishedAt: String?
    /// Seconds.
    public var duration: Double?
    public var pipelineStatus: String?
    /// Nil when the job has no analysis (`null`).
    public var excerptLines: [AnalysedLine]?
    /// Every attempt of the job in its pipeline, this one included.
    public var attempts: [Job]
    /// The job on each earlier night: the pipeline of that night, and the job if it ran.
    public var previousNights: [JobNight]

    public init(
        failure: FailureRecord, ref: String?, sha: String?, commitTitle: String?, createdAt: String?,
        startedAt: String?, finishedAt: String?, duration: Double?, pipelineStatus: String?,
        excerptLines: [AnalysedLine]?, attempts: [Job], previousNights: [JobNight]
    ) {
        self.failure = failure
        self.ref = ref
        self.sha = sha
        self.commitTitle = commitTitle
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.duration = duration
        self.pipelineStatus = pipelineStatus
        self.excerptLines = excerptLines
        self.attempts = attempts
        self.previousNights = previousNights
    }

    enum CodingKeys: String, CodingKey {
        case ref, sha, duration, attempts
        case commitTitle = "commit_title"
        case createdAt = "created_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case pipelineStatus = "pipeline_status"
        case excerptLines = "excerpt_lines"
        case previousNights = "previous_nights"
    }

    enum AttemptKeys: String, CodingKey {
        case job, attempt, status
        case failureReason = "failure_reason"
    }

    enum NightKeys: String, CodingKey { case night, pipeline, job, status }

    public func encode(to encoder: any Encoder) throws {
        try failure.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ref, forKey: .ref)
        try c.encode(sha, forKey: .sha)
        try c.encode(commitTitle, forKey: .commitTitle)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(finishedAt, forKey: .finishedAt)
        try c.encode(duration, forKey: .duration)
        try c.encode(pipelineStatus, forKey: .pipelineStatus)
        try c.encode(excerptLines?.map(ExcerptLineRecord.init), forKey: .excerptLines)
        var attemptList = c.nestedUnkeyedContainer(forKey: .attempts)
        for a in attempts {
            var attempt = attemptList.nestedContainer(keyedBy: AttemptKeys.self)
            try attempt.encode(a.id, forKey: .job)
            try attempt.encode(a.attempt, forKey: .attempt)
            try attempt.encode(a.status.rawValue, forKey: .status)
            try attempt.encode(a.failureReason, forKey: .failureReason)
        }
        var nights = c.nestedUnkeyedContainer(forKey: .previousNights)
        for n in previousNights {
            var night = nights.nestedContainer(keyedBy: NightKeys.self)
            try night.encode(n.night, forKey: .night)
            try night.encode(n.pipeline.id, forKey: .pipeline)
            try night.encode(n.job?.id, forKey: .job)
            try night.encode(n.job?.status.rawValue, forKey: .status)
        }
    }
}
