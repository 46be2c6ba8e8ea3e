/// Replaces the volatile parts of a log line with placeholders, so that the same failure on two
/// nights, machines or jobs gives the same text.
///
/// Placeholders (first rule that applies at a token start wins):
///
/// | placeholder | rule | matches | does not match |
/// |---|---|---|---|
/// | `<tmp>` | the path component after `/tmp/`, `/var/tmp/`, `/_temp/`, `/T/`, `.julia/packages/<Name>/` | `/tmp/jl_AbC123/Foo.jl` → `/tmp/<tmp>/Foo.jl` | `/usr/tmpfiles/x` |
/// | `<uuid>` | 8-4-4-4-12 hex | `9f0c9595-8da8-45d1-8d1b-f3e91ddb1feb` | `9f0c9595-8da8` |
/// | `<ts>` | date + time (`T` or space), optional fraction and zone | `2026-01-21T09:47:05.094219Z`, `2021-09-28T17:36:16+02:00` | `2026-01-21` (→ `<date>`) |
/// | `<date>` | `YYYY-MM-DD` | `2026-01-21` | `2026-1-21` |
/// | `<time>` | `HH:MM:SS(.f)` | `09:47:05.123` | `9:47` |
/// | `<ip>` | dotted quad | `10.0.0.12` (port → `<ip>:<n>`) | `1.2.3` (→ `<v>`) |
/// | `<hex>` | `0x` + hex digits | `0x7ffd1234` | `0xg` |
/// | `<v>` | `v`+N.N…, or N.N.N… with optional `-`/`+`/`~` suffix | `1.4.0-DEV`, `v1.2`, `18.7.0~pre.433` | `55.0` (→ `<n>`) |
/// | `<hash>` | a word of ≥ 7 hex digits holding both a digit and a letter | `3a5f2314`, `eb48b511` | `deadbeef`, `Float64`, `1234567` (→ `<n>`) |
/// | `<dur>` | number + time unit (`ms s sec m min h` …, or compound `1h0m0s`) | `2.831 s`, `12ms`, `1h0m0s` | `3 files` (→ `<n> files`) |
/// | `<n>` | any other number at a word start | `:42` → `:<n>`, `exit code 1` → `exit code <n>` | digits inside a word: `Float64`, `x86_64`, `utf8` |
///
/// Letters, punctuation and spacing are kept as they are; the function is pure and linear in the
/// line's length.
public enum Masker {
    public static func mask(_ line: String) -> String {
        var copy = line
        return copy.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            mask(b, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func mask(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        while i < b.count { step(b, &i, into: &out) }
    }

    /// True when `mask` gives the same text for both: both are masked side by side, a piece at a
    /// time, and the first differing byte of output answers (most pairs of lines differ early).
    static func sameMask(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var comparer = MaskComparer()
        return comparer.same(a, b)
    }

    /// `sameMask` with its output buffers kept from call to call (a caller comparing many pairs
    /// allocates them once).
    struct MaskComparer {
        private var outA: [UInt8] = []
        private var outB: [UInt8] = []

        init() {
            outA.reserveCapacity(64)
            outB.reserveCapacity(64)
        }

        /// `Masker.sameMask(a, b)`.
        mutating func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            if !outA.isEmpty { outA.removeAll(keepingCapacity: true) }
            if !outB.isEmpty { outB.removeAll(keepingCapacity: true) }
            var i = 0
            var j = 0
            var checked = 0
            while i < a.count || j < b.count {
                // The side whose output is behind goes on (or the only one left).
                if j >= b.count || i < a.count && outA.count <= outB.count {
                    step(a, &i, into: &outA)
                    if i >= a.count && outA.count < outB.count { return false }
                } else {
                    step(b, &j, into: &outB)
                    if j >= b.count && outB.count < outA.count { return false }
                }
                let common = min(outA.count, outB.count)
                while checked < common {
                    if outA[checked] != outB[checked] { return false }
                    checked += 1
                }
            }
            return outA.count == outB.count
        }
    }

    /// Masks one piece at `i` (a temp path's component, a token or word, or one byte) into `out`
    /// and moves `i` past it.
    @inline(__always) static func step(
        _ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, into out: inout [UInt8]
    ) {
        let n = b.count
        let c = b[i]
        let atWordStart = i == 0 || !isWord(b[i - 1])
        if c == 0x2F, let (prefixEnd, componentEnd) = tempPath(b, i, n) {  // '/'
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<prefixEnd]))
            out.append(contentsOf: placeholderTmp)
            i = componentEnd
            return
        }
        if atWordStart && isAlnum(c) {
            if let (end, placeholder) = token(b, i, n) {
                out.append(contentsOf: placeholder)
                i = end
                return
            }
            // Not volatile: copy the whole word so digits inside it stay.
            var j = i
            while j < n && isWord(b[j]) { j += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
            i = j
            return
        }
        out.append(c)
        i += 1
    }

    static let placeholderTmp = Array("<tmp>".utf8)

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20) &- 0x61 < 6 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    @inline(__always) static func isWord(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x5F }

    static let tempPrefixes: [[UInt8]] = ["/tmp/", "/var/tmp/", "/_temp/", "/T/", "/.julia/packages/"].map {
        Array($0.utf8)
    }

    /// At a `/`: if a temp-dir prefix starts here, (end of the kept prefix, end of the masked component).
    static func tempPath(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Int)? {
        for (index, prefix) in tempPrefixes.enumerated() where i + prefix.count < n {
            var k = 0
            while k < prefix.count && b[i + k] == prefix[k] { k += 1 }
            guard k == prefix.count else { continue }
            var start = i + k
            if index == tempPrefixes.count - 1 {
                // `.julia/packages/<Name>/<slug>/`: keep the package name, mask the slug.
                while start < n && b[start] != 0x2F && !isSpace(b[start]) { start += 1 }
                guard start < n, b[start] == 0x2F else { return nil }
                start += 1
            }
            var end = start
            while end < n && b[end] != 0x2F && b[end] != 0x3A && !isSpace(b[end]) && b[end] != 0x27
                && b[end] != 0x22 && b[end] != 0x29
            {
                end += 1
            }
            guard end > start else { return nil }
            return (start, end)
        }
        return nil
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    static let pUUID = Array("<uuid>".utf8)
    static let pTS = Array("<ts>".utf8)
    static let pDate = Array("<date>".utf8)
    static let pTime = Array("<time>".utf8)
    static let pIP = Array("<ip>".utf8)
    static let pHex = Array("<hex>".utf8)
    static let pVersion = Array("<v>".utf8)
    static let pHash = Array("<hash>".utf8)
    static let pDuration = Array("<dur>".utf8)
    static let pNumber = Array("<n>".utf8)

    /// A volatile token starting at word start `i`: (end, placeholder).
    static func token(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, [UInt8])? {
        @inline(__always) func wordEndsAt(_ j: Int) -> Bool { j >= n || !isWord(b[j]) }
        // Word extent and composition.
        var wordEnd = i
        var hasDigit = false
        var hasHexLetter = false
        var allHex = true
        while wordEnd < n && isWord(b[wordEnd]) {
            let c = b[wordEnd]
            if isDigit(c) {
                hasDigit = true
            } else if isHex(c) {
                hasHexLetter = true
            } else {
                allHex = false
            }
            wordEnd += 1
        }
        if let end = uuid(b, i, n) { return (end, pUUID) }
        if isDigit(b[i]) {
            if let (end, hasTime) = dateTime(b, i, n) { return (end, hasTime ? pTS : pDate) }
            if let end = time(b, i, n) { return (end, pTime) }
            if b[i] == 0x30, i + 2 < n, b[i + 1] | 0x20 == 0x78, isHex(b[i + 2]) {
                var j = i + 2
                while j < n && isHex(b[j]) { j += 1 }
                if wordEndsAt(j) { return (j, pHex) }
            }
            if let end = dotted(b, i, n, minimumParts: 4, allowSuffix: false), parts(b, i, end) == 4 {
                return (end, pIP)
            }
            if let end = dotted(b, i, n, minimumParts: 3, allowSuffix: true) { return (end, pVersion) }
        } else if b[i] | 0x20 == 0x76, i + 1 < n, isDigit(b[i + 1]),
            let end = dotted(b, i + 1, n, minimumParts: 2, allowSuffix: true)
        {
            return (end, pVersion)
        }
        if allHex && hasDigit && hasHexLetter && wordEnd - i >= 7 { return (wordEnd, pHash) }
        guard isDigit(b[i]) else { return nil }
        // Number, maybe decimal, maybe with a duration unit.
        var j = i
        while j < n && isDigit(b[j]) { j += 1 }
        if j + 1 < n && b[j] == 0x2E && isDigit(b[j + 1]) {
            j += 1
            while j < n && isDigit(b[j]) { j += 1 }
        }
        if let end = durationUnit(b, j, n) { return (end, pDuration) }
        if !wordEndsAt(j) {
            if allHex && wordEnd - i >= 7 { return (wordEnd, pHash) }
            return nil  // `3rd`, `64bit`: a word, not a number
        }
        return (j, pNumber)
    }

    /// Count of dot-separated numeric parts in b[i..<end].
    static func parts(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var count = 1
        for k in i..<end where b[k] == 0x2E { count += 1 }
        return count
    }

    /// N(.N){minimumParts-1,}, then with `allowSuffix` an optional `-`/`+`/`~` suffix of word chars
    /// and dots. Must end at a non-word byte.
    static func dotted(
        _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int, minimumParts: Int, allowSuffix: Bool
    )
        -> Int?
    {
        var j = i
        var partsSeen = 0
        while true {
            let start = j
            while j < n && isDigit(b[j]) { j += 1 }
            guard j > start else { return nil }
            partsSeen += 1
            if j + 1 < n && b[j] == 0x2E && isDigit(b[j + 1]) {
                j += 1
                continue
            }
            break
        }
        guard partsSeen >= minimumParts else { return nil }
        if !allowSuffix { return (j < n && (isWord(b[j]))) ? nil : j }
        if j + 1 < n && (b[j] == 0x2D || b[j] == 0x2B || b[j] == 0x7E) && isAlnum(b[j + 1]) {
            j += 1
            while j < n
                && (isWord(b[j])
                    || ((b[j] == 0x2E || b[j] == 0x2D || b[j] == 0x2B) && j + 1 < n && isAlnum(b[j + 1])))
            {
                j += 1
            }
        }
        if j < n && isWord(b[j]) { return nil }
        return j
    }

    static func uuid(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        guard i + 36 <= n else { return nil }
        for k in 0..<36 {
            let c = b[i + k]
            if k == 8 || k == 13 || k == 18 || k == 23 {
                guard c == 0x2D else { return nil }
            } else {
                guard isHex(c) else { return nil }
            }
        }
        if i + 36 < n && isWord(b[i + 36]) { return nil }
        return i + 36
    }

    /// `YYYY-MM-DD`, optionally followed by `T`/space + time + fraction + zone.
    static func dateTime(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Bool)? {
        guard i + 10 <= n else { return nil }
        let d = { (k: Int) in isDigit(b[i + k]) }
        guard d(0), d(1), d(2), d(3), b[i + 4] == 0x2D, d(5), d(6), b[i + 7] == 0x2D, d(8), d(9) else {
            return nil
        }
        var j = i + 10
        if j + 1 < n && (b[j] == 0x54 || b[j] == 0x20), let end = time(b, j + 1, n) {
            j = end
            if j < n && b[j] == 0x5A {
                j += 1
            } else if j + 5 < n && (b[j] == 0x2B || b[j] == 0x2D) && isDigit(b[j + 1]) && isDigit(b[j + 2]) {
                j += 3
                if j + 2 < n && b[j] == 0x3A && isDigit(b[j + 1]) && isDigit(b[j + 2]) { j += 3 }
            }
            return (j, true)
        }
        if j < n && isWord(b[j]) { return nil }
        return (j, false)
    }

    /// `HH:MM:SS` with an optional fraction.
    static func time(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        guard i + 8 <= n else { return nil }
        let d = { (k: Int) in isDigit(b[i + k]) }
        guard d(0), d(1), b[i + 2] == 0x3A, d(3), d(4), b[i + 5] == 0x3A, d(6), d(7) else { return nil }
        var j = i + 8
        if j + 1 < n && (b[j] == 0x2E || b[j] == 0x2C) && isDigit(b[j + 1]) {
            j += 1
            while j < n && isDigit(b[j]) { j += 1 }
        }
        if j < n && isDigit(b[j]) { return nil }
        return j
    }

    static let units: [[UInt8]] = [
        "seconds", "second", "secs", "sec", "minutes", "minute", "mins", "min", "hours", "hour", "ms", "µs",
        "us", "ns", "s", "m", "h",
    ].map { Array($0.utf8) }

    /// After a number at `j`: a time unit (optionally after one space), or a compound like `h0m0s`.
    static func durationUnit(_ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ n: Int) -> Int? {
        var k = j
        // Compound: 1h0m0s, 1m30.5s.
        if k < n && (b[k] == 0x68 || b[k] == 0x6D) && k + 1 < n && isDigit(b[k + 1]) {
            var p = k
            while p < n && (isDigit(b[p]) || b[p] == 0x2E || b[p] == 0x68 || b[p] == 0x6D || b[p] == 0x73) {
                p += 1
            }
            if (p >= n || !isWord(b[p])) && (b[p - 1] == 0x73 || b[p - 1] == 0x6D) { return p }
        }
        let spaced = k < n && b[k] == 0x20
        if spaced { k += 1 }
        for unit in units {
            // A spaced single-letter unit ("3 m") is too ambiguous; only whole words when spaced.
            if spaced && unit.count == 1 && unit[0] != 0x73 { continue }
            guard k + unit.count <= n else { continue }
            var u = 0
            while u < unit.count && b[k + u] == unit[u] { u += 1 }
            guard u == unit.count else { continue }
            let end = k + unit.count
            if end < n && isWord(b[end]) { continue }
            return end
        }
        return nil
    }
}
