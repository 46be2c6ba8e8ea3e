// The implementations before the byte-level rewrite (cleaner, anchor scanner, keyword test), kept
// verbatim as references: the fast ones must give exactly the same results on real traces.
@testable import LogAnalysis

enum ReferenceTraceCleaner {
    static func clean(_ bytes: [UInt8]) -> CleanedLog {
        bytes.withUnsafeBufferPointer { clean(buffer: $0) }
    }

    static func clean(_ text: String) -> CleanedLog {
        var text = text
        return text.withUTF8 { clean(buffer: $0) }
    }

    static func clean<Bytes: Sequence<UInt8>>(bytes: Bytes) -> CleanedLog {
        clean(Array(bytes))
    }

    static func clean(buffer: UnsafeBufferPointer<UInt8>) -> CleanedLog {
        var state = ReferenceCleaningState()
        let n = buffer.count
        var logical: [UInt8] = []
        logical.reserveCapacity(512)
        var logicalStartLine = 0
        var haveLogical = false
        var rawLine = 0
        var start = 0
        while start < n {
            var end = start
            while end < n && buffer[end] != 0x0A { end += 1 }
            rawLine += 1
            // Physical line is buffer[start..<end].
            var contentStart = start
            var continuation = false
            if let header = timestampHeaderLength(buffer, start, end) {
                continuation = buffer[start + header - 1] == 0x2B  // '+'
                contentStart = start + header
            }
            if continuation && haveLogical {
                logical.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[contentStart..<end]))
            } else {
                if haveLogical { state.emit(&logical, rawLine: logicalStartLine) }
                logical.removeAll(keepingCapacity: true)
                logical.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[contentStart..<end]))
                logicalStartLine = rawLine
                haveLogical = true
            }
            start = end + 1
        }
        if haveLogical { state.emit(&logical, rawLine: logicalStartLine) }
        while let last = state.lines.last, last.text.isEmpty { state.lines.removeLast() }
        return CleanedLog(lines: state.lines)
    }

    /// Length of a runner timestamp header at `start` (`YYYY-MM-DDTHH:MM:SS.ffffffZ 00O ` — the
    /// fraction may have 1–9 digits), or nil.
    static func timestampHeaderLength(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        // Shortest: 20 (date-time with 1 fraction digit + Z) + 1 + 4.
        guard end - start >= 25 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Bool { b[start + i] &- 0x30 < 10 }
        guard digit(0), digit(1), digit(2), digit(3), b[start + 4] == 0x2D, digit(5), digit(6),
            b[start + 7] == 0x2D, digit(8), digit(9), b[start + 10] == 0x54, digit(11), digit(12),
            b[start + 13] == 0x3A, digit(14), digit(15), b[start + 16] == 0x3A, digit(17), digit(18),
            b[start + 19] == 0x2E
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

    @inline(__always) static func isHex(_ c: UInt8) -> Bool {
        (c &- 0x30) < 10 || (c | 0x20) &- 0x61 < 6
    }
}

/// The running state of one cleaning pass: sections open and lines produced so far.
private struct ReferenceCleaningState {
    var lines: [CleanLine] = []
    var sections: [String] = []
    var out: [UInt8] = []

    init() {
        lines.reserveCapacity(4096)
        out.reserveCapacity(512)
    }

    mutating func emit(_ line: inout [UInt8], rawLine: Int) {
        // Rule 2: `\r\n`.
        if line.last == 0x0D { line.removeLast() }
        out.removeAll(keepingCapacity: true)
        var sawMarker = false
        var sectionAtText: String? = nil
        var textStarted = false
        let n = line.count
        line.withUnsafeBufferPointer { b in
            var i = 0
            while i < n {
                let c = b[i]
                // 's'
                if c == 0x73, let (length, isStart, name) = ReferenceTraceCleaner.sectionMarker(b, i, n) {
                    sawMarker = true
                    if isStart {
                        sections.append(name)
                    } else if let index = sections.lastIndex(of: name) {
                        sections.removeSubrange(index...)
                    }
                    i += length
                    continue
                }
                if c == 0x1B {
                    i = ReferenceTraceCleaner.skipEscape(b, i, n)
                    continue
                }
                if c == 0x0D {
                    // A redraw: what came before is overwritten.
                    out.removeAll(keepingCapacity: true)
                    i += 1
                    continue
                }
                if c < 0x20 && c != 0x09 || c == 0x7F {
                    i += 1
                    continue
                }
                if !textStarted {
                    textStarted = true
                    sectionAtText = sections.last
                }
                out.append(c)
                i += 1
            }
        }
        if out.isEmpty && sawMarker { return }
        if out.isEmpty && hadProgressText(line) {
            // All text sat before a final `\r`: keep the last non-empty segment.
            out = lastNonEmptySegment(line)
        }
        let text = String(decoding: out, as: UTF8.self)
        lines.append(
            CleanLine(
                number: lines.count + 1, text: text,
                section: textStarted ? sectionAtText : sections.last, rawLine: rawLine))
    }

    /// True when the line holds visible text followed only by `\r`s (and escapes).
    private func hadProgressText(_ line: [UInt8]) -> Bool {
        line.contains(0x0D) && line.contains { $0 >= 0x20 && $0 != 0x7F }
    }

    /// Re-cleans the line keeping the last `\r`-separated segment with visible text.
    private func lastNonEmptySegment(_ line: [UInt8]) -> [UInt8] {
        var best: [UInt8] = []
        var current: [UInt8] = []
        line.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c == 0x73, let (length, _, _) = ReferenceTraceCleaner.sectionMarker(b, i, n) {
                    i += length
                    continue
                }
                if c == 0x1B {
                    i = ReferenceTraceCleaner.skipEscape(b, i, n)
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
        }
        return current.isEmpty ? best : current
    }
}

extension ReferenceTraceCleaner {
    /// Parses a section marker at `i`: `section_(start|end):<digits>:<name>` + optional `[k=v,…]`
    /// + optional `\r` + optional `\e[0K`. The name must be followed by one of `[`, `\r`, ESC or the
    /// end of the line, so prose that merely mentions `section_start:` is left alone.
    static func sectionMarker(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Bool, String)? {
        let prefix: [UInt8] = Array("section_".utf8)
        guard i + 8 < n else { return nil }
        for k in 0..<8 where b[i + k] != prefix[k] { return nil }
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
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd]), as: UTF8.self)
        return (j - i, isStart, name)
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
        if kind == 0x5D {  // OSC: until BEL or ESC \
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

/// Finds which of many literal anchors occur in a line, case-insensitively (ASCII), in one pass.
struct ReferenceAnchorScanner: Sendable {
    let anchors: [[UInt8]]  // lowercased
    /// For each lowercased two-byte prefix, the anchors starting with it.
    let table: [UInt16: [Int]]
    /// First bytes (lowercased) that begin some anchor, as a 256-entry mask.
    let firstByte: [Bool]
    let singleByte: [Int]

    init(anchors raw: [[UInt8]]) {
        let anchors = raw.map { $0.map(ByteSearch.lower) }
        var table: [UInt16: [Int]] = [:]
        var first = [Bool](repeating: false, count: 256)
        var single: [Int] = []
        for (i, a) in anchors.enumerated() {
            guard let f = a.first else { continue }
            first[Int(f)] = true
            if a.count == 1 {
                single.append(i)
            } else {
                table[UInt16(f) << 8 | UInt16(a[1]), default: []].append(i)
            }
        }
        self.anchors = anchors
        self.table = table
        self.firstByte = first
        self.singleByte = single
    }

    /// (anchor index, first offset) for each anchor found. An anchor is reported once, at its first
    /// occurrence.
    func scan(_ b: UnsafeBufferPointer<UInt8>) -> [(Int, Int)] {
        var found: [(Int, Int)] = []
        let n = b.count
        guard n > 0 else { return found }
        var i = 0
        while i < n {
            let c = ByteSearch.lower(b[i])
            if firstByte[Int(c)] {
                if i + 1 < n, let list = table[UInt16(c) << 8 | UInt16(ByteSearch.lower(b[i + 1]))] {
                    for index in list where !found.contains(where: { $0.0 == index }) {
                        let a = anchors[index]
                        if i + a.count <= n {
                            var k = 2
                            while k < a.count && ByteSearch.lower(b[i + k]) == a[k] { k += 1 }
                            if k == a.count { found.append((index, i)) }
                        }
                    }
                }
                for index in singleByte
                where anchors[index][0] == c && !found.contains(where: { $0.0 == index }) {
                    found.append((index, i))
                }
            }
            i += 1
        }
        return found
    }
}

/// The library's matching as it was: the per-byte anchor scanner, then the same checks.
struct ReferenceMatcher {
    let library: PatternLibrary
    let scanner: ReferenceAnchorScanner

    init(_ library: PatternLibrary) {
        self.library = library
        self.scanner = ReferenceAnchorScanner(anchors: library.patterns.map { Array($0.anchor.utf8) })
    }

    func matches(bytes: UnsafeBufferPointer<UInt8>, text: String) -> [Int] {
        let hits = scanner.scan(bytes)
        guard !hits.isEmpty else { return [] }
        var result: [Int] = []
        for (index, at) in hits {
            let pattern = library.patterns[index]
            switch pattern.position {
            case .anywhere: break
            case .lineStart: if at != 0 { continue }
            case .afterIndent:
                if bytes[0..<at].contains(where: { $0 != 0x20 && $0 != 0x09 }) { continue }
            }
            if pattern.caseSensitive
                && !ByteSearch.contains(bytes, Array(pattern.anchor.utf8), caseInsensitive: false)
            {
                continue
            }
            if library.exclusions[index].contains(where: {
                ByteSearch.contains(bytes, $0, caseInsensitive: true)
            }) {
                continue
            }
            if let regex = library.regexes[index], (try? regex.regex.firstMatch(in: text)) == nil { continue }
            result.append(index)
        }
        return result.sorted()
    }
}

enum ReferenceKeywords {
    static func hasErrorKeyword(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var start = 0
        while start < n && (b[start] == 0x20 || b[start] == 0x09) { start += 1 }
        // `$ `, `+ `
        if start + 1 < n && (b[start] == 0x24 || b[start] == 0x2B) && b[start + 1] == 0x20 { return false }
        if Keywords.startsWithLower(b, start, "warning") || Keywords.startsWithLower(b, start, "[warning]")
            || Keywords.startsWithLower(b, start, "[info]") && !Keywords.containsLower(b, "error")
                && !Keywords.containsLower(b, "fail")
        {
            return false
        }
        var found = false
        outer: for word in Keywords.words {
            var from = 0
            while let at = ByteSearch.firstIndex(b, word, from: from, caseInsensitive: true) {
                from = at + 1
                if at > 0 {
                    let before = b[at - 1]
                    let camel = b[at] &- 0x41 < 26  // uppercase start: a CamelCase part
                    if Masker.isAlpha(before) && !(camel && before &- 0x61 < 26) { continue }
                }
                if Keywords.isZeroCount(b, at, word.count) { continue }
                found = true
                break outer
            }
        }
        guard found else { return false }
        for exclusion in Keywords.exclusions where ByteSearch.contains(b, exclusion, caseInsensitive: true) {
            return false
        }
        return true
    }

}
