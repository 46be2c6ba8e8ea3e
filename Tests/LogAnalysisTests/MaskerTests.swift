import Testing

@testable import LogAnalysis

@Suite struct MaskerTests {
    // (input, expected) — each row names the rule it exercises.
    static let cases: [(String, String)] = [
        // temp paths + numbers
        ("/tmp/jl_AbC123/Foo.jl:42", "/tmp/<tmp>/Foo.jl:<n>"),
        (
            "/home/pkgeval/.julia/packages/AbstractNumbers/VWdQ8/test/runtests.jl:86",
            "/home/pkgeval/.julia/packages/AbstractNumbers/<tmp>/test/runtests.jl:<n>"
        ),
        (
            "/home/runner/work/_temp/9f0c9595-8da8-45d1-8d1b-f3e91ddb1feb/cache.tzst",
            "/home/runner/work/_temp/<tmp>/cache.tzst"
        ),
        ("/usr/tmpfiles/x", "/usr/tmpfiles/x"),  // no: `tmp` not a whole component
        // uuid
        ("id 9f0c9595-8da8-45d1-8d1b-f3e91ddb1feb done", "id <uuid> done"),
        // timestamps, dates, times
        ("at 2026-01-21T09:47:05.094219Z go", "at <ts> go"),
        ("Finished at: 2021-09-28T17:36:16+02:00", "Finished at: <ts>"),
        ("on 2026-01-21 only", "on <date> only"),
        ("took until 09:47:05.123", "took until <time>"),
        // ip and port
        ("connect 10.0.0.12:8080 refused", "connect <ip>:<n> refused"),
        // hex, hashes
        ("addr=0x7ffd1234 pc=0xd0ce46", "addr=<hex> pc=<hex>"),
        ("Checking out 3c530002 as detached", "Checking out <hash> as detached"),
        ("commit eb48b511a9 ok", "commit <hash> ok"),
        ("deadbeef stays", "deadbeef stays"),  // no digit: a word
        ("job 1234567 ok", "job <n> ok"),  // digits only: a number
        // versions
        ("julia 1.4.0-DEV-1432c5a085 build", "julia <v> build"),
        ("runner v18.7 and 18.7.0~pre.433.g3a5f2314", "runner <v> and <v>"),
        ("class file has wrong version 55.0", "class file has wrong version <n>"),
        // durations
        ("Total time:  2.831 s", "Total time:  <dur>"),
        ("--- FAIL: TestX (0.01s)", "--- FAIL: TestX (<dur>)"),
        ("took longer than 1h0m0s seconds", "took longer than <dur> seconds"),
        ("compiled 3 files in 12ms", "compiled <n> files in <dur>"),
        // digits inside words stay
        ("Complex{Float64} on x86_64 utf8", "Complex{Float64} on x86_64 utf8"),
        ("exit code 137", "exit code <n>"),
    ]

    @Test(arguments: cases)
    func masks(_ c: (String, String)) {
        #expect(Masker.mask(c.0) == c.1)
    }

    @Test(arguments: [
        (
            "Test Failed at /tmp/<tmp>/Foo.jl:<n>",
            ["Test", "Failed", "at", "tmp", "<tmp>", "Foo", "jl", "<n>"]
        ),
        ("x<y and <n>", ["x", "y", "and", "<n>"]),
        ("", []),
    ])
    func tokenises(_ c: (String, [String])) {
        #expect(Tokenizer.tokens(c.0) == c.1)
    }

    /// `sameMask` answers as comparing the two masks: on each pair of neighbouring lines of the
    /// samples, on the table's inputs against each other, and on generated pairs.
    @Test func sameMaskAnswersAsComparingMasks() throws {
        var pairs: [(String, String)] = []
        for (_, raw) in try FastPathEquivalenceTests.realTraces().prefix(8) {
            let texts = TraceCleaner.clean(raw).lines.map(\.text)
            pairs += zip(texts, texts.dropFirst()).map { ($0, $1) }
        }
        let inputs = Self.cases.map(\.0) + ["", "1", "12", "a", "/tmp/x", "/tmp/y", "v1.2", "v1.3"]
        for a in inputs { for b in inputs { pairs.append((a, b)) } }
        let pieces = ["1", "22", " ", "a", "ab", "/tmp/", "x/", "0x1f", "1.2.3", "-", "ms", ":", "é", "<n>"]
        var generated = PieceTexts(pieces, seed: 5)
        for _ in 0..<20_000 { pairs.append((generated.next(), generated.next())) }
        var mismatches = 0
        for (a, b) in pairs where mismatches < 5 {
            let expected = Masker.mask(a) == Masker.mask(b)
            let got = Array(a.utf8).withUnsafeBufferPointer { x in
                Array(b.utf8).withUnsafeBufferPointer { y in Masker.sameMask(x, y) }
            }
            if got != expected {
                mismatches += 1
                Issue.record("\(a.debugDescription) vs \(b.debugDescription): \(got)")
            }
        }
    }
}
