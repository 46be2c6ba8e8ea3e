import Basics
import Foundation
import Testing
import TriageCore
@testable import TriageShell

@Suite struct CommandsTests {
    @Test func failuresListsLastNightsFailedNightlyJobs() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        #expect(await f.run("failures") == .success)
        #expect(
            f.sink.stdout == """
                cluster\tmarks\tnight\tproject\tjob\tstage\treason\tkey line\tjob id\turl\tissue\tsince\tsuspect
                -\t\t2026-11-28\tjulia/Foo.jl\ttest-1.10\ttest\tscript_failure\tnot analysed yet\t1051\thttps://g/jobs/1051\t-\t2026-11-27 (2)\t-

                """)
        #expect(f.sink.stderr == "")
    }

    @Test func failuresJoinTheStoredAnalysis() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        #expect(await f.run("recluster") == .success)
        let (_, analyses) = try f.context.analysisStore()
        let cluster = try #require(try analyses.analysis(jobID: 1051)?.cluster?.rawValue)
        let first = try #require(try analyses.clusterStates().first { $0.id.rawValue == cluster }?.firstNight)
        let marks = first == "2026-11-28" ? "NEW" : ""
        f.sink.clear()
        #expect(await f.run("failures") == .success)
        #expect(
            f.sink.stdout == """
                cluster\tmarks\tnight\tproject\tjob\tstage\treason\tkey line\tjob id\turl\tissue\tsince\tsuspect
                \(cluster)\t\(marks)\t2026-11-28\tjulia/Foo.jl\ttest-1.10\ttest\tscript_failure\tERROR: LoadError: Some tests did not pass\t1051\thttps://g/jobs/1051\t-\t2026-11-27 (2)\t-

                """)
        f.sink.clear()
        f.context.format = .json
        #expect(await f.run("failures --cluster \(cluster)") == .success)
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(f.sink.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records.first?["cluster"] as? String == cluster)
        #expect(records.first?["new"] as? Bool == (marks == "NEW"))
        #expect(records.first?["flaky"] as? Bool == false)
        #expect(records.first?["key_line"] as? String == "ERROR: LoadError: Some tests did not pass")
        #expect(
            records.first?["excerpt"] as? [String]
                == (try analyses.analysis(jobID: 1051))?.excerpt.map(\.text))
        // The command's own --format json, in a tsv session: the same records, excerpt included,
        // and the session's format is tsv again afterwards.
        f.context.format = .tsv
        let jsonRecords = f.sink.stdout
        f.sink.clear()
        #expect(await f.run("failures --cluster \(cluster) --format json") == .success)
        #expect(f.sink.stdout == jsonRecords)
        #expect(f.context.format == .tsv)
        f.context.format = .json
        f.sink.clear()
        #expect(await f.run("failures --cluster c-00000000") == .success)
        #expect(f.sink.stdout == "[]\n")
        f.sink.clear()
        #expect(await f.run("show job 1051") == .success)
        let shown = try #require(
            try JSONSerialization.jsonObject(with: Data(f.sink.stdout.utf8)) as? [String: Any])
        #expect(shown["cluster"] as? String == cluster)
        #expect(shown["excerpt"] as? [String] == records.first?["excerpt"] as? [String])
        let lines = try #require(shown["excerpt_lines"] as? [[String: Any]])
        let key = lines.first { $0["text"] as? String == "ERROR: LoadError: Some tests did not pass" }
        #expect(key?["reason"] as? String == "pattern")
        #expect(key?["pattern"] is String)
        f.sink.clear()
        #expect(await f.run("trace 1051") == .success)
        let trace = try #require(
            try JSONSerialization.jsonObject(with: Data(f.sink.stdout.utf8)) as? [String: Any])
        let marked = try #require(trace["lines"] as? [[String: Any]]).filter {
            $0["in_excerpt"] as? Bool == true
        }
        #expect(marked.compactMap { $0["text"] as? String } == records.first?["excerpt"] as? [String])
        f.sink.clear()
        // A cluster id is read when the line is parsed: a usage error naming the command.
        #expect(await f.run("failures --cluster nope", file: "a.triage") == .stopped)
        #expect(
            f.sink.stderr
                == "a.triage:1: error: failures: 'nope' is not a cluster id — cluster ids look like c-3f9a2b1c; see 'clusters'\n"
        )
        f.sink.clear()
        #expect(await f.session.run(words: ["cluster", "c-nope"]) == .usage)
        #expect(f.sink.stderr.contains("cluster: 'c-nope' is not a cluster id"))
    }

    /// Issue 14: a time read on its own says which zone it is in.
    @Test func showJobTimesCarryTheirZone() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        #expect(await f.run("show job 1051") == .success)
        let rows = f.sink.stdout.split(separator: "\n")
        #expect(
            rows.filter { ["created", "started", "finished"].contains($0.prefix { $0 != "\t" }) } == [
                "created\t2026-11-29 00:00 -06:00", "started\t2026-11-29 00:00 -06:00",
                "finished\t2026-11-29 00:05 -06:00",
            ])
    }

    @Test func failuresFiltersAndWarnings() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        f.context.format = .json
        #expect(await f.run("failures 3d --with-warnings --name 'nigh*' --project ci-images") == .success)
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(f.sink.stdout.utf8)) as? [[String: Any]])
        #expect(records.compactMap { $0["job"] as? Int } == [1062, 1042, 1022])
        #expect(records.allSatisfy { $0["allow_failure"] as? Bool == true })
    }

    @Test func emptyCacheSaysFetchFirst() async throws {
        let f = try ShellFixture(filled: false)
        defer { f.cleanUp() }
        #expect(await f.run("failures", file: "a.triage") == .stopped)
        #expect(f.sink.stderr == "a.triage:1: error: the cache is empty — run 'fetch' first\n")
    }

    @Test func showJobNotInCacheSaysWhatNext() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        #expect(await f.run("show job 123") == .stopped)
        #expect(
            f.sink.stderr
                == "error: job 123 is not in the cache — run 'fetch' (only nightly pipelines' jobs are fetched)\n"
        )
    }

    @Test func historyStripRunsOldestToNewest() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        f.context.format = .json
        #expect(await f.run("history Foo.jl test-1.10 4d") == .success)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(f.sink.stdout.utf8)) as? [String: Any])
        #expect(object["strip"] as? String == "_.xx")
        #expect(object["job"] as? String == "test-1.10")
    }

    @Test func setFormatLastsForTheSession() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        #expect(await f.run("set format json\nprojects") == .success)
        #expect(f.context.format == .json)
        #expect(
            f.sink.stdout.hasSuffix(
                """
                  {
                    "failed_nights": 0,
                    "id": 2,
                    "last_failure": null,
                    "last_night": "2026-11-28",
                    "last_status": "success",
                    "nights": 3,
                    "project": "tools/ci-images",
                    "web_url": "https://g/tools/ci-images"
                  }
                ]

                """))
    }

    @Test func traceIsCleanedWithSectionMarkersAndPagedOnATerminal() async throws {
        let f = try ShellFixture(pager: true)
        defer { f.cleanUp() }
        #expect(await f.run("trace 1051") == .success)
        #expect(f.paged.count == 1)
        #expect(f.sink.stdout == "")
        let plain = try ShellFixture()
        defer { plain.cleanUp() }
        #expect(await plain.run("trace 1051\ntrace 1051 --grep ERROR") == .success)
        #expect(
            plain.sink.stdout == """
                ── step_script ──
                Running tests
                Test Summary: | Fail
                ERROR: LoadError: Some tests did not pass
                3: ERROR: LoadError: Some tests did not pass

                """)
        #expect(await plain.run("trace 1051 --raw") == .success)
        #expect(plain.sink.raw.starts(with: Data("section_start:1:step_script\r\u{1B}[0K".utf8)))
    }

    @Test(arguments: [
        (
            "show jbo 1",
            "error: show: WHAT must be job, pipeline or settings, not 'jbo' — did you mean 'show job'?\n"
        ),
        ("show job x", "error: show job: 'x' is not a job id (a positive whole number)\n"),
        (
            "trace 1051 --raw --tail 3",
            "error: trace: --raw shows the bytes unchanged, without --tail or --grep — usage: trace JOB [--tail N] [--grep RE] [--raw]\n"
        ),
        ("trace 1051 --grep '('", "error: trace: --grep '(' is not a regular expression\n"),
        (
            "failures 3x",
            "error: failures: '3x' is not a time range (try last-night, 7d, 2026-11-28 or 2026-11-01..2026-11-28)\n"
        ),
        ("history Fo.jl", "error: no project 'Fo.jl' in the cache — did you mean 'julia/Foo.jl'?\n"),
        (
            "history Foo.jl tset-1.10",
            "error: history: no job 'tset-1.10' in julia/Foo.jl on these nights — did you mean 'test-1.10'?\n"
        ),
        ("set colour never", "error: set: no setting 'colour' — did you mean 'color'?\n"),
        ("set format xml", "error: set format: 'xml' is not one of table, tsv, json\n"),
        (
            "set timezone UTC",
            "error: set: the time zone defines the nights, so it is not a session setting — change [nightly] timezone in triage.toml\n"
        ),
    ])
    func errorsSayWhatAndWhatNext(line: String, message: String) async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        #expect(await f.run(line) == .stopped)
        #expect(f.sink.stderr == message)
    }

    @Test func sourceIsRelativeToTheIncludingFileAndNestingIsCapped() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        let dir = f.root.appendingPathComponent("scripts/inner", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let outer = f.root.appendingPathComponent("scripts/outer.triage")
        try "source inner/a.triage\n".write(to: outer, atomically: true, encoding: .utf8)
        try "show settings\nbogus\n".write(
            to: dir.appendingPathComponent("a.triage"), atomically: true, encoding: .utf8)
        #expect(await f.run("source \(outer.path)") == .stopped)
        #expect(
            f.sink.stderr
                == "\(dir.path)/a.triage:2: error: unknown command 'bogus' — type 'help' for the list of commands\n"
        )

        let loop = f.root.appendingPathComponent("loop.triage")
        try "source loop.triage\n".write(to: loop, atomically: true, encoding: .utf8)
        let g = try ShellFixture()
        defer { g.cleanUp() }
        #expect(await g.run("source \(loop.path)") == .stopped)
        #expect(
            g.sink.stderr
                == "\(loop.path):1: error: source: scripts nest more than 8 deep — does 'loop.triage' source itself?\n"
        )
    }
}

/// Every command fed random words and numbers answers with a result or an error message,
/// never a crash (a generated test: the seed makes a failure reproducible).
@Test func randomWordsNeverCrashACommand() async throws {
    let f = try ShellFixture()
    defer { f.cleanUp() }
    var rng = SplitMix64(seed: 0x7121_A6E)
    let vocabulary = [
        "job", "pipeline", "settings", "7d", "0d", "-1", "0", "1051", "99999999999999999999", "last-night",
        "2026-11-28", "2026-02-30..2026-01-01", "Foo.jl", "julia/Foo.jl", "--tail", "--grep", "(", "--raw",
        "--project",
        "--with-warnings", "--name", "*", "", "format", "json", "--", "ü", "test-1.10", "--nights", "x..y",
        "--stage", "100000000d",
    ]
    for spec in CommandTable.standard.commands where !["fetch", "quit", "source"].contains(spec.name) {
        for _ in 0..<60 {
            var words = [spec.name]
            for _ in 0..<Int(rng.next() % 5) {
                words.append(vocabulary[Int(rng.next() % UInt64(vocabulary.count))])
            }
            let outcome = await f.session.run(words: words)
            // `.usage`: the words did not fit the command (a script treats it as failed).
            #expect(outcome == .ok || outcome == .failed || outcome == .usage, "\(words)")
        }
    }
    // Every failure was reported as one `error:` line; results may come with a `hint:` or a
    // `note:` (recluster notes the fixture's failures that have no cached trace).
    for line in f.sink.stderr.split(separator: "\n") {
        #expect(line.hasPrefix("error: ") || line.hasPrefix("hint: ") || line.hasPrefix("note: "), "\(line)")
    }
}
