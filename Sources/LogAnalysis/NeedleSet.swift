/// Finds every occurrence of many literal needles in a line (ASCII case-insensitive) in one pass.
///
/// A needle of four bytes or more starts with one of a few hundred 4-byte heads. Any occurrence at
/// `p` holds its head's first three bytes at `p` and its last three at `p + 1`, and one of those two
/// offsets is even: so only every other position is read, its next three bytes (bit 0x20 set, so
/// `A` and `a` agree; other bytes may collide, which only costs a check) hashed into a bitmap of the
/// heads' 3-byte parts. A log line passes there at about one position in ten; only then are the two
/// positions it covers tried against a filter of whole heads, and the needles behind a head
/// compared eight bytes at a time. Needles shorter than four bytes are searched apart, only when
/// the set has some: for their first bytes eight at a time when those are few, else byte by byte.
struct NeedleSet: Sendable {
    /// Lowercased (`ByteSearch.lower`).
    let needles: [[UInt8]]
    /// Bit `h` set when some long needle's bytes 0–2 or 1–3 hash to `h` (`partSlot`).
    let parts: [UInt64]
    /// Per hash slot, 1 when some long needle's 4-byte prefix hashes there (a byte, not a bit: one
    /// load and a test per position).
    let filter: [UInt8]
    /// The long needles by hash slot: `entries[slotStart[h]..<slotStart[h + 1]]`, read one after
    /// the other where a head passes the filter.
    let slotStart: [Int32]
    let entries: [Entry]

    /// A long needle as `verify` reads it: all in one place, one bounds check per needle tried.
    struct Entry: Sendable {
        /// The needle's first eight bytes (fewer for a shorter needle) as a little-endian word.
        var head: UInt64
        /// Which bytes of a word `head` holds (all eight from eight on).
        var mask: UInt64
        var length: Int
        var id: Int
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

    @inline(__always) static func slot(_ v: UInt32) -> Int {
        Int(((v | 0x2020_2020) &* 0x9E37_79B1) >> UInt32(32 - slotBits))
    }

    /// The hash of three bytes, the low three of `v`.
    @inline(__always) static func partSlot(_ v: UInt32) -> Int {
        Int((((v & 0x00FF_FFFF) | 0x0020_2020) &* 0x9E37_79B1) >> UInt32(32 - partBits))
    }

    init(_ raw: [[UInt8]]) {
        let needles = raw.map { $0.map(ByteSearch.lower) }
        let slots = 1 << Self.slotBits
        var buckets = [[Int32]](repeating: [], count: slots)
        var filter = [UInt8](repeating: 0, count: slots)
        var parts = [UInt64](repeating: 0, count: (1 << Self.partBits) / 64)
        var short: [Int] = []
        for (index, needle) in needles.enumerated() {
            guard needle.count >= 4 else {
                if !needle.isEmpty { short.append(index) }
                continue
            }
            let v =
                UInt32(needle[0]) | UInt32(needle[1]) << 8 | UInt32(needle[2]) << 16 | UInt32(needle[3]) << 24
            let h = Self.slot(v)
            buckets[h].append(Int32(index))
            filter[h] = 1
            for p in [Self.partSlot(v), Self.partSlot(v >> 8)] { parts[p >> 6] |= 1 << UInt64(p & 63) }
        }
        var start: [Int32] = [0]
        var ids: [Int32] = []
        start.reserveCapacity(slots + 1)
        for bucket in buckets {
            ids.append(contentsOf: bucket)
            start.append(Int32(ids.count))
        }
        self.needles = needles
        self.entries = ids.map { id in
            let needle = needles[Int(id)]
            var head: UInt64 = 0
            for (k, c) in needle.prefix(8).enumerated() { head |= UInt64(c) << (8 * k) }
            let m = needle.count
            return Entry(head: head, mask: m >= 8 ? ~0 : (1 << UInt64(8 * m)) &- 1, length: m, id: Int(id))
        }
        self.parts = parts
        self.filter = filter
        self.slotStart = start
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
                        if filter[h] != 0 { verify(b, at: p, slot: h, into: &hits) }
                    }
                    // Samples q = 0, 2, 4, … while a 4-byte load at q fits; q covers positions q - 1 and
                    // q (a position p <= n - 4 is covered by the even one of p and p + 1).
                    var q = 0
                    while q + 4 <= n {
                        let v = raw.loadUnaligned(fromByteOffset: q, as: UInt32.self).littleEndian
                        let s = Self.partSlot(v)
                        if parts[s >> 6] & (1 << UInt64(s & 63)) != 0 {
                            if q > 0 { tryAt(q - 1) }
                            tryAt(q)
                        }
                        q += 2
                    }
                    // Left: at most position n - 4 when it is odd (covered by q = n - 3, whose three
                    // bytes are the last ones), and n - 5 when even q = n - 4 was the last sample
                    // (already done above).
                    if q == n - 3 {
                        let v =
                            UInt32(base[q]) | UInt32(base[q + 1]) << 8 | UInt32(base[q + 2]) << 16
                        let s = Self.partSlot(v)
                        if parts[s >> 6] & (1 << UInt64(s & 63)) != 0 { tryAt(q - 1) }
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
                let ones: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                // In bounds: i + 8 <= n.
                while i + 8 <= n {
                    let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                    var flags: UInt64 = 0
                    for start in shortStarts {
                        let x = v ^ start
                        flags |= (x &- ones) & ~x & high
                    }
                    while flags != 0 {
                        verifyShort(b, at: i + flags.trailingZeroBitCount / 8, into: &hits)
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

    private func verify(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int, slot h: Int, into hits: inout [(needle: Int, at: Int)]
    ) {
        let n = b.count
        let start = Int(slotStart[h])
        let end = Int(slotStart[h + 1])
        guard i + 8 <= n, let base = b.baseAddress else {
            // Near the end of the line: byte by byte.
            for k in start..<end {
                let index = entries[k].id
                if Self.occurs(needles[index], in: b, at: i) { hits.append((index, i)) }
            }
            return
        }
        // In bounds: i + 8 <= n.
        let word = Self.lower8(
            UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
        for k in start..<end {
            let entry = entries[k]
            let m = entry.length
            guard word & entry.mask == entry.head, i + m <= n else { continue }
            let index = entry.id
            if m > 8 {
                let needle = needles[index]
                var j = 8
                while j < m && ByteSearch.lower(b[i + j]) == needle[j] { j += 1 }
                if j < m { continue }
            }
            hits.append((index, i))
        }
    }
}
