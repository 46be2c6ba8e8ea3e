import Foundation
import LogAnalysis

/// A failed job attempt the analysis may look at: who it is and where it ran.
public struct AnalysisCandidate: Hashable, Sendable {
    public var jobID: Int
    /// `path_with_namespace` of the cached project (its id as text when the project is not cached).
    public var projectPath: String
    public var night: String
    public var jobName: String
    /// True when a later attempt of the same job in the same pipeline succeeded (a green retry).
    public var retriedGreen: Bool
    /// True when the cache holds the job's trace.
    public var hasTrace: Bool
    /// The cached project's name and web URL, nil when the project is not cached: with the path,
    /// the identity a signature drops (`identity`).
    public var projectName: String?
    public var projectWebURL: String?

    public init(
        jobID: Int, projectPath: String, night: String, jobName: String, retriedGreen: Bool, hasTrace: Bool,
        projectName: String? = nil, projectWebURL: String? = nil
    ) {
        self.jobID = jobID
        self.projectPath = projectPath
        self.night = night
        self.jobName = jobName
        self.retriedGreen = retriedGreen
        self.hasTrace = hasTrace
        self.projectName = projectName
        self.projectWebURL = projectWebURL
    }

    /// The words that name the project in its own logs, as fetch knows them.
    public var identity: ProjectIdentity {
        ProjectIdentity(path: projectPath, name: projectName, webURL: projectWebURL)
    }

    /// The job across nights: whose last green trace is this failure's evidence (`GreenEvidence`).
    public var key: JobKey { JobKey(project: projectPath, name: jobName) }
}

/// One line of a stored excerpt.
public struct AnalysedLine: Hashable, Sendable, Codable {
    /// 1-based line of the cleaned log.
    public var number: Int
    /// 1-based physical line of the raw trace.
    public var rawLine: Int
    public var text: String
    /// `ExcerptReason`'s raw value (`pattern`, `keyword`, …).
    public var reason: String
    /// The pattern's name when `reason` is `pattern`.
    public var detail: String?
    /// Lines like this one (the same but for numbers), or blocks like the one it opens, that the
    /// excerpt left out (`ExcerptLine.repeats`).
    public var repeats: Int

    public init(number: Int, rawLine: Int, text: String, reason: String, detail: String?, repeats: Int = 0) {
        self.number = number
        self.rawLine = rawLine
        self.text = text
        self.reason = reason
        self.detail = detail
        self.repeats = repeats
    }

    /// A line of an excerpt `ExcerptExtractor` chose, as stored and answered.
    public init(_ line: ExcerptLine) {
        self.init(
            number: line.line.number, rawLine: line.line.rawLine, text: line.line.text,
            reason: line.reason.rawValue,
            detail: line.detail, repeats: line.repeats)
    }
}

/// What the analysis found for one failed job: its excerpt, patterns, signature and cluster.
public struct FailureAnalysis: Hashable, Sendable {
    public var jobID: Int
    public var projectPath: String
    public var night: String
    public var jobName: String
    public var excerpt: [AnalysedLine]
    /// Text of the excerpt's key line; nil for an empty log.
    public var keyLine: String?
    public var patterns: [String]
    public var category: String?
    public var infrastructure: Bool
    /// The masked lines the failure signature is made of (`FailureSignature.maskedLines`).
    public var signatureLines: [String]
    public var cluster: ClusterID?
    /// A later attempt of the same job succeeded.
    public var retriedGreen: Bool
    /// The `AnalysisVersion` that produced this analysis; 1 for analyses stored before versions existed.
    public var version: Int

    public init(
        jobID: Int, projectPath: String, night: String, jobName: String, excerpt: [AnalysedLine],
        keyLine: String?, patterns: [String], category: String?, infrastructure: Bool,
        signatureLines: [String], cluster: ClusterID?, retriedGreen: Bool,
        version: Int = AnalysisVersion.current
    ) {
        self.version = version
        self.jobID = jobID
        self.projectPath = projectPath
        self.night = night
        self.jobName = jobName
        self.excerpt = excerpt
        self.keyLine = keyLine
        self.patterns = patterns
        self.category = category
        self.infrastructure = infrastructure
        self.signatureLines = signatureLines
        self.cluster = cluster
        self.retriedGreen = retriedGreen
    }

    public var signature: FailureSignature { FailureSignature(maskedLines: signatureLines) }
}

/// A job attempt whose trace the cache holds: who it is and where it ran.
public struct TracedJob: Hashable, Sendable {
    public var jobID: Int
    public var projectPath: String
    public var night: String
    public var jobName: String

    public init(jobID: Int, projectPath: String, night: String, jobName: String) {
        self.jobID = jobID
        self.projectPath = projectPath
        self.night = night
        self.jobName = jobName
    }
}

/// The large columns of an analysis, for reads that need only some of them.
public struct AnalysisParts: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let excerpt = AnalysisParts(rawValue: 1)
    public static let signature = AnalysisParts(rawValue: 2)
    public static let all: AnalysisParts = [.excerpt, .signature]
}

extension AnalysisStore {
    /// Analyses of these nights (every night when nil), complete, by night then job id.
    public func analyses(nights: Set<String>?) throws -> [FailureAnalysis] {
        try analyses(nights: nights, parts: .all)
    }
}

/// The analysis side of the cache: excerpts, signatures, cluster membership and cluster states.
///
/// Every method is synchronous and thread-safe; each write is one transaction.
public protocol AnalysisStore: Sendable {
    /// Failed job attempts (retried ones included) of cached pipelines that have no analysis yet,
    /// by night then job id.
    func unanalysedFailures() throws -> [AnalysisCandidate]
    /// Every failed job attempt of cached pipelines, analysed or not (for `recluster`).
    func allFailureCandidates() throws -> [AnalysisCandidate]
    /// Stores analyses and the cluster states they changed, in one transaction.
    func saveAnalyses(_ analyses: [FailureAnalysis], clusters: [ClusterState]) throws
    /// Replaces every analysis and every cluster (for `recluster`), in one transaction.
    func replaceAllAnalyses(_ analyses: [FailureAnalysis], clusters: [ClusterState]) throws
    /// Every cluster state, by id.
    func clusterStates() throws -> [ClusterState]
    /// The clusters of `ids` that the cache holds, by id, as listings show them: `id`,
    /// `firstNight`, `lastNight` and `template` as in `clusterStates()`, read from what the analysis
    /// keeps beside each state without decoding it; `members`, `projects` and `commonTokens` are
    /// empty and `representative` has no lines. Enough for `ClusterSummary.summarise`, whose
    /// members and projects come from the analyses it is given.
    func clusterHeads(ids: Set<ClusterID>) throws -> [ClusterState]
    /// The titles kept for the clusters of `ids` (`KeptClusterTitle`), by cluster; a cluster
    /// without members, or not in the cache, has none. Kept by every write of analyses, so each
    /// equals `ClusterSummary.title(reading:)` over all of its cluster's members in the cache.
    func keptTitles(ids: Set<ClusterID>) throws -> [ClusterID: KeptClusterTitle]
    /// Analyses of these nights (every night when nil), by night then job id, with only `parts` of
    /// the large columns decoded: what is left out reads as empty (`excerpt` and `signatureLines`
    /// `[]`), so a listing that needs neither does not pay for them.
    func analyses(nights: Set<String>?, parts: AnalysisParts) throws -> [FailureAnalysis]
    func analysis(jobID: Int) throws -> FailureAnalysis?
    /// Analyses of a cluster's members, by night then job id.
    func analyses(cluster: ClusterID) throws -> [FailureAnalysis]
    /// What `Alternation` judges: every night an analysed failed attempt of a pipeline of
    /// `pipelineSource` (every pipeline when nil) joined a cluster, and at least the green nights, in
    /// such pipelines, of each job that failed in one cluster on two nights or more, between the first
    /// and the last of those nights.
    func nightlyRecord(pipelineSource: String?) throws -> (red: [ClusteredNight], green: [GreenNight])
    /// Marks these clusters, and only these, as alternating with green nights.
    func setAlternatingClusters(_ ids: Set<ClusterID>) throws
    /// The clusters marked by the last `setAlternatingClusters` (ids of clusters since removed
    /// included until the next).
    func alternatingClusters() throws -> Set<ClusterID>
    /// The facts of `FlakyClusters`' rule: the alternating clusters, and those with a member
    /// retried to green (any night the cache holds); of `ids` only, or of every cluster when nil.
    /// A command about one cluster asks about that one: reading every cluster's facts grows with
    /// the cache.
    func flakyClusters(among ids: Set<ClusterID>?) throws -> FlakyClusters
    /// Succeeded job attempts whose trace the cache holds (`fetch` keeps some: see `GreenTraces`),
    /// by night then job id.
    func tracedGreenJobs() throws -> [TracedJob]
    /// How many stored analyses each `AnalysisVersion` produced (version → count); empty when
    /// nothing is analysed. Cheap (an index scan), so every fetch can ask.
    func analysisVersions() throws -> [Int: Int]
}

extension AnalysisStore {
    /// The facts of `FlakyClusters`' rule for every cluster of the cache.
    public func flakyClusters() throws -> FlakyClusters { try flakyClusters(among: nil) }
}
