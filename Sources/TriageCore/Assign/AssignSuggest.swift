import Foundation

/// The failure `suggest` looks for issues for.
public struct SuggestionTarget: Sendable {
    public var jobID: Int
    public var projectPath: String
    public var jobName: String
    public var cluster: String?
    /// The excerpt's lines (key line included), as text.
    public var lines: [String]

    public init(jobID: Int, projectPath: String, jobName: String, cluster: String?, lines: [String]) {
        self.jobID = jobID
        self.projectPath = projectPath
        self.jobName = jobName
        self.cluster = cluster
        self.lines = lines
    }
}

/// A cached issue with its project's path.
public struct IssueCandidate: Sendable {
    public var issue: Issue
    public var projectPath: String

    public init(issue: Issue, projectPath: String) {
        self.issue = issue
        self.projectPath = projectPath
    }

    public var ref: IssueRef {
        IssueRef(project: projectPath, iid: issue.iid, url: issue.webURL, title: issue.title)
    }
}

/// One ranked candidate, with why it was suggested.
public struct Suggestion: Sendable, Hashable {
    public var issue: IssueRef
    /// `opened`, `closed`, or `unknown` for an assigned issue that is not cached.
    public var state: String
    /// Higher is better: 3+ assigned to the cluster, 2+ assigned to a similar cluster, else the
    /// text score (0…1).
    public var score: Double
    public var reasons: [String]
}

/// Ranks the issues that likely cover a failure (pure).
///
/// Evidence, strongest first:
/// 1. the issue is assigned to the failure's cluster (a cluster assignment, or other members'
///    job assignments);
/// 2. it is assigned to a similar cluster (`similarClusters`: cluster id → signature similarity
///    0…1, only those at or above `similarClusterThreshold` count);
/// 3. text: the share of the issue title's (and, a quarter weight, description's) distinctive
///    words found in the failure's excerpt and job name, each word weighted by its rarity among
///    all cached issues (IDF). An issue of another project counts 0.8 of its score.
///
/// Within the same evidence, open issues come before closed ones only when the scores are
/// close (`closedPenalty` is taken off a closed issue's score): a closed issue that matches far
/// better still wins, because the simulator and real life both close issues that come back.
public struct SuggestionRanker: Sendable {
    public var limit = 5
    /// Minimum text score for a text-only candidate (0…1).
    public var textThreshold = 0.3
    public var similarClusterThreshold = 0.5
    public var closedPenalty = 0.1

    public init() {}

    public func rank(
        _ target: SuggestionTarget, issues: [IssueCandidate], assignments: Assignments,
        clusterOf: [Int: String], similarClusters: [String: Double]
    ) -> [Suggestion] {
        let index = TextIndex(issues.map { ($0.issue.title, $0.issue.description ?? "") })
        let failureTokens = Set(([target.jobName] + target.lines).flatMap(TextIndex.tokens))
        var byKey: [String: Suggestion] = [:]
        let cached = Dictionary(issues.map { ($0.ref.key, $0) }, uniquingKeysWith: { a, _ in a })

        func add(_ ref: IssueRef, evidence: Double, reason: String) {
            let candidate = cached[ref.key]
            var s =
                byKey[ref.key]
                ?? Suggestion(
                    issue: candidate?.ref ?? ref, state: candidate?.issue.state ?? "unknown", score: 0,
                    reasons: [])
            if evidence > s.score { s.score = evidence }
            s.reasons.append(reason)
            byKey[ref.key] = s
        }

        // 1. The cluster's own assignments.
        if let cluster = target.cluster {
            if let shared = assignments.assignment(cluster: cluster) {
                add(shared.issue, evidence: 4, reason: "cluster \(cluster) is assigned to it")
            }
            var counts: [String: (IssueRef, Int)] = [:]
            for a in assignments.assignments where a.job != target.jobID && clusterOf[a.job] == cluster {
                counts[a.issue.key] = (a.issue, (counts[a.issue.key]?.1 ?? 0) + 1)
            }
            for (_, (ref, n)) in counts {
                add(
                    ref, evidence: 3 + min(Double(n), 9) / 10,
                    reason: "\(n) failure\(n == 1 ? "" : "s") of cluster \(cluster) assigned to it")
            }
        }
        // 2. Similar clusters' assignments.
        for (cluster, similarity) in similarClusters
        where cluster != target.cluster && similarity >= similarClusterThreshold {
            let formatted = String(format: "%.2f", similarity)
            if let shared = assignments.assignment(cluster: cluster) {
                add(
                    shared.issue, evidence: 2 + similarity,
                    reason: "assigned to similar cluster \(cluster) (\(formatted))")
            }
            let jobIssues = Set(
                assignments.assignments.filter { clusterOf[$0.job] == cluster }.map(\.issue.key))
            for key in jobIssues.sorted() {
                guard let ref = assignments.assignments.first(where: { $0.issue.key == key })?.issue else {
                    continue
                }
                add(
                    ref, evidence: 2 + similarity * 0.9,
                    reason: "failures of similar cluster \(cluster) (\(formatted)) assigned to it")
            }
        }
        // 3. Text.
        for (k, candidate) in issues.enumerated() {
            var score = index.score(issue: k, failure: failureTokens)
            if candidate.projectPath != target.projectPath { score *= 0.8 }
            let key = candidate.ref.key
            if byKey[key] != nil {
                // Text only breaks ties between issues that have stronger evidence.
                byKey[key]?.score += score / 100
                continue
            }
            guard score >= textThreshold else { continue }
            let words = index.sharedWords(issue: k, failure: failureTokens, limit: 4)
            add(
                candidate.ref, evidence: score,
                reason: String(format: "text %.2f: ", score) + words.map { "'\($0)'" }.joined(separator: ", ")
            )
        }
        func effective(_ s: Suggestion) -> Double { s.state == "closed" ? s.score - closedPenalty : s.score }
        return byKey.values.sorted { a, b in
            let x = effective(a)
            let y = effective(b)
            if x != y { return x > y }
            if (a.state == "opened") != (b.state == "opened") { return a.state == "opened" }
            if a.issue.project != b.issue.project { return a.issue.project < b.issue.project }
            return a.issue.iid > b.issue.iid
        }.prefix(limit).map { $0 }
    }
}

/// Words of issue titles and descriptions, weighted by rarity (inverse document frequency).
struct TextIndex {
    private let titles: [Set<String>]
    private let descriptions: [Set<String>]
    private let idf: [String: Double]

    init(_ documents: [(title: String, description: String)]) {
        titles = documents.map { Set(Self.tokens($0.title)) }
        descriptions = documents.map { Set(Self.tokens($0.description)) }
        var df: [String: Int] = [:]
        for (t, d) in zip(titles, descriptions) {
            for word in t.union(d) { df[word, default: 0] += 1 }
        }
        let n = Double(max(documents.count, 1))
        idf = df.mapValues { log(1 + n / Double($0)) }
    }

    private func weight(_ word: String) -> Double { idf[word] ?? 1 }

    private func coverage(_ words: Set<String>, _ failure: Set<String>) -> Double? {
        let total = words.reduce(0) { $0 + weight($1) }
        guard total > 0 else { return nil }
        let shared = words.intersection(failure).reduce(0) { $0 + weight($1) }
        return shared / total
    }

    /// 0…1: how much of the issue's wording the failure contains.
    func score(issue k: Int, failure: Set<String>) -> Double {
        let title = coverage(titles[k], failure) ?? 0
        guard let description = coverage(descriptions[k], failure) else { return title }
        return 0.75 * title + 0.25 * description
    }

    func sharedWords(issue k: Int, failure: Set<String>, limit: Int) -> [String] {
        titles[k].union(descriptions[k]).intersection(failure)
            .sorted { (weight($0), $1) > (weight($1), $0) }
            .prefix(limit).map { $0 }
    }

    static let stopWords: Set<String> = [
        "the", "and", "in", "at", "of", "to", "for", "a", "an", "is", "on", "our", "we", "since", "with",
        "by",
        "it", "its", "be", "was", "are", "this", "that", "from", "or", "as",
    ]

    /// Lowercased runs of letters, digits and `_`; stop words and single characters dropped.
    /// `Test Failed at test/foo.jl:42` → `test`, `failed`, `foo`, `jl`, `42`.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() {
            if current.count >= 2, !stopWords.contains(current) { out.append(current) }
            current = ""
        }
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || scalar == "_" {
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return out
    }
}
