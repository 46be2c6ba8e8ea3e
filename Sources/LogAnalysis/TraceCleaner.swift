/// Turns a raw GitLab job trace into the lines a person reads.
///
/// What the caller may rely on (rules, in the order they are applied to each raw line):
/// 1. Per-line runner timestamps (runner 17+, default since 18.7) are removed:
///    `2026-01-21T09:47:05.094219Z 00O ` starts a new line, `… 00O+` continues the previous one
///    (its text is appended without a line break). Lines without the header are kept as they are.
/// 2. A `\r` just before `\n` is part of the newline.
/// 3. Section markers `section_start:<ts>:<name>[opts]` and `section_end:<ts>:<name>`, with their
///    `\r\e[0K` suffix when present, are removed; the section stack gives each line its `section`.
///    A line that held nothing but markers disappears.
/// 4. ANSI escape sequences (CSI such as SGR and `\e[0K`, OSC and the other string sequences: APC,
///    DCS, PM, SOS, as Buildkite's `\e_bk;t=…\a` timestamps; two-byte escapes) and other C0 control
///    bytes except tab are removed.
/// 5. A remaining bare `\r` is a progress redraw: the text after the last `\r` is kept (if that is
///    empty, the last non-empty segment).
/// 6. Invalid UTF-8 becomes U+FFFD; nothing here can fail. Trailing empty lines are dropped.
///
/// Cost is linear in the input; a 6 MB trace cleans in a few tens of milliseconds (release).
public enum TraceCleaner {
    public static func clean(_ bytes: [UInt8]) -> CleanedLog {
        bytes.withUnsafeBufferPointer { clean(buffer: $0) }
    }

    public static func clean(_ text: String) -> CleanedLog {
        var text = text
        return text.withUTF8 { clean(buffer: $0) }
    }

    public static func clean<Bytes: Sequence<UInt8>>(bytes: Bytes) -> CleanedLog {
        clean(Array(bytes))
    }

    static func clean(buffer: UnsafeBufferPointer<UInt8>) -> CleanedLog {
        guard !buffer.isEmpty else { return CleanedLog(utf8: [], records: [], sectionNames: []) }
        // The text is written straight into the log's array, which has room for the whole trace;
        // only where repairing invalid UTF-8 outgrows it does it move to a buffer of its own.
        var records: [CleanedLog.Record] = []
        var names: [String] = []
        var moved: [UInt8]? = nil
        let text = [UInt8](unsafeUninitializedCapacity: buffer.count) { room, initialized in
            var state = CleaningState(bytes: buffer.count, into: room)
            scan(buffer, into: &state)
            while let last = state.records.last, last.count == 0 { state.records.removeLast() }
            if state.owned {
                moved = [UInt8](UnsafeBufferPointer(start: state.text, count: state.textCount))
                initialized = 0
            } else {
                initialized = state.textCount
            }
            records = state.records
            names = state.names.names
            state.release()
        }
        return CleanedLog(utf8: moved ?? text, records: records, sectionNames: names)
    }

    /// Cleans the trace line by line into `state`.
    private static func scan(_ buffer: UnsafeBufferPointer<UInt8>, into state: inout CleaningState) {
        let n = buffer.count
        // A logical line is usually one physical line, cleaned straight from `buffer`; only when
        // timestamped continuations (`00O+`) join several are they copied into `joined`.
        var joined: [UInt8] = []
        var isJoined = false
        var pendingStart = 0
        var pendingEnd = 0
        var pendingLine = 0
        var havePending = false
        var rawLine = 0
        var start = 0
        while start < n {
            let end = nextNewline(buffer, from: start)
            rawLine += 1
            // Physical line is buffer[start..<end].
            var contentStart = start
            var continuation = false
            if buffer[start] &- 0x30 < 10, let header = timestampHeaderLength(buffer, start, end) {
                continuation = buffer[start + header - 1] == 0x2B  // '+'
                contentStart = start + header
            }
            if continuation && havePending {
                if !isJoined {
                    joined.removeAll(keepingCapacity: true)
                    joined.append(
                        contentsOf: UnsafeBufferPointer(rebasing: buffer[pendingStart..<pendingEnd]))
                    isJoined = true
                }
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[contentStart..<end]))
            } else {
                if havePending {
                    emitPending(
                        &state, buffer, isJoined ? joined : nil, pendingStart..<pendingEnd, pendingLine)
                }
                isJoined = false
                pendingStart = contentStart
                pendingEnd = end
                pendingLine = rawLine
                havePending = true
            }
            start = end + 1
        }
        if havePending {
            emitPending(&state, buffer, isJoined ? joined : nil, pendingStart..<pendingEnd, pendingLine)
        }
    }

    /// Emits the pending logical line: its `joined` copy, or its bytes in place. A function of its
    /// arguments rather than a local function over `clean(buffer:)`'s variables, whose captures
    /// cost an exclusivity check at run time on every line.
    @inline(__always) fileprivate static func emitPending(
        _ state: inout CleaningState, _ buffer: UnsafeBufferPointer<UInt8>, _ joined: [UInt8]?,
        _ range: Range<Int>, _ rawLine: Int
    ) {
        if let joined {
            joined.withUnsafeBufferPointer { state.emit($0, rawLine: rawLine) }
        } else {
            state.emit(UnsafeBufferPointer(rebasing: buffer[range]), rawLine: rawLine)
        }
    }

    /// Index of the next `\n` at or after `from`, or `buffer.count`: sixteen bytes at a time, then
    /// eight. In a word, the lowest byte flagged is a `\n` (a borrow only flags bytes above one).
    @inline(__always) static func nextNewline(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = buffer.count
        var i = from
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            @inline(__always) func newlines(_ at: Int) -> UInt64 {
                let v =
                    raw.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
                    ^ 0x0A0A_0A0A_0A0A_0A0A
                return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
            }
            // In bounds: i + 16 <= n.
            while i + 16 <= n {
                let (first, second) = (newlines(i), newlines(i + 8))
                if first | second != 0 {
                    return first != 0
                        ? i + first.trailingZeroBitCount / 8 : i + 8 + second.trailingZeroBitCount / 8
                }
                i += 16
            }
            // In bounds: i + 8 <= n.
            while i + 8 <= n {
                let zero = newlines(i)
                if zero != 0 { return i + zero.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < n && buffer[i] != 0x0A { i += 1 }
        return i
    }

    /// Length of a runner timestamp header at `start` (`YYYY-MM-DDTHH:MM:SS.ffffffZ 00O ` — the
    /// fraction may have 1–9 digits), or nil.
    static func timestampHeaderLength(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        // Shortest: 20 (date-time with 1 fraction digit + Z) + 1 + 4.
        guard end - start >= 25, let base = b.baseAddress else { return nil }
        @inline(__always) func digit(_ i: Int) -> Bool { b[start + i] &- 0x30 < 10 }
        // `YYYY-MM-DDTHH:MM:SS.` as three words (in bounds: start + 20 <= end).
        let raw = UnsafeRawPointer(base + start)
        guard
            fits(
                raw.loadUnaligned(as: UInt64.self).littleEndian, digits: 0x00FF_FF00_FFFF_FFFF,
                separatorMask: 0xFF00_00FF_0000_0000, separators: 0x2D00_002D_0000_0000),  // `-` `-`
            fits(
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian,
                digits: 0xFFFF_00FF_FF00_FFFF,
                separatorMask: 0x0000_FF00_00FF_0000, separators: 0x0000_3A00_0054_0000),  // `T` `:`
            fits(
                UInt64(raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian),
                digits: 0x00FF_FF00,
                separatorMask: 0xFF00_00FF, separators: 0x2E00_003A)  // `:` `.`
        else { return nil }
        var i = 20
        while start + i < end && i < 30 && digit(i) { i += 1 }
        guard i > 20, start + i + 6 <= end, b[start + i] == 0x5A, b[start + i + 1] == 0x20,
            isHex(b[start + i + 2]), isHex(b[start + i + 3]),
            b[start + i + 4] == 0x4F || b[start + i + 4] == 0x45,
            b[start + i + 5] == 0x20 || b[start + i + 5] == 0x2B
        else { return nil }
        return i + 6
    }

    /// Whether the word's bytes are digits (`0`–`9`) where `digits` has 0xFF, and `separators`
    /// where `separatorMask` has 0xFF (each byte is one or the other). A byte `x` of
    /// `w ^ 0x30…` is a digit's when below 10: neither `x` nor `x + 0x76` has its high bit; a carry
    /// out of `x + 0x76` only comes from a byte that is not a digit, so the answer is false then
    /// whatever it does to the next byte.
    @inline(__always) static func fits(_ w: UInt64, digits: UInt64, separatorMask: UInt64, separators: UInt64)
        -> Bool
    {
        let x = (w ^ 0x3030_3030_3030_3030) & digits
        let flags = (x | (x &+ (0x7676_7676_7676_7676 & digits))) & 0x8080_8080_8080_8080 & digits
        return w & separatorMask == separators && flags == 0
    }

    @inline(__always) static func isHex(_ c: UInt8) -> Bool {
        (c &- 0x30) < 10 || (c | 0x20) &- 0x61 < 6
    }
}

/// The running state of one cleaning pass: sections open and lines produced so far.
private struct CleaningState {
    var records: [CleanedLog.Record] = []
    var names = CleanedLog.SectionNames()
    /// The sections open, innermost last, by number (`names`).
    var sections: [UInt32] = []
    /// The lines' text so far, one after the other (`CleanedLog.utf8`), written in place a line at
    /// a time: into the room the caller gave, or, once that is outgrown, a buffer of its own
    /// (`owned`, freed by `release()`).
    var text: UnsafeMutablePointer<UInt8>
    var textCount = 0
    var textCapacity: Int
    var owned = false

    /// - Parameters:
    ///   - bytes: the raw trace's size. Room is made for a line per 32 bytes (the simulator's and
    ///     GitLab's traces average 60 to 100), at most 4096 lines to begin with: a fixed 4096 gave
    ///     a 6 KB trace a 200 KB array, which the log then kept.
    ///   - room: where the text goes, not empty. The text is never longer than the trace but where
    ///     invalid UTF-8 is repaired (a byte becomes three).
    init(bytes: Int, into room: UnsafeMutableBufferPointer<UInt8>) {
        records.reserveCapacity(min(4096, bytes / 32 + 16))
        text = room.baseAddress ?? .allocate(capacity: 1)
        owned = room.baseAddress == nil
        textCapacity = room.baseAddress == nil ? 1 : room.count
    }

    func release() { if owned { text.deallocate() } }

    /// Makes room for `count` more bytes of text.
    @inline(__always) mutating func reserve(_ count: Int) {
        if textCount + count > textCapacity { grow(textCount + count) }
    }

    mutating func grow(_ needed: Int) {
        let capacity = max(needed, 2 * textCapacity)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: text, count: textCount)
        if owned { text.deallocate() }
        text = larger
        textCapacity = capacity
        owned = true
    }

    /// Ends the line whose visible text was written at `text + textCount`, `count` bytes:
    /// invalid UTF-8 repaired as `String(decoding:as:)` repairs it (each maximal invalid
    /// subsequence one U+FFFD). `ascii`: the caller saw only ASCII bytes in it.
    mutating func commit(_ count: Int, ascii: Bool, section: UInt32, rawLine: Int) {
        var count = count
        if !ascii && !UTF8Validation.isValid(UnsafeBufferPointer(start: text + textCount, count: count)) {
            var repaired = String(
                decoding: UnsafeBufferPointer(start: text + textCount, count: count), as: UTF8.self)
            count = repaired.withUTF8 { r in
                reserve(r.count)
                if let base = r.baseAddress { (text + textCount).update(from: base, count: r.count) }
                return r.count
            }
        }
        records.append(
            CleanedLog.Record(
                start: textCount, count: count, number: records.count + 1, rawLine: rawLine, section: section)
        )
        textCount += count
    }

    mutating func emit(_ raw: UnsafeBufferPointer<UInt8>, rawLine: Int) {
        // Rule 2: `\r\n`.
        var line = raw
        if let last = line.last, last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        // The bytes before it need no cleaning: no control byte but tab, no DEL, no `section_`.
        var seen: UInt64 = 0
        let firstSpecial = TraceCleaner.nextSpecial(line, from: 0, seen: &seen)
        // The visible text is never longer than the line.
        reserve(line.count)
        let out = text + textCount
        if firstSpecial == line.count {
            if let base = line.baseAddress { out.update(from: base, count: line.count) }
            commit(
                line.count, ascii: seen & 0x8080_8080_8080_8080 == 0, section: sections.last ?? 0,
                rawLine: rawLine)
            return
        }
        var count = 0
        var sawMarker = false
        var sectionAtText: UInt32 = 0
        var textStarted = false
        let n = line.count
        let b = line
        var i = 0
        if firstSpecial > 0, let base = b.baseAddress {
            // The ordinary run the loop below would copy first.
            textStarted = true
            sectionAtText = sections.last ?? 0
            out.update(from: base, count: firstSpecial)
            count = firstSpecial
            i = firstSpecial
        }
        while i < n {
            let c = b[i]
            if c == 0x73, let (length, isStart, name) = TraceCleaner.sectionMarker(b, i, n) {  // 's'
                sawMarker = true
                let nameBytes = UnsafeBufferPointer(rebasing: b[name])
                if isStart {
                    sections.append(names.intern(nameBytes))
                } else if let id = names.find(nameBytes), let index = sections.lastIndex(of: id) {
                    sections.removeSubrange(index...)
                }
                i += length
                continue
            }
            if c == 0x1B {
                i = TraceCleaner.skipEscape(b, i, n)
                continue
            }
            if c == 0x0D {
                // A redraw: what came before is overwritten.
                count = 0
                i += 1
                continue
            }
            if c < 0x20 && c != 0x09 || c == 0x7F {
                i += 1
                continue
            }
            if !textStarted {
                textStarted = true
                sectionAtText = sections.last ?? 0
            }
            // A run of ordinary bytes, copied at once (each seen: `ascii` below).
            seen |= UInt64(c)
            let j = TraceCleaner.nextSpecial(b, from: i + 1, seen: &seen)
            if let base = b.baseAddress { (out + count).update(from: base + i, count: j - i) }
            count += j - i
            i = j
        }
        if count == 0 && sawMarker { return }
        let section = textStarted ? sectionAtText : sections.last ?? 0
        // Every byte copied was OR-ed into `seen` (the first run's by the first `nextSpecial`).
        var ascii = seen & 0x8080_8080_8080_8080 == 0
        if count == 0 && hadProgressText(line) {
            // All text sat before a final `\r`: keep the last non-empty segment.
            let segment = lastNonEmptySegment(line)
            segment.withUnsafeBufferPointer {
                if let base = $0.baseAddress { out.update(from: base, count: $0.count) }
            }
            count = segment.count
            ascii = false
        }
        commit(count, ascii: ascii, section: section, rawLine: rawLine)
    }

    /// True when the line holds visible text followed only by `\r`s (and escapes).
    private func hadProgressText(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.contains(0x0D) && line.contains { $0 >= 0x20 && $0 != 0x7F }
    }

    /// Re-cleans the line keeping the last `\r`-separated segment with visible text.
    private func lastNonEmptySegment(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var best: [UInt8] = []
        var current: [UInt8] = []
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x73, let (length, _, _) = TraceCleaner.sectionMarker(b, i, n) {
                i += length
                continue
            }
            if c == 0x1B {
                i = TraceCleaner.skipEscape(b, i, n)
                continue
            }
            if c == 0x0D {
                if !current.isEmpty { best = current }
                current.removeAll()
                i += 1
                continue
            }
            if c >= 0x20 && c != 0x7F || c == 0x09 { current.append(c) }
            i += 1
        }
        return current.isEmpty ? best : current
    }
}

extension TraceCleaner {
    /// Index of the first byte at or after `from` that is a control byte other than tab, DEL, or the
    /// `s` of a `section_` starting at or after `from`; `b.count` if none.
    ///
    /// Eight bytes at a time. In a word, the lowest byte flagged as below 0x20 or DEL is one (a
    /// borrow only flags bytes above a flagged one; those are checked exactly); a `section_` is found
    /// at its `_`, eight bytes from its start. A `section_` holds no control byte, so one starting
    /// before a control byte has its `_` before it too, in the same word or an earlier one: the
    /// first special byte is the least of a word's candidates.
    @inline(__always) static func nextSpecial(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var seen: UInt64 = 0
        return nextSpecial(b, from: from, seen: &seen)
    }

    /// `nextSpecial(b, from:)`, OR-ing into `seen` every byte it read (in place in a word, or as a
    /// word's low byte): when it returns `b.count`, `seen & 0x8080_8080_8080_8080 == 0` says the
    /// bytes from `from` on are ASCII.
    @inline(__always) static func nextSpecial(_ b: UnsafeBufferPointer<UInt8>, from: Int, seen: inout UInt64)
        -> Int
    {
        let n = b.count
        var i = from
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            // In bounds: i + 8 <= n.
            while i + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                seen |= v
                let del = v ^ (ones &* 0x7F)
                let underscore = v ^ (ones &* 0x5F)
                var flags =
                    ((v &- ones &* 0x20) & ~v) | ((del &- ones) & ~del) | ((underscore &- ones) & ~underscore)
                flags &= high
                if flags != 0 {
                    var first = n
                    while flags != 0 {
                        let k = i + flags.trailingZeroBitCount / 8
                        flags &= flags &- 1
                        if let s = specialAt(b, k, from: from) { first = min(first, s) }
                    }
                    if first < n { return first }
                }
                i += 8
            }
        }
        while i < n {
            seen |= UInt64(b[i])
            if let s = specialAt(b, i, from: from) { return s }
            i += 1
        }
        return n
    }

    /// Where the byte at `k` makes a special byte: `k` for a control byte but tab or DEL, the start
    /// of a `section_` (at or after `from`) whose `_` it is; nil otherwise.
    @inline(__always) static func specialAt(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, from: Int) -> Int? {
        let c = b[k]
        if c < 0x20 && c != 0x09 || c == 0x7F { return k }
        if c == 0x5F && k - 7 >= from && isSectionPrefix(b, k - 7, b.count) { return k - 7 }
        return nil
    }

    /// True when `section_` starts at `i`.
    @inline(__always) static func isSectionPrefix(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Bool
    {
        guard i + 8 <= n, let base = b.baseAddress else { return false }
        // "section_" as a little-endian UInt64.
        return UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
            == 0x5F6E_6F69_7463_6573
    }

    /// Parses a section marker at `i`: `section_(start|end):<digits>:<name>` + optional `[k=v,…]`
    /// + optional `\r` + optional `\e[0K`. The name must be followed by one of `[`, `\r`, ESC or the
    /// end of the line, so prose that merely mentions `section_start:` is left alone.
    /// - Returns: the marker's length, whether it starts a section, and where its name is in `b`.
    static func sectionMarker(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Bool, Range<Int>)?
    {
        guard i + 8 < n, isSectionPrefix(b, i, n) else { return nil }
        var j = i + 8
        let isStart: Bool
        if j + 6 <= n, b[j] == 0x73, b[j + 1] == 0x74, b[j + 2] == 0x61, b[j + 3] == 0x72, b[j + 4] == 0x74,
            b[j + 5] == 0x3A
        {
            isStart = true
            j += 6
        } else if j + 4 <= n, b[j] == 0x65, b[j + 1] == 0x6E, b[j + 2] == 0x64, b[j + 3] == 0x3A {
            isStart = false
            j += 4
        } else {
            return nil
        }
        let digitsStart = j
        while j < n && b[j] &- 0x30 < 10 { j += 1 }
        guard j > digitsStart, j < n, b[j] == 0x3A else { return nil }
        j += 1
        let nameStart = j
        while j < n {
            let c = b[j]
            let ok =
                (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F || c == 0x2E || c == 0x2D
            if !ok { break }
            j += 1
        }
        guard j > nameStart else { return nil }
        let nameEnd = j
        if j < n && b[j] == 0x5B {  // [options]
            var k = j + 1
            while k < n && b[k] != 0x5D && b[k] != 0x0D && b[k] != 0x1B { k += 1 }
            guard k < n, b[k] == 0x5D else { return nil }
            j = k + 1
        }
        guard j == n || b[j] == 0x0D || b[j] == 0x1B else { return nil }
        if j < n && b[j] == 0x0D { j += 1 }
        if j + 4 <= n && b[j] == 0x1B && b[j + 1] == 0x5B && b[j + 2] == 0x30 && b[j + 3] == 0x4B {
            j += 4
        }
        return (j - i, isStart, nameStart..<nameEnd)
    }

    /// Index just past the escape sequence starting at `i` (ESC).
    static func skipEscape(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        var j = i + 1
        guard j < n else { return j }
        let kind = b[j]
        if kind == 0x5B {  // CSI: params 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E
            j += 1
            while j < n && b[j] >= 0x20 && b[j] <= 0x3F { j += 1 }
            if j < n && b[j] >= 0x40 && b[j] <= 0x7E { j += 1 }
            return j
        }
        // OSC, and the other string sequences a terminal never shows (APC: Buildkite's timestamps
        // `ESC _bk;t=1709111411936 BEL`; DCS, PM, SOS): until BEL or ESC \
        if kind == 0x5D || kind == 0x5F || kind == 0x50 || kind == 0x5E || kind == 0x58 {
            j += 1
            while j < n {
                if b[j] == 0x07 { return j + 1 }
                if b[j] == 0x1B && j + 1 < n && b[j + 1] == 0x5C { return j + 2 }
                if b[j] == 0x0D { return j }
                j += 1
            }
            return j
        }
        if kind == 0x28 || kind == 0x29 {  // charset designation: ESC ( B
            return min(j + 2, n)
        }
        return j + 1
    }
}
