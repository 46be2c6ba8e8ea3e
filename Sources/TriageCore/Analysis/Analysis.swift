import Foundation
import LogAnalysis

/// How failures are analysed: the excerpt's size, the pattern library, the clustering threshold,
/// and which pipelines are the nightly ones whose history says whether a cluster alternates.
public struct AnalysisOptions: Sendable {
    /// Minimum estimated Jaccard similarity (0…1) of token sets to join a cluster.
    public var threshold: Double
    /// Upper bound on excerpt lines.
    public var maxLines: Int
    public var patterns: PatternLibrary
    /// The nightly pipelines' source (the workspace's `source`, `schedule` by default); nil counts
    /// every cached pipeline.
    public var nightlySource: String?

    public init(
        threshold: Double = Analyzer.defaultThreshold, maxLines: Int = 30,
        patterns: PatternLibrary = .builtIn,
        nightlySource: String? = nil
    ) {
        self.threshold = threshold
        self.maxLines = maxLines
        self.patterns = patterns
        self.nightlySource = nightlySource
    }
}

/// What one analysis run did.
public struct AnalysisReport: Sendable, Hashable {
    /// Failures analysed in this run.
    public var analysed = 0
    /// Failed jobs without a cached trace, skipped (analysed by a later run once the trace is there).
    public var skipped: [Int] = []
    /// Clusters in the cache after the run.
    public var clusters = 0
    /// Clusters founded by this run, by id.
    public var founded: [ClusterID] = []
    /// The first night (`YYYY-MM-DD`) of each cluster in `founded`.
    public var foundedFirstNights: [ClusterID: String] = [:]

    /// `founded` and `foundedFirstNights` from the clusters a run founded.
    mutating func recordFounded(_ clusters: [ClusterState]) {
        founded = clusters.map(\.id)
        foundedFirstNights = Dictionary(
            clusters.map { ($0.id, $0.firstNight) }, uniquingKeysWith: { a, _ in a })
    }
    /// Clusters that kept their id through a `recluster`.
    public var kept = 0
    /// Clusters that alternate with green nights for one of their jobs, after the run.
    public var alternating = 0
    /// Clusters in the cache before the run.
    public var previousClusters = 0
    /// Set when the run re-analysed a cache that held analyses of an older `AnalysisVersion`:
    /// the oldest version it found (`Analyzer.analyseOrUpgrade`).
    public var upgradedFrom: Int?
    /// Failures analysed with their job's last green trace as evidence (`GreenEvidence`).
    public var withGreen = 0
    /// After a `recluster`: per cluster of before the run, its members (still failures of the
    /// cache) that are now in a cluster of another id, ascending. What a cluster assignment of that
    /// id no longer covers; empty for a cluster whose members all stayed.
    public var strayed: [ClusterID: [Int]] = [:]

    public init() {}
}

/// The analysis use case (DESIGN §5): excerpt, signature and cluster for the failed jobs a sync
/// brought, incrementally, and `recluster` to rebuild everything after a threshold or pattern change.
///
/// Determinism: within one run failures are clustered in the order (night, signature id, job id),
/// whatever order the cache returns them in, so the same failures give the same clusters and ids;
/// failures brought by a later fetch (later nights) join the clusters persisted by earlier runs,
/// which gives the same result as analysing everything at once. A failure's excerpt is compared
/// with the green trace the cache holds when it is analysed (`GreenEvidence`); `recluster` reads
/// them again.
///
/// Versions: every stored analysis carries the `AnalysisVersion` that produced it. `analyseOrUpgrade`
/// (what `fetch` runs) re-analyses the whole cache, keeping cluster ids where members stay, as soon
/// as it holds an analysis of an older version.
public struct Analyzer: Sendable {
    /// 0.7 within a scope (see `ScopedClusterer`): variants of one failure (another variable name, value
    /// or path) stay above it, another testset of the same project falls below. See `Clusterer.threshold`;; measured against the simulator's truth in AnalysisTruthTests.
    public static let defaultThreshold = 0.7

    public let cache: any CacheStore
    public let store: any AnalysisStore
    public var options: AnalysisOptions

    public init(cache: any CacheStore, store: any AnalysisStore, options: AnalysisOptions = AnalysisOptions())
    {
        self.cache = cache
        self.store = store
        self.options = options
    }

    /// What `fetch` runs after a sync: `recluster` when the cache holds an analysis of a version
    /// older than `AnalysisVersion.current` (the report's `upgradedFrom` says which), else
    /// `analyseNew`. Costs one index scan more than `analyseNew` when nothing is to upgrade.
    public func analyseOrUpgrade() throws -> AnalysisReport {
        try pendingUpgrade() == nil ? try analyseNew() : try recluster()
    }

    /// The oldest `AnalysisVersion` among the stored analyses when it is older than the current
    /// one (the next `analyseOrUpgrade` re-analyses everything), else nil. One index scan.
    public func pendingUpgrade() throws -> Int? {
        guard let oldest = try store.analysisVersions().keys.min(), oldest < AnalysisVersion.current else {
            return nil
        }
        return oldest
    }

    /// Analyses every failed job that has no analysis yet and adds it to the persisted clusters.
    /// Analyses of other versions are left as they are (see `analyseOrUpgrade`).
    public func analyseNew() throws -> AnalysisReport {
        let candidates = try store.unanalysedFailures()
        var report = AnalysisReport()
        var analyses = try extract(candidates, report: &report)
        var clusterer = ScopedClusterer(threshold: options.threshold, existing: try store.clusterStates())
        let before = Set(clusterer.clusters.map(\.id))
        report.previousClusters = before.count
        Self.cluster(&analyses, with: &clusterer)
        let touched = Set(analyses.compactMap(\.cluster))
        let changed = clusterer.clusters.filter { touched.contains($0.id) }
        try store.saveAnalyses(analyses, clusters: changed)
        report.analysed = analyses.count
        report.clusters = clusterer.clusters.count
        report.recordFounded(clusterer.clusters.filter { !before.contains($0.id) })
        report.alternating = try markAlternating().count
        return report
    }

    /// Re-extracts and re-clusters every failure from scratch (after a threshold or pattern change,
    /// or an upgrade of the analysis), then gives each new cluster the id of the old cluster most
    /// of its members come from (`keepingIDs`). Every analysis is stored at `AnalysisVersion.current`.
    public func recluster() throws -> AnalysisReport {
        let upgrading = try pendingUpgrade()
        let candidates = try store.allFailureCandidates()
        let old = try store.clusterStates()
        var report = AnalysisReport()
        report.upgradedFrom = upgrading
        report.previousClusters = old.count
        var analyses = try extract(candidates, report: &report)
        var clusterer = ScopedClusterer(threshold: options.threshold)
        Self.cluster(&analyses, with: &clusterer)
        let (clusters, renames) = Self.keepingIDs(old: old, new: clusterer.clusters)
        for k in analyses.indices {
            if let id = analyses[k].cluster { analyses[k].cluster = renames[id] ?? id }
        }
        try store.replaceAllAnalyses(analyses, clusters: clusters)
        let oldIDs = Set(old.map(\.id))
        report.analysed = analyses.count
        report.clusters = clusters.count
        report.kept = clusters.filter { oldIDs.contains($0.id) }.count
        report.recordFounded(clusters.filter { !oldIDs.contains($0.id) })
        report.strayed = Self.strayed(old: old, new: analyses)
        report.alternating = try markAlternating().count
        return report
    }

    /// Per old cluster, its members that `analyses` (the rebuilt ones, final ids) put in a cluster
    /// of another id, or in none; members no longer analysed are left out.
    static func strayed(old: [ClusterState], new analyses: [FailureAnalysis]) -> [ClusterID: [Int]] {
        var now: [Int: ClusterID?] = [:]
        for a in analyses { now[a.jobID] = .some(a.cluster) }
        var result: [ClusterID: [Int]] = [:]
        for cluster in old {
            let gone = cluster.members.filter { member in
                guard let current = now[member] else { return false }
                return current != cluster.id
            }
            if !gone.isEmpty { result[cluster.id] = gone.sorted() }
        }
        return result
    }

    /// Judges again which clusters alternate with green nights (`Alternation`) over the cached
    /// nightly pipelines, and stores the marks. Run after every analysis: a night a fetch brings can
    /// make a cluster alternate (a failure after a green night) or, with a new cluster, change whose
    /// failures they are.
    @discardableResult
    public func markAlternating() throws -> Set<ClusterID> {
        let record = try store.nightlyRecord(pipelineSource: options.nightlySource)
        let ids = Alternation.alternatingClusters(red: record.red, green: record.green)
        try store.setAlternatingClusters(ids)
        return ids
    }

    /// Excerpts and signatures of the candidates, in their order; those without a cached trace go
    /// to `report.skipped`. Each failure is compared with its job's last green trace when the cache
    /// holds one (`GreenEvidence`, one query for all candidates). Failures sharing a green trace are
    /// analysed one after the other, so each green trace is read and cleaned once and only one is
    /// held at a time.
    private func extract(_ candidates: [AnalysisCandidate], report: inout AnalysisReport) throws
        -> [FailureAnalysis]
    {
        let extractor = ExcerptExtractor(patterns: options.patterns, maxLines: options.maxLines)
        let evidence = candidates.isEmpty ? GreenEvidence() : GreenEvidence(try store.tracedGreenJobs())
        let greenOf = candidates.map { evidence.green(for: $0) }
        let order = candidates.indices.sorted { a, b in
            (greenOf[a] ?? -1, a) < (greenOf[b] ?? -1, b)
        }
        var results = [FailureAnalysis?](repeating: nil, count: candidates.count)
        var green: (jobID: Int, log: CleanedLog?)?
        for k in order {
            // Nothing is saved until every candidate is done, so stopping here loses no state.
            if Task.isCancelled { throw CancellationError() }
            let candidate = candidates[k]
            guard candidate.hasTrace, let data = try cache.trace(jobID: candidate.jobID) else { continue }
            var passed: CleanedLog?
            if let id = greenOf[k] {
                if green?.jobID != id {
                    green = nil  // release the previous one before reading the next
                    green = (id, try cache.trace(jobID: id).map { TraceCleaner.clean([UInt8]($0)) })
                }
                passed = green?.log
            }
            if passed != nil { report.withGreen += 1 }
            results[k] = Self.analyse(candidate, trace: data, green: passed, extractor: extractor)
        }
        var analyses: [FailureAnalysis] = []
        analyses.reserveCapacity(candidates.count)
        for k in candidates.indices {
            if let analysis = results[k] {
                analyses.append(analysis)
            } else {
                report.skipped.append(candidates[k].jobID)
            }
        }
        return analyses
    }

    /// Excerpt, patterns and signature of one trace (pure; the cluster is left nil), stamped with
    /// `AnalysisVersion.current`.
    /// - Parameters:
    ///   - green: the cleaned trace of the same job's last green run, if known: lines it also has
    ///     are demoted in the excerpt (`ExcerptExtractor.excerpt(failed:passed:)`).
    public static func analyse(
        _ candidate: AnalysisCandidate, trace: Data, green: CleanedLog? = nil, extractor: ExcerptExtractor
    ) -> FailureAnalysis {
        let excerpt = extractor.excerpt(failed: TraceCleaner.clean([UInt8](trace)), passed: green)
        let signature = Self.signature(
            of: excerpt, project: candidate.projectPath, identity: candidate.identity,
            patterns: extractor.patterns)
        return FailureAnalysis(
            jobID: candidate.jobID, projectPath: candidate.projectPath, night: candidate.night,
            jobName: candidate.jobName,
            excerpt: excerpt.lines.map(AnalysedLine.init),
            keyLine: excerpt.keyLine?.line.text, patterns: excerpt.matchedPatterns,
            category: excerpt.category,
            infrastructure: excerpt.infrastructure, signatureLines: signature.maskedLines, cluster: nil,
            retriedGreen: candidate.retriedGreen, version: AnalysisVersion.current)
    }

    /// Categories of failures that cut across projects: `SignatureBuilder.crossProjectCategories`.
    public static var crossProjectCategories: Set<String> { SignatureBuilder.crossProjectCategories }

    /// A failure's signature (`SignatureBuilder.signature`), with the project's identity dropped.
    public static func signature(
        of excerpt: Excerpt, project: String?, identity: ProjectIdentity? = nil,
        patterns: PatternLibrary = .builtIn
    ) -> FailureSignature {
        SignatureBuilder.signature(
            of: excerpt, identity: identity ?? project.map { ProjectIdentity(path: $0) }, patterns: patterns)
    }

    /// Assigns each analysis to a cluster, in the order (night, signature id, job id).
    public static func cluster(_ analyses: inout [FailureAnalysis], with clusterer: inout ScopedClusterer) {
        let signatures = analyses.map(\.signature)
        let ids = signatures.map(\.stableID)
        let order = analyses.indices.sorted { a, b in
            let x = analyses[a]
            let y = analyses[b]
            if x.night != y.night { return x.night < y.night }
            if ids[a] != ids[b] { return ids[a] < ids[b] }
            return x.jobID < y.jobID
        }
        for k in order {
            let a = analyses[k]
            analyses[k].cluster = clusterer.assign(
                signatures[k], member: a.jobID, night: a.night, project: a.projectPath)
        }
    }

    /// Renames rebuilt clusters so that ids stay where members stay: pairs (new, old) are taken by
    /// decreasing number of shared members, each id used once, and a new cluster takes an old id
    /// when it shares more than half of its members or of the old cluster's. A new cluster whose own
    /// id is taken by another cluster gets a salted one.
    /// - Returns: the clusters with their final ids (by id) and the renames applied (new → final).
    public static func keepingIDs(old: [ClusterState], new: [ClusterState]) -> (
        [ClusterState], [ClusterID: ClusterID]
    ) {
        var oldOf: [Int: ClusterID] = [:]
        var oldSize: [ClusterID: Int] = [:]
        for cluster in old {
            for member in cluster.members { oldOf[member] = cluster.id }
        }
        let present = Set(new.flatMap(\.members))
        for (member, id) in oldOf where present.contains(member) { oldSize[id, default: 0] += 1 }
        var pairs: [(new: Int, old: ClusterID, shared: Int)] = []
        for (position, cluster) in new.enumerated() {
            var shared: [ClusterID: Int] = [:]
            for member in cluster.members {
                if let id = oldOf[member] { shared[id, default: 0] += 1 }
            }
            for (id, count) in shared { pairs.append((position, id, count)) }
        }
        pairs.sort { a, b in
            if a.shared != b.shared { return a.shared > b.shared }
            if new[a.new].id != new[b.new].id { return new[a.new].id < new[b.new].id }
            return a.old < b.old
        }
        var finalID: [Int: ClusterID] = [:]
        var used: Set<ClusterID> = []
        for pair in pairs where finalID[pair.new] == nil && !used.contains(pair.old) {
            let newCount = new[pair.new].members.count
            let oldCount = oldSize[pair.old] ?? 0
            guard pair.shared * 2 > newCount || pair.shared * 2 > oldCount else { continue }
            finalID[pair.new] = pair.old
            used.insert(pair.old)
        }
        var renames: [ClusterID: ClusterID] = [:]
        var result: [ClusterState] = []
        for (position, cluster) in new.enumerated() {
            var id = finalID[position] ?? cluster.id
            if finalID[position] == nil {
                var salt = 1
                while used.contains(id) {
                    id = saltedID(cluster, salt)
                    salt += 1
                }
                used.insert(id)
            }
            var renamed = cluster
            renamed.id = id
            if id != cluster.id { renames[cluster.id] = id }
            result.append(renamed)
        }
        return (result.sorted { $0.id < $1.id }, renames)
    }

    static func saltedID(_ cluster: ClusterState, _ salt: Int) -> ClusterID {
        var h: UInt32 = 0x811c_9dc5
        for b in (cluster.representative.tokens.joined(separator: " ") + "#r\(salt)").utf8 {
            h ^= UInt32(b)
            h = h &* 0x0100_0193
        }
        let hex = String(h, radix: 16)
        return ClusterID(rawValue: "c-" + String(repeating: "0", count: 8 - hex.count) + hex) ?? cluster.id
    }
}

/// The green run a failure's excerpt is compared with (DESIGN §5.2): the newest succeeded attempt
/// of the same job (same project path and job name) whose trace the cache holds, from a night
/// before the failure's night. Not necessarily the job's last green run: when that one's trace is not
/// cached (GitLab refused it, or `GreenTraces` deferred it) an older cached one is the evidence.
///
/// What the cache holds at analysis time decides: `fetch` stores the green traces before it
/// analyses, so a failure is normally compared with its last green run; a green trace stored after
/// the failure was analysed changes nothing until `recluster` (or an upgrade) reads them again.
public struct GreenEvidence: Sendable {
    /// Per job, (night, job id) of its traced green attempts, ascending.
    var runs: [JobKey: [(night: String, jobID: Int)]] = [:]

    public init() {}

    /// - Parameter traced: `AnalysisStore.tracedGreenJobs()`, in any order.
    public init(_ traced: [TracedJob]) {
        for job in traced {
            runs[JobKey(project: job.projectPath, name: job.jobName), default: []].append(
                (job.night, job.jobID))
        }
        for key in runs.keys { runs[key]?.sort { ($0.night, $0.jobID) < ($1.night, $1.jobID) } }
    }

    /// The job id of the green trace to compare `candidate` with, nil when the cache holds none.
    public func green(for candidate: AnalysisCandidate) -> Int? {
        guard let list = runs[candidate.key] else { return nil }
        // The first run on or after the failure's night; the one before it is the newest earlier one.
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].night < candidate.night { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? list[low - 1].jobID : nil
    }
}

/// Which clusters are flaky (DESIGN §5): the one rule of every listing, the shell's and the
/// dashboard's. A cluster is flaky when any of its members in the cache failed and was then
/// retried to green, or when it alternates with green nights for one of its jobs (`Alternation`).
/// Both are facts of the whole cache, so a cluster is flaky or not whatever range lists it:
/// `failures last-night`, `clusters 7d`, `show job` and the dashboard agree.
public struct FlakyClusters: Sendable, Hashable {
    /// Clusters that alternate with green nights (`AnalysisStore.alternatingClusters()`).
    public var alternating: Set<ClusterID>
    /// Clusters with a member whose failed attempt was retried to green.
    public var retriedGreen: Set<ClusterID>

    public init(alternating: Set<ClusterID> = [], retriedGreen: Set<ClusterID> = []) {
        self.alternating = alternating
        self.retriedGreen = retriedGreen
    }

    public func contains(_ id: ClusterID?) -> Bool {
        guard let id else { return false }
        return retriedGreen.contains(id) || alternating.contains(id)
    }
}

/// The distinct texts of `texts`, sorted (`<`): adjacent equals dropped after the sort, no set
/// (thousands of clusters of a few members each in a listing).
func distinctSorted(_ texts: [String]) -> [String] {
    guard texts.count > 1 else { return texts }
    var result: [String] = []
    for text in texts.sorted() where result.last != text { result.append(text) }
    return result
}

/// A cluster as listings show it: its state plus what its members say over a range of nights.
public struct ClusterSummary: Sendable, Hashable {
    public var state: ClusterState
    /// Members within the range.
    public var members: [FailureAnalysis]
    /// Distinct projects of the members in range, sorted.
    public var projects: [String]
    /// Pattern names of the members, most frequent first.
    public var patterns: [String]
    /// The cluster is flaky by `FlakyClusters`' rule (over the whole cache, not only `members`).
    public var flaky: Bool

    /// Groups analyses by cluster; clusters without members in `analyses` are left out. Ranked by
    /// member count, then most recent last night, then id.
    /// - Parameter flaky: the cache's flaky clusters (`AnalysisStore.flakyClusters()`).
    public static func summarise(
        _ analyses: [FailureAnalysis], states: [ClusterState], flaky: FlakyClusters = FlakyClusters()
    ) -> [ClusterSummary] {
        // States by index, not copied into a dictionary (thousands of them in a listing).
        var byID: [ClusterID: Int] = [:]
        byID.reserveCapacity(states.count)
        for (i, state) in states.enumerated() where byID[state.id] == nil { byID[state.id] = i }
        var groups: [ClusterID: [FailureAnalysis]] = [:]
        for a in analyses {
            if let id = a.cluster { groups[id, default: []].append(a) }
        }
        var result: [ClusterSummary] = []
        result.reserveCapacity(groups.count)
        for (id, members) in groups {
            guard let index = byID[id] else { continue }
            let patterns: [String]
            let first = members[0].patterns
            // Most clusters: every member names the same one pattern, or none.
            if first.count <= 1 && members.allSatisfy({ $0.patterns == first }) {
                patterns = first
            } else {
                var patternCounts: [String: Int] = [:]
                for m in members {
                    for p in m.patterns { patternCounts[p, default: 0] += 1 }
                }
                patterns = patternCounts.sorted {
                    $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
                }.map(\.key)
            }
            result.append(
                ClusterSummary(
                    state: states[index], members: members,
                    projects: distinctSorted(members.map(\.projectPath)),
                    patterns: patterns,
                    flaky: flaky.contains(id)))
        }
        return result.sorted { a, b in
            if a.members.count != b.members.count { return a.members.count > b.members.count }
            if a.state.lastNight != b.state.lastNight { return a.state.lastNight > b.state.lastNight }
            return a.state.id < b.state.id
        }
    }
}

extension Assignments {
    /// Keeps covering the failures a cluster assignment covered before a `recluster` moved them to
    /// a cluster of another id (`AnalysisReport.strayed`): each gets a job assignment to the
    /// cluster's issue, by whoever assigned the cluster and when, with `cluster` naming the cluster
    /// it came from. A failure with an assignment of its own keeps it; one whose new cluster is
    /// assigned to the same issue needs none. Cluster assignments themselves are left as they are
    /// (they go on covering the members that stayed, and future members).
    /// - Parameters:
    ///   - note: the note of the added assignments (why they were added).
    ///   - failure: where a job ran and its cluster now; nil leaves the job out (no longer cached).
    /// - Returns: the job assignments added, by job id.
    public mutating func keepCovering(
        strayed: [ClusterID: [Int]], note: String,
        failure: (Int) throws -> (project: String, pipeline: Int, night: String, cluster: ClusterID?)?
    ) rethrows -> [JobAssignment] {
        var added: [JobAssignment] = []
        for shared in clusters.sorted(by: { $0.cluster < $1.cluster }) {
            guard let id = ClusterID(rawValue: shared.cluster), let jobs = strayed[id] else { continue }
            for job in jobs where assignment(job: job) == nil {
                guard let f = try failure(job) else { continue }
                if let now = f.cluster, let other = assignment(cluster: now.rawValue),
                    other.issue.sameIssue(shared.issue)
                {
                    continue
                }
                let entry = JobAssignment(
                    job: job, project: f.project, pipeline: f.pipeline, night: f.night,
                    cluster: shared.cluster,
                    issue: shared.issue, by: shared.by, at: shared.at, note: note)
                assign(entry)
                added.append(entry)
            }
        }
        return added.sorted { $0.job < $1.job }
    }
}

/// What a fetch's analysis has to report as new clusters: the clusters it founded that are news.
///
/// DESIGN §5 calls a cluster new on its first night; a fetch line that counts "new" promises
/// news since the cache was last looked at. When the cache already held clusters, every cluster
/// this run founded is one the user has not seen: all are news. When it held none, a founded
/// cluster whose first night is an old night of the window is no news: only those first seen
/// after the newest night the cache held before the fetch, or on the newest night of the cache,
/// count, and only when an earlier night exists to compare that night with.
///
/// Examples (cache nights 11-26…11-28 after the fetch; founded clusters first seen on 11-26 and 11-28):
/// - clusters before: both are new;
/// - an empty cache before (a first fetch): only the one of 11-28 (`firstFetch`);
/// - nights up to 11-26 cached before, no cluster (all green): the one of 11-28;
/// - an empty cache before and only 11-28 after: none, and `comparable` is false.
public struct FetchNews: Sendable, Hashable {
    /// The founded clusters that are news, ascending.
    public var newClusters: [ClusterID]
    /// The cache held no night before this fetch.
    public var firstFetch: Bool
    /// False when the cache held no cluster before and holds a single night: nothing to compare with.
    public var comparable: Bool
    /// The newest night of the cache, the night first-fetch news are counted on.
    public var newestNight: String?

    /// - Parameters:
    ///   - report: the analysis run after the sync.
    ///   - newestNightBefore: the newest night the cache held before the sync (`SyncReport`), nil when none.
    ///   - nights: every night the cache holds after the sync, ascending.
    public init(report: AnalysisReport, newestNightBefore: String?, nights: [String]) {
        firstFetch = newestNightBefore == nil
        newestNight = nights.last
        guard report.previousClusters == 0, report.upgradedFrom == nil else {
            newClusters = report.founded.sorted()
            comparable = true
            return
        }
        // The newest night, if another night precedes it, and whatever came after the cache's nights.
        guard let newest = nights.last, nights.count > 1 else {
            newClusters = []
            comparable = false
            return
        }
        comparable = true
        newClusters = report.founded.filter { id in
            guard let first = report.foundedFirstNights[id] else { return false }
            return first == newest || newestNightBefore.map { first > $0 } == true
        }
        .sorted()
    }
}
