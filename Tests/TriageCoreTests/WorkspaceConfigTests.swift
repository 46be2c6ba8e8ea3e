import Testing
@testable import TriageCore

@Test func parsesAFullConfig() throws {
    let text = """
        # the nightly dashboard of julia
        [gitlab]
        url = "https://gitlab.example.com"   # instance root

        [scope]
        groups = ["julia", "tools"]
        projects = ["infra/ci-images"]
        source = "all"
        nights = 14

        [nightly]
        timezone = "America/Chicago"

        [sync]
        concurrency = 8
        """
    let config = try WorkspaceConfig.parse(text)
    #expect(config.gitlabURL == "https://gitlab.example.com")
    #expect(config.groups == ["julia", "tools"])
    #expect(config.projects == ["infra/ci-images"])
    #expect(config.source == nil)
    #expect(config.nights == 14)
    #expect(config.timeZone == "America/Chicago")
    #expect(config.concurrency == 8)
    #expect(config.scope == .named(groups: ["julia", "tools"], projects: ["infra/ci-images"]))
}

@Test func emptyConfigMeansMembershipAndDefaults() throws {
    let config = try WorkspaceConfig.parse("")
    #expect(config.scope == .membership)
    #expect(config.source == "schedule")
    #expect(config.nights == 30)
}

@Test func renderedConfigParsesBack() throws {
    var config = WorkspaceConfig()
    config.gitlabURL = "http://127.0.0.1:8080"
    config.groups = ["julia"]
    config.timeZone = "Europe/Berlin"
    config.nights = 7
    #expect(try WorkspaceConfig.parse(config.rendered()) == config)
}

@Test(arguments: [
    ("[scope]\nnights = \"ten\"", 2, "scope.nights must be an integer"),
    ("[scope]\nnights = 0", 2, "scope.nights must be at least 1"),
    ("[scope]\ngroup = [\"julia\"]", 2, "unknown setting 'scope.group'"),
    ("[scopes]", 1, "unknown section [scopes]"),
    (
        "[gitlab]\nurl = https://x", 2,
        "gitlab.url: cannot read value 'https://x' (strings need double quotes)"
    ),
    (
        "[nightly]\ntimezone = \"Mars/Olympus\"", 2,
        "unknown time zone 'Mars/Olympus' (use an IANA name like America/Chicago)"
    ),
    ("[scope]\ngroups = [\"a\" \"b\"]", 2, "scope.groups: expected ',' between array items"),
    ("just words", 1, "expected 'key = value', got 'just words'"),
])
func reportsErrorsWithLines(text: String, line: Int, message: String) {
    #expect(throws: WorkspaceConfig.ParseError(line: line, message: message)) {
        try WorkspaceConfig.parse(text)
    }
}
