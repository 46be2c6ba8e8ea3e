import Basics

/// A Julia package the generated projects depend on; its version moves over the nights.
struct Dependency: Sendable {
    let name: String
    let uuid: String
    let major: Int
    let minor: Int
    let patch: Int
}

let dependencyCatalogue: [Dependency] = [
    .init(name: "DataFrames", uuid: "a93c6f00", major: 1, minor: 6, patch: 1),
    .init(name: "CSV", uuid: "336ed68f", major: 0, minor: 10, patch: 14),
    .init(name: "JSON", uuid: "682c06a0", major: 0, minor: 21, patch: 4),
    .init(name: "StaticArrays", uuid: "90137ffa", major: 1, minor: 9, patch: 7),
    .init(name: "ForwardDiff", uuid: "f6369f11", major: 0, minor: 10, patch: 36),
    .init(name: "Distributions", uuid: "31c24e10", major: 0, minor: 25, patch: 112),
    .init(name: "DataStructures", uuid: "864edb3b", major: 0, minor: 18, patch: 20),
    .init(name: "OrderedCollections", uuid: "bac558e1", major: 1, minor: 6, patch: 3),
    .init(name: "Reexport", uuid: "189a3867", major: 1, minor: 2, patch: 2),
    .init(name: "Tables", uuid: "bd369af6", major: 1, minor: 12, patch: 0),
    .init(name: "Unitful", uuid: "1986cc42", major: 1, minor: 21, patch: 0),
    .init(name: "SpecialFunctions", uuid: "276daf66", major: 2, minor: 4, patch: 0),
    .init(name: "Optim", uuid: "429524aa", major: 1, minor: 9, patch: 4),
    .init(name: "Zygote", uuid: "e88e6eb3", major: 0, minor: 6, patch: 70),
    .init(name: "Flux", uuid: "587475ba", major: 0, minor: 14, patch: 19),
    .init(name: "MLUtils", uuid: "f1d291b0", major: 0, minor: 4, patch: 4),
    .init(name: "ChainRulesCore", uuid: "d360d2e6", major: 1, minor: 24, patch: 0),
    .init(name: "Documenter", uuid: "e30172f5", major: 1, minor: 5, patch: 0),
    .init(name: "Aqua", uuid: "4c88cf16", major: 0, minor: 8, patch: 7),
    .init(name: "Compat", uuid: "34da2185", major: 4, minor: 15, patch: 0),
]

/// One step of a job template.
struct JobTemplate: Sendable {
    let name: String
    let stage: String
    let image: String
    let allowFailure: Bool
    let manual: Bool
    /// Typical run time in seconds.
    let seconds: ClosedRange<Int>
}

func jobTemplates(_ language: Organisation.Language) -> [JobTemplate] {
    switch language {
    case .julia:
        return [
            .init(
                name: "instantiate", stage: "build", image: "julia:1.11", allowFailure: false, manual: false,
                seconds: 60...180),
            .init(
                name: "test-julia-1.10", stage: "test", image: "julia:1.10", allowFailure: false,
                manual: false, seconds: 240...900),
            .init(
                name: "test-julia-1.11", stage: "test", image: "julia:1.11", allowFailure: false,
                manual: false, seconds: 240...900),
            .init(
                name: "test-nightly", stage: "test", image: "julia:nightly", allowFailure: true,
                manual: false, seconds: 240...900),
            .init(
                name: "docs", stage: "docs", image: "julia:1.11", allowFailure: false, manual: false,
                seconds: 90...300),
            .init(
                name: "deploy-docs", stage: "docs", image: "alpine:3.20", allowFailure: true, manual: true,
                seconds: 10...30),
        ]
    case .python:
        return [
            .init(
                name: "lint", stage: "lint", image: "python:3.12", allowFailure: false, manual: false,
                seconds: 20...60),
            .init(
                name: "pytest-3.11", stage: "test", image: "python:3.11", allowFailure: false, manual: false,
                seconds: 60...400),
            .init(
                name: "pytest-3.12", stage: "test", image: "python:3.12", allowFailure: false, manual: false,
                seconds: 60...400),
            .init(
                name: "build-wheel", stage: "package", image: "python:3.12", allowFailure: false,
                manual: false, seconds: 30...90),
            .init(
                name: "publish", stage: "package", image: "python:3.12", allowFailure: true, manual: true,
                seconds: 10...30),
        ]
    case .go:
        return [
            .init(
                name: "go-build", stage: "build", image: "golang:1.23", allowFailure: false, manual: false,
                seconds: 60...200),
            .init(
                name: "go-test", stage: "test", image: "golang:1.23", allowFailure: false, manual: false,
                seconds: 120...600),
            .init(
                name: "go-test-race", stage: "test", image: "golang:1.23", allowFailure: true, manual: false,
                seconds: 200...900),
            .init(
                name: "release", stage: "deploy", image: "alpine:3.20", allowFailure: true, manual: true,
                seconds: 10...30),
        ]
    case .rust:
        return [
            .init(
                name: "cargo-build", stage: "build", image: "rust:1.82", allowFailure: false, manual: false,
                seconds: 120...500),
            .init(
                name: "cargo-test", stage: "test", image: "rust:1.82", allowFailure: false, manual: false,
                seconds: 200...900),
            .init(
                name: "publish-crate", stage: "deploy", image: "rust:1.82", allowFailure: true, manual: true,
                seconds: 10...30),
        ]
    case .java:
        return [
            .init(
                name: "mvn-compile", stage: "build", image: "maven:3.9-eclipse-temurin-21",
                allowFailure: false, manual: false, seconds: 60...240),
            .init(
                name: "mvn-verify", stage: "test", image: "maven:3.9-eclipse-temurin-21", allowFailure: false,
                manual: false, seconds: 200...900),
            .init(
                name: "deploy", stage: "deploy", image: "alpine:3.20", allowFailure: true, manual: true,
                seconds: 10...30),
        ]
    case .javascript:
        return [
            .init(
                name: "npm-ci", stage: "build", image: "node:22", allowFailure: false, manual: false,
                seconds: 30...120),
            .init(
                name: "jest", stage: "test", image: "node:22", allowFailure: false, manual: false,
                seconds: 60...400),
            .init(
                name: "eslint", stage: "test", image: "node:22", allowFailure: true, manual: false,
                seconds: 20...90),
            .init(
                name: "pages", stage: "deploy", image: "alpine:3.20", allowFailure: true, manual: true,
                seconds: 10...30),
        ]
    case .infra:
        return [
            .init(
                name: "docker-build", stage: "build", image: "docker:27.3", allowFailure: false,
                manual: false, seconds: 120...600),
            .init(
                name: "integration-tests", stage: "test", image: "docker:27.3", allowFailure: false,
                manual: false, seconds: 200...900),
            .init(
                name: "deploy-staging", stage: "deploy", image: "alpine:3.20", allowFailure: true,
                manual: true, seconds: 20...60),
        ]
    }
}

/// Counters and plans that `advance(nights:)` continues from.
struct GeneratorState: Sendable {
    var firstNight: CivilDate
    var nextPipelineID = 50_001
    var nextJobID = 900_001
    var iids: [Int: Int] = [:]
    var heads: [Int: String] = [:]
    var commitCounter: [Int: Int] = [:]
    /// Night index at which the "new on the last night" causes begin (the initial last night).
    var lastNightIndex: Int
}

private let juliaPrefixes = [
    "Fast", "Sparse", "Tensor", "Mesh", "Optim", "Stat", "Signal", "Graph", "Quantum", "Interval", "Poly",
    "Spline", "Wavelet", "Geo", "Bio", "Chem", "Fluid", "Elastic", "Rational", "Symbolic",
]
private let juliaSuffixes = ["Kit", "Tools", "Base", "Core", "Arrays", "Solvers", "Utils", "Models"]
private let pythonNames = [
    "nightly-dashboard", "pkg-mirror-sync", "log-shipper", "runner-autoscaler", "registry-bot",
    "benchmark-harness", "docs-builder", "release-notes",
]
private let infraNames = [
    "ci-images", "runner-config", "terraform-gitlab", "artifact-cleaner", "cache-warmer",
]
private let goNames = ["runner-exporter", "webhook-relay", "gitlab-sync", "artifact-proxy", "queue-watcher"]
private let rustNames = ["log-indexer", "trace-compactor", "blob-store"]
private let javaNames = ["report-service", "build-scanner", "audit-api"]
private let javascriptNames = ["status-page", "dashboard-ui", "merge-bot"]
private let topics = [
    "rounding", "broadcast", "show", "indexing", "convert", "parse", "iteration", "hash", "promotion",
    "allocations", "threads", "precision",
]
/// (test, file, message) of Go test failures.
private let goTests = [
    ("TestParseConfig", "internal/config/config_test.go", "ParseConfig(\"\") error = <nil>, want ErrEmpty"),
    ("TestRetryBackoff", "internal/retry/retry_test.go", "backoff(3) = 4s, want 8s"),
    ("TestPagination", "internal/api/pages_test.go", "got 2 pages, want 3"),
    ("TestWebhookSignature", "internal/webhook/verify_test.go", "Verify() = false, want true"),
    ("TestCacheExpiry", "internal/cache/cache_test.go", "entry \"runner-7\" still present after TTL"),
]
/// (file, message) of Go compile errors in a project's own code.
private let goBuildErrors = [
    (
        "internal/cache/store.go",
        "cannot use ttl (variable of type int) as time.Duration value in argument to s.set"
    ),
    ("internal/api/client.go", "not enough arguments in call to c.do"),
    ("internal/webhook/handler.go", "declared and not used: payload"),
]
/// (test, file, message) of Rust test failures.
private let rustTests = [
    (
        "index::tests::merges_segments", "src/index/tests.rs",
        "assertion `left == right` failed: segment count after merge"
    ),
    (
        "query::tests::parses_open_ranges", "src/query/parse.rs",
        "assertion `left == right` failed: open range upper bound"
    ),
    (
        "store::tests::compacts_tombstones", "src/store/compact.rs",
        "assertion `left == right` failed: tombstones left after compaction"
    ),
]
/// (file, "code|message") of Rust compile errors in a project's own code.
private let rustBuildErrors = [
    ("src/segment/writer.rs", "E0308|mismatched types"),
    (
        "src/index/reader.rs",
        "E0502|cannot borrow `*self` as mutable because it is also borrowed as immutable"
    ),
]
/// (class, message) of JUnit failures.
private let javaTests = [
    ("FormatterTest", "expected: <2026-11-28> but was: <2026-11-27>"),
    ("RoundingTest", "expected: <0.15> but was: <0.14999999999999999>"),
    ("SchedulerIT", "expected: <3> but was: <2>"),
]
/// (class, "message|symbol|location") of javac errors in a project's own code.
private let javaBuildErrors = [
    ("Exporter", "cannot find symbol|symbol:   method toJson(CLASS)|location: class CLASS"),
    ("NightIndex", "incompatible types: possible lossy conversion from long to int"),
]
/// (file, message) of jest failures.
private let jestTests = [
    (
        "src/components/Heatmap.test.tsx",
        "expect(received).toBe(expected) // Object.is equality\n\nExpected: \"grey\"\nReceived: \"green\""
    ),
    (
        "src/lib/format.test.ts",
        "expect(received).toEqual(expected) // deep equality\n\nExpected: \"3 failures\"\nReceived: \"3 failure\""
    ),
    ("src/api/client.test.ts", "TypeError: Cannot read properties of undefined (reading 'json')"),
]
/// (function, source file) of C compile errors in the images' native helpers.
private let cBuildErrors = [
    ("deflateBound2", "compress"), ("inflateReset3", "decompress"), ("crc32_combine_gen64x", "checksum"),
]

/// Upstream breaks per ecosystem; the first of each is forced in windows of nine nights or more, and
/// the second too where there is one: a decoy pair (the same message but for one identifier).
private let upstreamCatalogue: [Organisation.Language: [FailureCause]] = [
    .python: [
        FailureCause(
            id: "python-numpy2-float_", kind: .pytest, isInfrastructure: false,
            summary: "NumPy 2.0 removed `np.float_`", subject: "float64", detail: "float_", file: "", line: 0,
            upstream: true),
        FailureCause(
            id: "python-numpy2-complex_", kind: .pytest, isInfrastructure: false,
            summary: "NumPy 2.0 removed `np.complex_`", subject: "complex128", detail: "complex_", file: "",
            line: 0,
            upstream: true),
        FailureCause(
            id: "python-resolver-botocore-urllib3", kind: .pkgResolution, isInfrastructure: false,
            summary: "botocore 1.35.60 needs urllib3 2, the projects pin urllib3<2",
            subject: "botocore==1.35.60",
            detail: "urllib3!=2.2.0,<3,>=1.25.4; python_version >= \"3.10\"", file: "", line: 0,
            upstream: true),
    ],
    .go: [
        FailureCause(
            id: "go-upstream-apiclient-ListJobsOptions", kind: .buildError, isInfrastructure: false,
            summary: "apiclient v0.9 renamed ListJobsOptions", subject: "upstream",
            detail: "undefined: apiclient.ListJobsOptions",
            file: "", line: 40, upstream: true),
        FailureCause(
            id: "go-upstream-apiclient-ListPipelinesOptions", kind: .buildError, isInfrastructure: false,
            summary: "apiclient v0.10 renamed ListPipelinesOptions", subject: "upstream",
            detail: "undefined: apiclient.ListPipelinesOptions", file: "", line: 60, upstream: true),
    ],
    .rust: [
        FailureCause(
            id: "rust-upstream-clap-get_matches_safe", kind: .buildError, isInfrastructure: false,
            summary: "clap removed `get_matches_safe`", subject: "upstream",
            detail:
                "E0599|no method named `get_matches_safe` found for struct `Command` in the current scope",
            file: "",
            line: 30, upstream: true)
    ],
    .java: [
        FailureCause(
            id: "java-upstream-jackson-dates", kind: .testFailure, isInfrastructure: false,
            summary: "jackson-databind 2.18 writes dates as arrays", subject: "upstream",
            detail: "expected: <\"2026-11-28\"> but was: <[2026,11,28]>", file: "", line: 70, upstream: true),
        FailureCause(
            id: "java-upstream-jackson-writeValueAsBytes", kind: .buildError, isInfrastructure: false,
            summary: "jackson-databind 3 moved `writeValueAsBytes`", subject: "upstream",
            detail:
                "cannot find symbol|symbol:   method writeValueAsBytes(java.lang.Object)|location: variable mapper of type com.fasterxml.jackson.databind.ObjectReader",
            file: "", line: 50, upstream: true),
    ],
    .javascript: [
        FailureCause(
            id: "jest-upstream-react-dom-render", kind: .testFailure, isInfrastructure: false,
            summary: "react-dom 19 removed `render`", subject: "upstream",
            detail: "TypeError: (0 , _reactDom.render) is not a function", file: "", line: 20, upstream: true)
    ],
]

/// The jobs an ecosystem's upstream break fails: its tests, or its build for a compile error.
private func upstreamJobs(_ language: Organisation.Language, _ kind: FailureCause.Kind) -> [String] {
    switch (language, kind) {
    case (.python, .pkgResolution): return jobTemplates(.python).filter { !$0.manual }.map(\.name)
    case (.python, _): return ["pytest-3.11", "pytest-3.12"]
    case (.go, _): return ["go-build"]
    case (.rust, _): return ["cargo-build"]
    case (.java, .buildError): return ["mvn-compile"]
    case (.java, _): return ["mvn-verify"]
    default: return ["jest"]
    }
}

private let commitTitles = [
    "Fix rounding in show for small values", "Bump compat bounds", "Add tests for edge cases",
    "Refactor internal iteration", "Update CI configuration", "Improve docstrings", "Speed up hot loop",
    "Handle empty input", "Drop support for old Julia versions", "Merge branch 'feature' into 'main'",
]

extension Organisation {
    /// Generates the organisation for `configuration` without serving it (release build: 100 projects × 30
    /// nights in ~50 ms). Equal configurations give equal organisations and byte-identical traces.
    public init(configuration c: SimulatorConfiguration) {
        let last = CivilDate(c.lastNight) ?? CivilDate(year: 2026, month: 11, day: 28)
        let nightCount = max(1, c.nights)
        let first = last.adding(days: -(nightCount - 1))
        self.seed = c.seed
        self.nights = []
        self.generator = GeneratorState(firstNight: first, lastNightIndex: nightCount - 1)
        users = [
            User(id: 1, username: "root", name: "Administrator"),
            User(id: 2, username: "triage-bot", name: "Triage Bot"),
            User(id: 3, username: "ci-scheduler", name: "CI Scheduler"),
            User(id: 4, username: "alice.kim", name: "Alice Kim"),
            User(id: 5, username: "bruno.silva", name: "Bruno Silva"),
            User(id: 6, username: "chen.wei", name: "Chen Wei"),
            User(id: 7, username: "dana.okafor", name: "Dana Okafor"),
            User(id: 8, username: "elif.yilmaz", name: "Elif Yılmaz"),
        ]
        groups = [
            Group(
                id: 11, name: "Julia", path: "julia", fullPath: "julia", parentID: nil,
                description: "Julia packages"),
            Group(
                id: 12, name: "ML", path: "ml", fullPath: "julia/ml", parentID: 11,
                description: "Machine learning packages"),
            Group(
                id: 13, name: "Tools", path: "tools", fullPath: "tools", parentID: nil,
                description: "CI tooling and infrastructure"),
        ]
        makeProjects(count: max(1, c.projects), first: first)
        for i in 0..<nightCount { generateNight(i) }
        makeIssues()
        pickAdversarial()
    }

    private mutating func makeProjects(count: Int, first: CivilDate) {
        var rng = SplitMix64(seed, stableHash("projects"))
        var usedNames = Set<String>()
        var id = 101
        func add(_ index: Int, archived: Bool) {
            // The first ten projects keep the original mix (eight Julia packages, six in `julia` and two
            // in `julia/ml`, then a Python project and a Docker image), so small organisations keep
            // their shape. From the eleventh on, in every ten: six Julia packages (four in `julia`),
            // then Python, Go, one of JavaScript/Rust/Java, and a Docker image (all in `tools`).
            let slot = index % 10
            let language: Language
            if index < 10 {
                language = slot < 8 ? .julia : (slot == 8 ? .python : .infra)
            } else {
                switch slot {
                case 0..<6: language = .julia
                case 6: language = .python
                case 7: language = .go
                case 8: language = [Language.java, .javascript, .rust][(index / 10) % 3]
                default: language = .infra
                }
            }
            let groupID = language != .julia ? 13 : (slot < (index < 10 ? 6 : 4) ? 11 : 12)
            var name: String
            func named(_ list: [String], _ k: Int) -> String {
                let n = list[k % list.count]
                return usedNames.contains(n) ? n + "-\(index)" : n
            }
            switch language {
            case .julia:
                // The prefixes and suffixes make 160 names: past them (an organisation of 1,000
                // projects has 600 Julia packages) a name taken 64 times running gets the index.
                var attempts = 0
                repeat {
                    name = rng.pick(juliaPrefixes) + rng.pick(juliaSuffixes) + ".jl"
                    attempts += 1
                } while usedNames.contains(name) && attempts < 64
                if usedNames.contains(name) { name = "\(name.dropLast(3))\(index).jl" }
            case .python: name = named(pythonNames, index / 10)
            case .go: name = named(goNames, index / 10)
            case .rust: name = named(rustNames, index / 30)
            case .java: name = named(javaNames, index / 30)
            case .javascript: name = named(javascriptNames, index / 30)
            case .infra: name = named(infraNames, index / 10)
            }
            usedNames.insert(name)
            let group = groups.first { $0.id == groupID }
            var deps: [Int] = []
            if language == .julia {
                var pool = Array(0..<dependencyCatalogue.count)
                for _ in 0..<rng.int(6...10) {
                    deps.append(pool.remove(at: rng.int(0..<pool.count)))
                }
                deps.sort()
            }
            let created =
                chicagoMidnightMillis(first) - Int64(rng.int(200...1500)) * 86_400_000
                - Int64(rng.int(0..<86_400_000))
            let project = Project(
                id: id, name: name, path: name, pathWithNamespace: "\(group?.fullPath ?? "tools")/\(name)",
                groupID: groupID, archived: archived, language: language,
                description: language == .julia ? "\(name.dropLast(3)): a Julia package" : "\(name) service",
                createdAt: created, writesTimestamps: rng.chance(0.3), dependencies: deps)
            projectIndex[id] = projects.count
            projects.append(project)
            let root = rng.hex(40)
            commits[root] = Commit(
                sha: root, projectID: id, parent: nil, title: "Initial commit", authorID: 4 + rng.int(0..<5),
                date: created)
            generator.heads[id] = root
            id += rng.int(1...9)
        }
        for i in 0..<count { add(i, archived: false) }
        for i in [0, 6, 8] { add(i + count, archived: true) }
    }

    // MARK: Plans (pure functions of seed, project and night index, so `advance` continues them)

    /// A release of a dependency that breaks several Julia projects for some nights.
    struct DependencyEvent {
        let dependency: Int
        let start: Int
        let length: Int
        let kind: FailureCause.Kind
    }

    func dependencyEvent(startingAt night: Int) -> DependencyEvent? {
        var rng = SplitMix64(seed, stableHash("dep-event"), UInt64(night))
        // Forced: a load error new on the last night, and a resolution failure mid-way.
        let last = generator.lastNightIndex
        let forcedNew = night == last
        let forcedResolution = last >= 4 && night == last / 2
        if forcedNew || forcedResolution || (night > 0 && rng.chance(0.12)) {
            let dep = rng.int(0..<dependencyCatalogue.count)
            let kind: FailureCause.Kind =
                forcedNew
                ? .loadError
                : (forcedResolution ? .pkgResolution : (rng.chance(0.7) ? .loadError : .pkgResolution))
            return DependencyEvent(
                dependency: dep, start: night, length: forcedNew ? 3 : rng.int(2...5), kind: kind)
        }
        // Windows of nine nights or more also see releases that change a method the packages' tests
        // call (each package meets it in its own test set), two of them forced whose MethodErrors
        // differ by one function name: a decoy pair, two causes. Shorter windows keep their shape.
        guard last >= 8 else { return nil }
        var m = SplitMix64(seed, stableHash("method-event"), UInt64(night))
        let forcedMethod = night == last / 3 || night == 2 * last / 3 + 1
        guard forcedMethod || (night > 0 && m.chance(0.05)) else { return nil }
        return DependencyEvent(
            dependency: m.int(0..<dependencyCatalogue.count), start: night,
            length: forcedMethod ? 4 : m.int(2...5),
            kind: .testError)
    }

    func isAffected(project: Project, by event: DependencyEvent) -> Bool {
        guard project.language == .julia, project.dependencies.contains(event.dependency) else {
            return false
        }
        var rng = SplitMix64(seed, stableHash("affected"), UInt64(event.start), UInt64(project.id))
        return rng.chance(0.65)
    }

    func activeDependencyEvents(night: Int) -> [DependencyEvent] {
        (max(0, night - 6)...night).compactMap { dependencyEvent(startingAt: $0) }
            .filter { night < $0.start + $0.length }
    }

    /// Version of a dependency on a night: minor bumps at its release events, patch bumps now and then.
    func version(ofDependency dep: Int, night: Int) -> (String, Bool) {
        let base = dependencyCatalogue[dep]
        var minor = base.minor
        var patch = base.patch
        if night >= 0 {
            for j in 0...night {
                if let e = dependencyEvent(startingAt: j), e.dependency == dep {
                    minor += 1
                    patch = 0
                } else {
                    var rng = SplitMix64(seed, stableHash("bump"), UInt64(dep), UInt64(j))
                    if rng.chance(0.08) { patch += 1 }
                }
            }
        }
        var rng = SplitMix64(seed, stableHash("held"), UInt64(dep))
        return ("\(base.major).\(minor).\(patch)", rng.chance(0.2))
    }

    /// A project-specific problem persisting for several nights on one job.
    struct Episode {
        let cause: FailureCause
        let job: String
        let start: Int
        let length: Int
    }

    func episode(project: Project, startingAt night: Int) -> Episode? {
        var rng = SplitMix64(seed, stableHash("episode"), UInt64(project.id), UInt64(night))
        let forced = night == generator.lastNightIndex && project.id % 5 == 1
        guard forced || rng.chance(0.04) else { return nil }
        let length = forced ? 4 : rng.int(2...8)
        let topic = rng.pick(topics)
        let package = String(project.name.split(separator: ".").first ?? "")
        switch project.language {
        case .julia:
            let job = rng.pick(["test-julia-1.10", "test-julia-1.11"])
            let error = rng.chance(0.35)
            let kind: FailureCause.Kind = error ? .testError : .testFailure
            let cause = FailureCause(
                id: "julia-\(error ? "testerror" : "testfailed")-\(package)-\(topic)", kind: kind,
                isInfrastructure: false,
                summary: "\(package): \(topic) tests \(error ? "throw" : "fail")", subject: package,
                detail: topic,
                file: "test/\(topic).jl", line: rng.int(12...240))
            return Episode(cause: cause, job: job, start: night, length: length)
        case .python:
            let cause = FailureCause(
                id: "pytest-\(project.name)-test_\(topic)", kind: .pytest, isInfrastructure: false,
                summary: "\(project.name): test_\(topic) fails", subject: project.name, detail: topic,
                file: "tests/test_\(topic).py", line: rng.int(12...300))
            return Episode(
                cause: cause, job: rng.pick(["pytest-3.11", "pytest-3.12"]), start: night, length: length)
        case .go:
            let (test, file, message) = rng.pick(goTests)
            if rng.chance(0.3) {
                let (path, error) = rng.pick(goBuildErrors)
                let cause = FailureCause(
                    id: "go-build-\(project.name)-\(path)", kind: .buildError, isInfrastructure: false,
                    summary: "\(project.name): does not compile", subject: "", detail: error, file: path,
                    line: rng.int(20...300))
                return Episode(cause: cause, job: "go-build", start: night, length: length)
            }
            let cause = FailureCause(
                id: "go-testfailed-\(project.name)-\(test)", kind: .testFailure, isInfrastructure: false,
                summary: "\(project.name): \(test) fails", subject: test, detail: message, file: file,
                line: rng.int(20...200))
            return Episode(cause: cause, job: "go-test", start: night, length: length)
        case .rust:
            if rng.chance(0.3) {
                let (path, error) = rng.pick(rustBuildErrors)
                let cause = FailureCause(
                    id: "rust-build-\(project.name)-\(path)", kind: .buildError, isInfrastructure: false,
                    summary: "\(project.name): does not compile", subject: "", detail: error, file: path,
                    line: rng.int(20...300))
                return Episode(cause: cause, job: "cargo-build", start: night, length: length)
            }
            let (test, file, message) = rng.pick(rustTests)
            let cause = FailureCause(
                id: "rust-testfailed-\(project.name)-\(test)", kind: .testFailure, isInfrastructure: false,
                summary: "\(project.name): \(test) fails", subject: test, detail: message, file: file,
                line: rng.int(20...200))
            return Episode(cause: cause, job: "cargo-test", start: night, length: length)
        case .java:
            if rng.chance(0.3) {
                let (cls, error) = rng.pick(javaBuildErrors)
                let cause = FailureCause(
                    id: "java-build-\(project.name)-\(cls)", kind: .buildError, isInfrastructure: false,
                    summary: "\(project.name): does not compile", subject: cls, detail: error,
                    file: "\(cls).java",
                    line: rng.int(20...300))
                return Episode(cause: cause, job: "mvn-compile", start: night, length: length)
            }
            let (cls, message) = rng.pick(javaTests)
            let cause = FailureCause(
                id: "java-testfailed-\(project.name)-\(cls)", kind: .testFailure, isInfrastructure: false,
                summary: "\(project.name): \(cls) fails", subject: cls, detail: message, file: "\(cls).java",
                line: rng.int(20...200))
            return Episode(cause: cause, job: "mvn-verify", start: night, length: length)
        case .javascript:
            let (file, message) = rng.pick(jestTests)
            let cause = FailureCause(
                id: "jest-testfailed-\(project.name)-\(file.split(separator: "/").last ?? "")",
                kind: .testFailure,
                isInfrastructure: false, summary: "\(project.name): \(file) fails", subject: "",
                detail: message,
                file: file, line: rng.int(20...120))
            return Episode(cause: cause, job: "jest", start: night, length: length)
        case .infra:
            let (function, source) = rng.pick(cBuildErrors)
            let cause = FailureCause(
                // The images vendor one native library: the same symbol breaks every image using it.
                id: "build-native-\(source)", kind: .buildError, isInfrastructure: false,
                summary: "image build step fails: \(function) in the vendored \(source).c", subject: function,
                detail: source,
                file: "Makefile", line: rng.int(5...60))
            return Episode(cause: cause, job: "docker-build", start: night, length: length)
        }
    }

    func activeEpisodes(project: Project, night: Int) -> [Episode] {
        (max(0, night - 8)...night).compactMap { episode(project: project, startingAt: $0) }
            .filter { night < $0.start + $0.length }
    }

    func dependencyCause(_ e: DependencyEvent, night: Int) -> FailureCause {
        let dep = dependencyCatalogue[e.dependency]
        let (v, _) = version(ofDependency: e.dependency, night: e.start)
        var rng = SplitMix64(seed, stableHash("dep-symbol"), UInt64(e.start))
        let symbol = rng.pick([
            "_unsafe_view", "promote_eltype", "columnindex", "default_table", "_checkbounds", "tangent_type",
        ])
        if e.kind == .testError {
            let last = generator.lastNightIndex
            let function =
                e.start == last / 3
                ? "promote_shape"
                : e.start == 2 * last / 3 + 1
                    ? "promote_eltype"
                    : rng.pick(["promote_shape", "promote_eltype", "broadcast_shape", "axes_to_tuple"])
            return FailureCause(
                id: "julia-methoderror-\(dep.name)-\(v)", kind: .testError, isInfrastructure: false,
                summary: "\(dep.name) \(v) changed `\(function)`: tests of dependent packages throw",
                subject: dep.name,
                detail: function, file: "", line: 0, upstream: true)
        }
        if e.kind == .pkgResolution {
            return FailureCause(
                id: "julia-unsatisfiable-\(dep.name)-\(v)", kind: .pkgResolution, isInfrastructure: false,
                summary: "\(dep.name) \(v) cannot be resolved with the compat bounds", subject: dep.name,
                detail: v, file: "Project.toml", line: 0)
        }
        return FailureCause(
            id: "julia-loaderror-\(dep.name)-\(v)", kind: .loadError, isInfrastructure: false,
            summary: "\(dep.name) \(v) removed `\(symbol)`: packages fail to load", subject: dep.name,
            detail: symbol, file: "src/\(dep.name).jl", line: rng.int(10...80))
    }

    func flakyCause(project: Project) -> FailureCause? {
        var rng = SplitMix64(seed, stableHash("flaky"), UInt64(project.id))
        guard rng.chance(0.5) else { return nil }
        let package = String(project.name.split(separator: ".").first ?? "")
        switch rng.int(0..<3) {
        case 0:
            return Organisation.dnsCause
        case 1 where project.language == .julia:
            return FailureCause(
                id: "julia-segfault-\(package)-gc", kind: .segfault, isInfrastructure: false,
                summary: "\(package) segfaults in GC under threads", subject: package, detail: "threads",
                file: "test/threads.jl", line: rng.int(20...120), isFlaky: true)
        default:
            let topic = "timing"
            if project.language == .julia {
                return FailureCause(
                    id: "julia-testfailed-\(package)-\(topic)", kind: .testFailure, isInfrastructure: false,
                    summary: "\(package): flaky timing test", subject: package, detail: topic,
                    file: "test/\(topic).jl", line: rng.int(10...90), isFlaky: true)
            }
            let line = rng.int(10...90)
            switch project.language {
            case .julia, .python:
                return FailureCause(
                    id: "pytest-\(project.name)-test_\(topic)", kind: .pytest, isInfrastructure: false,
                    summary: "\(project.name): flaky timing test", subject: project.name, detail: topic,
                    file: "tests/test_\(topic).py", line: line, isFlaky: true)
            case .go:
                return FailureCause(
                    id: "go-testfailed-\(project.name)-TestDeadline", kind: .testFailure,
                    isInfrastructure: false,
                    summary: "\(project.name): flaky timing test", subject: "TestDeadline",
                    detail: "request took 1.2s, want < 1s", file: "internal/retry/deadline_test.go",
                    line: line, isFlaky: true)
            case .rust:
                return FailureCause(
                    id: "rust-testfailed-\(project.name)-timing", kind: .testFailure, isInfrastructure: false,
                    summary: "\(project.name): flaky timing test", subject: "timing::tests::meets_deadline",
                    detail: "assertion failed: elapsed < Duration::from_millis(100)", file: "src/timing.rs",
                    line: line,
                    isFlaky: true)
            case .java:
                return FailureCause(
                    id: "java-testfailed-\(project.name)-TimingIT", kind: .testFailure,
                    isInfrastructure: false,
                    summary: "\(project.name): flaky timing test", subject: "TimingIT",
                    detail: "expected: <true> but was: <false>", file: "TimingIT.java", line: line,
                    isFlaky: true)
            case .javascript:
                return FailureCause(
                    id: "jest-testfailed-\(project.name)-debounce", kind: .testFailure,
                    isInfrastructure: false,
                    summary: "\(project.name): flaky timing test", subject: "",
                    detail: "expect(received).toBeLessThan(expected)\n\nExpected: < 100\nReceived:   131",
                    file: "src/lib/debounce.test.ts", line: line, isFlaky: true)
            case .infra:
                return Organisation.dnsCause
            }
        }
    }

    /// A package that uses one of Base's internals fails on Julia nightly, where it changed: one
    /// cause per internal, shared by every package that uses it.
    func nightlyCause(project: Project) -> FailureCause {
        let package = String(project.name.split(separator: ".").first ?? "")
        let internals = [
            "_unsafe_getindex", "_growend!", "promote_typejoin", "_array_for", "unsafe_convert_ptr",
            "_reshape_uncolon", "_mapreduce_dim", "_sortperm_impl", "_tablesz", "_methods_by_ftype",
        ]
        let symbol = internals[Int(stableHash("internal|" + package) % UInt64(internals.count))]
        return FailureCause(
            id: "julia-nightly-internals-\(symbol)", kind: .testError, isInfrastructure: false,
            summary: "Base.\(symbol) changed on Julia nightly: packages using it fail", subject: "Base",
            detail: symbol, file: "test/runtests.jl", line: 7 + Int(stableHash(package) % 30))
    }

    static let infraCauses: [FailureCause] = [
        FailureCause(
            id: "infra-oom-killed", kind: .oomKilled, isInfrastructure: true,
            summary: "job killed by the OOM killer",
            subject: "", detail: "", file: "", line: 0),
        FailureCause(
            id: "infra-disk-full", kind: .diskFull, isInfrastructure: true, summary: "runner disk full",
            subject: "", detail: "", file: "", line: 0),
        FailureCause(
            id: "infra-docker-pull", kind: .dockerPull, isInfrastructure: true,
            summary: "docker image pull fails (registry rate limit)", subject: "", detail: "", file: "",
            line: 0),
        FailureCause(
            id: "infra-timeout-1h", kind: .timeout, isInfrastructure: true,
            summary: "job exceeds the 1h timeout", subject: "", detail: "", file: "", line: 0),
    ]

    static let runnerSystemFailureCause = FailureCause(
        id: "infra-runner-system-failure", kind: .runnerSystemFailure, isInfrastructure: true,
        summary: "the runner cannot create the job's container", subject: "", detail: "", file: "", line: 0)

    /// The runners' DNS: one cause however the job meets it (git clone, Pkg, pip, go, cargo, Maven,
    /// npm, apt-get), on random nights and in outages.
    static let dnsCause = FailureCause(
        id: "infra-dns", kind: .network, isInfrastructure: true,
        summary: "DNS resolution fails on the runners",
        subject: "", detail: "", file: "", line: 0, isFlaky: true)

    /// A night on which one infrastructure problem hits many projects of every ecosystem at once.
    struct Outage {
        let cause: FailureCause
        /// Share of projects hit.
        let share: Double
    }

    func outage(night: Int) -> Outage? {
        var rng = SplitMix64(seed, stableHash("outage"), UInt64(night))
        // Only in windows of nine nights or more (shorter ones keep their shape); one DNS outage forced.
        guard generator.lastNightIndex >= 8 else { return nil }
        let forced = night == generator.lastNightIndex - 3
        guard forced || (night > 0 && rng.chance(0.05)) else { return nil }
        let causes = [Organisation.dnsCause, Organisation.infraCauses[1], Organisation.infraCauses[2]]
        return Outage(cause: forced ? Organisation.dnsCause : rng.pick(causes), share: 0.35)
    }

    /// A release outside the organisation that breaks several projects of one ecosystem, each in its
    /// own code (its files, test names, line numbers).
    struct UpstreamEvent {
        let cause: FailureCause
        let jobs: [String]
        let start: Int
        let length: Int
    }

    func upstreamEvent(language: Language, startingAt night: Int) -> UpstreamEvent? {
        guard let catalogue = upstreamCatalogue[language] else { return nil }
        var rng = SplitMix64(seed, stableHash("upstream-\(language.rawValue)"), UInt64(night))
        // Forced decoy pairs: the same message but for one identifier, some nights apart.
        let last = generator.lastNightIndex
        var forced: Int?
        if last >= 8 {
            if night == last / 4 { forced = 0 }
            if night == last / 4 + 7 && catalogue.count >= 2 { forced = 1 }
        }
        guard forced != nil || (night > 0 && rng.chance(0.04)) else { return nil }
        let cause = catalogue[forced ?? rng.int(0..<catalogue.count)]
        return UpstreamEvent(
            cause: cause, jobs: upstreamJobs(language, cause.kind), start: night,
            length: forced != nil ? 4 : rng.int(2...5))
    }

    func activeUpstreamEvents(language: Language, night: Int) -> [UpstreamEvent] {
        (max(0, night - 6)...night).compactMap { upstreamEvent(language: language, startingAt: $0) }
            .filter { night < $0.start + $0.length }
    }

    func isAffected(project: Project, by event: UpstreamEvent) -> Bool {
        var rng = SplitMix64(seed, stableHash("upstream-affected"), UInt64(event.start), UInt64(project.id))
        return rng.chance(0.7)
    }

    /// Work in progress on a branch (push and merge request pipelines), in the project's own tests.
    func wipCause(_ project: Project) -> FailureCause {
        let package = String(project.name.split(separator: ".").first ?? "")
        let (id, kind, subject, detail, file): (String, FailureCause.Kind, String, String, String)
        switch project.language {
        case .julia:
            (id, kind, subject, detail, file) = (
                "julia-testfailed-\(package)-wip", .testFailure, package, "wip", "test/wip.jl"
            )
        case .python:
            (id, kind, subject, detail, file) = (
                "pytest-\(project.name)-test_wip", .pytest, project.name, "wip", "tests/test_wip.py"
            )
        case .go:
            (id, kind, subject, detail, file) = (
                "go-testfailed-\(project.name)-wip", .testFailure, "TestDraft", "not implemented yet",
                "internal/draft/draft_test.go"
            )
        case .rust:
            (id, kind, subject, detail, file) = (
                "rust-testfailed-\(project.name)-wip", .testFailure, "draft::tests::works",
                "assertion `left == right` failed: draft", "src/draft.rs"
            )
        case .java:
            (id, kind, subject, detail, file) = (
                "java-testfailed-\(project.name)-wip", .testFailure, "DraftTest",
                "expected: <1> but was: <0>", "DraftTest.java"
            )
        case .javascript:
            (id, kind, subject, detail, file) = (
                "jest-testfailed-\(project.name)-wip", .testFailure, "",
                "expect(received).toBe(expected) // Object.is equality\n\nExpected: true\nReceived: false",
                "src/draft.test.ts"
            )
        case .infra:
            (id, kind, subject, detail, file) = (
                "build-\(project.name)-wip", .buildError, "draft_helper2", "draft", "Makefile"
            )
        }
        return FailureCause(
            id: id, kind: kind, isInfrastructure: false, summary: "work in progress on a branch",
            subject: subject,
            detail: detail, file: file, line: 42)
    }

    // MARK: Nights

    /// Appends night `index` (0 = first night): daytime push/MR pipelines of that date, then the schedule pipelines.
    mutating func generateNight(_ index: Int) {
        let date = generator.firstNight.adding(days: index)
        nights.append(date.text)
        let active = projects.filter { !$0.archived }
        var daytime: [(Int64, Project, String)] = []
        for project in active {
            var rng = SplitMix64(seed, stableHash("day"), UInt64(project.id), UInt64(index))
            let noonish = chicagoMidnightMillis(date) + Int64(rng.int(9 * 3600...18 * 3600)) * 1000
            if rng.chance(0.25) { daytime.append((noonish, project, "push")) }
            if rng.chance(0.15) {
                daytime.append((noonish + Int64(rng.int(60...7200)) * 1000, project, "merge_request_event"))
            }
        }
        daytime.sort { $0.0 < $1.0 }
        for (time, project, source) in daytime {
            makePipeline(project: project, source: source, created: time, night: index)
        }
        let midnight = chicagoMidnightMillis(date.adding(days: 1))
        var scheduled: [(Int64, Project)] = active.map { project in
            var rng = SplitMix64(seed, stableHash("sched"), UInt64(project.id), UInt64(index))
            return (midnight + Int64(rng.int(3_000...240_000)), project)
        }
        scheduled.sort { $0.0 < $1.0 }
        for (time, project) in scheduled {
            makePipeline(project: project, source: "schedule", created: time, night: index)
        }
    }

    private enum Outcome {
        case pass
        case fail(FailureCause, retry: Bool, retryPasses: Bool)
    }

    private mutating func makePipeline(project: Project, source: String, created: Int64, night: Int) {
        var rng = SplitMix64(seed, stableHash("pipeline"), UInt64(project.id), UInt64(created))
        let pid = generator.nextPipelineID
        generator.nextPipelineID += rng.int(1...4)
        let iid = (generator.iids[project.id] ?? 0) + 1
        generator.iids[project.id] = iid
        var ref = "main"
        var sha = generator.heads[project.id] ?? String(repeating: "0", count: 40)
        var before = String(repeating: "0", count: 40)
        var user = 3
        if source != "schedule" {
            user = 4 + rng.int(0..<5)
            let newSHA = rng.hex(40)
            commits[newSHA] = Commit(
                sha: newSHA, projectID: project.id, parent: sha, title: rng.pick(commitTitles),
                authorID: user, date: created - Int64(rng.int(5...600)) * 1000)
            if source == "push" {
                before = sha
                generator.heads[project.id] = newSHA
            } else {
                ref = "refs/merge-requests/\(rng.int(2...140))/head"
            }
            sha = newSHA
        }

        // Decide outcomes per job name.
        var outcomes: [String: Outcome] = [:]
        let templates = jobTemplates(project.language)
        var canceledStage: String?
        if source == "schedule" {
            for e in activeDependencyEvents(night: night) where isAffected(project: project, by: e) {
                let cause = dependencyCause(e, night: night)
                if e.kind == .pkgResolution {
                    outcomes["instantiate"] = .fail(cause, retry: false, retryPasses: false)
                } else {
                    let names =
                        e.kind == .testError
                        ? ["test-julia-1.10", "test-julia-1.11"]
                        : ["test-julia-1.10", "test-julia-1.11", "docs"]
                    for name in names {
                        outcomes[name] = .fail(cause, retry: false, retryPasses: false)
                    }
                }
            }
            for e in activeUpstreamEvents(language: project.language, night: night)
            where isAffected(project: project, by: e) {
                for name in e.jobs where outcomes[name] == nil {
                    outcomes[name] = .fail(e.cause, retry: false, retryPasses: false)
                }
            }
            for e in activeEpisodes(project: project, night: night) where outcomes[e.job] == nil {
                outcomes[e.job] = .fail(e.cause, retry: false, retryPasses: false)
            }
            if project.language == .julia, rng.chance(0.3) {
                outcomes["test-nightly"] = .fail(
                    nightlyCause(project: project), retry: false, retryPasses: false)
            }
            if let flaky = flakyCause(project: project), rng.chance(0.15) {
                let candidates = templates.filter {
                    $0.stage == "test" && !$0.allowFailure && outcomes[$0.name] == nil
                }
                if !candidates.isEmpty {
                    let t = rng.pick(candidates)
                    outcomes[t.name] = .fail(flaky, retry: rng.chance(0.7), retryPasses: rng.chance(0.6))
                }
            }
            if let o = outage(night: night) {
                var hit = SplitMix64(seed, stableHash("outage-hit"), UInt64(project.id), UInt64(night))
                if hit.chance(o.share), let first = templates.first(where: { !$0.manual }) {
                    outcomes[first.name] = .fail(o.cause, retry: false, retryPasses: false)
                }
            }
            if rng.chance(0.015) { canceledStage = "test" }
        } else if rng.chance(0.12) {
            let t = rng.pick(templates.filter { $0.stage == "test" && !$0.allowFailure })
            outcomes[t.name] = .fail(wipCause(project), retry: false, retryPasses: false)
        }
        for t in templates where outcomes[t.name] == nil && !t.manual {
            if rng.chance(0.012) {
                let infra = rng.pick(Organisation.infraCauses)
                outcomes[t.name] = .fail(infra, retry: rng.chance(0.6), retryPasses: rng.chance(0.8))
            } else {
                // Its own stream, so that adding this cause left every other outcome as it was.
                var r = SplitMix64(
                    seed, stableHash("runner-failure-\(t.name)"), UInt64(project.id), UInt64(created))
                // Like the other newer causes, only in windows of nine nights or more.
                if generator.lastNightIndex >= 8 && r.chance(0.003) {
                    outcomes[t.name] = .fail(
                        Organisation.runnerSystemFailureCause, retry: r.chance(0.7),
                        retryPasses: r.chance(0.9))
                }
            }
        }

        // Lay out jobs stage by stage.
        var stageOrder: [String] = []
        for t in templates where !stageOrder.contains(t.stage) { stageOrder.append(t.stage) }
        var firstAttempts: [Job] = []
        var retries: [Job] = []
        var clock = created + Int64(rng.int(1_000...20_000))
        var blocked = false
        var canceled = false
        var latestFinish = clock
        var jobID = generator.nextJobID
        var retryQueue: [(JobTemplate, FailureCause, Bool, Int64, Int)] = []
        for stage in stageOrder {
            var stageEnd = clock
            var stageFailed = false
            for t in templates where t.stage == stage {
                let id = jobID
                jobID += 1
                let runner = rng.int(0..<6)
                func job(
                    _ status: String, _ reason: String?, _ retried: Bool, _ start: Int64?, _ end: Int64?,
                    _ cause: String?
                ) -> Job {
                    Job(
                        id: id, pipelineID: pid, projectID: project.id, name: t.name, stage: t.stage,
                        status: status,
                        allowFailure: t.allowFailure, failureReason: reason, retried: retried,
                        createdAt: created + Int64(firstAttempts.count * 37), startedAt: start,
                        finishedAt: end,
                        image: t.image, causeID: cause, runnerIndex: runner)
                }
                if blocked || canceled {
                    firstAttempts.append(job(canceled ? "canceled" : "skipped", nil, false, nil, nil, nil))
                    continue
                }
                if t.manual {
                    firstAttempts.append(job("manual", nil, false, nil, nil, nil))
                    continue
                }
                let start = clock + Int64(rng.int(1_000...25_000))
                if canceledStage == stage {
                    let end = start + Int64(rng.int(30...200)) * 1000
                    firstAttempts.append(job("canceled", nil, false, start, end, nil))
                    stageEnd = max(stageEnd, end)
                    canceled = true
                    continue
                }
                switch outcomes[t.name] ?? .pass {
                case .pass:
                    let end = start + Int64(rng.int(t.seconds)) * 1000 + Int64(rng.int(0..<1000))
                    firstAttempts.append(job("success", nil, false, start, end, nil))
                    stageEnd = max(stageEnd, end)
                case .fail(let cause, let retry, let retryPasses):
                    if causes[cause.id] == nil { causes[cause.id] = cause }
                    var seconds = Int64(rng.int(t.seconds))
                    var reason = "script_failure"
                    switch cause.kind {
                    case .timeout:
                        seconds = 3600 + Int64(rng.int(1...20))
                        reason = rng.chance(0.7) ? "job_execution_timeout" : "stuck_or_timeout_failure"
                    case .dockerPull:
                        seconds = Int64(rng.int(15...90))
                        if Organisation.rateLimitHitsPull(runnerIndex: runner) {
                            reason = "runner_system_failure"
                        }
                    case .runnerSystemFailure:
                        seconds = Int64(rng.int(5...40))
                        reason = "runner_system_failure"
                    case .pkgResolution, .network: seconds = Int64(rng.int(20...90))
                    default: break
                    }
                    let end = start + seconds * 1000 + Int64(rng.int(0..<1000))
                    firstAttempts.append(job("failed", reason, retry, start, end, cause.id))
                    stageEnd = max(stageEnd, end)
                    if retry {
                        retryQueue.append((t, cause, retryPasses, end, runner))
                    } else if !t.allowFailure {
                        stageFailed = true
                    }
                }
            }
            // Automatic retries of this stage run right after the failed attempt.
            for (t, cause, passes, failedAt, _) in retryQueue {
                let start = failedAt + Int64(rng.int(2_000...20_000))
                let end = start + Int64(rng.int(t.seconds)) * 1000 + Int64(rng.int(0..<1000))
                let runner = rng.int(0..<6)
                // The id is assigned after all first attempts: GitLab creates a pipeline's jobs up front
                // and a retry later, so a retry always has the highest ids of its pipeline.
                retries.append(
                    Job(
                        id: 0, pipelineID: pid, projectID: project.id, name: t.name, stage: t.stage,
                        status: passes ? "success" : "failed", allowFailure: t.allowFailure,
                        failureReason: passes ? nil : "script_failure", retried: false,
                        createdAt: failedAt + 150,
                        startedAt: start, finishedAt: end, image: t.image, causeID: passes ? nil : cause.id,
                        runnerIndex: runner))
                stageEnd = max(stageEnd, end)
                if !passes && !t.allowFailure { stageFailed = true }
            }
            retryQueue.removeAll()
            latestFinish = max(latestFinish, stageEnd)
            clock = stageEnd
            if stageFailed { blocked = true }
        }
        retries = retries.map { r in
            defer { jobID += 1 }
            return Job(
                id: jobID, pipelineID: r.pipelineID, projectID: r.projectID, name: r.name, stage: r.stage,
                status: r.status,
                allowFailure: r.allowFailure, failureReason: r.failureReason, retried: false,
                createdAt: r.createdAt,
                startedAt: r.startedAt, finishedAt: r.finishedAt, image: r.image, causeID: r.causeID,
                runnerIndex: r.runnerIndex)
        }
        generator.nextJobID = jobID + rng.int(0...3)
        let all = (firstAttempts + retries).sorted { $0.id < $1.id }
        let latest = all.filter { !$0.retried }
        let status: String
        if latest.contains(where: { $0.status == "failed" && !$0.allowFailure }) {
            status = "failed"
        } else if latest.contains(where: { $0.status == "canceled" }) {
            status = "canceled"
        } else if latest.contains(where: { $0.status == "success" || $0.status == "failed" }) {
            status = "success"
        } else {
            status = "skipped"
        }
        let started = all.compactMap(\.startedAt).min()
        let finished = all.compactMap(\.finishedAt).max()
        let pipeline = Pipeline(
            id: pid, iid: iid, projectID: project.id, night: source == "schedule" ? nights[night] : nil,
            nightIndex: night, source: source, status: status, ref: ref, sha: sha, beforeSHA: before,
            userID: user,
            createdAt: created, startedAt: started, finishedAt: finished ?? latestFinish)
        pipelineIndex[pid] = pipelines.count
        pipelinesByProject[project.id, default: []].append(pipelines.count)
        pipelines.append(pipeline)
        for j in all {
            jobIndex[j.id] = jobs.count
            jobsByPipeline[pid, default: []].append(jobs.count)
            jobs.append(j)
        }
    }

    // MARK: Issues and adversarial traces

    private mutating func makeIssues() {
        var nextID = 7001
        let lastIndex = nights.count - 1
        for project in projects where !project.archived {
            var rng = SplitMix64(seed, stableHash("issues"), UInt64(project.id))
            var iid = 0
            var seen = Set<String>()
            let pipelinesOfProject = pipelines(ofProject: project.id).filter { $0.source == "schedule" }
            for pipeline in pipelinesOfProject {
                for job in jobs(ofPipeline: pipeline.id) where job.status == "failed" && !job.allowFailure {
                    guard let cause = cause(ofJob: job.id), !seen.contains(cause.id), !cause.isInfrastructure
                    else { continue }
                    seen.insert(cause.id)
                    guard rng.chance(0.5) else { continue }
                    iid += 1
                    let opened =
                        (pipeline.finishedAt ?? pipeline.createdAt) + Int64(rng.int(600...30_000)) * 1000
                    let stillFailing =
                        pipelinesOfProject.last.map { last in
                            jobs(ofPipeline: last.id).contains {
                                $0.causeID == cause.id && $0.status == "failed"
                            }
                        } ?? false
                    let closed: Int64? =
                        stillFailing || pipeline.nightIndex == lastIndex
                        ? nil : opened + Int64(rng.int(1...5)) * 86_400_000
                    let title: String
                    let description: String
                    // What a person filing the issue would quote: the failure's own message.
                    let quoted = issueQuote(cause, project: project)
                    switch cause.kind {
                    case _ where quoted != nil:
                        title = quoted?.title ?? ""
                        description =
                            "Nightly `\(job.name)` fails since \(pipeline.night ?? ""):\n\n```\n\(quoted?.quote ?? "")\n```\n"
                    case .testFailure:
                        title = "\(job.name): \(cause.detail) Test Failed at \(cause.file):\(cause.line)"
                        description =
                            "Nightly `\(job.name)` fails since \(pipeline.night ?? ""):\n\n```\n\(cause.detail): Test Failed at /builds/\(project.pathWithNamespace)/\(cause.file):\(cause.line)\n```\n"
                    case .loadError:
                        title =
                            "LoadError: UndefVarError: `\(cause.detail)` not defined after \(cause.subject) update"
                        description =
                            "Since \(cause.subject) was released our tests fail to load:\n\n```\nERROR: LoadError: UndefVarError: `\(cause.detail)` not defined in `\(cause.subject)`\n```\n"
                    case .pkgResolution:
                        title = "Unsatisfiable requirements detected for package \(cause.subject)"
                        description =
                            "`Pkg.instantiate()` fails in the nightly:\n\n```\nERROR: Unsatisfiable requirements detected for package \(cause.subject)\n```\n"
                    case .segfault:
                        title = "Segfault in \(cause.file) (signal (11): Segmentation fault)"
                        description = "Happens on some nights only; a retry usually passes."
                    case .pytest:
                        title = "FAILED \(cause.file)::test_\(cause.detail)"
                        description =
                            "```\nFAILED \(cause.file)::test_\(cause.detail) - AssertionError\n```\n"
                    default:
                        title = "\(job.name) fails: \(cause.summary)"
                        description = cause.summary
                    }
                    issues.append(
                        Issue(
                            id: nextID, iid: iid, projectID: project.id, title: title,
                            description: description,
                            state: closed == nil ? "opened" : "closed",
                            authorID: rng.chance(0.4) ? 2 : 4 + rng.int(0..<5),
                            labels: ["ci", "nightly"], createdAt: opened, updatedAt: closed ?? opened,
                            closedAt: closed,
                            causeID: cause.id))
                    nextID += 1
                }
            }
            for _ in 0..<rng.int(0...2) {
                iid += 1
                let created = project.createdAt + Int64(rng.int(1...300)) * 86_400_000
                let closed = rng.chance(0.5)
                issues.append(
                    Issue(
                        id: nextID, iid: iid, projectID: project.id,
                        title: rng.pick([
                            "Document the public API", "Support Julia 1.12", "Improve error messages",
                            "Add a changelog",
                        ]),
                        description: "", state: closed ? "closed" : "opened",
                        authorID: rng.chance(0.3) ? 2 : 4 + rng.int(0..<5),
                        labels: ["enhancement"], createdAt: created, updatedAt: created + 3_600_000,
                        closedAt: closed ? created + 3_600_000 : nil, causeID: nil))
                nextID += 1
            }
        }
        issues.sort { $0.id < $1.id }
    }

    /// Title and quoted error of an issue about a cause of the ecosystems and upstream breaks that
    /// came after the first Julia and pytest ones; nil for those (their wording is kept).
    func issueQuote(_ c: FailureCause, project: Project) -> (title: String, quote: String)? {
        let firstLine = String(c.detail.split(separator: "\n").first ?? "")
        switch (project.language, c.kind) {
        case (.julia, .testError) where c.upstream:
            return (
                "MethodError: no method matching \(c.detail) since the \(c.subject) update",
                "MethodError: no method matching \(c.detail)(::Tuple{Base.OneTo{Int64}}, ::Tuple{Base.OneTo{Int64}, Base.OneTo{Int64}})"
            )
        case (.python, .pytest) where c.upstream:
            let message =
                "AttributeError: `np.\(c.detail)` was removed in the NumPy 2.0 release. Use `np.\(c.subject)` instead."
            return (message, "E   " + message)
        case (.python, .pkgResolution):
            return (
                "pip cannot resolve \(c.subject) with our urllib3 pin",
                "ERROR: Cannot install \(project.name)[test] and \(c.subject) because these package versions have conflicting dependencies.\nERROR: ResolutionImpossible"
            )
        case (.go, .testFailure):
            return ("\(c.subject) fails: \(c.detail)", "--- FAIL: \(c.subject)\n    \(c.detail)")
        case (.rust, .testFailure):
            return ("\(c.subject) panics: \(c.detail)", "thread '\(c.subject)' panicked:\n\(c.detail)")
        case (.java, .testFailure):
            return (
                "\(c.upstream ? "JSON tests" : c.subject) fail: \(c.detail)",
                "org.opentest4j.AssertionFailedError: \(c.detail)"
            )
        case (.javascript, .testFailure): return ("jest: \(firstLine)", c.detail)
        case (.go, .buildError), (.rust, .buildError), (.java, .buildError):
            let message = c.detail.split(separator: "|").map(String.init)
            let text = project.language == .rust ? message.last ?? "" : message.joined(separator: " ")
            return ("Build broken: \(text)", text)
        case (.infra, .buildError):
            return (
                "docker build: implicit declaration of function '\(c.subject)'",
                "error: implicit declaration of function '\(c.subject)'\nmake: *** Error 1"
            )
        default: return nil
        }
    }

    private mutating func pickAdversarial() {
        let candidates = jobs.filter { job in
            job.status == "failed" && !job.retried
                && (causes[job.causeID ?? ""].map {
                    ![.timeout, .dockerPull, .runnerSystemFailure].contains($0.kind)
                } ?? false)
                && pipeline(id: job.pipelineID)?.source == "schedule"
        }
        guard candidates.count >= AdversarialTrace.allCases.count else { return }
        var rng = SplitMix64(seed, stableHash("adversarial"))
        var pool = candidates
        for kind in AdversarialTrace.allCases {
            let job = pool.remove(at: rng.int(0..<pool.count))
            adversarialJobs[kind] = job.id
            adversarialByJob[job.id] = kind
        }
    }
}
