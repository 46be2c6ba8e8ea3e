/// Finds every occurrence of many literal needles in a line (ASCII case-insensitive) in one pass.
///
/// A needle of four bytes or more starts with one of a few hundred 4-byte heads. Any occurrence at
/// `p` holds its head's first three bytes at `p` and its last three at `p + 1`, and one of those two
/// offsets is even: so only every other position is read, its next three bytes (bit 0x20 set, so
/// `A` and `a` agree; other bytes may collide, which only costs a check) hashed into a bitmap of the
/// heads' 3-byte parts. A log line passes there at about one position in ten; only then are the two
/// positions it covers tried against a filter of whole heads. Behind a head, the needles of five to
/// seven bytes are compared a word at a time, one after the other; those of eight bytes or more are
/// looked up by their first eight bytes (many needles share a head: `error`, `error: `,
/// `error[E`, `Error During Test at `, …). Needles equal once lowercased are compared once. Needles
/// shorter than four bytes are searched apart, only when the set has some: for their first bytes
/// eight at a time when those are few, else byte by byte.
struct NeedleSet: Sendable {
    /// Lowercased (`ByteSearch.lower`).
    let needles: [[UInt8]]
    /// Bit `h` set when some long needle's bytes 0–2 or 1–3 hash to `h` (`partSlot`).
    let parts: [UInt64]
    /// Per hash slot, non-zero when some long needle's 4-byte prefix hashes there (a byte, not a
    /// bit: one load and a test per position); `hasLong` set when one of them is eight bytes or
    /// more.
    let filter: [UInt8]
    static let hasHead: UInt8 = 1
    static let hasLong: UInt8 = 2
    /// The distinct needles of four to seven bytes by hash slot of their head:
    /// `entries[slotStart[h]..<slotStart[h + 1]]`, compared one after the other where a head passes
    /// the filter.
    let slotStart: [Int32]
    let entries: [Entry]
    /// The distinct needles of eight bytes or more by hash of their first eight bytes (`wordSlot`):
    /// `longEntries[longStart[w]..<longStart[w + 1]]`.
    let longStart: [Int32]
    let longEntries: [Entry]
    /// Each distinct long needle's bytes from the ninth on, one after the other (`Entry.tail`).
    let tails: [UInt8]
    /// The needles each entry stands for (`Entry.ids`): those equal once lowercased.
    let ids: [Int32]

    /// A distinct needle as `verify` reads it: all in one place, one bounds check per needle tried.
    struct Entry: Sendable {
        /// The needle's first eight bytes (fewer for a shorter needle) as a little-endian word.
        var head: UInt64
        /// Which bytes of a word `head` holds (all eight from eight on).
        var mask: UInt64
        var length: Int32
        /// Where bytes 8… of the needle start in `tails`.
        var tail: Int32
        /// The needles it stands for: `ids[idStart..<idEnd]`, ascending.
        var idStart: Int32
        var idEnd: Int32
    }
    /// Needles shorter than four bytes.
    let short: [Int]
    /// Per lowercased first byte, 1 when a short needle starts with it.
    let shortFirst: [UInt8]
    /// When the short needles start with three byte values or fewer (both cases of a letter), each
    /// of them repeated in a word: the line is searched for them eight bytes at a time (the
    /// built-in set's only short needle is `) `); empty otherwise.
    let shortStarts: [UInt64]

    static let slotBits = 14
    static let partBits = 16
    static let wordBits = 12

    @inline(__always) static func slot(_ v: UInt32) -> Int {
        Int(((v | 0x2020_2020) &* 0x9E37_79B1) >> UInt32(32 - slotBits))
    }

    /// The hash of eight lowercased bytes.
    @inline(__always) static func wordSlot(_ w: UInt64) -> Int {
        Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - wordBits))
    }

    /// The hash of three bytes, the low three of `v`.
    @inline(__always) static func partSlot(_ v: UInt32) -> Int {
        Int((((v & 0x00FF_FFFF) | 0x0020_2020) &* 0x9E37_79B1) >> UInt32(32 - partBits))
    }

    init(_ raw: [[UInt8]]) {
        let needles = raw.map { $0.map(ByteSearch.lower) }
        let slots = 1 << Self.slotBits
        var filter = [UInt8](repeating: 0, count: slots)
        var parts = [UInt64](repeating: 0, count: (1 << Self.partBits) / 64)
        var short: [Int] = []
        // The distinct long needles, in order of first appearance, each with the needles it stands for.
        var distinct: [[UInt8]: Int] = [:]
        var groups: [(needle: [UInt8], ids: [Int32])] = []
        for (index, needle) in needles.enumerated() {
            guard needle.count >= 4 else {
                if !needle.isEmpty { short.append(index) }
                continue
            }
            let v =
                UInt32(needle[0]) | UInt32(needle[1]) << 8 | UInt32(needle[2]) << 16 | UInt32(needle[3]) << 24
            let h = Self.slot(v)
            filter[h] |= needle.count >= 8 ? Self.hasHead | Self.hasLong : Self.hasHead
            for p in [Self.partSlot(v), Self.partSlot(v >> 8)] { parts[p >> 6] |= 1 << UInt64(p & 63) }
            if let g = distinct[needle] {
                groups[g].ids.append(Int32(index))
            } else {
                distinct[needle] = groups.count
                groups.append((needle, [Int32(index)]))
            }
        }
        var ids: [Int32] = []
        var tails: [UInt8] = []
        var byHead = [[Entry]](repeating: [], count: slots)
        var byWord = [[Entry]](repeating: [], count: 1 << Self.wordBits)
        for (needle, group) in groups {
            var head: UInt64 = 0
            for (k, c) in needle.prefix(8).enumerated() { head |= UInt64(c) << (8 * k) }
            let m = needle.count
            let entry = Entry(
                head: head, mask: m >= 8 ? ~0 : (1 << UInt64(8 * m)) &- 1, length: Int32(m),
                tail: Int32(tails.count), idStart: Int32(ids.count), idEnd: Int32(ids.count + group.count))
            ids += group
            if m >= 8 {
                tails += needle.dropFirst(8)
                byWord[Self.wordSlot(head)].append(entry)
            } else {
                let v = UInt32(truncatingIfNeeded: head)
                byHead[Self.slot(v)].append(entry)
            }
        }
        func flatten(_ buckets: [[Entry]]) -> (start: [Int32], entries: [Entry]) {
            var start: [Int32] = [0]
            var entries: [Entry] = []
            start.reserveCapacity(buckets.count + 1)
            for bucket in buckets {
                entries += bucket
                start.append(Int32(entries.count))
            }
            return (start, entries)
        }
        (self.slotStart, self.entries) = flatten(byHead)
        (self.longStart, self.longEntries) = flatten(byWord)
        self.tails = tails
        self.ids = ids
        self.needles = needles
        self.parts = parts
        self.filter = filter
        self.short = short
        var first = [UInt8](repeating: 0, count: 256)
        // Indexed by the byte with bit 0x20 set (as `slot` folds case): a superset, checked exactly.
        for index in short { first[Int(needles[index][0] | 0x20)] = 1 }
        self.shortFirst = first
        var starts: Set<UInt8> = []
        for index in short {
            let c = needles[index][0]
            starts.insert(c)
            if c &- 0x61 < 26 { starts.insert(c - 0x20) }  // lowercased: `A` as well as `a`
        }
        self.shortStarts =
            starts.count <= 3 ? starts.sorted().map { UInt64($0) &* 0x0101_0101_0101_0101 } : []
    }

    /// Appends (needle, offset) for every occurrence in `b`: the long needles' by offset, then the
    /// short needles' by offset. (Every reader takes hits as a set.)
    func scan(_ b: UnsafeBufferPointer<UInt8>, into hits: inout [(needle: Int, at: Int)]) {
        let n = b.count
        guard let base = b.baseAddress, n > 0 else { return }
        if n >= 4 {
            parts.withUnsafeBufferPointer { parts in
                filter.withUnsafeBufferPointer { filter in
                    let raw = UnsafeRawPointer(base)
                    @inline(__always) func tryAt(_ p: Int) {
                        // In bounds: 0 <= p <= n - 4.
                        let h = Self.slot(raw.loadUnaligned(fromByteOffset: p, as: UInt32.self).littleEndian)
                        let f = filter[h]
                        if f != 0 { verify(b, at: p, slot: h, long: f & Self.hasLong != 0, into: &hits) }
                    }
                    // The sample at `q` (`v` holding bytes q…q + 2 low): positions q - 1 and q.
                    @inline(__always) func sample(_ v: UInt32, _ q: Int) {
                        if Self.isPart(v, parts) {
                            if q > 0 { tryAt(q - 1) }
                            tryAt(q)
                        }
                    }
                    // Samples q = 0, 2, 4, … while a 4-byte load at q fits; q covers positions q - 1 and
                    // q (a position p <= n - 4 is covered by the even one of p and p + 1). Three
                    // samples per word while a word fits (bytes q…q + 6; in bounds: q + 8 <= n).
                    var q = 0
                    while q + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: q, as: UInt64.self).littleEndian
                        sample(UInt32(truncatingIfNeeded: w), q)
                        sample(UInt32(truncatingIfNeeded: w >> 16), q + 2)
                        sample(UInt32(truncatingIfNeeded: w >> 32), q + 4)
                        q += 6
                    }
                    // In bounds: q + 4 <= n.
                    while q + 4 <= n {
                        sample(raw.loadUnaligned(fromByteOffset: q, as: UInt32.self).littleEndian, q)
                        q += 2
                    }
                    // Left: at most position n - 4 when it is odd (covered by q = n - 3, whose three
                    // bytes are the last ones), and n - 5 when even q = n - 4 was the last sample
                    // (already done above).
                    if q == n - 3 {
                        let v =
                            UInt32(base[q]) | UInt32(base[q + 1]) << 8 | UInt32(base[q + 2]) << 16
                        if Self.isPart(v, parts) { tryAt(q - 1) }
                    }
                }
            }
        }
        if !short.isEmpty {
            var i = 0
            if !shortStarts.isEmpty {
                // Each byte equal to a start is flagged (and maybe a few bytes above one: a borrow),
                // lowest first; `verifyShort` checks each exactly.
                let raw = UnsafeRawPointer(base)
                // The one, two or three starts, tested one after the other without a loop.
                let first = shortStarts[0]
                let more = shortStarts.count > 1
                let second = shortStarts[more ? 1 : 0]
                let third = shortStarts[shortStarts.count - 1]
                while true {
                    var (at, flags) = Self.nextShortStart(raw, from: i, n, first, second, third, more: more)
                    i = at
                    guard flags != 0 else { break }
                    while flags != 0 {
                        verifyShort(b, at: at + flags.trailingZeroBitCount / 8, into: &hits)
                        flags &= flags &- 1
                    }
                    i += 8
                }
            }
            shortFirst.withUnsafeBufferPointer { first in
                while i < n {
                    if first[Int(base[i] | 0x20)] != 0 { verifyShort(b, at: i, into: &hits) }
                    i += 1
                }
            }
        }
    }

    /// Whether the low three bytes of `v` hash to a part of some head (`parts`).
    @inline(__always) static func isPart(_ v: UInt32, _ parts: UnsafeBufferPointer<UInt64>) -> Bool {
        let s = partSlot(v)
        return parts[s >> 6] & (1 << UInt64(s & 63)) != 0
    }

    /// The first word at or after `i` (stepping by eight) holding a byte equal to a start (`first`,
    /// and `second` and `third` when `more`), with the bytes flagged (and maybe a few bytes above
    /// one: a borrow), lowest first; `(i, 0)` at the first `i` past `n - 8` when none. Nothing is
    /// called inside, so that the loop keeps its values in registers.
    @inline(never) static func nextShortStart(
        _ raw: UnsafeRawPointer, from i: Int, _ n: Int, _ first: UInt64, _ second: UInt64, _ third: UInt64,
        more: Bool
    ) -> (Int, UInt64) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func equalBytes(_ v: UInt64, _ start: UInt64) -> UInt64 {
            let x = v ^ start
            return (x &- ones) & ~x & high
        }
        var i = i
        // In bounds: i + 8 <= n.
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
            var flags = equalBytes(v, first)
            if more { flags |= equalBytes(v, second) | equalBytes(v, third) }
            if flags != 0 { return (i, flags) }
            i += 8
        }
        return (i, 0)
    }

    private func verifyShort(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int, into hits: inout [(needle: Int, at: Int)]
    ) {
        let c = ByteSearch.lower(b[i])
        for index in short where needles[index][0] == c {
            if Self.occurs(needles[index], in: b, at: i) { hits.append((index, i)) }
        }
    }

    /// True when `needle` (lowercased) stands in `b` at `i`, ASCII case-insensitively.
    @inline(__always) static func occurs(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, at i: Int)
        -> Bool
    {
        let m = needle.count
        guard i + m <= b.count else { return false }
        var j = 0
        while j < m && ByteSearch.lower(b[i + j]) == needle[j] { j += 1 }
        return j == m
    }

    /// True when some needle occurs in `b`.
    func containsAny(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        // Lines that reach here are few; the full scan is simple and cheap enough.
        var hits: [(needle: Int, at: Int)] = []
        scan(b, into: &hits)
        return !hits.isEmpty
    }

    /// Eight bytes lowercased at once (`ByteSearch.lower` on each): bit 0x20 added to the bytes
    /// 0x41…0x5A.
    @inline(__always) static func lower8(_ v: UInt64) -> UInt64 {
        let low7 = v & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit set where low7 >= 0x41
        let pastZ = low7 &+ 0x2525_2525_2525_2525  // high bit set where low7 >= 0x5B
        let upper = atLeastA & ~pastZ & ~v & 0x8080_8080_8080_8080
        return v | (upper >> 2)
    }

    /// Appends the needles that stand at `i`, whose head hashes to slot `h`; `long` when some
    /// needle of eight bytes or more has a head there.
    private func verify(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int, slot h: Int, long: Bool,
        into hits: inout [(needle: Int, at: Int)]
    ) {
        let n = b.count
        let start = Int(slotStart[h])
        let end = Int(slotStart[h + 1])
        @inline(__always) func found(_ entry: Entry) {
            for k in Int(entry.idStart)..<Int(entry.idEnd) { hits.append((Int(ids[k]), i)) }
        }
        guard i + 8 <= n, let base = b.baseAddress else {
            // Near the end of the line, where only a needle of four to seven bytes fits: byte by byte.
            for k in start..<end {
                let entry = entries[k]
                let m = Int(entry.length)
                guard i + m <= n else { continue }
                var j = 0
                while j < m && UInt64(ByteSearch.lower(b[i + j])) == (entry.head >> UInt64(8 * j)) & 0xFF {
                    j += 1
                }
                if j == m { found(entry) }
            }
            return
        }
        // In bounds: i + 8 <= n.
        let word = Self.lower8(
            UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
        for k in start..<end {
            let entry = entries[k]
            if word & entry.mask == entry.head { found(entry) }
        }
        guard long else { return }
        let w = Self.wordSlot(word)
        for k in Int(longStart[w])..<Int(longStart[w + 1]) {
            let entry = longEntries[k]
            let m = Int(entry.length)
            guard word == entry.head, i + m <= n else { continue }
            var j = 8
            var t = Int(entry.tail)
            while j < m && ByteSearch.lower(b[i + j]) == tails[t] {
                j += 1
                t += 1
            }
            if j == m { found(entry) }
        }
    }
}
