import Foundation
import Testing

@testable import LogAnalysis

/// The byte-level cleaner and the one-pass anchor/keyword scan must give exactly what the original
/// implementations (`ReferenceImplementations.swift`) give: same lines, same pattern matches, same
/// keyword decisions, on every real trace we hold and on generated nasty input.
@Suite struct FastPathEquivalenceTests {
    /// The GitLab samples, and in the corpus run the CiDiff logs (raw, not normalised: `\r`,
    /// timestamps and all).
    static func realTraces() throws -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        let fm = FileManager.default
        let samples = SharedFiles.fixtures.appendingPathComponent("gitlab-samples")
        for name in try fm.contentsOfDirectory(atPath: samples.path).sorted() where name.hasSuffix(".log") {
            result.append((name, try SharedFiles.sample(name)))
        }
        let cidiff = SharedFiles.root.appendingPathComponent("data/cidiff/data")
        if SharedFiles.corpusEnabled, let walker = fm.enumerator(atPath: cidiff.path) {
            for case let path as String in walker where path.hasSuffix(".log") {
                result.append((path, [UInt8](try Data(contentsOf: cidiff.appendingPathComponent(path)))))
            }
        }
        return result
    }

    /// Lines mixing everything the cleaner handles, cut at random places.
    static func generated(seed: UInt64, lines: Int) -> [UInt8] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let pieces: [String] = [
            "section_start:1624482342:step_script\r\u{1B}[0K",
            "section_end:1624482342:step_script\r\u{1B}[0K",
            "section_start:12:inner[collapsed=true]\r\u{1B}[0K", "section_end:13:inner\r\u{1B}[0K",
            "section_",
            "section_start:", "2026-01-21T09:47:05.094219Z 00O ", "2026-01-21T09:47:05.1Z 01E+",
            "\u{1B}[31;1m",
            "\u{1B}[0;m", "\u{1B}]0;title\u{07}", "\u{1B}(B", "\u{1B}", "\r", "\r\n", "\n", "\n", "\t",
            "\u{7F}", "\u{01}",
            "ERROR: Job failed: exit code 1", "Error: something failed", "0 errors", "Failures: 0",
            "AssertionError",
            "java.lang.IllegalStateException: boom", "FAILED tests/test_x.py::test_y", "E   assert 1 == 2",
            "Test Failed at /x.jl:3", "--- FAIL: TestX", "npm ERR! code 1", "[ERROR] Failed to execute goal",
            "Killed", "  Killed", "out of memory", "OOMKilled", "panic: oops", "error[E0308]: mismatched",
            "Caused by: x",
            "warning: unused", "[info] error", "$ make", "couldn't", "could not resolve", "cannot find",
            "sEcTiOn_",
            "Traceback (most recent call last):", "main.c:3:5: error: x", "Tests run: 3, Failures: 1",
            "plain text with nothing", "    at org.x.Y(Y.java:3)", "  File \"x.py\", line 3",
            " [12] f() at x.jl",
            "[] x", "[1a] x", "Stacktrace:", "  ... 23 more", "Caused by: boom", "caused by x", "   ",
            "üñïçødé ✓", "\u{FF}\u{FE}", "e", "er", "err", "FAIL", "fail", "abc",
        ]
        var out: [UInt8] = []
        for _ in 0..<lines {
            for _ in 0..<(1 + next() % 5) {
                let piece = Array(pieces[next() % pieces.count].utf8)
                out.append(
                    contentsOf: next() % 7 == 0 ? Array(piece.prefix(next() % (piece.count + 1))) : piece)
            }
            out.append(0x0A)
        }
        return out
    }

    static func check(_ name: String, _ raw: [UInt8], library: PatternLibrary, reference: ReferenceMatcher) {
        let fast = TraceCleaner.clean(raw)
        let slow = raw.withUnsafeBufferPointer { ReferenceTraceCleaner.clean(buffer: $0) }
        #expect(fast.lines == slow.lines, "\(name): cleaned lines differ")
        var mismatches = 0
        var anchors: [PatternLibrary.AnchorHit] = []
        for line in slow.lines where mismatches < 5 {
            var text = line.text
            text.withUTF8 { b in
                var hits: [(needle: Int, at: Int)] = []
                library.scanner.scan(b, into: &hits)
                let new = library.matches(bytes: b, text: line.text, hits: hits)
                let old = reference.matches(bytes: b, text: line.text)
                let newKeyword = Keywords.hasErrorKeyword(b, hits: hits, base: library.keywordBase)
                let oldKeyword = ReferenceKeywords.hasErrorKeyword(b)
                if BlockLine(line.text) != BlockLine(characters: line.text) {
                    mismatches += 1
                    Issue.record("\(name): \(line.text.debugDescription): block shapes differ")
                }
                let strongest = library.strongest(bytes: b, text: line.text, hits: hits, anchors: &anchors)
                if strongest != new.max(by: { library.weights[$0] < library.weights[$1] }) {
                    mismatches += 1
                    Issue.record(
                        "\(name): \(line.text.debugDescription): strongest \(String(describing: strongest))")
                }
                if new != old || newKeyword != oldKeyword || Keywords.hasErrorKeyword(b) != oldKeyword {
                    mismatches += 1
                    Issue.record(
                        "\(name): \(line.text.debugDescription): patterns \(new) vs \(old), keyword \(newKeyword) vs \(oldKeyword)"
                    )
                }
            }
        }
    }

    @Test func realTracesCleanAndClassifyAsBefore() throws {
        let library = PatternLibrary.builtIn
        let reference = ReferenceMatcher(library)
        let traces = try Self.realTraces()
        // The 8 sample traces; with the corpus run, the CiDiff logs too.
        #expect(traces.count >= (SharedFiles.corpusEnabled ? 100 : 8))
        for (name, raw) in traces { Self.check(name, raw, library: library, reference: reference) }
    }

    @Test func generatedInputCleansAndClassifiesAsBefore() {
        // A library with short anchors too (searched apart from the 4-byte filter).
        let library = PatternLibrary.builtIn.adding([
            KnownPattern(name: "short", anchor: "err", caseSensitive: false, category: "test", weight: 10),
            KnownPattern(name: "one", anchor: "E", position: .lineStart, category: "test", weight: 11),
        ])
        let reference = ReferenceMatcher(library)
        for seed in 1...40 {
            Self.check(
                "generated \(seed)", Self.generated(seed: UInt64(seed), lines: 300), library: library,
                reference: reference)
        }
    }

    @Test func anchoredRegexesAreRecognisedConservatively() {
        let anchored = [
            #"^FAILED \S+"#, #"^\s*(Caused by: )?([a-z_$][\w$]*\.)+[A-Z][\w$]*Error(: .*)?$"#, #"^(a|b)c"#,
            #"^[|(]x"#, #"^\|"#, #"^(?:a|b)"#, #"^[^|]"#,
        ]
        let notAnchored = [
            #"a"#, #"^a|b"#, #"^(?i)a"#, #"(^a)"#, #"^(a))|(b"#, #"^[a"#, #"x^a"#, #"^a\|b|c"#,
            #"^[[:alpha:]]|x"#, #"^[]|]"#,
        ]
        for source in anchored { #expect(CompiledRegex.isAnchoredAtStart(source), "\(source)") }
        for source in notAnchored { #expect(!CompiledRegex.isAnchoredAtStart(source), "\(source)") }
        // Same answers as firstMatch, multi-line text included.
        for source in anchored + notAnchored {
            guard let regex = try? Regex(source) else { continue }
            let compiled = CompiledRegex(regex, source: source)
            for text in [
                "FAILED x", "a", "b", "ac", "x\na", "|x", "(x", "]", "  Caused by: a.b.CError: x", "xa", "c",
            ] {
                #expect(
                    compiled.matches(text) == ((try? regex.firstMatch(in: text)) != nil),
                    "\(source) on \(text)")
            }
        }
    }

    @Test func jvmShapePrefilterAgreesWithTheRegex() {
        let texts = [
            "java.lang.IllegalStateException: boom", "  org.junit.ComparisonFailure: x",
            "\tat a.b.C.d(C.java:1)",
            "Caused by: java.io.IOException: gone", "ERROR: LoadError: UndefVarError: x", "LoadError: x", "",
            "   ", "\u{00A0}java.lang.RuntimeException", "\u{2003}a.b.CError: x", "\u{1C}a.b.CError",
            "$x.YError",
            "_a.BError", "Exception", "a.BError: ", "a.b.c.DException", " \r\na.BError", "É.BError",
            "é.BError",
        ]
        for pattern in PatternLibrary.builtIn.patterns where pattern.name.hasPrefix("java-") {
            guard let source = pattern.regex, let regex = try? Regex(source) else { continue }
            let compiled = CompiledRegex(regex, source: source)
            #expect(compiled.firstAfterSpace != nil, "\(pattern.name) lost its prefilter")
            for text in texts {
                #expect(
                    compiled.matches(text) == ((try? regex.firstMatch(in: text)) != nil),
                    "\(source) on \(text)")
            }
        }
    }
}

/// The extractor's byte readings of a line (`hasPrefixFast`, `isVerdict`, `BlockLine` of a
/// `Substring`, `firstTab`) give what the `Character` readings and the byte loop they stand in for
/// give, on every line of the real traces and on lines made to break them (combining marks after
/// the prefix, `\r\n`, non-ASCII look-alikes, tabs at every offset).
@Suite struct LineReadingEquivalenceTests {
    static let awkward: [String] = [
        "E \u{301}x", "E\u{301} x", "Error: \u{301}", "Error:\u{301} x", "Error: ", "Error:", "E", "",
        "Expression: f(x) == 1", "Evaluated: 1 == 2", "assert x", "error: boom", "Errors: 0",
        "Stacktrace:", "Stacktrace:\u{301}", "Stacktrace", "  at a.b(C.java:1)", "[12] f() at x.jl:3",
        "##[error]Process completed with exit code 1", "##[error]Error: Process completed with exit code 2",
        "Error: Process completed with exit code 1", "Build step 'Execute shell' marked build as failure",
        "Build step 'x' marked build as failure\u{301}", "The command \"make\" exited with 2.",
        "The command \"make\u{301}\" exited with 2.", "ERROR: Job failed: exit code 1", "ERROR: Job failed",
        "Done. Your build exited with 1.", "\r\nERROR: Job failed", "ERROR: Job\r\n failed",
        "Process completed with exit code \u{301}1", "Ｅrror: fullwidth", "\u{212A}illed", "E ;x",
        "[ERROR] Failed to execute goal", "[ERROR]\u{301} x", "npm ERR! code 1", "FAILED tests/x.py::t",
        "E   assert 1 == 2", "üñï: Error: x", "Error: üñï", "\t\tx", "a\tb\tc", "no tab at all in this line",
    ]

    static let prefixes = [
        "Expression: ", "Evaluated: ", "assert ", "E ", "Error: ", "error: ", "Stacktrace:", "[ERROR] ",
        "[ERROR]", "npm ERR!", "FAILED ", "E   ", "[", "==================", "É", "\r\n", "",
    ]

    static func lines() throws -> [String] {
        var result = awkward
        for (_, raw) in try FastPathEquivalenceTests.realTraces() {
            result += TraceCleaner.clean(raw).lines.map(\.text)
        }
        for seed in 1...10 {
            result += TraceCleaner.clean(FastPathEquivalenceTests.generated(seed: UInt64(seed), lines: 300))
                .lines.map(\.text)
        }
        return result
    }

    /// The reference `firstTab`: byte by byte.
    static func firstTabByBytes(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while k < b.count && k < from + 120 {
            if b[k] == 0x09 { return k }
            k += 1
        }
        return nil
    }

    @Test func byteReadingsAnswerAsTheCharacterReadings() throws {
        var mismatches = 0
        for line in try Self.lines() where mismatches < 10 {
            // The line itself and its content after decorations (an offset into the same string).
            for text in [Substring(line), LineContent.of(line)] {
                for prefix in Self.prefixes where text.hasPrefixFast(prefix) != text.hasPrefix(prefix) {
                    mismatches += 1
                    Issue.record(
                        "\(text.debugDescription): hasPrefixFast(\(prefix.debugDescription)) differs")
                }
                if ExcerptExtractor.isVerdict(text) != ExcerptExtractor.characterIsVerdict(text) {
                    mismatches += 1
                    Issue.record("\(text.debugDescription): isVerdict differs")
                }
                if BlockLine(text) != BlockLine(characters: String(text)) {
                    mismatches += 1
                    Issue.record("\(text.debugDescription): BlockLine differs")
                }
            }
        }
    }

    @Test func commandEchoesAreReadAsByCharacters() throws {
        let echoes = ["$ make", "$ ", "$", "$x", " $ make", "$ \u{301}x", "$\u{301} make", "$\r\n", "＄ make"]
        for line in try Self.lines() + echoes {
            #expect(ExcerptExtractor.isCommand(line) == line.hasPrefix("$ "), "\(line.debugDescription)")
        }
    }

    @Test func firstTabFindsWhatTheByteLoopFinds() throws {
        var lines = try Self.lines()
        // A tab at every offset of a long line, and none.
        let long = String(repeating: "abcdefgh", count: 20)
        for k in 0..<long.utf8.count { lines.append(String(long.utf8.prefix(k))! + "\t" + long) }
        lines.append(long)
        for line in lines {
            for from in [0, 1, 7, 8, 9] {
                let (fast, slow) = Array(line.utf8).withUnsafeBufferPointer {
                    (LineShape.firstTab($0, from: from), Self.firstTabByBytes($0, from: from))
                }
                #expect(fast == slow, "\(line.debugDescription) from \(from)")
            }
        }
    }
}

/// The grammars' byte helpers on contiguous bytes, the scan's short needles eight bytes at a time
/// and the remembered section test answer as the code they stand in for.
@Suite struct ByteHelperEquivalenceTests {
    /// `starts`, `ends`, `bytes(of:)` through the UTF-8 views, as they were.
    static func viewStarts(_ s: Substring, _ p: String) -> Bool { s.utf8.starts(with: p.utf8) }
    static func viewEnds(_ s: Substring, _ p: String) -> Bool {
        s.utf8.reversed().starts(with: p.utf8.reversed())
    }
    static func viewBytes(_ s: Substring, _ needle: String) -> Range<Substring.Index>? {
        let u = s.utf8
        let n = needle.utf8
        guard let first = n.first else { return nil }
        var i = u.startIndex
        while let start = u[i...].firstIndex(of: first) {
            var j = u.index(after: start)
            var k = n.index(after: n.startIndex)
            while k != n.endIndex, j != u.endIndex, u[j] == n[k] {
                j = u.index(after: j)
                k = n.index(after: k)
            }
            if k == n.endIndex { return start..<j }
            i = u.index(after: start)
        }
        return nil
    }

    static let needles = [
        "", "E", "::", " - ", ".py", "Error", "ERROR: Job failed", "FAILED", " failed", "_____", "Fail",
        "ü", "✓ ", "a very long needle that no line of any trace holds at all", ") ", "Test Summary:",
    ]

    @Test func byteHelpersAnswerAsTheViews() throws {
        var mismatches = 0
        for line in try LineReadingEquivalenceTests.lines() where mismatches < 10 {
            for text in [Substring(line), LineContent.of(line), Substring(line).dropFirst(3)] {
                for needle in Self.needles {
                    let fast = text.bytes(of: needle)
                    let slow = Self.viewBytes(text, needle)
                    // Where each range starts and ends, in bytes from the text's start.
                    func offsets(_ r: Range<Substring.Index>?) -> [Int] {
                        guard let r else { return [] }
                        let u = text.utf8
                        return [
                            u.distance(from: u.startIndex, to: r.lowerBound),
                            u.distance(from: r.lowerBound, to: r.upperBound),
                        ]
                    }
                    let same = offsets(fast) == offsets(slow)
                    if !same || text.starts(needle) != Self.viewStarts(text, needle)
                        || text.ends(needle) != Self.viewEnds(text, needle)
                    {
                        mismatches += 1
                        Issue.record("\(text.debugDescription) with \(needle.debugDescription)")
                    }
                }
            }
        }
    }

    /// Every (needle, offset) where a needle stands in the text, ASCII case-insensitively.
    static func bruteForce(_ needles: [[UInt8]], _ b: UnsafeBufferPointer<UInt8>) -> [String] {
        var found: [String] = []
        for (k, needle) in needles.enumerated() where !needle.isEmpty {
            for i in 0..<b.count where NeedleSet.occurs(needle.map(ByteSearch.lower), in: b, at: i) {
                found.append("\(k)@\(i)")
            }
        }
        return found.sorted()
    }

    @Test func shortNeedlesAreFoundAsByBruteForce() throws {
        let sets: [[String]] = [
            [") ", "Error", "fail"],  // one start: eight bytes at a time
            ["e", "Er", ") ", "Test"],  // `e`, `E`, `)`: three starts
            ["a", "b", "c", ":", "Killed"],  // seven starts: byte by byte
        ]
        var lines = try LineReadingEquivalenceTests.lines()
        lines += ["(x) ) )", "ERROR e E er Er eR", ")", ") ", "a:b:c", String(repeating: ") e", count: 30)]
        for raw in sets {
            let needles = raw.map { Array($0.utf8) }
            let set = NeedleSet(needles)
            for line in lines {
                Array(line.utf8).withUnsafeBufferPointer { b in
                    var hits: [(needle: Int, at: Int)] = []
                    set.scan(b, into: &hits)
                    #expect(
                        hits.map { "\($0.needle)@\($0.at)" }.sorted() == Self.bruteForce(needles, b),
                        "\(raw): \(line.debugDescription)")
                }
            }
        }
    }

    @Test func rememberedSectionTestAnswersAsTheSet() throws {
        for (_, raw) in try FastPathEquivalenceTests.realTraces() {
            let log = TraceCleaner.clean(raw)
            log.withView { view in
                var test = ExcerptExtractor.PostSectionTest(view.sectionNames)
                for (i, line) in log.lines.enumerated() {
                    #expect(test.isAfterScript(view, i) == ExcerptExtractor.isAfterScript(line))
                }
            }
        }
        let names = ["after_script", "step_script", "cleanup_file_variables", "x"]
        var test = ExcerptExtractor.PostSectionTest(names)
        for s in [1, 2, 1, 1, 3, 4, 0] as [UInt32] {
            let name = s == 0 ? nil : names[Int(s) - 1]
            #expect(test.contains(s) == name.map(ExcerptExtractor.postSections.contains) ?? false, "\(s)")
        }
    }
}

/// The cleaner's search for the next byte that needs cleaning, eight bytes at a time, finds what a
/// byte loop finds, from every offset, on lines made to break it: `section_` straddling words or
/// at the end, underscores and tabs everywhere, control bytes next to them, non-ASCII, long lines.
@Suite struct CleanerScanEquivalenceTests {
    /// A `\n` at every offset of a 40-byte line (and none, and two), from every start: found where a
    /// byte-by-byte search finds it.
    @Test func nextNewlineFindsWhatTheByteLoopFinds() {
        let plain = Array(repeating: UInt8(0x61), count: 40)
        var cases = [plain]
        for k in plain.indices {
            var one = plain
            one[k] = 0x0A
            cases.append(one)
            if k + 3 < plain.count {
                one[k + 3] = 0x0A
                cases.append(one)
            }
        }
        for bytes in cases {
            bytes.withUnsafeBufferPointer { b in
                for from in 0...b.count {
                    let expected = b[from...].firstIndex(of: 0x0A) ?? b.count
                    #expect(TraceCleaner.nextNewline(b, from: from) == expected, "\(bytes) from \(from)")
                }
            }
        }
    }

    /// The reference: byte by byte.
    static func nextSpecialByBytes(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var k = from
        while k < b.count {
            let c = b[k]
            if c < 0x20 && c != 0x09 || c == 0x7F { return k }
            if c == 0x73 && TraceCleaner.isSectionPrefix(b, k, b.count) { return k }
            k += 1
        }
        return b.count
    }

    static func awkward() -> [[UInt8]] {
        var lines: [String] = [
            "", "s", "section_", "section", "ection_", "xsection_", "section_start:1:a\r\u{1B}[0K",
            "a_b_c_d_e_f_g_h_i", "________________", "\t\t\t\t\t\t\t\t\t", "ab\tsection_x",
            "abc\u{7F}section_",
            "section_\u{01}", "\u{1B}[0;msection_end:2:x", "üñï_section_ü", "\r\n", "abcdefg_section_",
            "sEcTiOn_ section_", "section__", "sectionsection_", String(repeating: "x_", count: 100),
            String(repeating: "abc_defg", count: 2_000) + "section_end:1:x",
            String(repeating: "ü", count: 3_001) + "\u{1B}[0K",
        ]
        for k in 0..<20 {
            let pad = String(repeating: "y", count: k)
            lines += [
                pad + "section_" + pad, pad + "_\u{1B}" + pad, pad + "\u{1F}\u{20}_", pad + "section\u{1B}_",
                pad + "\t_\u{7F}" + pad, pad + "ection_section_",
            ]
        }
        var result = lines.map { Array($0.utf8) }
        result += [
            [0xFF, 0xFE, 0x5F, 0x00], [0x80, 0x9F, 0x1F, 0x20, 0x7E, 0x7F], Array(repeating: 0x5F, count: 33),
        ]
        for (_, raw) in (try? FastPathEquivalenceTests.realTraces()) ?? [] {
            result += raw.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        }
        for seed in 1...10 {
            result += FastPathEquivalenceTests.generated(seed: UInt64(seed), lines: 300)
                .split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        }
        return result
    }

    /// Each byte of a runner timestamp header (both fraction lengths) changed to bytes around the
    /// digits and separators, and the header cut short: read a word at a time as byte by byte.
    @Test func timestampHeadersAreReadAsByteByByte() {
        let values: [UInt8] = [
            0x00, 0x09, 0x20, 0x2B, 0x2D, 0x2E, 0x2F, 0x30, 0x35, 0x39, 0x3A, 0x45, 0x4F, 0x54, 0x5A, 0x61,
            0x7F, 0x80, 0x89, 0x8A, 0xB0, 0xC6, 0xFF,
        ]
        for header in [
            "2026-01-21T09:47:05.094219Z 00O x", "2026-01-21T09:47:05.1Z 0aE+",
            "1999-12-31T23:59:59.123456789Z ffO ",
        ] {
            let valid = Array(header.utf8)
            var cases = (0...valid.count).map { Array(valid.prefix($0)) }
            for k in valid.indices {
                for v in values {
                    var changed = valid
                    changed[k] = v
                    cases.append(changed)
                }
            }
            for bytes in cases {
                bytes.withUnsafeBufferPointer { b in
                    #expect(
                        TraceCleaner.timestampHeaderLength(b, 0, b.count)
                            == ReferenceTraceCleaner.timestampHeaderLength(b, 0, b.count), "\(bytes)")
                }
            }
        }
    }

    @Test func nextSpecialFindsWhatTheByteLoopFinds() {
        var mismatches = 0
        for line in Self.awkward() where mismatches < 10 {
            line.withUnsafeBufferPointer { b in
                // Every offset of a short line; of a long one, the first and some spread over it.
                let froms =
                    b.count <= 300
                    ? Array(0...b.count) : Array(0..<40) + Array(stride(from: 40, to: b.count, by: 97))
                for from in froms {
                    let fast = TraceCleaner.nextSpecial(b, from: from)
                    let slow = Self.nextSpecialByBytes(b, from: from)
                    if fast != slow {
                        mismatches += 1
                        Issue.record("\(line) from \(from): \(fast) vs \(slow)")
                        break
                    }
                }
            }
        }
    }
}

/// The line shape's one noise table and the needle scan's packed entries answer as the tables they
/// replace: three prefix sets tried in turn, and every needle compared at every offset.
@Suite struct LineTableEquivalenceTests {
    /// The reference: scaffolding, then progress, then chrome, each its own table.
    static let tables = [LineShape.scaffolding, LineShape.progress, LineShape.chrome].map(PrefixSet.init)

    static func noiseByThreeTables(
        _ b: UnsafeBufferPointer<UInt8>, from i: Int, indented: Bool = false
    ) -> LineShape.Noise {
        if !indented && tables[0].hasPrefix(b, at: i) { return .scaffolding }
        if tables[1].hasPrefix(b, at: i) { return .progress }
        if tables[2].hasPrefix(b, at: i) || LineShape.bareLevelTag(b, from: i) {
            return .chrome
        }
        return .none
    }

    /// Every prefix of the three lists, cut short, run on, after spaces, at the end of a line, and
    /// prefixes that belong to two lists (`Done. Your build exited with` is scaffolding; `Checking `
    /// is progress but `Checking cache for` scaffolding).
    static func awkward() -> [String] {
        var result = LineReadingEquivalenceTests.awkward
        for prefix in LineShape.scaffolding + LineShape.progress + LineShape.chrome {
            let p = String(decoding: prefix, as: UTF8.self)
            result += [p, p + "x", "  " + p, String(p.dropLast()), p + " \r", "x" + p, p.lowercased()]
        }
        result += ["[INFO]", "[INFO]   ", "[WARNING]", "[WARNING] x", "[INFO] ----", "[", "✓", "✔ ok", "√"]
        return result
    }

    @Test func oneNoiseTableAnswersAsThree() throws {
        #expect(Self.tables[0].prefixes.count == LineShape.scaffolding.count)
        var mismatches = 0
        for line in try Self.awkward() + LineReadingEquivalenceTests.lines() where mismatches < 10 {
            Array(line.utf8).withUnsafeBufferPointer { b in
                for i in [0, 1, 2, 4] where i < b.count {
                    for indented in [false, true]
                    where LineShape.noise(b, from: i, indented: indented)
                        != Self.noiseByThreeTables(b, from: i, indented: indented)
                    {
                        mismatches += 1
                        Issue.record(
                            "\(line.debugDescription) from \(i), indented \(indented): noise differs")
                    }
                }
            }
        }
    }

    @Test func builtInNeedlesAreFoundAsByBruteForce() throws {
        let scanner = ExcerptExtractor.builtInScanner
        var lines = Self.awkward() + Array(try LineReadingEquivalenceTests.lines().prefix(400))
        // Needles at the very end of a line (fewer than eight bytes left) and run together.
        for needle in scanner.needles.prefix(60) {
            let n = String(decoding: needle, as: UTF8.self)
            lines += [n, "x" + n, n.uppercased() + n, String(repeating: "ab", count: 9) + n]
        }
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { b in
                var hits: [(needle: Int, at: Int)] = []
                scanner.scan(b, into: &hits)
                #expect(
                    hits.map { "\($0.needle)@\($0.at)" }.sorted()
                        == ByteHelperEquivalenceTests.bruteForce(scanner.needles, b),
                    "\(line.debugDescription)")
            }
        }
    }
}

/// The extractor's byte readings of a block's lines answer as their `Character` readings, and a
/// block's key compares as the `\n`-joined text it stands for.
@Suite struct BlockReadingEquivalenceTests {
    static func lines() throws -> [String] {
        var lines = try LineReadingEquivalenceTests.lines()
        for lead in ["", "  ", "\t", "2024-07-08T16:59:07.1311657Z "] {
            for body in [
                "^", "^~~~", "~", "|", "| x", "^\u{302}", "~\u{301}x", "|\u{200D}", "^ü", "^\r", "x^",
                "Expression: \u{301}", "E\u{301} x", "ValueError: x", "ValueError:\u{301}", "Érror: x",
            ] {
                lines.append(lead + body)
            }
        }
        return lines
    }

    @Test func caretAndMessageLinesReadAsByCharacters() throws {
        var mismatches = 0
        for line in try Self.lines() where mismatches < 10 {
            var copy = line
            let shape = copy.withUTF8 { LineShape($0) }
            for start in Set([0, shape.contentStart, shape.textStart]) where start <= line.utf8.count {
                if ExcerptExtractor.startsWithCaret(line, start)
                    != ExcerptExtractor.characterStartsWithCaret(line, start)
                {
                    mismatches += 1
                    Issue.record("\(line.debugDescription) from \(start): caret differs")
                }
            }
            if ExcerptExtractor.isMessageShape(line, shape)
                != ExcerptExtractor.characterIsMessageShape(line, shape)
            {
                mismatches += 1
                Issue.record("\(line.debugDescription): message shape differs")
            }
        }
    }

    @Test(arguments: [
        (["a", "b"], ["a", "b"]), (["a", "b"], ["a", "c"]), (["a"], ["a", ""]), ([], []),
        (["\u{212A}illed"], ["Killed"]),  // KELVIN SIGN is canonically `K`
        (["e\u{301}", "x"], ["\u{E9}", "x"]), (["x "], ["x"]), (["ab", "c"], ["a", "bc"]),
    ])
    func blockKeysCompareAsTheirJoinedText(_ a: [String], _ b: [String]) {
        let (ka, kb) = (
            ExcerptExtractor.BlockKey(a.map { Substring($0) }),
            ExcerptExtractor.BlockKey(b.map { Substring($0) })
        )
        let joined = a.joined(separator: "\n") == b.joined(separator: "\n")
        #expect((ka == kb) == joined)
        if joined { #expect(ka.hashValue == kb.hashValue) }
    }
}
