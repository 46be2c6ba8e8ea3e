/// Finds every occurrence of many literal needles in a line (ASCII case-insensitive) in one pass.
///
/// Each position's next four bytes, with bit 0x20 set (so `A` and `a` agree; other bytes may
/// collide, which only costs a check), are hashed into a 16384-entry filter; only positions that pass
/// it look up the needles with that 4-byte prefix and compare them. Most bytes of a log line cost a
/// load, a multiply and a table test. Needles shorter than four bytes are searched one by one.
struct NeedleSet: Sendable {
    /// Lowercased (`ByteSearch.lower`).
    let needles: [[UInt8]]
    /// Per hash slot, 1 when some long needle's 4-byte prefix hashes there (a byte, not a bit: one
    /// load and a test per position).
    let filter: [UInt8]
    /// Needle indices by hash slot: `slotIDs[slotStart[h]..<slotStart[h + 1]]`.
    let slotStart: [Int32]
    let slotIDs: [Int32]
    /// Needles shorter than four bytes.
    let short: [Int]
    /// Per lowercased first byte, 1 when a short needle starts with it.
    let shortFirst: [UInt8]

    static let slotBits = 14

    @inline(__always) static func slot(_ v: UInt32) -> Int {
        Int(((v | 0x2020_2020) &* 0x9E37_79B1) >> UInt32(32 - slotBits))
    }

    init(_ raw: [[UInt8]]) {
        let needles = raw.map { $0.map(ByteSearch.lower) }
        let slots = 1 << Self.slotBits
        var buckets = [[Int32]](repeating: [], count: slots)
        var filter = [UInt8](repeating: 0, count: slots)
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
        }
        var start: [Int32] = [0]
        var ids: [Int32] = []
        start.reserveCapacity(slots + 1)
        for bucket in buckets {
            ids.append(contentsOf: bucket)
            start.append(Int32(ids.count))
        }
        self.needles = needles
        self.filter = filter
        self.slotStart = start
        self.slotIDs = ids
        self.short = short
        var first = [UInt8](repeating: 0, count: 256)
        // Indexed by the byte with bit 0x20 set (as `slot` folds case): a superset, checked exactly.
        for index in short { first[Int(needles[index][0] | 0x20)] = 1 }
        self.shortFirst = first
    }

    /// Appends (needle, offset) for every occurrence in `b`, by offset (long needles of one offset
    /// before short ones).
    func scan(_ b: UnsafeBufferPointer<UInt8>, into hits: inout [(needle: Int, at: Int)]) {
        let n = b.count
        guard let base = b.baseAddress, n > 0 else { return }
        let anyShort = !short.isEmpty
        filter.withUnsafeBufferPointer { filter in
            shortFirst.withUnsafeBufferPointer { first in
                let raw = UnsafeRawPointer(base)
                var i = 0
                let last = n - 4
                while i <= last {
                    let h = Self.slot(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian)
                    if filter[h] != 0 { verify(b, at: i, slot: h, into: &hits) }
                    if anyShort && first[Int(base[i] | 0x20)] != 0 { verifyShort(b, at: i, into: &hits) }
                    i += 1
                }
                // The last three bytes: only short needles fit.
                while anyShort && i < n {
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

    private func verify(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int, slot h: Int, into hits: inout [(needle: Int, at: Int)]
    ) {
        for k in Int(slotStart[h])..<Int(slotStart[h + 1]) {
            let index = Int(slotIDs[k])
            if Self.occurs(needles[index], in: b, at: i) { hits.append((index, i)) }
        }
    }
}
