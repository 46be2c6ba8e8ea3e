import LogAnalysis
import Testing

@testable import TriageCore

@Suite struct ConfigPatternsTests {
    @Test func patternsSectionAddsToTheBuiltInLibrary() throws {
        let text = """
            [patterns]
            gpu-lost = "CUDA error: (device-side assert|unspecified launch failure)"
            mirror-down = ["Could not resolve host: mirror\\\\.example", "network"]
            socket = ["(ECONNRESET|EPIPE) on socket", "network", "on socket"]
            """
        let config = try WorkspaceConfig.parse(text)
        #expect(config.patterns.map(\.name) == ["gpu-lost", "mirror-down", "socket"])
        #expect(
            config.patterns.map(\.anchor) == [
                "CUDA error: ", "Could not resolve host: mirror.example", "on socket",
            ])
        #expect(config.patterns.map(\.category) == ["test", "network", "network"])
        #expect(config.patterns.map(\.infrastructure) == [false, true, true])
        #expect(config.patterns.map(\.weight) == [90, 90, 90])
        let library = config.patternLibrary
        #expect(library.patterns.count == PatternLibrary.builtIn.patterns.count + 3)
        #expect(library.invalid.isEmpty)
        let hits = library.matches("CUDA error: unspecified launch failure").map { library.patterns[$0].name }
        #expect(hits == ["gpu-lost"])
        #expect(library.matches("CUDA error: invalid argument").map { library.patterns[$0].name } == [])
        #expect(try WorkspaceConfig.parse("").patternLibrary.patterns == PatternLibrary.builtIn.patterns)
    }

    @Test(arguments: [
        ("[patterns]\nbad = \"Killed (\"", 2, "patterns.bad: 'Killed (' is not a valid regular expression"),
        (
            "# mine\n[patterns]\n\neither = \"Killed|OOM\"", 4,
            "patterns.either: cannot find a literal text every match of 'Killed|OOM' contains; give one: [\"REGEX\", \"CATEGORY\", \"ANCHOR\"]"
        ),
        (
            "[patterns]\nnum = 3", 2,
            "patterns.num: must be \"REGEX\" or [\"REGEX\", \"CATEGORY\"] or [\"REGEX\", \"CATEGORY\", \"ANCHOR\"]"
        ),
    ])
    func invalidPatternsNameTheirLine(_ text: String, _ line: Int, _ message: String) {
        #expect(throws: WorkspaceConfig.ParseError(line: line, message: message)) {
            try WorkspaceConfig.parse(text)
        }
    }

    @Test(
        arguments: [
            ("CUDA error: (a|b)", "CUDA error: "),
            (#"Killed\s+process"#, "process"),
            ("colou?r", "colo"),
            (#"exit code 137\b"#, "exit code 137"),
            (#"[Ss]egfault at 0x[0-9a-f]+"#, "egfault at 0x"),
            (#"ERROR: \w+ failed"#, "ERROR: "),
            ("a|b", nil),
            (#"\d+x"#, nil),
        ] as [(String, String?)])
    func anchorIsTheLongestTopLevelLiteral(_ regex: String, _ anchor: String?) {
        #expect(ConfigPatterns.anchor(of: regex) == anchor)
    }
}
