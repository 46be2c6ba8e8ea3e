import Foundation
import Testing

@testable import LogAnalysis

/// The real PkgEval logs in `Tests/Fixtures/gitlab-samples` through the whole pipeline
/// (`TraceCleaner` then `DependencyParser`).
@Suite struct DependenciesSampleLogTests {
    static func listing(_ name: String) throws -> DependencyListing {
        DependencyParser.parse(TraceCleaner.clean(try SharedFiles.sample(name)))
    }

    @Test func batched() throws {
        let l = try Self.listing("julia_pkgeval_Batched_errored.log")
        #expect(
            l.sorted.map(\.description) == [
                "julia:Batched 0.1.0 [1629540a]",
                "julia:CUDAapi 0.6.3 [3895d2a7]",
                "julia:julia 1.4.0-DEV.577",
            ])
    }

    @Test func abstractNumbers() throws {
        let l = try Self.listing("julia_pkgeval_AbstractNumbers_errored.log")
        #expect(
            l.sorted.map(\.description) == [
                "julia:AbstractNumbers 0.2.0 [85c772de]",
                "julia:OpenSpecFun_jll 0.5.3+1 [efe28fd5]",
                "julia:SpecialFunctions 0.9.0 [276daf66]",
                "julia:julia 1.4.0-DEV.577",
            ])
        // The test environment's Status comes after the install listing: its line wins.
        let installed = try #require(l.lines["julia:SpecialFunctions"])
        #expect(installed > 20)
    }

    @Test func beauty() throws {
        let l = try Self.listing("julia_pkgeval_Beauty_testfailed.log")
        #expect(l["julia:julia"]?.version == "1.4.0-DEV.577")
        #expect(
            l["julia:DataFrames"]
                == Dependency(ecosystem: .julia, name: "DataFrames", version: "0.20.0", id: "a93c6f00"))
        #expect(l["julia:Parsers"]?.version == "0.3.10")
        #expect(l.ecosystems == [.julia])
        // 26 `Installed` packages plus julia; no stdlib, nothing from the test output.
        #expect(l.count == 27)
        #expect(l.dependencies.values.allSatisfy { $0.name == "julia" || $0.id != nil })
    }

    /// Two real logs of different packages as if they were one job's green and red runs.
    @Test func diffOfTwoRealLogs() throws {
        let green = TraceCleaner.clean(try SharedFiles.sample("julia_pkgeval_Batched_errored.log"))
        let red = TraceCleaner.clean(try SharedFiles.sample("julia_pkgeval_AbstractNumbers_errored.log"))
        let diff = DependencyDiff.between(green: green, red: red)
        #expect(
            diff.changes.map(\.description) == [
                "julia:AbstractNumbers ∅ → 0.2.0 (added)",
                "julia:Batched 0.1.0 → ∅ (removed)",
                "julia:CUDAapi 0.6.3 → ∅ (removed)",
                "julia:OpenSpecFun_jll ∅ → 0.5.3+1 (added)",
                "julia:SpecialFunctions ∅ → 0.9.0 (added)",
            ])
        #expect(diff.notes.isEmpty)
    }

    /// gitlab-runner's own CI (Go tests): 116 `go: downloading` lines, one per module; the
    /// `go: extracting` / `go: finding` lines around them add nothing.
    @Test func goModulesOfARealRunnerTrace() throws {
        let l = try Self.listing("trace_gitlabcom_runner13_goTests_CRtoLF.log")
        #expect(l.count == 116)
        #expect(l.ecosystems == [.go])
        #expect(l["go:github.com/docker/docker"]?.version == "v20.10.2+incompatible")
        #expect(l["go:github.com/docker/go-units"]?.version == "v0.3.2-0.20160802145505-eb879ae3e2b8")
    }

    /// Every line of every text sample goes through all parsers; the non-Julia samples (runner
    /// traces of Go tests, an OpenWrt build) must not yield Julia, pip or npm dependencies by accident.
    @Test func otherSamplesYieldNoStrayDependencies() throws {
        for name in [
            "trace_gitlabcom_runner11_small_CRtoLF.log", "trace_gitlabcom_runner11_warning_CRtoLF.log",
            "trace_gitlabcom_runner13_goTests_CRtoLF.log", "trace_gitlabcom_openwrt_success_raw_CR.log",
            "trace_gitlabcom_runner18_7_timestamps_ESC_CR_stripped.log",
        ] {
            let l = try Self.listing(name)
            let stray = l.sorted.filter { [.julia, .pip, .npm, .cargo, .maven].contains($0.ecosystem) }
            #expect(stray.isEmpty, "\(name): \(stray)")
        }
    }
}
