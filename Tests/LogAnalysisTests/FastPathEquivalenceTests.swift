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
