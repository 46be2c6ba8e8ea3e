import Foundation
import LogAnalysis

extension TraceFacts {
    /// The version of what reads a trace's facts (`DependencyParser` and `unresolved`). Bump it
    /// whenever either reads a trace differently: stored listings of other versions are then
    /// ignored and read again from the traces.
    public static let readerVersion = 1

    /// Reads the facts of a raw trace as GitLab sent it.
    public init(trace: Data) {
        self.init(log: TraceCleaner.clean([UInt8](trace)))
    }
}

/// The facts of cached traces for one command (`suspects`, `diff job`): stored listings are read
/// in one query; a trace without one (a cache fetched before listings were kept) is parsed once
/// and its listing stored, so the next command reads it. With a `ListingStore` that keeps no
/// listings (`NoListings`) every trace is parsed, once per reader.
public final class TraceFactsReader {
    let cache: CachePorts
    let store: any CacheStore
    let listings: (any ListingStore)?
    private var known: [Int: TraceFacts?] = [:]
    /// Listings parsed here, written by `flush`.
    private var parsed: [Int: TraceFacts] = [:]
    /// Traces parsed because no listing was stored (what `status` would call a back-fill).
    public private(set) var backFilled = 0
    private var backFillTried = false

    public init(cache: CachePorts) {
        self.cache = cache
        self.store = cache.store
        self.listings = cache.listings.cachesListings ? cache.listings : nil
    }

    /// Loads the facts of these jobs in as few queries as possible; later `facts` calls for them
    /// read memory. Jobs without a cached trace are remembered as such.
    public func load(_ jobIDs: [Int]) throws {
        let wanted = Array(Set(jobIDs.filter { known[$0] == nil }))
        guard !wanted.isEmpty, let listings else { return }
        try backFill(listings)
        let found = try listings.listings(jobIDs: wanted, reader: TraceFacts.readerVersion)
        for (id, facts) in found { known[id] = .some(facts) }
        let missing = wanted.filter { found[$0] == nil }
        if try listings.unlistedTraceCount(reader: TraceFacts.readerVersion) == 0 {
            // Every cached trace has its listing: the others have no trace.
            for id in missing { known[id] = .some(nil) }
            return
        }
        let traced = try store.storedTraces(jobIDs: missing)
        for id in missing where !traced.contains(id) { known[id] = .some(nil) }
        for id in missing where traced.contains(id) { _ = try facts(id) }
        try flush()
    }

    /// Loads what comparing these pairs (later job, earlier job) needs: both listings of every
    /// `failing` pair, and of the `green` pairs only those whose two listings exist, so that the
    /// listing of a lone green run is never decoded. Returns the indices of the `green` pairs
    /// that can be compared (all of them when listings are not kept: each is then tried).
    @discardableResult
    public func load(failing: [(Int, Int)], green: [(Int, Int)]) throws -> [Int] {
        if let listings { try backFill(listings) }
        guard let listings, try listings.unlistedTraceCount(reader: TraceFacts.readerVersion) == 0 else {
            try load(failing.flatMap { [$0.0, $0.1] } + green.flatMap { [$0.0, $0.1] })
            return Array(green.indices)
        }
        let candidates = Array(Set(green.flatMap { [$0.0, $0.1] }))
        let listed = try listings.listedJobs(jobIDs: candidates, reader: TraceFacts.readerVersion)
        for id in candidates where !listed.contains(id) && known[id] == nil { known[id] = .some(nil) }
        let both = green.indices.filter { listed.contains(green[$0].0) && listed.contains(green[$0].1) }
        try load(failing.flatMap { [$0.0, $0.1] } + both.flatMap { [green[$0].0, green[$0].1] })
        return both
    }

    /// The facts of a job's trace, nil when its trace is not cached.
    public func facts(_ jobID: Int) throws -> TraceFacts? {
        if let cached = known[jobID] { return cached }
        var result: TraceFacts?
        if let listings,
            let stored = try listings.listings(jobIDs: [jobID], reader: TraceFacts.readerVersion)[jobID]
        {
            result = stored
        } else if let trace = try store.trace(jobID: jobID) {
            let facts = TraceFacts(trace: trace)
            result = facts
            if listings != nil {
                parsed[jobID] = facts
                backFilled += 1
            }
        }
        known[jobID] = .some(result)
        return result
    }

    /// A cache fetched before listings were kept (or whose listings an older reader wrote): the
    /// first reader of many listings reads all the missing ones at once, as `fetch` would have,
    /// so that every later command takes the fast path.
    private func backFill(_ listings: any ListingStore) throws {
        guard !backFillTried else { return }
        backFillTried = true
        guard try listings.unlistedTraceCount(reader: TraceFacts.readerVersion) > 0 else { return }
        backFilled += try TraceListings.fill(cache: cache)
    }

    /// Stores the listings parsed so far (one transaction).
    public func flush() throws {
        guard let listings, !parsed.isEmpty else { return }
        try listings.storeListings(parsed, reader: TraceFacts.readerVersion)
        parsed = [:]
    }
}

/// Fills the listings of cached traces that have none (after `fetch`, and the first time a cache
/// from before listings were kept is fetched into): parsed in batches, each stored in one
/// transaction, so an interrupted fill keeps what it did.
public enum TraceListings {
    /// Parses up to `limit` unlisted traces, newest job first; returns how many.
    public static func fill(cache: CachePorts, limit: Int = 20_000, batch: Int = 200) throws -> Int {
        let store = cache.store
        let listings = cache.listings
        guard listings.cachesListings else { return 0 }
        let ids = try listings.unlistedTraces(reader: TraceFacts.readerVersion, limit: limit)
        var done = 0
        var start = 0
        while start < ids.count {
            try Task.checkCancellation()
            let chunk = ids[start..<min(ids.count, start + max(1, batch))]
            start += chunk.count
            var facts: [Int: TraceFacts] = [:]
            for id in chunk {
                guard let trace = try store.trace(jobID: id) else { continue }
                facts[id] = TraceFacts(trace: trace)
            }
            try listings.storeListings(facts, reader: TraceFacts.readerVersion)
            done += facts.count
        }
        return done
    }
}
