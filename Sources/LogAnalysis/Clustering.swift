/// Splits a masked line into tokens: runs of letters, digits and `_`, and whole placeholders
/// (`<n>`, `<tmp>`, …). Punctuation and spaces separate tokens and are dropped.
///
/// | input | tokens |
/// |---|---|
/// | `Test Failed at /tmp/<tmp>/Foo.jl:<n>` | `Test Failed at tmp <tmp> Foo jl <n>` |
/// | `x<y` (a `<` that opens no placeholder) | `x y` |
public enum Tokenizer {
    public static func tokens(_ masked: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        let bytes = Array(masked.utf8)
        var i = 0
        func flush() {
            if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x3C {  // '<' placeholder?
                var j = i + 1
                while j < bytes.count && Masker.isAlpha(bytes[j]) { j += 1 }
                if j < bytes.count && bytes[j] == 0x3E && j > i + 1 {
                    flush()
                    result.append(String(decoding: bytes[i...j], as: UTF8.self))
                    i = j + 1
                    continue
                }
            }
            if Masker.isWord(c) || c >= 0x80 {
                current.append(c)
            } else {
                flush()
            }
            i += 1
        }
        flush()
        return result
    }
}

/// Deterministic 64-bit hashing (FNV-1a, then a SplitMix64 finaliser): the same on every run and
/// machine, unlike Swift's seeded `Hasher`.
enum StableHash {
    static func fnv1a64(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    static func fnv1a32(_ s: String) -> UInt32 {
        var h: UInt32 = 0x811c_9dc5
        for b in s.utf8 {
            h ^= UInt32(b)
            h = h &* 0x0100_0193
        }
        return h
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// What a failure looks like once its volatile parts are masked: the token set of its error lines
/// and a MinHash sketch of it.
public struct FailureSignature: Sendable, Hashable, Codable {
    /// Number of MinHash values; Jaccard estimates have a standard error of about 1/√k (0.09 at 128).
    public static let hashCount = 128
    /// LSH bands × rows = hashCount. 32 bands of 4 rows: a pair with Jaccard s shares a band with
    /// probability 1-(1-s⁴)³² (0.5 → 0.87, 0.6 → 0.98, 0.3 → 0.23).
    public static let bands = 32
    static let rows = hashCount / bands

    /// Masked error lines, key line first (at most 8).
    public var maskedLines: [String]

    /// The line that lists what a message names (`@names Money | round_up`), separated by ` | `.
    public static let namesPrefix = "@names "

    /// What the message names (its `@names` line), empty when it has none.
    public var names: [Substring] {
        guard let line = maskedLines.first(where: { $0.hasPrefix(Self.namesPrefix) }) else { return [] }
        return line.dropFirst(Self.namesPrefix.count).split(separator: " | ")
    }

    /// Whether two failures may be one cause by what they name: where one's names hold the other's
    /// (a newer phrasing naming the module too, `not defined in \`Tables\``), not where each names
    /// something the other does not (`round_up`, `round_down`).
    public func namesAgree(with other: FailureSignature) -> Bool {
        let (a, b) = (Set(names), Set(other.names))
        return a.isSubset(of: b) || b.isSubset(of: a)
    }

    /// Sorted distinct tokens.
    public var tokens: [String]
    public var minHash: [UInt64]

    public init(maskedLines: [String]) {
        self.maskedLines = maskedLines
        let tokens = Set(maskedLines.flatMap(Tokenizer.tokens))
        self.tokens = tokens.sorted()
        self.minHash = Self.sketch(tokens)
    }

    /// From an excerpt: its key line and the block right after it (`Excerpt.keyBlock`), masked, with
    /// each path reduced to its last component (`/builds/a/src/x.c:<n>` → `x.c:<n>`) so that the same
    /// error in another checkout or package directory gives the same tokens.
    public init(excerpt: Excerpt, blockLines: Int = 3) {
        var seen: Set<String> = []
        var lines: [String] = []
        for line in excerpt.keyBlock(blockLines: blockLines) {
            let masked = Self.basenames(Masker.mask(line.text)).trimmingSpaces()
            guard !masked.isEmpty, seen.insert(masked).inserted else { continue }
            lines.append(masked)
        }
        self.init(maskedLines: lines)
    }

    /// Replaces every `a/b/c` path (a run without spaces holding `/`) by its last component.
    static func basenames(_ line: String) -> String {
        guard line.contains("/") else { return line }
        return line.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            guard let slash = word.lastIndex(of: "/"), word.index(after: slash) < word.endIndex else {
                return word
            }
            // Keep a leading quote or bracket.
            let lead = word.prefix { "'\"([{".contains($0) }
            return lead + word[word.index(after: slash)...]
        }.joined(separator: " ")
    }

    static func sketch(_ tokens: Set<String>) -> [UInt64] {
        var mins = [UInt64](repeating: .max, count: hashCount)
        for token in tokens {
            let base = StableHash.fnv1a64(token)
            for k in 0..<hashCount {
                let h = StableHash.mix(base ^ (UInt64(k) &* 0x9e37_79b9_7f4a_7c15))
                if h < mins[k] { mins[k] = h }
            }
        }
        return mins
    }

    /// Estimated Jaccard similarity of the two token sets (share of equal MinHash values).
    public func similarity(to other: FailureSignature) -> Double {
        guard !tokens.isEmpty || !other.tokens.isEmpty else { return 1 }
        var equal = 0
        for k in 0..<min(minHash.count, other.minHash.count) where minHash[k] == other.minHash[k] {
            equal += 1
        }
        return Double(equal) / Double(Self.hashCount)
    }

    /// Exact Jaccard similarity of the token sets (one merge pass over the sorted tokens).
    public func jaccard(_ other: FailureSignature) -> Double {
        let a = tokens
        let b = other.tokens
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// LSH band keys: two signatures are compared only when they share one.
    func bandKeys() -> [UInt64] {
        (0..<Self.bands).map { band in
            var h = UInt64(band) &* 0x100_0000_01b3
            for r in 0..<Self.rows { h = StableHash.mix(h ^ minHash[band * Self.rows + r]) }
            return h
        }
    }

    /// Stable 8-hex-digit identity: FNV-1a over the sorted tokens.
    public var stableID: ClusterID {
        ClusterID(hash: StableHash.fnv1a32(tokens.joined(separator: " ")))
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// A cluster's stable name: `c-` and 8 lowercase hex digits.
public struct ClusterID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// `c-` and eight lowercase ASCII hex digits; anything else is nil. Checked on UTF-8 bytes:
    /// listings build thousands of ids per command.
    public init?(rawValue: String) {
        let bytes = rawValue.utf8
        guard bytes.count == 10, rawValue.hasPrefix("c-"),
            bytes.dropFirst(2).allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    init(hash: UInt32) {
        let hex = String(hash, radix: 16)
        self.rawValue = "c-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let id = ClusterID(rawValue: raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a cluster id: \(raw)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: ClusterID, b: ClusterID) -> Bool { a.rawValue < b.rawValue }
}

/// One failure kind: who is in it, since when, and what it looks like.
public struct ClusterState: Sendable, Codable, Hashable {
    public var id: ClusterID
    /// Job ids, in order of assignment.
    public var members: [Int]
    /// Nights as `YYYY-MM-DD` strings (compared as text).
    public var firstNight: String
    public var lastNight: String
    /// Project paths, sorted, distinct.
    public var projects: [String]
    /// The founding member's signature: new failures are compared with it.
    public var representative: FailureSignature
    /// Readable template: the founder's key line with the tokens not shared by every member
    /// replaced by `…` (runs collapsed).
    public var template: String
    /// Tokens of the key line present in every member so far.
    public var commonTokens: [String]

    public init(
        id: ClusterID, members: [Int], firstNight: String, lastNight: String, projects: [String],
        representative: FailureSignature, template: String, commonTokens: [String]
    ) {
        self.id = id
        self.members = members
        self.firstNight = firstNight
        self.lastNight = lastNight
        self.projects = projects
        self.representative = representative
        self.template = template
        self.commonTokens = commonTokens
    }

    /// True when the cluster was first seen on `night` (a new failure kind that night).
    public func isNew(on night: String) -> Bool { firstNight == night }
}

/// Groups failure signatures into clusters, one at a time, in about linear time.
///
/// A signature joins the most similar cluster whose representative it shares an LSH band with and
/// whose estimated Jaccard similarity is at least `threshold`; otherwise it founds a cluster whose id
/// derives from its own tokens (so the same founder gives the same id on every run). If that id is
/// taken by a dissimilar cluster, the id of the tokens plus `#1`, `#2`, … is used.
public struct Clusterer: Sendable {
    /// Minimum estimated Jaccard similarity (0…1) to join a cluster. 0.5: the same error at another
    /// path/line joins; another test's failure usually does not.
    public var threshold: Double
    public private(set) var clusters: [ClusterState]
    var index: [ClusterID: Int] = [:]
    var buckets: [UInt64: [Int]] = [:]

    public init(threshold: Double = 0.5, existing: [ClusterState] = []) {
        self.threshold = threshold
        self.clusters = []
        for cluster in existing { insert(cluster) }
    }

    mutating func insert(_ cluster: ClusterState) {
        let position = clusters.count
        clusters.append(cluster)
        index[cluster.id] = position
        for key in cluster.representative.bandKeys() { buckets[key, default: []].append(position) }
    }

    /// The cluster `signature` belongs to, without changing anything.
    public func nearest(_ signature: FailureSignature) -> (ClusterID, Double)? {
        var best: (Int, Double)? = nil
        var seen: Set<Int> = []
        for key in signature.bandKeys() {
            for position in buckets[key] ?? [] where seen.insert(position).inserted {
                // LSH proposes, the exact Jaccard decides: a MinHash estimate is ±0.04 at 128
                // hashes, enough to merge two failures whose key lines differ by one name. Names
                // that disagree keep them apart however alike the rest.
                let s = clusters[position].representative.jaccard(signature)
                if s >= threshold, best.map({ s > $0.1 || (s == $0.1 && position < $0.0) }) ?? true,
                    clusters[position].representative.namesAgree(with: signature)
                {
                    best = (position, s)
                }
            }
        }
        return best.map { (clusters[$0.0].id, $0.1) }
    }

    /// Adds a failure to its cluster (or founds one) and returns the cluster's id.
    /// - Parameters:
    ///   - member: the job id; assigning the same job twice is harmless (it stays one member).
    ///   - night: `YYYY-MM-DD`.
    ///   - project: the project's path.
    public mutating func assign(_ signature: FailureSignature, member: Int, night: String, project: String)
        -> ClusterID
    {
        if let (id, _) = nearest(signature), let position = index[id] {
            var c = clusters[position]
            if !c.members.contains(member) { c.members.append(member) }
            if night < c.firstNight { c.firstNight = night }
            if night > c.lastNight { c.lastNight = night }
            if !c.projects.contains(project) {
                c.projects.append(project)
                c.projects.sort()
            }
            let keyTokens = Set(signature.maskedLines.first.map(Tokenizer.tokens) ?? [])
            c.commonTokens = c.commonTokens.filter(keyTokens.contains)
            c.template = Self.template(c.representative.maskedLines.first ?? "", keeping: Set(c.commonTokens))
            clusters[position] = c
            return id
        }
        var id = signature.stableID
        var salt = 1
        while index[id] != nil {
            id = ClusterID(hash: StableHash.fnv1a32(signature.tokens.joined(separator: " ") + "#\(salt)"))
            salt += 1
        }
        let key = signature.maskedLines.first ?? ""
        let common = Tokenizer.tokens(key)
        insert(
            ClusterState(
                id: id, members: [member], firstNight: night, lastNight: night, projects: [project],
                representative: signature, template: key, commonTokens: common))
        return id
    }

    /// `line` with every token outside `keeping` replaced by `…`; a gap made only of replaced tokens
    /// and the separators between them becomes a single `…`.
    static func template(_ line: String, keeping: Set<String>) -> String {
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        var pendingSeparator: [UInt8] = []
        var inGap = false
        let ellipsis = Array("…".utf8)
        var i = 0
        func emitToken(_ token: ArraySlice<UInt8>) {
            if keeping.contains(String(decoding: token, as: UTF8.self)) {
                out += pendingSeparator
                out += token
                inGap = false
            } else if inGap {
                // Swallow the separator inside the gap.
            } else {
                out += pendingSeparator
                out += ellipsis
                inGap = true
            }
            pendingSeparator.removeAll()
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x3C {
                var j = i + 1
                while j < bytes.count && Masker.isAlpha(bytes[j]) { j += 1 }
                if j < bytes.count && bytes[j] == 0x3E && j > i + 1 {
                    emitToken(bytes[i...j])
                    i = j + 1
                    continue
                }
            }
            if Masker.isWord(c) || c >= 0x80 {
                var j = i
                while j < bytes.count && (Masker.isWord(bytes[j]) || bytes[j] >= 0x80) { j += 1 }
                emitToken(bytes[i..<j])
                i = j
                continue
            }
            pendingSeparator.append(c)
            i += 1
        }
        out += pendingSeparator
        return String(decoding: out, as: UTF8.self)
    }
}

/// New / recurring / flaky judgements (pure).
public enum Recurrence {
    /// A cluster first seen on `night` is new on that night.
    public static func isNew(firstNight: String, night: String) -> Bool { firstNight == night }

    /// A job is flaky when a failed attempt was followed by a successful retry of the same job.
    /// - Parameter attempts: the statuses of the job's attempts, oldest first (`failed`, `success`, …).
    public static func isFlaky(attempts: [String]) -> Bool {
        guard let firstFailure = attempts.firstIndex(of: "failed") else { return false }
        return attempts[(firstFailure + 1)...].contains("success")
    }

    /// A cluster is flaky when, over consecutive nights of one job, failing nights in the cluster
    /// alternate with green nights at least `minimumFlips` times.
    /// - Parameter nights: per night, oldest first, `true` when the job failed in this cluster,
    ///   `false` when it was green (nights without a run are left out by the caller).
    public static func alternates(_ nights: [Bool], minimumFlips: Int = 2) -> Bool {
        var flips = 0
        for k in nights.indices.dropFirst() where nights[k] != nights[k - 1] { flips += 1 }
        return flips >= minimumFlips && nights.contains(true) && nights.contains(false)
    }
}
