import Foundation
import Testing

@testable import LogAnalysis

/// Where the shared reference material lives: `shared/` beside the repository root.
/// Test data. The GitLab samples are copied into `Tests/Fixtures/gitlab-samples` (provenance and
/// licences beside them), so the suite needs nothing outside the repository. The labelled corpora
/// in the sibling `shared/` are read only by the opt-in corpus run: `TRIAGE_CORPUS=1 swift test`.
enum SharedFiles {
    /// `Tests/Fixtures`.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath)  // …/Tests/LogAnalysisTests/X.swift
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    }
    /// The sibling `shared/` folder holding the labelled corpora.
    static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }
    /// True when the corpus run was asked for (`TRIAGE_CORPUS=1`) and the corpora are there.
    static var corpusEnabled: Bool {
        ProcessInfo.processInfo.environment["TRIAGE_CORPUS"] == "1"
            && FileManager.default.fileExists(atPath: root.appendingPathComponent("data/cidiff/data").path)
    }
    static func sample(_ name: String) throws -> [UInt8] {
        let url = fixtures.appendingPathComponent("gitlab-samples").appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }
}

struct CleaningCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let raw: String
    let expected: [String]
    var testDescription: String { rule }
}

@Suite struct TraceCleanerTests {
    static let cases: [CleaningCase] = [
        // Rule: plain lines pass through, no trailing empty line.
        .init(rule: "plain", raw: "a\nb\n\n", expected: ["a", "b"]),
        .init(rule: "interior empty lines kept", raw: "a\n\nb", expected: ["a", "", "b"]),
        // Rule: runner timestamps stripped; `+` continues the previous line.
        .init(
            rule: "timestamps",
            raw: "2026-01-21T09:47:05.094219Z 00O hello\n2026-01-21T09:47:05.094220Z 01E+ world\n"
                + "2026-01-21T09:47:05.094221Z 01O next\n",
            expected: ["hello world", "next"]),
        .init(
            rule: "timestamp-like text that is not a header stays",
            raw: "2026-01-21T09:47:05Z started\n2026-01-21T09:47:05.1Z 0xO nope\n",
            expected: ["2026-01-21T09:47:05Z started", "2026-01-21T09:47:05.1Z 0xO nope"]),
        .init(
            rule: "empty timestamped line", raw: "2026-01-21T09:47:05.094219Z 01O \nx", expected: ["", "x"]),
        // Rule: ANSI removed.
        .init(
            rule: "SGR and erase-line",
            raw:
                "\u{1B}[0K\u{1B}[32;1m$ make test\u{1B}[0;m\n\u{1B}[31;1mERROR: Job failed: exit code 1\u{1B}[0;m\n",
            expected: ["$ make test", "ERROR: Job failed: exit code 1"]),
        .init(
            rule: "256 colours, OSC title, charset",
            raw: "\u{1B}[38;5;196mred\u{1B}[m \u{1B}]0;title\u{07}ok\u{1B}(B!", expected: ["red ok!"]),
        // Buildkite's timestamps are APC strings (terminal-to-html's format), one per line; DCS and
        // a string ended by ST (`ESC \`) are dropped the same way.
        .init(
            rule: "APC timestamps, DCS, ST",
            raw: "\u{1B}_bk;t=1709111411936\u{07}#19 43.27 a.go:4:2: undefined: x\n\u{1B}Pq#0;2\u{1B}\\done",
            expected: ["#19 43.27 a.go:4:2: undefined: x", "done"]),
        // Rule: `\r\n` is a newline; bare `\r` keeps the last drawn text.
        .init(rule: "CRLF", raw: "a\r\nb\r\n", expected: ["a", "b"]),
        .init(rule: "progress", raw: "10%\r50%\r100% done\n", expected: ["100% done"]),
        .init(rule: "progress ending in CR", raw: "10%\r100%\r\r\nnext", expected: ["100%", "next"]),
        // Rule: section markers dropped, names tracked.
        .init(
            rule: "sections",
            raw:
                "section_start:1624482342:prepare_executor\r\u{1B}[0K\u{1B}[0K\u{1B}[36;1mPreparing\u{1B}[0;m\n"
                + "Using Docker\nsection_end:1624482342:prepare_executor\r\u{1B}[0K\n"
                + "\u{1B}[0Ksection_start:1624482343:step_script[collapsed=true]\r\u{1B}[0KExecuting\n",
            expected: ["Preparing", "Using Docker", "Executing"]),
        .init(
            rule: "section marker mentioned in prose is text",
            raw: "echo section_start:12:name is fine\n", expected: ["echo section_start:12:name is fine"]),
        // Rule: invalid UTF-8 replaced.
        .init(rule: "invalid utf8", raw: "ok", expected: ["ok"]),
    ]

    @Test(arguments: cases)
    func cleans(_ c: CleaningCase) {
        #expect(TraceCleaner.clean(c.raw).lines.map(\.text) == c.expected)
    }

    @Test func invalidUTF8IsReplaced() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x0A, 0xE2, 0x82]
        #expect(TraceCleaner.clean(bytes).lines.map(\.text) == ["a\u{FFFD}b", "\u{FFFD}"])
    }

    @Test func sectionNamesAndRawLines() {
        let raw =
            "Running with gitlab-runner\n"
            + "section_start:1:get_sources\r\u{1B}[0KGetting source\nFetching\n"
            + "section_end:2:get_sources\r\u{1B}[0Ksection_start:3:step_script\r\u{1B}[0KExecuting\n"
            + "section_start:4:inner\r\u{1B}[0K\n$ make\nsection_end:5:inner\r\u{1B}[0K\nfail\n"
            + "section_end:6:step_script\r\u{1B}[0K\nERROR: Job failed: exit code 1\n"
        let log = TraceCleaner.clean(raw)
        #expect(
            log.lines.map(\.text) == [
                "Running with gitlab-runner", "Getting source", "Fetching", "Executing", "$ make", "fail",
                "ERROR: Job failed: exit code 1",
            ])
        #expect(
            log.lines.map(\.section) == [
                nil, "get_sources", "get_sources", "step_script", "inner", "step_script", nil,
            ])
        #expect(log.lines.map(\.number) == [1, 2, 3, 4, 5, 6, 7])
        #expect(log.lines.map(\.rawLine) == [1, 2, 3, 4, 6, 8, 10])
    }

    @Test func timestampedMarkerSplitAcrossEntries() {
        let raw =
            "2026-01-21T09:47:05.094269Z 00O section_start:1768988825:prepare_executor\r\n"
            + "2026-01-21T09:47:05.094270Z 00O+\u{1B}[0K\u{1B}[0K\u{1B}[36;1mPreparing the \"docker+machine\" executor\u{1B}[0;m\n"
            + "2026-01-21T09:47:26.583005Z 00O section_end:1768988846:prepare_executor\r\n"
            + "2026-01-21T09:47:26.583007Z 00O+\u{1B}[0Ksection_start:1768988846:prepare_script\r\n"
            + "2026-01-21T09:47:26.583103Z 00O+\u{1B}[0K\u{1B}[0K\u{1B}[36;1mPreparing environment\u{1B}[0;m\n"
        let log = TraceCleaner.clean(raw)
        #expect(
            log.lines.map(\.text) == ["Preparing the \"docker+machine\" executor", "Preparing environment"])
        #expect(log.lines.map(\.section) == ["prepare_executor", "prepare_script"])
    }

    @Test func realTimestampedSample() throws {
        let log = TraceCleaner.clean(
            try SharedFiles.sample("trace_gitlabcom_runner18_7_timestamps_ESC_CR_stripped.log"))
        #expect(
            log.lines.first { !$0.text.isEmpty }?.text.hasPrefix("[0KRunning with gitlab-runner 18.7.0")
                == true)
        #expect(!log.lines.contains { $0.text.contains("2026-01-21T") && $0.text.contains(" 00O") })
    }

    @Test func realRawTraceHasNoControlBytes() throws {
        let log = TraceCleaner.clean(try SharedFiles.sample("trace_gitlabcom_openwrt_success_raw_CR.log"))
        #expect(log.lines.count > 1000)
        #expect(!log.lines.contains { $0.text.utf8.contains { $0 == 0x1B || $0 == 0x0D } })
        #expect(!log.lines.contains { $0.text.contains("section_start:") })
        #expect(log.lines.contains { $0.section == "step_script" })
    }
}
