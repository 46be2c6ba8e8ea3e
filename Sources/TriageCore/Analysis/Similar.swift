import LogAnalysis

/// `similar job N`: the cached failures most like one job's, by token-set similarity of their
/// signatures.
///
/// The job's own cluster is one line, not the answer: its members are the most similar by
/// construction and would fill every row (`similar` would show only tonight's siblings).
/// So each other cluster gives one match, its most similar member, with how many of its failures
/// are alike; a failure without a cluster is its own match. `everyFailure` lists failure by
/// failure, the job's own cluster included.
public struct SimilarFailures: Sendable {
    public struct Match: Sendable, Hashable {
        public var analysis: FailureAnalysis
        public var similarity: Double
        /// Failures this match stands for: its cluster's members that share any token (1 for a
        /// failure listed on its own).
        public var failures: Int
    }

    /// Best first: most similar, then newest night, then newest job.
    public var matches: [Match]
    /// Failures of the job's own cluster left out of `matches` (0 with `everyFailure`).
    public var sameCluster: Int

    public init(
        target: FailureAnalysis, among candidates: [FailureAnalysis], limit: Int, everyFailure: Bool = false
    ) {
        let signature = target.signature
        var matches: [Match] = []
        var index: [ClusterID: Int] = [:]
        var sameCluster = 0
        for candidate in candidates where candidate.jobID != target.jobID {
            if !everyFailure, let own = target.cluster, candidate.cluster == own {
                sameCluster += 1
                continue
            }
            let similarity = candidate.signature.jaccard(signature)
            guard similarity > 0 else { continue }
            let match = Match(analysis: candidate, similarity: similarity, failures: 1)
            guard !everyFailure, let cluster = candidate.cluster else {
                matches.append(match)
                continue
            }
            if let i = index[cluster] {
                let count = matches[i].failures + 1
                if Self.better(match, than: matches[i]) { matches[i] = match }
                matches[i].failures = count
            } else {
                index[cluster] = matches.count
                matches.append(match)
            }
        }
        matches.sort(by: Self.better)
        self.matches = Array(matches.prefix(limit))
        self.sameCluster = sameCluster
    }

    static func better(_ a: Match, than b: Match) -> Bool {
        if a.similarity != b.similarity { return a.similarity > b.similarity }
        if a.analysis.night != b.analysis.night { return a.analysis.night > b.analysis.night }
        return a.analysis.jobID > b.analysis.jobID
    }
}
