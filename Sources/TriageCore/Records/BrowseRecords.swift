import Foundation

/// A nightly pipeline as `pipelines --format json` lists it: its facts, the counts of its failed
/// latest attempts (not allowed to fail, and allowed to), and its run time in seconds.
public struct PipelineRecord: Sendable, Hashable, Encodable {
    public var row: PipelineRow
    /// `created_at` as the caller's clock writes it (`null` when unknown).
    public var createdAt: String?

    public init(_ row: PipelineRow, createdAt: String?) {
        self.row = row
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case pipeline, project, night, status, ref, sha, duration, failed
        case createdAt = "created_at"
        case allowedFailed = "allowed_failed"
        case webURL = "web_url"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let p = row.pipeline
        try c.encode(p.id, forKey: .pipeline)
        try c.encode(row.projectPath, forKey: .project)
        try c.encode(row.night, forKey: .night)
        try c.encode(p.status.rawValue, forKey: .status)
        try c.encode(p.ref, forKey: .ref)
        try c.encode(p.sha, forKey: .sha)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(p.updatedAt.timeIntervalSince(p.createdAt), forKey: .duration)
        try c.encode(row.failed, forKey: .failed)
        try c.encode(row.allowedFailed, forKey: .allowedFailed)
        try c.encode(p.webURL, forKey: .webURL)
    }
}

/// A pipeline with its jobs as `show pipeline N --format json` answers it.
public struct PipelineDetailRecord: Sendable, Hashable, Encodable {
    public var pipeline: Pipeline
    public var projectPath: String
    public var night: String
    /// `created_at` as the caller's clock writes it.
    public var createdAt: String?
    /// Every attempt of every job, retried ones included.
    public var jobs: [Job]

    public init(pipeline: Pipeline, projectPath: String, night: String, createdAt: String?, jobs: [Job]) {
        self.pipeline = pipeline
        self.projectPath = projectPath
        self.night = night
        self.createdAt = createdAt
        self.jobs = jobs
    }

    enum CodingKeys: String, CodingKey {
        case pipeline, project, night, status, ref, sha, source, jobs
        case createdAt = "created_at"
        case webURL = "web_url"
    }

    enum JobKeys: String, CodingKey {
        case job, name, stage, status, attempt, retried, duration
        case failureReason = "failure_reason"
        case allowFailure = "allow_failure"
        case webURL = "web_url"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pipeline.id, forKey: .pipeline)
        try c.encode(projectPath, forKey: .project)
        try c.encode(night, forKey: .night)
        try c.encode(pipeline.status.rawValue, forKey: .status)
        try c.encode(pipeline.ref, forKey: .ref)
        try c.encode(pipeline.sha, forKey: .sha)
        try c.encode(pipeline.source, forKey: .source)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(pipeline.webURL, forKey: .webURL)
        var list = c.nestedUnkeyedContainer(forKey: .jobs)
        for job in jobs {
            var j = list.nestedContainer(keyedBy: JobKeys.self)
            try j.encode(job.id, forKey: .job)
            try j.encode(job.name, forKey: .name)
            try j.encode(job.stage, forKey: .stage)
            try j.encode(job.status.rawValue, forKey: .status)
            try j.encode(job.failureReason, forKey: .failureReason)
            try j.encode(job.allowFailure, forKey: .allowFailure)
            try j.encode(job.attempt, forKey: .attempt)
            try j.encode(job.retried, forKey: .retried)
            try j.encode(job.duration, forKey: .duration)
            try j.encode(job.webURL, forKey: .webURL)
        }
    }
}

/// A project as `projects --format json` lists it: its last nightly pipeline, how many of the
/// last nights with a nightly pipeline it failed, and the last night it failed at all.
public struct ProjectRecord: Sendable, Hashable, Encodable {
    public var project: Project
    /// The night and status of its newest nightly pipeline in the window (nil: none).
    public var lastNight: String?
    public var lastStatus: Status?
    public var failedNights: Int
    /// Nights of the window with a nightly pipeline of the project.
    public var nights: Int
    public var lastFailure: String?

    public init(
        _ project: Project, lastNight: String?, lastStatus: Status?, failedNights: Int, nights: Int,
        lastFailure: String?
    ) {
        self.project = project
        self.lastNight = lastNight
        self.lastStatus = lastStatus
        self.failedNights = failedNights
        self.nights = nights
        self.lastFailure = lastFailure
    }

    enum CodingKeys: String, CodingKey {
        case project, id, nights
        case webURL = "web_url"
        case lastNight = "last_night"
        case lastStatus = "last_status"
        case failedNights = "failed_nights"
        case lastFailure = "last_failure"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(project.path, forKey: .project)
        try c.encode(project.id, forKey: .id)
        try c.encode(project.webURL, forKey: .webURL)
        try c.encode(lastNight, forKey: .lastNight)
        try c.encode(lastStatus?.rawValue, forKey: .lastStatus)
        try c.encode(failedNights, forKey: .failedNights)
        try c.encode(nights, forKey: .nights)
        try c.encode(lastFailure, forKey: .lastFailure)
    }
}

/// One night of a project's or a job's history (`history`): what ran that night, if anything, and
/// the strip's symbol for it (`.` green, `x` failed, `!` passed with warnings or failed allowed to,
/// `o` another status, `-` the pipeline ran without the job, `_` no pipeline).
public struct HistoryNight: Sendable, Hashable {
    public var night: String
    public var status: Status?
    public var pipeline: Int?
    public var job: Int?
    public var failureReason: String?
    public var symbol: Character

    public init(
        night: String, status: Status? = nil, pipeline: Int? = nil, job: Int? = nil,
        failureReason: String? = nil,
        symbol: Character
    ) {
        self.night = night
        self.status = status
        self.pipeline = pipeline
        self.job = job
        self.failureReason = failureReason
        self.symbol = symbol
    }
}

/// `history PROJECT [JOB] --format json`: the nights asked for, oldest first, their strip, and each
/// night newest first.
public struct HistoryRecord: Sendable, Hashable, Encodable {
    public var project: String
    /// The job's name; nil: the project's pipelines.
    public var job: String?
    /// Oldest first, one per night asked for.
    public var nights: [HistoryNight]

    public init(project: String, job: String?, nights: [HistoryNight]) {
        self.project = project
        self.job = job
        self.nights = nights
    }

    /// The symbols of `nights`, oldest first.
    public var strip: String { String(nights.map(\.symbol)) }

    enum CodingKeys: String, CodingKey { case project, job, nights, strip, history }

    enum NightKeys: String, CodingKey {
        case night, status, pipeline, job, symbol
        case failureReason = "failure_reason"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(project, forKey: .project)
        try c.encode(job, forKey: .job)
        try c.encode(nights.map(\.night), forKey: .nights)
        try c.encode(strip, forKey: .strip)
        var list = c.nestedUnkeyedContainer(forKey: .history)
        for n in nights.reversed() {
            var k = list.nestedContainer(keyedBy: NightKeys.self)
            try k.encode(n.night, forKey: .night)
            try k.encode(n.status?.rawValue, forKey: .status)
            try k.encode(n.pipeline, forKey: .pipeline)
            try k.encode(n.job, forKey: .job)
            try k.encode(n.failureReason, forKey: .failureReason)
            try k.encode(String(n.symbol), forKey: .symbol)
        }
    }
}
