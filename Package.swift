// swift-tools-version:6.0
import PackageDescription

// Dependencies (measured on 2-core machines, see shared/reference/swift-notes.md):
// - GRDB: the SQLite cache (prepared statements, migrations, WAL), ~1 min clean build.
// - FlyingFox: the HTTP server of the simulator, ~16 s clean build. (`serve` has a small bounded
//   server of its own: FlyingFox 0.27.1 parses a request head in quadratic time without a limit.)
// HTTP client: Foundation's URLSession behind a transport closure (no build cost).
// The `triage` executable parses its own few flags (TriageShell.Invocation) instead of
// swift-argument-parser: its positional words are shell commands from the one command table.
// LogAnalysis (byte loops over megabytes of logs), GitLabSimulator (renders those logs) and the
// Basics they hash and draw numbers with are optimised in debug builds too: unoptimised, `triage demo` and every test that fetches spend most
// of their time there (a fetch of the 8-project simulator: 8.2 s of CPU, 75% in LogAnalysis).
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "triage",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "triage", targets: ["triage"]),
        .executable(name: "triage-sim", targets: ["triage-sim"]),
        .executable(name: "triage-bench", targets: ["triage-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // FNV-1a, SplitMix64 and civil dates, once for every module but LogAnalysis (which imports
        // nothing of ours); no imports of its own, so the simulator may use it too.
        .target(name: "Basics", exclude: ["README.md"], swiftSettings: optimisedInDebug),
        .target(name: "LogAnalysis", exclude: ["README.md"], swiftSettings: optimisedInDebug),
        .target(name: "TriageCore", dependencies: ["LogAnalysis", "Basics"], exclude: ["README.md"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "GitLab", dependencies: ["TriageCore", "Basics"], exclude: ["README.md"]),
        .target(
            name: "Store",
            dependencies: [
                "TriageCore", "LogAnalysis", "Basics", "CZlib", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["README.md"]),
        .target(name: "TriageShell", dependencies: ["TriageCore", "LogAnalysis"], exclude: ["README.md"]),
        // libedit (BSD): line editing for the interactive shell. GNU readline is GPL: not used.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LineEditor", dependencies: ["CEditLine"], exclude: ["README.md"]),
        .target(
            name: "GitLabSimulator",
            dependencies: [
                "Basics", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            exclude: ["README.md"], swiftSettings: optimisedInDebug),
        .target(
            name: "Dashboard",
            dependencies: ["TriageCore", "LogAnalysis"],
            exclude: ["README.md"],
            // The page's static files, compiled into the binary (`PackageResources`): `export` needs
            // nothing beside the executable.
            resources: [
                .embedInCode("Resources/index.html"), .embedInCode("Resources/style.css"),
                .embedInCode("Resources/app.js"),
            ]),
        .executableTarget(
            name: "triage",
            dependencies: [
                "TriageShell", "TriageCore", "GitLab", "Store", "GitLabSimulator", "LineEditor", "Dashboard",
            ]),
        .executableTarget(name: "triage-sim", dependencies: ["GitLabSimulator"]),
        .executableTarget(
            name: "triage-bench",
            dependencies: [
                "TriageCore", "LogAnalysis", "Basics", "GitLab", "Store", "GitLabSimulator", "TriageShell",
                "Dashboard",
            ]),
        .testTarget(name: "BasicsTests", dependencies: ["Basics", "LogAnalysis"]),
        .testTarget(
            name: "LogAnalysisTests", dependencies: ["LogAnalysis"], exclude: ["Fixtures/PROVENANCE.md"]),
        .testTarget(name: "TriageCoreTests", dependencies: ["TriageCore", "LogAnalysis", "Basics"]),
        .testTarget(name: "GitLabTests", dependencies: ["GitLab", "TriageCore", "GitLabSimulator"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TriageCore", "LogAnalysis", "Basics"]),
        .testTarget(
            name: "TriageShellTests",
            dependencies: ["TriageShell", "TriageCore", "Store", "LogAnalysis", "Basics"]),
        .testTarget(name: "GitLabSimulatorTests", dependencies: ["GitLabSimulator", "Basics"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
        .testTarget(
            name: "DashboardTests", dependencies: ["Dashboard", "TriageCore", "Store", "LogAnalysis"]),
        // What the end-to-end suites share: the simulator, the `triage` process runner, and an
        // organisation fetched once per test process (`FetchedOrganisation`).
        .target(
            name: "TriageTestSupport", dependencies: ["GitLabSimulator", "GitLab", "Store", "TriageCore"],
            path: "Tests/TriageTestSupport"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TriageTestSupport", "GitLabSimulator", "GitLab", "Store", "TriageCore", "LogAnalysis",
            ],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
