import Foundation
import Testing

@testable import LogAnalysis

/// `CleanedLog` keeps every line's text in one buffer and makes a `CleanLine` only when read; the
/// cleaner writes into that buffer and the extractor reads it in place. Each reading must answer as
/// the straightforward one: a `String` per line (`ReferenceTraceCleaner`), `String(decoding:as:)`'s
/// repairs, the `Substring` tests the extractor made before.
@Suite struct CleanedLogTests {
    /// Raw traces that stress the buffer: invalid UTF-8 (a truncated sequence, stray continuation
    /// bytes, overlong forms, surrogates, more repairs than the removed bytes leave room for), empty
    /// lines, `\r`, timestamped continuations, sections, lines under and over 15 bytes.
    static let tricky: [[UInt8]] = [
        [],
        [0x0A],
        [0x0A, 0x0A, 0x0A],
        Array("short\n".utf8),
        Array("a line well over fifteen bytes long\n".utf8),
        [0xFF],
        [0xFF, 0xFE, 0xFD, 0xFC, 0x80, 0x80, 0x80, 0x80, 0xC0, 0xAF],  // all repaired: 3 bytes each
        [0x61, 0xE2, 0x82, 0x0A, 0xE2, 0x82, 0xAC, 0x0A],  // a truncated `€`, then a whole one
        [0xED, 0xA0, 0x80, 0x0A, 0xF4, 0x90, 0x80, 0x80, 0x0A, 0xE0, 0x80, 0x80, 0x0A],
        [0xF0, 0x9F, 0x98, 0x80, 0x20, 0xF0, 0x9F, 0x98, 0x0A],  // 😀 then a truncated one
        Array("abc\r\ndef\r\n\r\n".utf8),
        Array("progress 10%\rprogress 100%\r\n".utf8),
        Array("done\r\u{1B}[0K\r\n".utf8),
        Array(
            "2026-01-21T09:47:05.094219Z 00O first part, \n2026-01-21T09:47:05.1Z 00O+second part\n".utf8),
        Array("2026-01-21T09:47:05.094219Z 00O+a continuation with nothing before\n".utf8),
        [0x32, 0x30]
            + Array("26-01-21T09:47:05.094219Z 00O ".utf8) + [0xC3] + Array("\n".utf8)
            + Array("2026-01-21T09:47:05.1Z 00O+".utf8) + [0xA9, 0x0A],  // `é` split over two
        Array(
            ("section_start:1:step_script\r\u{1B}[0K$ make\nerror: boom\n"
                + "section_start:2:inner[collapsed=true]\r\u{1B}[0Kinside\nsection_end:2:inner\r\u{1B}[0K"
                + "after inner\nsection_end:1:step_script\r\u{1B}[0K\n"
                + "section_start:3:step_script\r\u{1B}[0Kagain\nsection_end:9:never_opened\r\u{1B}[0Kx\n")
                .utf8),
        Array("\u{1B}[31;1mred ✓ üñï\u{1B}[0m\n\u{7F}\u{01}ctl\n\t\ttabs\n".utf8),
        [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0xFF, 0x1B, 0x5B, 0x30, 0x6D, 0x0A],  // invalid byte between escapes
        [0x1B, 0x5B, 0x30, 0x6D] + Array("abcdefghijk".utf8) + [0xC3, 0x1B, 0x5B, 0x30, 0x6D, 0x0A],
        [0x61, 0xC3, 0x1B, 0x5B, 0x30, 0x6D, 0xA9, 0x0A],  // `é` whole once the escape is gone
        Array(repeating: 0xFF, count: 40) + [0x0D, 0x0A] + Array(repeating: 0x80, count: 3),
        Array((0..<40).map { "section_start:\($0):s\($0)\r\u{1B}[0Kline \($0)\n" }.joined().utf8),
    ]

    static func cases() -> [[UInt8]] {
        var result = tricky
        for seed in 1...6 {
            result.append(FastPathEquivalenceTests.generated(seed: UInt64(seed), lines: 200))
        }
        // Random bytes, invalid UTF-8 and all.
        var state: UInt64 = 7
        for _ in 0..<20 {
            var bytes: [UInt8] = []
            for _ in 0..<300 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let r = UInt8(truncatingIfNeeded: state >> 56)
                bytes.append(r % 11 == 0 ? 0x0A : r)
            }
            result.append(bytes)
        }
        return result
    }

    @Test func cleanedLinesAreTheReferenceCleanersStrings() {
        for raw in Self.cases() {
            let fast = Array(TraceCleaner.clean(raw).lines)
            let slow = Array(raw.withUnsafeBufferPointer { ReferenceTraceCleaner.clean(buffer: $0) }.lines)
            #expect(fast == slow, "\(raw)")
        }
    }

    @Test func validationAgreesWithStringDecoding() {
        var inputs = Self.cases()
        // Every one- to four-byte sequence of interesting bytes.
        let bytes: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
            0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        for a in bytes {
            inputs.append([a])
            for b in bytes {
                inputs.append([a, b])
                for c in bytes where a >= 0xE0 { inputs.append([a, b, c]) }
            }
        }
        for a: UInt8 in [0xF0, 0xF1, 0xF4, 0xF5] {
            for b: UInt8 in [0x80, 0x8F, 0x90, 0xBF, 0xC0] { inputs.append([a, b, 0x80, 0x80]) }
        }
        // Invalid bytes on either side of an eight-byte ASCII run.
        inputs.append(Array("12345678".utf8) + [0xC3] + Array("12345678".utf8))
        inputs.append([0xC3, 0xA9] + Array("abcdefghij".utf8) + [0xA9])
        for input in inputs {
            let straightforward = Array(String(decoding: input, as: UTF8.self).utf8) == input
            #expect(input.withUnsafeBufferPointer(UTF8Validation.isValid) == straightforward, "\(input)")
        }
    }

    @Test func nextSpecialSeesEveryByteItPasses() {
        for raw in Self.cases() {
            raw.withUnsafeBufferPointer { b in
                for from in Set([0, 1, 7, 8, 15, 16].filter { $0 <= b.count }) {
                    var seen: UInt64 = 0
                    let end = TraceCleaner.nextSpecial(b, from: from, seen: &seen)
                    #expect(end == TraceCleaner.nextSpecial(b, from: from))
                    if end == b.count {
                        let ascii = b[from...].allSatisfy { $0 < 0x80 }
                        #expect((seen & 0x8080_8080_8080_8080 == 0) == ascii, "\(raw) from \(from)")
                    }
                }
            }
        }
    }

    @Test func linesBuiltByHandComeBackAsTheyWere() {
        let lines = [
            CleanLine(number: 1, text: "", section: nil, rawLine: 0),
            CleanLine(number: 7, text: "a line well over fifteen bytes", section: "build", rawLine: 3),
            CleanLine(number: 2, text: "üñïçødé ✓", section: "\u{212A}elvin", rawLine: 9),
            CleanLine(number: 3, text: "x", section: "Kelvin", rawLine: 10),
            CleanLine(number: 4, text: "e\u{301}", section: "build", rawLine: 11),
            CleanLine(number: 5, text: "\u{E9}", section: "", rawLine: 12),
        ]
        let log = CleanedLog(lines: lines)
        #expect(Array(log.lines) == lines)
        #expect(log.text == lines.map(\.text).joined(separator: "\n"))
        #expect(
            Array(CleanedLog(plain: ["a", "", "b"], section: "s").lines) == [
                CleanLine(number: 1, text: "a", section: "s", rawLine: 1),
                CleanLine(number: 2, text: "", section: "s", rawLine: 2),
                CleanLine(number: 3, text: "b", section: "s", rawLine: 3),
            ])
        #expect(CleanedLog(lines: []).lines.isEmpty)
    }

    /// The view the extractor reads: each line's bytes, emptiness and `CleanLine`, and section
    /// numbers equal exactly where the sections' names are equal (`String`s, canonically).
    @Test func viewAnswersAsTheLines() {
        var logs = Self.cases().map { TraceCleaner.clean($0) }
        logs.append(
            CleanedLog(lines: [
                CleanLine(number: 1, text: "a", section: "\u{212A}elvin"),
                CleanLine(number: 2, text: "b", section: "Kelvin"),
                CleanLine(number: 3, text: "c", section: nil),
                CleanLine(number: 4, text: "d", section: "Kelvin"),
            ]))
        logs.append(
            CleanedLog(lines: (0..<40).map { CleanLine(number: $0 + 1, text: "t", section: "s\($0 % 20)") }))
        for log in logs {
            let lines = Array(log.lines)
            log.withView { view in
                #expect(view.count == lines.count)
                for i in view.indices {
                    #expect(Array(view.bytes(i)) == Array(lines[i].text.utf8))
                    #expect(view.isEmpty(i) == lines[i].text.isEmpty)
                    #expect(view.text(i) == lines[i].text)
                    #expect(view.line(i) == lines[i])
                    #expect(view.sectionName(i) == lines[i].section)
                    #expect((view.section(i) == 0) == (lines[i].section == nil))
                    for j in view.indices {
                        #expect(
                            (view.section(i) == view.section(j)) == (lines[i].section == lines[j].section))
                    }
                }
            }
        }
    }

    /// The extractor's readings of a line in the view, each against the `Substring` test it stands for.
    @Test func extractorReadingsAnswerAsTheStrings() throws {
        let texts =
            LineReadingEquivalenceTests.awkward + LineTableEquivalenceTests.awkward()
            + Array(try LineReadingEquivalenceTests.lines().prefix(3000)) + [
                "$ make", "$", "$\u{301} x", "$ \u{301}x", "##[group]Run make", "##[group]Run\u{301} x",
                "Stacktrace:", "  Stacktrace:\u{301}", "   ^~~~", "|\u{301}", "~", "\u{212A}illed", "Killed",
                "\u{FFFD}", "##[error]Process completed with exit code 1",
                "##[error]Process completed with exit code 1\u{301}", "\tat x.Y(Y.java:1)", "  File \"x\"",
            ]
        let log = CleanedLog(plain: texts)
        let prefixes = LineReadingEquivalenceTests.prefixes + ["##[group]Run ", "--- ", "=== RUN ", "$ "]
        log.withView { view in
            var mismatches = 0
            for i in view.indices where mismatches < 10 {
                let text = texts[i]
                let shape = LineShape(view.bytes(i))
                let content = ExcerptExtractor.content(text, shape)
                var same = true
                same = same && ExcerptExtractor.isCommand(view, i) == text.hasPrefix("$ ")
                same =
                    same
                    && ExcerptExtractor.isVerdict(view, i, shape)
                        == ExcerptExtractor.characterIsVerdict(content)
                same =
                    same
                    && ExcerptExtractor.blockLine(view, i, shape) == BlockLine(characters: String(content))
                same =
                    same
                    && ExcerptExtractor.isMessageShape(view, i, shape)
                        == ExcerptExtractor.characterIsMessageShape(text, shape)
                same =
                    same
                    && ExcerptExtractor.maskedContent(view.bytes(i)) == ExcerptExtractor.maskedContent(text)
                for start in Set([0, shape.contentStart, shape.textStart]) {
                    same =
                        same
                        && ExcerptExtractor.startsWithCaret(view, i, start)
                            == ExcerptExtractor.characterStartsWithCaret(text, start)
                    let u = text.utf8
                    let from = text[u.index(u.startIndex, offsetBy: start)...]
                    for p in prefixes {
                        same =
                            same && ExcerptExtractor.hasPrefix(view, i, from: start, p) == from.hasPrefix(p)
                    }
                }
                for j in [0, i / 2, max(0, i - 1)] {
                    let other = LineShape(view.bytes(j))
                    same =
                        same
                        && ExcerptExtractor.sameContent(view, i, shape, j, other)
                            == (content == ExcerptExtractor.content(texts[j], other))
                }
                if !same {
                    mismatches += 1
                    Issue.record("\(text.debugDescription): a reading differs")
                }
            }
        }
    }

    @Test func canonicallyEqualContentsAreTheSame() {
        let log = CleanedLog(plain: ["\u{212A}illed", "Killed", "e\u{301}", "\u{E9}", "Killed "])
        log.withView { view in
            let shapes = view.indices.map { i in LineShape(view.bytes(i)) }
            #expect(ExcerptExtractor.sameContent(view, 0, shapes[0], 1, shapes[1]))
            #expect(ExcerptExtractor.sameContent(view, 2, shapes[2], 3, shapes[3]))
            #expect(!ExcerptExtractor.sameContent(view, 1, shapes[1], 4, shapes[4]))
        }
    }
}

extension CleanedLogTests {
    /// A block's key made from the view (one `String` for an all-ASCII block) is the key of its
    /// lines' contents, each its own `Substring` (`BlockKey`'s straightforward construction).
    @Test func blockKeysFromTheViewAreTheContentsKeys() throws {
        let texts =
            [
                "", "  ", "##[error]x", "  at x.Y(Y.java:1)", "a line well over fifteen bytes",
                "\u{212A}illed", "Killed",
            ]
            + Array(try LineReadingEquivalenceTests.lines().prefix(400))
        let log = CleanedLog(plain: texts)
        log.withView { view in
            let shapes = view.indices.map { LineShape(view.bytes($0)) }
            var blocks: [[Int]] = [[0], [1, 2], [5], [6], [5, 6], [6, 5], [3, 4, 2]]
            for start in stride(from: 0, to: view.count - 3, by: 3) {
                blocks.append(Array(start..<start + 3))
            }
            var keys: [ExcerptExtractor.BlockKey] = []
            for block in blocks {
                let key = shapes.withUnsafeBufferPointer { ExcerptExtractor.blockKey(block, view, $0) }
                let straightforward = ExcerptExtractor.BlockKey(
                    block.map { ExcerptExtractor.content(texts[$0], shapes[$0]) })
                #expect(key == straightforward && key.hashValue == straightforward.hashValue, "\(block)")
                #expect(
                    key.contents.map(String.init) == straightforward.contents.map(String.init), "\(block)")
                keys.append(key)
            }
            #expect(keys[2] == keys[3])  // KELVIN SIGN is canonically `K`
            #expect(keys[4] == keys[5])
            #expect(keys[0] != keys[1])
        }
    }
}
