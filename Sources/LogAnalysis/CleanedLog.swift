/// One line of a cleaned trace: what a person would see in GitLab's log view.
public struct CleanLine: Hashable, Sendable {
    /// 1-based position in the cleaned log (dense: 1, 2, 3, …).
    public var number: Int
    /// The visible text: no ANSI, no `\r`, no runner timestamp, no section marker.
    public var text: String
    /// Innermost runner section open when the line's text starts (`step_script`, `get_sources`, …);
    /// nil outside any section (and in logs without section markers).
    public var section: String?
    /// 1-based physical line (counted at `\n`) of the raw trace where this line starts;
    /// 0 when unknown (lines built by hand).
    public var rawLine: Int

    public init(number: Int, text: String, section: String? = nil, rawLine: Int = 0) {
        self.number = number
        self.text = text
        self.section = section
        self.rawLine = rawLine
    }
}

/// A cleaned trace, line by line.
///
/// Stored as one buffer holding every line's text (valid UTF-8, one line after the other) and a
/// small record per line (where its text is, its raw line, its section); a `CleanLine`, with its
/// own `String`, is made only when `lines` is read. A trace of a hundred lines is three
/// allocations, not a hundred and three, and the extractor reads each line's bytes in place.
public struct CleanedLog: Sendable {
    /// Every line's text, one after the other, valid UTF-8 (no separators).
    let utf8: [UInt8]
    let records: [Record]
    /// The sections' names; `Record.section` is 1 + an index here, 0 for no section. Each name
    /// once: two lines are in equally named sections exactly when their indices are equal.
    let sectionNames: [String]

    struct Record {
        /// The line's text is `utf8[start ..< start + count]`.
        var start: Int
        var count: Int
        var number: Int
        var rawLine: Int
        var section: UInt32
    }

    init(utf8: [UInt8], records: [Record], sectionNames: [String]) {
        self.utf8 = utf8
        self.records = records
        self.sectionNames = sectionNames
    }

    public init(lines: [CleanLine]) {
        var builder = Builder(capacity: lines.count)
        for line in lines {
            builder.append(line.text, number: line.number, section: line.section, rawLine: line.rawLine)
        }
        self = builder.log
    }

    /// Builds a log from plain text lines (no cleaning), numbering them 1… — for tests and callers
    /// that already hold clean text.
    public init(plain texts: [String], section: String? = nil) {
        var builder = Builder(capacity: texts.count)
        for (k, text) in texts.enumerated() {
            builder.append(text, number: k + 1, section: section, rawLine: k + 1)
        }
        self = builder.log
    }

    /// The lines, each made when read (a `String` for its text).
    public var lines: Lines { Lines(log: self) }

    /// The cleaned text, lines joined by `\n` (no trailing newline).
    public var text: String {
        var joined: [UInt8] = []
        joined.reserveCapacity(utf8.count + records.count)
        for (k, r) in records.enumerated() {
            if k > 0 { joined.append(0x0A) }
            joined.append(contentsOf: utf8[r.start..<r.start + r.count])
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// The lines of a `CleanedLog`, in order: `lines[i]` is the line numbered `i + 1` by the cleaner.
    public struct Lines: RandomAccessCollection, Sendable {
        let log: CleanedLog

        public var startIndex: Int { 0 }
        public var endIndex: Int { log.records.count }

        public subscript(i: Int) -> CleanLine { log.line(i) }
    }

    /// Line `i` (0-based) as a `CleanLine`.
    func line(_ i: Int) -> CleanLine {
        let r = records[i]
        return CleanLine(
            number: r.number, text: text(r), section: r.section == 0 ? nil : sectionNames[Int(r.section) - 1],
            rawLine: r.rawLine)
    }

    func text(_ r: Record) -> String {
        utf8.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[r.start..<r.start + r.count]), as: UTF8.self)
        }
    }

    /// Calls `body` with the log read in place: each line's bytes, section and record without a
    /// `String` or a reference count per line. The view must not escape `body`.
    func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try utf8.withUnsafeBufferPointer { bytes in
            try records.withUnsafeBufferPointer { records in
                try body(View(utf8: bytes, records: records, sectionNames: sectionNames))
            }
        }
    }

    /// A log's lines read in place (`withView`): line `i`'s bytes, its section's index (equal
    /// indices for equal names, 0 for none), and its text or `CleanLine` made on demand.
    struct View {
        let utf8: UnsafeBufferPointer<UInt8>
        let records: UnsafeBufferPointer<Record>
        let sectionNames: [String]

        var count: Int { records.count }
        var indices: Range<Int> { 0..<records.count }
        var isEmpty: Bool { records.isEmpty }

        /// Line `i`'s text, as bytes.
        @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            let r = records[i]
            return UnsafeBufferPointer(rebasing: utf8[r.start..<r.start + r.count])
        }

        /// Whether line `i`'s text is empty.
        @inline(__always) func isEmpty(_ i: Int) -> Bool { records[i].count == 0 }

        /// Line `i`'s text, as a `String` (made on each call).
        func text(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

        /// Line `i`'s section: 0 for none, else 1 + its index in `sectionNames`.
        @inline(__always) func section(_ i: Int) -> UInt32 { records[i].section }

        /// The name of a section index (`section(_:)`); nil for 0.
        func sectionName(of section: UInt32) -> String? {
            section == 0 ? nil : sectionNames[Int(section) - 1]
        }

        /// Line `i`'s section's name.
        func sectionName(_ i: Int) -> String? { sectionName(of: records[i].section) }

        /// Line `i` as a `CleanLine`.
        func line(_ i: Int) -> CleanLine {
            let r = records[i]
            return CleanLine(
                number: r.number, text: text(i), section: sectionName(of: r.section), rawLine: r.rawLine)
        }
    }

    /// Builds a log a line at a time: text appended to one buffer, section names interned.
    struct Builder {
        var utf8: [UInt8] = []
        var records: [Record] = []
        var names = SectionNames()

        init(capacity lines: Int, bytes: Int = 0) {
            records.reserveCapacity(lines)
            if bytes > 0 { utf8.reserveCapacity(bytes) }
        }

        var log: CleanedLog { CleanedLog(utf8: utf8, records: records, sectionNames: names.names) }

        mutating func append(_ text: String, number: Int, section: String?, rawLine: Int) {
            var text = text
            let start = utf8.count
            text.withUTF8 { utf8.append(contentsOf: $0) }
            let id = section.map { names.intern($0) } ?? 0
            records.append(
                Record(start: start, count: utf8.count - start, number: number, rawLine: rawLine, section: id)
            )
        }
    }

    /// The names of a log's sections, each once, numbered from 1 in order of appearance.
    struct SectionNames {
        var names: [String] = []
        /// The names' bytes, one after the other: name `k` ends at `ends[k]`.
        private var bytes: [UInt8] = []
        private var ends: [Int] = []
        /// Name → number, once there are more names than a linear search suits.
        private var index: [String: UInt32] = [:]
        private static let linear = 16

        /// The name's number, nil when it is not there.
        func find(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
            if names.count > Self.linear { return index[String(decoding: name, as: UTF8.self)] }
            return bytes.withUnsafeBufferPointer { all in
                var start = 0
                for (k, end) in ends.enumerated() {
                    if ByteSearch.equal(UnsafeBufferPointer(rebasing: all[start..<end]), name) {
                        return UInt32(k + 1)
                    }
                    start = end
                }
                return nil
            }
        }

        /// The name's number, given one if it has none. For the cleaner's names, which are ASCII
        /// (where equal bytes are equal `String`s).
        mutating func intern(_ name: UnsafeBufferPointer<UInt8>) -> UInt32 {
            if let known = find(name) { return known }
            return add(name, String(decoding: name, as: UTF8.self))
        }

        /// `intern` for any name, compared as `String`s (canonical equivalence).
        mutating func intern(_ name: String) -> UInt32 {
            if names.count > Self.linear {
                if let id = index[name] { return id }
            } else if let k = names.firstIndex(of: name) {
                return UInt32(k + 1)
            }
            var copy = name
            return copy.withUTF8 { add($0, name) }
        }

        private mutating func add(_ name: UnsafeBufferPointer<UInt8>, _ s: String) -> UInt32 {
            names.append(s)
            let id = UInt32(names.count)
            if names.count <= Self.linear {
                bytes.append(contentsOf: name)
                ends.append(bytes.count)
            } else if index.isEmpty {
                for (k, n) in names.enumerated() { index[n] = UInt32(k + 1) }
            } else {
                index[s] = id
            }
            return id
        }
    }
}

extension CleanedLog.Lines: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}

/// UTF-8 validity, read off the bytes.
enum UTF8Validation {
    /// Whether `b` is well-formed UTF-8 (what `String(decoding:as:)` keeps as it is): no stray
    /// continuation byte, no truncated sequence, no overlong form, no surrogate, nothing above
    /// U+10FFFF. Eight ASCII bytes at a time.
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        guard let base = b.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // In bounds: i + 8 <= n.
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
                continue
            }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            @inline(__always) func continuation(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
            if c < 0xC2 { return false }
            if c < 0xE0 {
                guard continuation(i + 1) else { return false }
                i += 2
            } else if c < 0xF0 {
                guard continuation(i + 1), continuation(i + 2) else { return false }
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 >= 0xA0 { return false }
                i += 3
            } else if c < 0xF5 {
                guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 || c == 0xF4 && c1 >= 0x90 { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
