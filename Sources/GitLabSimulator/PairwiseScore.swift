/// Pairwise agreement of a clustering with the simulator's truth: precision (pairs put together
/// that share a cause) and recall (pairs sharing a cause that were put together). Jobs the truth
/// does not know are left out. `AnalysisTruthTests` and `triage-bench quality` both judge with it.
public struct PairwiseScore: Sendable {
    public var precision: Double
    public var recall: Double
    /// Jobs scored, distinct causes and distinct predicted clusters among them.
    public var failures: Int
    public var causes: Int
    public var clusters: Int

    /// - Parameters:
    ///   - predicted: job id → cluster.
    ///   - truth: job id → cause.
    public init(predicted: [Int: String], truth: [Int: String]) {
        func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        var both: [String: Int] = [:]
        var byPredicted: [String: Int] = [:]
        var byTruth: [String: Int] = [:]
        for (job, p) in predicted {
            guard let t = truth[job] else { continue }
            both[p + "\u{0}" + t, default: 0] += 1
            byPredicted[p, default: 0] += 1
            byTruth[t, default: 0] += 1
        }
        let together = both.values.map(pairs).reduce(0, +)
        let predictedPairs = byPredicted.values.map(pairs).reduce(0, +)
        let truthPairs = byTruth.values.map(pairs).reduce(0, +)
        precision = predictedPairs == 0 ? 1 : together / predictedPairs
        recall = truthPairs == 0 ? 1 : together / truthPairs
        failures = byTruth.values.reduce(0, +)
        causes = byTruth.count
        clusters = byPredicted.count
    }
}
