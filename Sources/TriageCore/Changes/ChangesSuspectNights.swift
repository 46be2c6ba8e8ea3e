import Foundation
import LogAnalysis

/// What `suspects` says about one night: how many jobs started failing, how many of them could be
/// compared with their last green run, and the ranked dependency changes.
public struct NightSuspects: Codable, Hashable, Sendable {
    /// Jobs that started failing on the night.
    public var failing: Int
    /// Of those, the ones compared with their last green run (both traces cached).
    public var compared: Int
    /// Of those, the ones left out because a trace is missing.
    public var withoutTraces: Int
    /// Every ranked change (the command shows the first `--top`).
    public var suspects: [Suspect]

    public init(failing: Int, compared: Int, withoutTraces: Int, suspects: [Suspect]) {
        self.failing = failing
        self.compared = compared
        self.withoutTraces = withoutTraces
        self.suspects = suspects
    }
}

/// `suspects` per night, remembered in the cache (`SuspectNightStore`) so that a range answers
/// from what `fetch` already computed, the way listings answer from the analysis `fetch` did.
///
/// A night's answer depends only on the cache's pipelines, traces and analyses, and the store
/// forgets every remembered night when any of those is written; the code's version, the
/// listing reader's version and the pipeline source are the `generation`.
public enum SuspectNights {
    /// Bump when the computation changes what it returns: remembered nights of another version
    /// are computed again.
    public static let version = 1

    public static func generation(source: String?) -> String {
        "\(version).\(TraceFacts.readerVersion).\(source ?? "*")"
    }

    /// The answer for each of `nights` (nights where no job started failing included, with
    /// `failing` 0): remembered ones read, the others computed together and remembered.
    ///
    /// - Parameter histories: the job histories for the pairs of `first...last`
    ///   (`ChangesHistory.forPairs`).
    public static func results(
        nights: [String], cache: CachePorts, source: String?,
        histories: (_ first: String, _ last: String) throws -> [JobHistory]
    ) throws -> [String: NightSuspects] {
        let memo = cache.suspectNights.remembersSuspects ? cache.suspectNights : nil
        let generation = generation(source: source)
        var results: [String: NightSuspects] = [:]
        let decoder = JSONDecoder()
        for (night, json) in try memo?.rememberedSuspects(nights: nights, generation: generation) ?? [:] {
            // A result that does not decode is computed again (and replaced).
            if let result = try? decoder.decode(NightSuspects.self, from: Data(json.utf8)) {
                results[night] = result
            }
        }
        let missing = nights.filter { results[$0] == nil }.sorted()
        guard let first = missing.first, let last = missing.last else { return results }
        let computed = try compute(nights: missing, cache: cache, histories: try histories(first, last))
        results.merge(computed) { _, new in new }
        if let memo {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            var rows: [String: String] = [:]
            for (night, result) in computed {
                rows[night] = String(decoding: try encoder.encode(result), as: UTF8.self)
            }
            try memo.rememberSuspects(rows, generation: generation)
        }
        return results
    }

    /// Computes the nights' answers from the cache.
    static func compute(
        nights: [String], cache: CachePorts, histories: [JobHistory]
    ) throws -> [String: NightSuspects] {
        let listings = TraceFactsReader(cache: cache)
        // Every night's pairs first, so that their listings are read in one query.
        var pairs: [String: (failing: [RunPair], green: [RunPair])] = [:]
        for night in nights {
            let failing = ChangesPairs.newlyFailing(on: night, histories: histories)
            guard !failing.isEmpty else { continue }
            pairs[night] = (failing, ChangesPairs.stillGreen(on: night, histories: histories))
        }
        // Still-green pairs without both listings are not compared: left out before ranking.
        let allGreen = pairs.values.flatMap(\.green)
        let comparable = Set(
            try listings.load(
                failing: pairs.values.flatMap { $0.failing.map { ($0.jobID, $0.baseJobID) } },
                green: allGreen.map { ($0.jobID, $0.baseJobID) }
            ).map { allGreen[$0].jobID })
        var results: [String: NightSuspects] = [:]
        for night in nights {
            guard let (failing, allGreenOfNight) = pairs[night] else {
                results[night] = NightSuspects(failing: 0, compared: 0, withoutTraces: 0, suspects: [])
                continue
            }
            let green = allGreenOfNight.filter { comparable.contains($0.jobID) }
            let clusters = try cache.store.insights(jobIDs: failing.map(\.jobID)).compactMapValues {
                $0.cluster?.rawValue
            }
            let ranked = try ChangesPairs.suspects(failing: failing, green: green, clusters: clusters) {
                try listings.facts($0)
            }
            results[night] = NightSuspects(
                failing: failing.count, compared: ranked.compared, withoutTraces: ranked.withoutTraces,
                suspects: ranked.suspects)
        }
        try listings.flush()
        return results
    }
}
