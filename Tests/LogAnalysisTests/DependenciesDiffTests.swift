import Foundation
import Testing

@testable import LogAnalysis

@Suite struct DependenciesDiffTests {
    static let green = CleanedLog(plain: [
        "julia version 1.10.2",
        "Status `/tmp/jl_abc/Manifest.toml`",
        "  [a93c6f00] DataFrames v1.6.1",
        "  [864edb3b] DataStructures v0.18.15",
        "  [682c06a0] JSON v0.21.4",
        "  [69de0a69] Parsers v2.8.1",
        "  [8dfed614] Test",
    ])

    @Test func changesAreSortedAndClassified() {
        let red = CleanedLog(plain: [
            "julia version 1.10.3",
            "Status `/tmp/jl_def/Manifest.toml`",
            "  [a93c6f00] DataFrames v1.7.0",
            "  [864edb3b] DataStructures v0.18.15",
            "  [69de0a69] Parsers v2.8.0",
            "  [bac558e1] OrderedCollections v1.6.3",
        ])
        let diff = DependencyDiff.between(green: Self.green, red: red)
        #expect(
            diff.changes.map(\.description) == [
                "julia:DataFrames 1.6.1 → 1.7.0 (upgraded)",
                "julia:JSON 0.21.4 → ∅ (removed)",
                "julia:OrderedCollections ∅ → 1.6.3 (added)",
                "julia:Parsers 2.8.1 → 2.8.0 (downgraded)",
                "julia:julia 1.10.2 → 1.10.3 (upgraded)",
            ])
        #expect(diff.notes == [])
        #expect(diff.greenCount == 5)
        #expect(diff.redCount == 5)
    }

    @Test func changesSortByEcosystemThenName() {
        let older = DependencyListing([
            Dependency(ecosystem: .pip, name: "numpy", version: "1.26.3"),
            Dependency(ecosystem: .go, name: "golang.org/x/net", version: "v0.22.0"),
        ])
        let newer = DependencyListing([
            Dependency(ecosystem: .pip, name: "numpy", version: "1.26.4"),
            Dependency(ecosystem: .go, name: "golang.org/x/net", version: "v0.23.0"),
            Dependency(ecosystem: .cargo, name: "serde", version: "1.0.197"),
        ])
        #expect(newer.changes(from: older).map(\.key) == ["cargo:serde", "go:golang.org/x/net", "pip:numpy"])
    }

    struct NoteCase: Sendable, CustomTestStringConvertible {
        let rule: String
        let green: [String]
        let red: [String]
        let changes: [String]
        let notes: [String]
        var testDescription: String { rule }
    }

    static let noteCases: [NoteCase] = [
        .init(
            rule: "red has no listing", green: ["  [a93c6f00] DataFrames v1.6.1"], red: ["ERROR: boom"],
            changes: [],
            notes: [
                "the red trace has no dependency listing (truncated, or it failed before installing?); "
                    + "the green trace lists 1"
            ]),
        .init(
            rule: "green has no listing", green: ["ok"], red: ["  [a93c6f00] DataFrames v1.6.1"], changes: [],
            notes: [
                "the green trace has no dependency listing (truncated, or the job did not print one then); "
                    + "the red trace lists 1"
            ]),
        .init(
            rule: "neither", green: ["ok"], red: ["ERROR: boom"], changes: [],
            notes: ["neither trace has a dependency listing; nothing to compare"]),
        .init(
            rule: "nothing changed", green: ["numpy==1.26.4"], red: ["numpy==1.26.4"], changes: [],
            notes: ["no dependency changed (1 compared)"]),
        .init(
            rule: "ecosystem only on one side is left out",
            green: ["numpy==1.26.4", "  [a93c6f00] DataFrames v1.6.1"],
            red: ["numpy==1.26.5"], changes: ["pip:numpy 1.26.4 → 1.26.5 (upgraded)"],
            notes: ["only the green trace lists julia dependencies (1); julia is left out"]),
        .init(
            rule: "truncated red", green: ["numpy==1.26.4"],
            red: [
                "numpy==1.26.4", "Job's log exceeded limit of 4194304 bytes.",
                "Job execution will continue but no more output will be collected.",
            ],
            changes: [],
            notes: [
                "the red trace was truncated by GitLab (log size limit); its listing may be incomplete",
                "no dependency changed (1 compared)",
            ]),
    ]

    @Test(arguments: noteCases)
    func notes(_ c: NoteCase) {
        let diff = DependencyDiff.between(green: CleanedLog(plain: c.green), red: CleanedLog(plain: c.red))
        #expect(diff.changes.map(\.description) == c.changes)
        #expect(diff.notes == c.notes)
    }

    @Test func codableRoundTrip() throws {
        let change = DependencyChange(
            ecosystem: .julia, name: "DataFrames", from: "1.6.1", to: "1.7.0", kind: .upgraded)
        let data = try JSONEncoder().encode(change)
        #expect(String(decoding: data, as: UTF8.self).contains("\"ecosystem\":\"julia\""))
        #expect(try JSONDecoder().decode(DependencyChange.self, from: data) == change)
    }
}
