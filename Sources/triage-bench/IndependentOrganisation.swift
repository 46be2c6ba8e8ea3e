// A second organisation, written without reading how the analyser or our simulator phrase failures:
// projects of many ecosystems over a window of nights, most jobs green, and failed jobs whose logs
// are phrased the way the real tools print them (pytest, jest, go test, cargo, Pkg, rspec, Maven,
// Gradle, ctest, automake, swift test, BuildKit, gitlab-runner), each failure tagged with the root
// cause that produced it. `benchOrg2` (Org2.swift) writes it into a cache and scores the clusters.
import Basics
import Foundation

// MARK: Draws

/// SplitMix64 plus the draws the generator needs. `Dice(seed, parts…)` derives an independent stream
/// from a seed and names, so a trace does not depend on the order things were generated in.
struct Dice {
    var rng: SplitMix64

    init(_ seed: UInt64, _ parts: String...) {
        var h = SplitMix64.mix(seed)
        for part in parts { h = SplitMix64.mix(h ^ FNV1a.hash64(part.utf8)) }
        rng = SplitMix64(seed: h)
    }

    mutating func next() -> UInt64 { rng.next() }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func double(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    mutating func hex(_ n: Int) -> String {
        var s = ""
        while s.count < n { s += String(next(), radix: 16) }
        return String(s.prefix(n))
    }
    mutating func alnum(_ n: Int) -> String {
        let chars = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<n).map { _ in chars[below(chars.count)] })
    }
    mutating func uuid() -> String { "\(hex(8))-\(hex(4))-4\(hex(3))-a\(hex(3))-\(hex(12))" }
    mutating func shuffled<T>(_ xs: [T]) -> [T] {
        var a = xs
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, below(i + 1)) }
        return a
    }
    mutating func sample<T>(_ xs: [T], _ k: Int) -> [T] { Array(shuffled(xs).prefix(max(0, k))) }
    mutating func seconds(_ low: Double, _ high: Double) -> String {
        String(format: "%.2f", double(low, high))
    }
    mutating func address() -> String { "0x7f\(hex(10))" }
    /// One draw from a copy, for a stream used once (`Dice(seed, "sha", path).draw { $0.hex(8) }`).
    func draw<T>(_ f: (inout Dice) -> T) -> T {
        var copy = self
        return f(&copy)
    }
}

// MARK: Projects

enum Org2Ecosystem: String, CaseIterable {
    case julia, python, go, rust, maven, gradle, npm, ruby, cmake, make, swift, docker

    /// Ecosystems that share upstream dependencies (a Maven and a Gradle project both use Jackson).
    var family: String {
        switch self {
        case .maven, .gradle: "java"
        case .cmake, .make: "c"
        default: rawValue
        }
    }
}

enum Org2Slot { case build, test, lint, docs, image }

struct Org2JobSpec {
    var name: String
    var stage: String
    var slot: Org2Slot
}

struct Org2Project {
    var id: Int
    var ecosystem: Org2Ecosystem
    var group: String
    var name: String
    var words: [String]
    var jobs: [Org2JobSpec]
    var runnerVersion: String
    var timestamps: Bool
    var timeout: String
    var image: String

    var path: String { "\(group)/\(name)" }
    var builds: String { "/builds/\(path)" }
    var webURL: String { "https://gitlab.example.com/\(path)" }
    /// The project's own identifier in its language: `ledger_sync`, `LedgerSync`, `ledger-sync`.
    var snake: String { words.prefix(2).joined(separator: "_") }
    var camel: String { words.prefix(2).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() }
    var kebab: String { words.prefix(2).joined(separator: "-") }
    var goModule: String { "gitlab.example.com/\(path)" }
    var javaPackage: String { "com.example.\(words[0]).\(words[1])" }
}

let org2Words = [
    "ledger", "parser", "router", "cache", "schema", "client", "index", "render", "export", "auth", "queue",
    "planner", "matrix", "geo", "stats", "mesh", "codec", "vault", "audit", "billing", "search", "feed",
    "graph", "tile", "sensor", "invoice", "report", "sync", "notify", "media", "orbit", "pixel", "quota",
    "relay", "shard", "token", "vector", "wave", "yield", "zone", "alloy", "beacon", "cargo", "delta",
]

/// 40 projects' ecosystems, in the order projects are numbered; more projects repeat it.
let org2Mix: [Org2Ecosystem] = [
    .python, .julia, .npm, .go, .rust, .maven, .ruby, .cmake, .swift, .docker,
    .python, .julia, .npm, .go, .gradle, .make, .ruby, .swift, .python, .julia,
    .npm, .go, .rust, .maven, .cmake, .docker, .python, .julia, .npm, .gradle,
    .ruby, .make, .swift, .go, .rust, .python, .julia, .npm, .docker, .python,
]

func org2Projects(seed: UInt64, count: Int) -> [Org2Project] {
    let groups = ["platform", "data", "web", "tools", "infra", "science", "mobile", "payments"]
    var used = Set<String>()
    return (0..<count).map { i in
        var d = Dice(seed, "project", "\(i)")
        let eco = org2Mix[i % org2Mix.count]
        var words = d.sample(org2Words, 6)
        while used.contains(words[0] + words[1]) { words = d.sample(org2Words, 6) }
        used.insert(words[0] + words[1])
        let camel = words.prefix(2).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let kebab = words.prefix(2).joined(separator: "-")
        let name: String =
            switch eco {
            case .julia: "\(camel).jl"
            case .swift: camel
            case .go: words[0] + words[1]
            default: kebab
            }
        func j(_ n: String, _ s: String, _ slot: Org2Slot) -> Org2JobSpec {
            Org2JobSpec(name: n, stage: s, slot: slot)
        }
        let jobs: [Org2JobSpec] =
            switch eco {
            case .python:
                [
                    j("lint", "lint", .lint), j("test: [3.11]", "test", .test),
                    j("test: [3.12]", "test", .test),
                ]
                    + (d.chance(0.5) ? [j("docs", "docs", .docs)] : [])
            case .julia:
                [
                    j("Julia 1.10", "test", .test), j("Julia 1.11", "test", .test),
                    j("Documentation", "docs", .docs),
                ]
            case .go:
                [j("golangci-lint", "lint", .lint), j("build", "build", .build), j("test", "test", .test)]
            case .rust: [j("clippy", "lint", .lint), j("build", "build", .build), j("test", "test", .test)]
            case .maven: [j("compile", "build", .build), j("verify", "test", .test)]
            case .gradle:
                [j("assemble", "build", .build), j("test", "test", .test), j("checkstyle", "lint", .lint)]
            case .npm:
                [j("eslint", "lint", .lint), j("typecheck", "build", .build), j("jest", "test", .test)]
            case .ruby: [j("rubocop", "lint", .lint), j("rspec", "test", .test)]
            case .cmake:
                [
                    j("build:gcc", "build", .build), j("build:clang", "build", .build),
                    j("ctest", "test", .test),
                ]
            case .make: [j("build", "build", .build), j("check", "test", .test)]
            case .swift:
                [j("swiftlint", "lint", .lint), j("build", "build", .build), j("test", "test", .test)]
            case .docker: [j("docker-build", "build", .image), j("smoke-test", "test", .test)]
            }
        let images: [Org2Ecosystem: [String]] = [
            .python: ["python:3.12-slim", "python:3.11", "registry.gitlab.example.com/ci/python:3.12"],
            .julia: ["julia:1.10", "julia:1.11-bookworm"], .go: ["golang:1.22", "golang:1.23-bookworm"],
            .rust: ["rust:1.79", "rust:1.81-slim"], .maven: ["maven:3.9-eclipse-temurin-21"],
            .gradle: ["gradle:8.8-jdk17", "eclipse-temurin:21"], .npm: ["node:20", "node:22-alpine"],
            .ruby: ["ruby:3.3", "ruby:3.2-bookworm"], .cmake: ["gcc:13", "ubuntu:24.04"],
            .make: ["debian:bookworm"],
            .swift: ["swift:5.10-jammy", "swift:6.0-noble"], .docker: ["docker:26.1", "docker:27.0"],
        ]
        let runner = d.pick([
            "16.11.1 (535ced5f)", "17.4.0 (b92ee590)", "17.11.0 (a7ff3dcc)", "18.2.1 (f3ce9ad2)",
            "18.5.0 (bda84871)",
        ])
        return Org2Project(
            id: 1000 + 37 * i, ecosystem: eco, group: d.pick(groups), name: name, words: words, jobs: jobs,
            runnerVersion: runner, timestamps: runner.hasPrefix("18") && d.chance(0.6),
            timeout: d.pick(["1h0m0s", "1h0m0s", "2h0m0s", "30m0s"]),
            image: d.pick(images[eco] ?? ["alpine:3.20"]))
    }
}

// MARK: Causes

enum Org2Kind: String, CaseIterable {
    case shared = "shared upstream"
    case infrastructure
    case local
    case decoy
}

enum Org2Infra: String, CaseIterable { case dns, diskFull, oom, registry429, systemFailure, timeout }

enum Org2LocalKind: String { case compile, assertion, missingSymbol, lint }

enum Org2Template {
    case pyNumpyFloat, pyMarkupsafe, jlMethodError, jlPrecompile, goNilPanic, goUndefined, rsNoMethod,
        rsSerdePanic
    case javaNoClassDef, jsChalkESM, jsPeerDeps, rbFileExists, cOpenSSL, swiftNIO, dockerApt
    case infra(Org2Infra)
    case local(Org2LocalKind, project: Int)
    /// Pair `pair`, member `member` (0 or 1): the same message with `identifier` changed.
    case decoy(pair: Int, identifier: String)

    var families: [String] {
        switch self {
        case .pyNumpyFloat, .pyMarkupsafe: ["python"]
        case .jlMethodError, .jlPrecompile: ["julia"]
        case .goNilPanic, .goUndefined: ["go"]
        case .rsNoMethod, .rsSerdePanic: ["rust"]
        case .javaNoClassDef: ["java"]
        case .jsChalkESM, .jsPeerDeps: ["npm"]
        case .rbFileExists: ["ruby"]
        case .cOpenSSL: ["c"]
        case .swiftNIO: ["swift"]
        case .dockerApt: ["docker", "c"]
        case .infra, .local: []
        case .decoy(let pair, _): [Org2Decoys.families[pair % Org2Decoys.families.count]]
        }
    }

    /// The job slots this kind of failure shows up in.
    var slots: [Org2Slot] {
        switch self {
        case .pyNumpyFloat, .pyMarkupsafe, .jlMethodError, .goNilPanic, .rsSerdePanic, .javaNoClassDef,
            .jsChalkESM,
            .rbFileExists:
            [.test]
        case .jlPrecompile: [.test, .docs]
        case .goUndefined, .rsNoMethod, .cOpenSSL, .swiftNIO: [.build, .test]
        case .jsPeerDeps: [.lint, .build, .test]
        case .dockerApt: [.image, .build]
        case .infra, .local, .decoy: []
        }
    }
}

enum Org2Decoys {
    static let families = ["python", "go", "julia", "rust", "npm", "java"]
    static let identifiers = [
        ("region", "zone"), ("NewClient", "NewServer"), ("logpdf", "logcdf"),
        ("MAX_RETRIES", "MAX_REDIRECTS"),
        ("./locales/en", "./locales/de"), ("getOwner", "getOwnerId"),
    ]
}

struct Org2Cause {
    var id: String
    var kind: Org2Kind
    var template: Org2Template
}

/// One failed job the organisation holds: which cause, which project, night and job.
struct Org2Failure {
    var cause: Int
    var project: Int
    var night: Int
    var job: String
}

struct IndependentOrganisation {
    var seed: UInt64
    var nights: [String]
    var projects: [Org2Project]
    var causes: [Org2Cause]
    /// "project|night|job" → cause index.
    var failures: [String: Int]

    static func key(_ project: Int, _ night: Int, _ job: String) -> String { "\(project)|\(night)|\(job)" }

    init(seed: UInt64, projects count: Int, nights: [String]) {
        self.seed = seed
        self.nights = nights
        let projects = org2Projects(seed: seed, count: count)
        self.projects = projects
        var causes: [Org2Cause] = []
        var failures: [String: Int] = [:]
        let n = nights.count
        var d = Dice(seed, "schedule")

        func put(_ cause: Int, _ project: Int, _ night: Int, _ job: String, override: Bool = false) {
            guard night >= 0, night < n else { return }
            let k = Self.key(project, night, job)
            if override || failures[k] == nil { failures[k] = cause }
        }
        func jobs(_ p: Org2Project, _ slots: [Org2Slot]) -> [String] {
            for slot in slots {
                let named = p.jobs.filter { $0.slot == slot }.map(\.name)
                if !named.isEmpty { return named }
            }
            return [p.jobs[p.jobs.count - 1].name]
        }
        /// A run of nights: persistent, flapping, or stopping and coming back.
        func nightsOf(_ d: inout Dice, start: Int) -> [Int] {
            switch d.below(4) {
            case 0: return Array(start..<min(n, start + d.int(2...8)))
            case 1: return (start..<min(n, start + d.int(6...14))).filter { _ in d.chance(0.5) }
            case 2:
                let a = d.int(2...5)
                let gap = d.int(2...6)
                return Array(start..<start + a) + Array((start + a + gap)..<(start + a + gap + d.int(1...4)))
            default: return Array(start..<n)
            }
        }

        // Infrastructure: the install step fails for whatever ecosystem meets the outage.
        var infraNights = Set<Int>()
        for infra in Org2Infra.allCases {
            let index = causes.count
            causes.append(
                Org2Cause(id: "infra/\(infra.rawValue)", kind: .infrastructure, template: .infra(infra)))
            let outages = infra == .oom ? d.int(3...5) : d.int(1...3)
            for _ in 0..<outages {
                var night = d.below(n)
                while infraNights.contains(night) && infraNights.count < n { night = d.below(n) }
                infraNights.insert(night)
                let share: Double =
                    switch infra {
                    case .dns: 0.5
                    case .registry429: 0.4
                    case .diskFull: 0.25
                    case .oom: 0.12
                    case .systemFailure: 0.15
                    case .timeout: 0.12
                    }
                for (pi, p) in projects.enumerated() where d.chance(share) {
                    let all = p.jobs.map(\.name)
                    let hit: [String] =
                        switch infra {
                        case .registry429, .dns: d.sample(all, d.int(1...all.count))
                        case .oom: jobs(p, [.build, .image, .test])
                        default: [d.pick(all)]
                        }
                    for job in hit { put(index, pi, night, job, override: true) }
                }
            }
        }

        // Shared upstream breaks.
        let shared: [(String, Org2Template)] = [
            ("numpy-float", .pyNumpyFloat), ("markupsafe-soft-unicode", .pyMarkupsafe),
            ("julia-methoderror", .jlMethodError), ("julia-precompile", .jlPrecompile),
            ("go-nil-panic", .goNilPanic), ("go-undefined-upstream", .goUndefined),
            ("rust-bytes-no-method", .rsNoMethod), ("rust-serde-panic", .rsSerdePanic),
            ("java-noclassdef", .javaNoClassDef), ("jest-chalk-esm", .jsChalkESM),
            ("npm-eresolve", .jsPeerDeps),
            ("ruby-file-exists", .rbFileExists), ("openssl-deprecated", .cOpenSSL),
            ("swift-nio-api", .swiftNIO),
            ("debian-apt-distutils", .dockerApt),
        ]
        for (name, template) in shared {
            let candidates = projects.indices.filter {
                template.families.contains(projects[$0].ecosystem.family)
            }
            guard candidates.count >= 2 else { continue }
            let index = causes.count
            causes.append(Org2Cause(id: "shared/\(name)", kind: .shared, template: template))
            let hit = d.sample(candidates, d.int(min(3, candidates.count)...min(10, candidates.count)))
            let release = d.below(max(1, n - 3))
            for pi in hit {
                let start = release + d.int(0...2)
                let js = jobs(projects[pi], template.slots)
                let chosen = js.count > 1 && d.chance(0.3) ? [d.pick(js)] : js
                for night in nightsOf(&d, start: start) { for job in chosen { put(index, pi, night, job) } }
            }
        }

        // Decoy pairs: two causes whose messages differ in one identifier.
        for pair in 0..<Org2Decoys.families.count {
            let family = Org2Decoys.families[pair]
            let candidates = projects.indices.filter { projects[$0].ecosystem.family == family }
            guard !candidates.isEmpty else { continue }
            let (a, b) = Org2Decoys.identifiers[pair]
            let sameProject = candidates.count == 1 || d.chance(0.4)
            let owners = sameProject ? [d.pick(candidates), -1] : d.sample(candidates, 2)
            for (member, identifier) in [a, b].enumerated() {
                let index = causes.count
                causes.append(
                    Org2Cause(
                        id: "decoy/\(family)-\(identifier)", kind: .decoy,
                        template: .decoy(pair: pair, identifier: identifier)))
                let pi = owners[member] < 0 ? owners[0] : owners[member]
                let slots: [Org2Slot] =
                    family == "go" || family == "java" || family == "rust" ? [.build, .test] : [.test]
                let js = jobs(projects[pi], slots)
                let start = sameProject ? (member == 0 ? d.below(n / 2) : n / 2 + d.below(n / 2)) : d.below(n)
                for night in nightsOf(&d, start: start) { put(index, pi, night, js[0]) }
            }
        }

        // Project-local causes: about half the projects, some twice.
        for (pi, p) in projects.enumerated() where d.chance(0.55) {
            for _ in 0..<(d.chance(0.25) ? 2 : 1) {
                var kinds: [Org2LocalKind] = [.compile, .assertion, .missingSymbol]
                if p.jobs.contains(where: { $0.slot == .lint }) { kinds.append(.lint) }
                if p.ecosystem == .docker { kinds = [.compile] }
                let kind = d.pick(kinds)
                let index = causes.count
                causes.append(
                    Org2Cause(
                        id: "local/\(p.kebab)-\(kind.rawValue)-\(index)", kind: .local,
                        template: .local(kind, project: pi)))
                let slots: [Org2Slot] =
                    switch kind {
                    case .compile: [.build, .image, .test]
                    case .assertion: [.test]
                    case .missingSymbol: [.build, .test]
                    case .lint: [.lint]
                    }
                let job = d.pick(jobs(p, slots))
                for night in nightsOf(&d, start: d.below(n)) { put(index, pi, night, job) }
            }
        }
        self.causes = causes
        self.failures = failures
    }

    /// The failed jobs, by project, night and job name.
    var failedJobs: [Org2Failure] {
        failures.map { k, cause in
            let parts = k.split(separator: "|", maxSplits: 2).map(String.init)
            return Org2Failure(
                cause: cause, project: Int(parts[0]) ?? 0, night: Int(parts[1]) ?? 0, job: parts[2])
        }
        .sorted { ($0.project, $0.night, $0.job) < ($1.project, $1.night, $1.job) }
    }
}
