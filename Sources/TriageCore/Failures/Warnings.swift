/// A nightly pipeline that passed with warnings: it succeeded, and some of its jobs allowed to
/// fail failed.
public struct WarningPipeline: Sendable, Hashable {
    public var pipeline: Pipeline
    public var projectPath: String
    public var night: String
    /// Its failed jobs allowed to fail, by id.
    public var jobs: [FailureRow]

    public init(pipeline: Pipeline, projectPath: String, night: String, jobs: [FailureRow]) {
        self.pipeline = pipeline
        self.projectPath = projectPath
        self.night = night
        self.jobs = jobs
    }
}

/// The warnings use case: what `warnings` lists and the dashboard's warnings view shows.
public enum Warnings {
    /// The pipelines of `failures` (a store's failed jobs of some nights) of `source` (every
    /// source when nil) that passed with warnings: newest night first, then by project and
    /// pipeline; each pipeline's allowed failures by job id.
    public static func pipelines(of failures: [FailureRow], source: String?) -> [WarningPipeline] {
        var byPipeline: [Int: WarningPipeline] = [:]
        for row in failures
        where row.job.allowFailure && row.pipeline.status == .success && row.pipeline.isNightly(source) {
            byPipeline[
                row.pipeline.id,
                default: WarningPipeline(
                    pipeline: row.pipeline, projectPath: row.projectPath, night: row.night, jobs: [])
            ].jobs.append(row)
        }
        return byPipeline.values.map { warning in
            var sorted = warning
            sorted.jobs.sort { $0.job.id < $1.job.id }
            return sorted
        }.sorted {
            ($1.night, $0.projectPath, $0.pipeline.id) < ($0.night, $1.projectPath, $1.pipeline.id)
        }
    }
}

/// A pipeline that passed with warnings as `warnings --format json` answers it and the dashboard's
/// `data/warnings.js` lists it: pipeline, project, night, status, web_url, and its allowed failures
/// as failure records (`FailureRecord`, without the analysis's keys).
public struct WarningPipelineRecord: Sendable, Hashable, Encodable {
    public var warning: WarningPipeline

    public init(_ warning: WarningPipeline) { self.warning = warning }

    enum CodingKeys: String, CodingKey {
        case pipeline, project, night, status, jobs
        case webURL = "web_url"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(warning.pipeline.id, forKey: .pipeline)
        try c.encode(warning.projectPath, forKey: .project)
        try c.encode(warning.night, forKey: .night)
        try c.encode(warning.pipeline.status.rawValue, forKey: .status)
        try c.encode(warning.pipeline.webURL, forKey: .webURL)
        try c.encode(warning.jobs.map { FailureRecord($0) }, forKey: .jobs)
    }
}

/// Nights at a glance, what `summary` answers: the nightly pipelines of `source`, how many failed,
/// passed with warnings (the rule of `Warnings.pipelines`) and passed cleanly, and the failed jobs.
public struct NightSummary: Sendable, Hashable, Encodable {
    public var nights: [String]
    public var pipelines: Int
    public var failed: Int
    public var passedWithWarnings: Int
    public var passed: Int
    /// The nightly pipelines' failed latest attempts, allowed failures included, in the store's order.
    public var failures: [FailureRow]

    /// - Parameters:
    ///   - pipelines: the cache's pipelines of `nights`; `failures` their failed jobs.
    ///   - source: the nightly pipelines' source; nil: every pipeline.
    public static func of(
        nights: [String], pipelines: [(pipeline: Pipeline, night: String)], failures: [FailureRow],
        source: String?
    ) -> NightSummary {
        let nightly = pipelines.filter { $0.pipeline.isNightly(source) }
        let warned = Set(Warnings.pipelines(of: failures, source: source).map(\.pipeline.id))
        return NightSummary(
            nights: nights, pipelines: nightly.count,
            failed: nightly.filter { $0.pipeline.status == .failed }.count, passedWithWarnings: warned.count,
            passed: nightly.filter { $0.pipeline.status == .success && !warned.contains($0.pipeline.id) }
                .count,
            failures: failures.filter { $0.pipeline.isNightly(source) })
    }

    enum CodingKeys: String, CodingKey {
        case nights, pipelines, failed, passed, failures
        case passedWithWarnings = "passed_with_warnings"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nights, forKey: .nights)
        try c.encode(pipelines, forKey: .pipelines)
        try c.encode(failed, forKey: .failed)
        try c.encode(passedWithWarnings, forKey: .passedWithWarnings)
        try c.encode(passed, forKey: .passed)
        try c.encode(failures.map { FailureRecord($0) }, forKey: .failures)
    }
}
