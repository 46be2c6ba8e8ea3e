import Testing

@testable import LogAnalysis

/// One line through one parser, with the events it must give (`[]`: must not parse).
struct DependencyLineCase: CustomTestStringConvertible, Sendable {
    let parser: String
    let line: String
    /// `eco:name version [id]` for `.present`, `- eco:name` for `.removed`.
    let expected: [String]
    let rule: String
    var testDescription: String { "\(parser): \(rule)" }
}

extension DependencyEvent {
    var text: String {
        switch self {
        case .present(let d): return d.description
        case .removed(let e, let n): return "- \(e.rawValue):\(n)"
        }
    }
}

@Suite struct DependenciesParserTests {
    static let parsers: [String: DependencyLineParser] = Dictionary(
        uniqueKeysWithValues: DependencyParser.defaultParsers.map { ($0.name, $0) })

    static let cases: [DependencyLineCase] = [
        // Julia: Status / Updating entries.
        .init(
            parser: "julia", line: "  [a93c6f00] DataFrames v1.6.1",
            expected: ["julia:DataFrames 1.6.1 [a93c6f00]"],
            rule: "status entry"),
        .init(
            parser: "julia", line: "⌅ [a93c6f00] DataFrames v1.6.1",
            expected: ["julia:DataFrames 1.6.1 [a93c6f00]"],
            rule: "held-back marker"),
        .init(
            parser: "julia", line: "⌃ [a93c6f00] DataFrames v1.6.1 ⚲",
            expected: ["julia:DataFrames 1.6.1 [a93c6f00]"],
            rule: "upgradable marker, pinned note"),
        .init(
            parser: "julia", line: "  [a93c6f00] ↑ DataFrames v1.6.0 ⇒ v1.7.0",
            expected: ["julia:DataFrames 1.7.0 [a93c6f00]"], rule: "upgrade takes the new version"),
        .init(
            parser: "julia", line: "⌅ [a93c6f00] ↓ DataFrames v1.7.0 ⇒ v1.6.1",
            expected: ["julia:DataFrames 1.6.1 [a93c6f00]"], rule: "downgrade with marker"),
        .init(
            parser: "julia", line: "  [1629540a] + Batched v0.1.0",
            expected: ["julia:Batched 0.1.0 [1629540a]"],
            rule: "added (real PkgEval line)"),
        .init(
            parser: "julia", line: "  [efe28fd5] + OpenSpecFun_jll v0.5.3+1",
            expected: ["julia:OpenSpecFun_jll 0.5.3+1 [efe28fd5]"], rule: "JLL build number kept"),
        .init(
            parser: "julia", line: "  [a93c6f00] - DataFrames v1.6.1", expected: ["- julia:DataFrames"],
            rule: "removal"),
        .init(
            parser: "julia", line: "  [a93c6f00] ~ DataFrames v1.6.1 `~/.julia/dev/DataFrames` ⇒ v1.6.1",
            expected: ["julia:DataFrames 1.6.1 [a93c6f00]"], rule: "source change"),
        .init(
            parser: "julia", line: " Installed DataFrames ────────────────── v0.20.0",
            expected: ["julia:DataFrames 0.20.0"], rule: "installed, real PkgEval line"),
        .init(
            parser: "julia", line: " Installed OpenSpecFun_jll ── v0.5.3+1",
            expected: ["julia:OpenSpecFun_jll 0.5.3+1"],
            rule: "installed JLL"),
        .init(
            parser: "julia", line: "Julia Version 1.4.0-DEV.577", expected: ["julia:julia 1.4.0-DEV.577"],
            rule: "versioninfo"),
        .init(
            parser: "julia", line: "julia version 1.10.2", expected: ["julia:julia 1.10.2"],
            rule: "julia --version"),
        // Julia: must not parse.
        .init(
            parser: "julia", line: "  [8dfed614] Test  [`@stdlib/Test`]", expected: [],
            rule: "stdlib, no version"),
        .init(
            parser: "julia", line: "  [2a0f44e3] + Base64 ", expected: [], rule: "stdlib added, no version"),
        .init(parser: "julia", line: "  [8dfed614] Test", expected: [], rule: "bare stdlib"),
        .init(
            parser: "julia", line: "Status `/tmp/jl_T5qenc/Manifest.toml`", expected: [],
            rule: "status header"),
        .init(
            parser: "julia", line: "  Updating `~/.julia/environments/v1.4/Project.toml`", expected: [],
            rule: "updating header"),
        .init(parser: "julia", line: "Precompiling project...", expected: [], rule: "precompile banner"),
        .init(parser: "julia", line: "  ✓ DataFrames", expected: [], rule: "precompile progress"),
        .init(
            parser: "julia", line: "[ Info: Precompiling Foo [a93c6f00-e57d-5684-b7b6-d8193f3e46c0]",
            expected: [],
            rule: "logging line"),
        .init(
            parser: "julia", line: "  [1] top-level scope at /home/x/test.jl:3", expected: [],
            rule: "stack frame"),
        .init(
            parser: "julia", line: "  [a93c6f00] DataFrames #master (https://github.com/x/DataFrames.jl)",
            expected: [], rule: "tracked branch has no version"),
        .init(parser: "julia", line: " Installed 3 packages", expected: [], rule: "no ─ run"),
        .init(
            parser: "julia", line: "Julia Version 1.10.2 is required", expected: [],
            rule: "not the whole line"),
        .init(
            parser: "julia", line: "  [a1b2c3d4] Merge branch 'main'", expected: [], rule: "git-like bracket"),

        // pip
        .init(
            parser: "pip", line: "Successfully installed a-1.0 b-2.0.1 typing_extensions-4.12.2",
            expected: ["pip:a 1.0", "pip:b 2.0.1", "pip:typing_extensions 4.12.2"], rule: "install summary"),
        .init(
            parser: "pip", line: "Successfully installed python-dateutil-2.9.0.post0 jaraco.text-3.12.1",
            expected: ["pip:python-dateutil 2.9.0.post0", "pip:jaraco.text 3.12.1"],
            rule: "dashes inside names"),
        .init(parser: "pip", line: "numpy==1.26.4", expected: ["pip:numpy 1.26.4"], rule: "freeze"),
        .init(
            parser: "pip", line: "torch==2.2.1+cpu", expected: ["pip:torch 2.2.1+cpu"],
            rule: "freeze local version"),
        .init(parser: "pip", line: " + numpy==1.26.4", expected: ["pip:numpy 1.26.4"], rule: "uv added"),
        .init(parser: "pip", line: " - numpy==1.26.3", expected: ["- pip:numpy"], rule: "uv removed"),
        .init(
            parser: "pip",
            line: "Requirement already satisfied: numpy in /usr/lib/python3/dist-packages (1.26.4)",
            expected: ["pip:numpy 1.26.4"], rule: "already satisfied"),
        .init(
            parser: "pip",
            line: "Requirement already satisfied: six>=1.5 in /usr/local/lib/python3.11/site-packages "
                + "(from python-dateutil>=2.8.2->pandas) (1.16.0)",
            expected: ["pip:six 1.16.0"], rule: "already satisfied with specifier and origin"),
        .init(
            parser: "pip", line: "Python 3.11.8", expected: ["pip:python 3.11.8"], rule: "python --version"),
        .init(parser: "pip", line: "Collecting numpy==1.26.4", expected: [], rule: "request, not install"),
        .init(
            parser: "pip",
            line: "Requirement already satisfied: numpy in ./venv/lib/python3.11/site-packages",
            expected: [], rule: "old pip, no version"),
        .init(parser: "pip", line: "E       assert x == 1", expected: [], rule: "assertion"),
        .init(parser: "pip", line: "a==b", expected: [], rule: "version must start with a digit"),
        .init(
            parser: "pip", line: "========== 3 failed, 2 passed ==========", expected: [],
            rule: "pytest rule line"),
        .init(parser: "pip", line: "Successfully built numpy", expected: [], rule: "built, not installed"),
        .init(
            parser: "pip", line: "Python 3.11.8 (main, Feb  7 2024) [GCC]", expected: [], rule: "REPL banner"),

        // npm
        .init(
            parser: "npm", line: "+ lodash@4.17.21", expected: ["npm:lodash 4.17.21"], rule: "npm 6 summary"),
        .init(
            parser: "npm", line: "+ @babel/core@7.24.0", expected: ["npm:@babel/core 7.24.0"], rule: "scoped"),
        .init(parser: "npm", line: "├── lodash@4.17.21", expected: ["npm:lodash 4.17.21"], rule: "ls entry"),
        .init(
            parser: "npm", line: "└─┬ @scope/pkg@1.2.3", expected: ["npm:@scope/pkg 1.2.3"], rule: "ls node"),
        .init(
            parser: "npm", line: "│ ├── ms@2.1.3 deduped", expected: ["npm:ms 2.1.3"], rule: "nested, deduped"
        ),
        .init(
            parser: "npm", line: "+-- left-pad@1.3.0", expected: ["npm:left-pad 1.3.0"], rule: "ascii tree"),
        .init(
            parser: "npm", line: "`-- react@18.2.0 extraneous", expected: ["npm:react 18.2.0"],
            rule: "ascii last"),
        .init(parser: "npm", line: "added 120 packages in 3s", expected: [], rule: "no versions"),
        .init(parser: "npm", line: "├── UNMET DEPENDENCY foo@^1.0.0", expected: [], rule: "unmet"),
        .init(parser: "npm", line: "└── (empty)", expected: [], rule: "empty tree"),
        .init(parser: "npm", line: "my-app@1.0.0 /builds/g/my-app", expected: [], rule: "tree root"),
        .init(parser: "npm", line: "+ git clone git@github.com:x/y.git", expected: [], rule: "shell trace"),
        .init(parser: "npm", line: "+ deploy@10.0.0.1:/srv", expected: [], rule: "host, not version"),
        .init(parser: "npm", line: "├── foo@^1.2.0", expected: [], rule: "range"),

        // Go
        .init(
            parser: "go", line: "go: downloading golang.org/x/net v0.23.0",
            expected: ["go:golang.org/x/net v0.23.0"],
            rule: "download"),
        .init(
            parser: "go", line: "go: added github.com/stretchr/testify v1.9.0",
            expected: ["go:github.com/stretchr/testify v1.9.0"], rule: "added"),
        .init(
            parser: "go", line: "go: upgraded github.com/x/y v1.0.0 => v1.1.0",
            expected: ["go:github.com/x/y v1.1.0"],
            rule: "upgraded takes the new version"),
        .init(
            parser: "go", line: "go: downgraded github.com/x/y v1.1.0 => v1.0.0",
            expected: ["go:github.com/x/y v1.0.0"],
            rule: "downgraded"),
        .init(
            parser: "go", line: "go: removed github.com/x/y v1.0.0", expected: ["- go:github.com/x/y"],
            rule: "removed"),
        .init(
            parser: "go", line: "go: found golang.org/x/net/html in golang.org/x/net v0.23.0",
            expected: ["go:golang.org/x/net v0.23.0"], rule: "found"),
        .init(
            parser: "go", line: "go: downloading golang.org/x/sys v0.0.0-20240301123456-abcdef123456",
            expected: ["go:golang.org/x/sys v0.0.0-20240301123456-abcdef123456"], rule: "pseudo-version"),
        .init(
            parser: "go", line: "go: downloading go1.22.1 (linux/amd64)", expected: ["go:go 1.22.1"],
            rule: "toolchain download"),
        .init(
            parser: "go", line: "go version go1.22.1 linux/amd64", expected: ["go:go 1.22.1"],
            rule: "go version"),
        .init(
            parser: "go", line: "go: upgraded toolchain go1.21.1 => go1.22.1", expected: ["go:go 1.22.1"],
            rule: "toolchain upgrade"),
        .init(parser: "go", line: "go: upgraded go 1.21 => 1.22.0", expected: [], rule: "language version"),
        .init(
            parser: "go", line: "go: finding module for package github.com/x/y", expected: [], rule: "finding"
        ),
        .init(parser: "go", line: "go: module github.com/x/y: not found", expected: [], rule: "error"),
        .init(parser: "go", line: "go: downloading", expected: [], rule: "truncated line"),

        // Cargo
        .init(
            parser: "cargo", line: "   Compiling serde v1.0.197", expected: ["cargo:serde 1.0.197"],
            rule: "compiling"),
        .init(
            parser: "cargo", line: "  Downloaded tokio v1.36.0", expected: ["cargo:tokio 1.36.0"],
            rule: "downloaded"),
        .init(
            parser: "cargo", line: "    Checking regex-syntax v0.8.2", expected: ["cargo:regex-syntax 0.8.2"],
            rule: "checking"),
        .init(
            parser: "cargo", line: "   Compiling foo v0.3.0 (https://github.com/x/foo#1a2b3c4d)",
            expected: ["cargo:foo 0.3.0"], rule: "git source"),
        .init(
            parser: "cargo", line: "    Updating serde v1.0.196 -> v1.0.197",
            expected: ["cargo:serde 1.0.197"],
            rule: "cargo update"),
        .init(
            parser: "cargo", line: "    Removing serde v1.0.196", expected: ["- cargo:serde"],
            rule: "removing"),
        .init(
            parser: "cargo", line: "rustc 1.77.0 (aedd173a2 2024-03-17)", expected: ["cargo:rustc 1.77.0"],
            rule: "rustc --version"),
        .init(
            parser: "cargo", line: "   Compiling myapp v0.1.0 (/builds/g/myapp)", expected: [],
            rule: "local path crate"),
        .init(
            parser: "cargo", line: "  Downloaded 120 crates (12.3 MB) in 2.1s", expected: [],
            rule: "download summary"),
        .init(parser: "cargo", line: "    Updating crates.io index", expected: [], rule: "index update"),
        .init(parser: "cargo", line: "[3/10] Compiling LogAnalysis Foo.swift", expected: [], rule: "SwiftPM"),
        .init(
            parser: "cargo", line: "Compiling 3 files with solc 0.8.20", expected: [], rule: "other compiler"),
        .init(
            parser: "cargo", line: "    Finished `dev` profile [unoptimized] target(s) in 4.2s", expected: [],
            rule: "finished"),

        // Maven
        .init(
            parser: "maven",
            line:
                "Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/commons/commons-lang3/"
                + "3.14.0/commons-lang3-3.14.0.jar (658 kB at 1.2 MB/s)",
            expected: ["maven:org.apache.commons:commons-lang3 3.14.0"], rule: "central jar"),
        .init(
            parser: "maven",
            line:
                "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/com/google/guava/guava/"
                + "33.0.0-jre/guava-33.0.0-jre.pom (10 kB at 50 kB/s)",
            expected: ["maven:com.google.guava:guava 33.0.0-jre"], rule: "[INFO] prefix, pom"),
        .init(
            parser: "maven",
            line:
                "Downloaded from nexus: https://nexus.example.com/repository/maven-public/io/netty/netty-codec/"
                + "4.1.107.Final/netty-codec-4.1.107.Final.jar (340 kB at 2 MB/s)",
            expected: ["maven:io.netty:netty-codec 4.1.107.Final"], rule: "Nexus root"),
        .init(
            parser: "maven",
            line:
                "Downloaded from gitlab: https://gitlab.example.com/api/v4/projects/12/packages/maven/com/acme/"
                + "core/2.1.0/core-2.1.0.jar (5 kB at 9 kB/s)",
            expected: ["maven:com.acme:core 2.1.0"], rule: "GitLab package registry root"),
        .init(
            parser: "maven",
            line:
                "Downloading from central: https://repo.maven.apache.org/maven2/org/apache/commons/commons-lang3/"
                + "3.14.0/commons-lang3-3.14.0.jar",
            expected: [], rule: "downloading is not downloaded"),
        .init(
            parser: "maven",
            line: "Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/maven/plugins/"
                + "maven-metadata.xml (14 kB at 40 kB/s)",
            expected: [], rule: "metadata"),
        .init(
            parser: "maven",
            line:
                "Downloaded from central: https://repo.maven.apache.org/maven2/org/x/y/1.0/y-1.0.jar.sha1 (40 B)",
            expected: [], rule: "checksum"),
        .init(parser: "maven", line: "[INFO] BUILD SUCCESS", expected: [], rule: "build result"),
    ]

    @Test(arguments: cases)
    func line(_ c: DependencyLineCase) throws {
        let parser = try #require(Self.parsers[c.parser])
        #expect(parser(c.line).map(\.text) == c.expected)
    }

    /// The must-match lines of one ecosystem give nothing in any other parser: the parsers do
    /// not step on each other.
    @Test(arguments: cases.filter { !$0.expected.isEmpty })
    func onlyItsOwnParserMatches(_ c: DependencyLineCase) {
        for p in DependencyParser.defaultParsers where p.name != c.parser {
            #expect(p(c.line).isEmpty, "\(p.name) also parsed \(c.line)")
        }
    }

    @Test func lastOccurrenceWinsAndRemovalsDelete() {
        let log = CleanedLog(plain: [
            "   Installed DataFrames ─ v1.6.0",
            "  [a93c6f00] + DataFrames v1.6.0",
            "  [a93c6f00] ↑ DataFrames v1.6.0 ⇒ v1.7.0",
            "  [864edb3b] + DataStructures v0.17.6",
            "  [864edb3b] - DataStructures v0.17.6",
            "Successfully installed typing_extensions-4.11.0",
            "typing-extensions==4.12.2",
            "some unrelated line",
        ])
        let listing = DependencyParser.parse(log)
        #expect(
            listing.sorted.map(\.description) == [
                "julia:DataFrames 1.7.0 [a93c6f00]",
                "pip:typing-extensions 4.12.2",
            ])
        #expect(listing.lines["julia:DataFrames"] == 3)
        #expect(listing["pip:typing-extensions"]?.version == "4.12.2")
        #expect(listing[.pip, name: "Typing_Extensions"]?.version == "4.12.2")
    }

    @Test func aNewEcosystemIsOneParserValue() {
        let conda = DependencyLineParser(name: "conda") { line in
            let w = line.words
            guard w.count == 4, w[3] == "conda-forge" else { return [] }
            return [.present(Dependency(ecosystem: "conda", name: String(w[0]), version: String(w[1])))]
        }
        let log = CleanedLog(plain: [
            "numpy                     1.26.4          py311h64a7726_0    conda-forge"
        ])
        let listing = DependencyParser.parse(log, parsers: DependencyParser.defaultParsers + [conda])
        #expect(listing.sorted.map(\.description) == ["conda:numpy 1.26.4"])
    }

    @Test func pipNamesNormalise() {
        #expect(Ecosystem.pip.normalizedName("Typing_Extensions") == "typing-extensions")
        #expect(Ecosystem.pip.normalizedName("zope.interface") == "zope-interface")
        #expect(Ecosystem.pip.normalizedName("a__b--c") == "a-b-c")
        #expect(Ecosystem.julia.normalizedName("DataFrames") == "DataFrames")
    }
}
