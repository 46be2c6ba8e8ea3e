import Basics
import Foundation

/// Writes bytes the way gitlab-runner does, optionally with runner-18.7 per-line timestamps (§5.3).
struct TraceWriter {
    var out: [UInt8] = []
    let timestamps: Bool
    /// Virtual clock in epoch microseconds.
    var clock: Int64
    var rng: SplitMix64

    static let esc = "\u{1B}"
    static let reset = "\u{1B}[0;m"
    static let clear = "\u{1B}[0K"

    /// Moves the virtual clock forward to `micros` (never backwards).
    mutating func jump(to micros: Int64) { clock = max(clock, micros) }

    mutating func tick(_ maxMicros: Int64 = 3_000) { clock += 1 + Int64(rng.next() % UInt64(maxMicros)) }

    private mutating func prefix(stream: String, continuation: Bool) {
        guard timestamps else { return }
        out.append(contentsOf: "\(isoMicros(clock)) \(stream)\(continuation ? "+" : " ")".utf8)
    }

    /// One line (without its `\n`) on a stream: "00O" runner, "01O" script stdout, "01E" script stderr.
    mutating func line(_ text: String, stream: String = "01O") {
        tick()
        prefix(stream: stream, continuation: false)
        out.append(contentsOf: text.utf8)
        out.append(10)
    }

    mutating func raw(_ bytes: [UInt8], stream: String = "01O") {
        tick()
        prefix(stream: stream, continuation: false)
        out.append(contentsOf: bytes)
        out.append(10)
    }

    /// `Println`: `\e[0K<text>\e[0;m`.
    mutating func runner(_ text: String) { line("\(Self.clear)\(text)\(Self.reset)", stream: "00O") }
    /// Green command echo or notice.
    mutating func notice(_ text: String, stream: String = "01O") {
        line("\u{1B}[32;1m\(text)\(Self.reset)", stream: stream)
    }

    /// Progress frames separated by bare `\r` on one line; with timestamps each frame is its own entry with `+`.
    mutating func progress(_ frames: [String]) {
        if timestamps {
            for (i, f) in frames.enumerated() {
                tick()
                prefix(stream: "01O", continuation: i > 0)
                out.append(contentsOf: f.utf8)
                out.append(contentsOf: i == frames.count - 1 ? [10] : [13, 10])
            }
        } else {
            line(frames.joined(separator: "\r"))
        }
    }

    mutating func sectionStart(_ name: String, _ header: String) {
        tick(200_000)
        line(
            "section_start:\(clock / 1_000_000):\(name)\r\(Self.clear)\(Self.clear)\u{1B}[36;1m\(header)\(Self.reset)",
            stream: "00O")
    }

    mutating func sectionEnd(_ name: String) {
        tick(200_000)
        tick()
        prefix(stream: "00O", continuation: false)
        out.append(contentsOf: "section_end:\(clock / 1_000_000):\(name)\r\(Self.clear)".utf8)
        if timestamps { out.append(10) }
    }
}

/// Renders one job's trace: preamble, sections, the job's script output, its failure text and the tail.
///
/// The same cause is phrased differently wherever it lands, as in real CI: each project has its own
/// paths (`/builds/<group>/<project>/…`), clone URL, test files, test-set and module names; line
/// numbers move from night to night; an infrastructure cause is reported by whichever tool met it
/// (git, Pkg, pip, go, cargo, Maven, npm, docker, tar, the runner). Around the failure sit the lines
/// a person skips: runner scaffolding, cache and artifact steps, passing tests, progress redraws,
/// warnings, and prose that merely contains the word "error".
struct TraceRenderer {
    let org: Organisation
    let job: Organisation.Job
    let project: Organisation.Project
    let pipeline: Organisation.Pipeline

    private static let runnerVersions = [
        ("17.5.3", "12030cf4"), ("17.11.1", "96856197"), ("18.2.0", "5e4a1f23"), ("18.7.0", "a1f0c3d9"),
    ]

    func render() -> [UInt8] {
        guard let started = job.startedAt else { return [] }
        let adversarial = org.adversarialByJob[job.id]
        if adversarial == .empty { return [] }
        var w = TraceWriter(
            timestamps: project.writesTimestamps, clock: started * 1000,
            rng: SplitMix64(org.seed, stableHash("trace"), UInt64(job.id)))
        if adversarial == .escapesOnly {
            for _ in 0..<40 {
                w.out.append(
                    contentsOf:
                        "\u{1B}[0K\u{1B}[32;1m\u{1B}[0;m\u{1B}[36;1m\u{1B}[0;m\r\u{1B}[0K\u{1B}[31;1m\u{1B}[0;m\n"
                        .utf8)
            }
            return w.out
        }
        let cause = org.cause(ofJob: job.id)
        let version =
            project.writesTimestamps
            ? ("18.7.0", "a1f0c3d9")
            : Self.runnerVersions[(project.id + job.runnerIndex) % 3]
        let runnerName =
            "\(project.language == .julia ? "julia" : "tools")-runner-\((job.runnerIndex < 9 ? "0\(job.runnerIndex + 1)" : "\(job.runnerIndex + 1)"))"
        let token = String(stableHex(8, stableHash(runnerName)))
        w.runner("Running with gitlab-runner \(version.0) (\(version.1))")
        w.runner("  on \(runnerName) \(token), system ID: s_\(stableHex(12, stableHash(runnerName), 2))")
        w.sectionStart("prepare_executor", "Preparing the \"docker\" executor")
        w.runner("Using Docker executor with image \(job.image) ...")
        w.runner("Pulling docker image \(job.image) ...")
        if cause?.kind == .dockerPull && infraPlace == .pull {
            let secs = w.rng.int(1...30)
            let error =
                "Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit (manager.go:251:\(secs)s)"
            w.line(
                "\u{1B}[0;33mWARNING: Failed to pull image with policy \"always\": \(error)\(TraceWriter.reset)",
                stream: "00O")
            w.line(
                "\u{1B}[31;1mERROR: Job failed (system failure): failed to pull image \"\(job.image)\" with specified policies [always]: \(error)\(TraceWriter.reset)",
                stream: "00O")
            return finish(&w, cause: cause, ran: false)
        }
        w.runner(
            "Using docker image sha256:\(w.rng.hex(64)) for \(job.image) with digest \(job.image.split(separator: ":").first ?? "")@sha256:\(w.rng.hex(64)) ..."
        )
        if cause?.kind == .runnerSystemFailure {
            runnerSystemFailure(&w)
            return finish(&w, cause: cause, ran: false)
        }
        w.sectionEnd("prepare_executor")
        w.sectionStart("prepare_script", "Preparing environment")
        w.line(
            "Running on runner-\(token.lowercased())-project-\(project.id)-concurrent-\(w.rng.int(0...3)) via \(runnerName)..."
        )
        w.sectionEnd("prepare_script")
        w.sectionStart("get_sources", "Getting source from Git repository")
        w.notice("Fetching changes with git depth set to 20...")
        w.line("Initialized empty Git repository in \(root)/.git/")
        w.notice("Created fresh repository.")
        if cause?.kind == .network && infraPlace == .clone {
            w.line(
                "fatal: unable to access 'https://gitlab-ci-token:[MASKED]@gitlab.example.com/\(project.pathWithNamespace).git/': Could not resolve host: gitlab.example.com"
            )
            w.sectionEnd("get_sources")
            return finish(&w, cause: cause, ran: false)
        }
        w.notice("Checking out \(pipeline.sha.prefix(8)) as detached HEAD (ref is \(pipeline.ref))...")
        w.line("")
        w.notice("Skipping Git submodules setup")
        w.sectionEnd("get_sources")
        restoreCache(&w)
        let finished = (job.finishedAt ?? started) * 1000
        w.jump(to: started * 1000 + (finished - started * 1000) / 8)
        w.sectionStart("step_script", "Executing \"step_script\" stage of the job script")
        w.runner("Using docker image sha256:\(w.rng.hex(64)) for \(job.image) ...")
        if adversarial == .html {
            w.line(
                "[ Info: rendering fixture: <script>alert(1)</script><img src=x onerror=alert(1)> title=\"x\" onload='y' &amp; </pre>"
            )
        }
        if adversarial == .invalidUTF8 {
            w.raw(
                Array("[ Info: reading fixture caf".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(" latin1: ".utf8)
                    + [0xE9, 0x80, 0xE2, 0x82])
        }
        changelog(&w)
        if cause?.kind == .diskFull && infraPlace == .tar {
            w.notice("$ tar -xzf .ci-cache/deps.tar.gz")
            let path = own(
                [
                    "vendor/modules.txt", "node_modules/.package-lock.json",
                    ".julia/artifacts/Overrides.toml", "deps/lib/libz.a",
                ], "tar")
            w.line("tar: \(path): Cannot write: No space left on device")
            w.line("tar: Exiting with failure status due to previous errors")
            return finish(&w, cause: cause)
        }
        if adversarial == .huge {
            var n = 0
            while w.out.count < 6_000_000 {
                n += 1
                w.line(
                    "  [ Info: iteration \(n): objective = \(Double(w.rng.int(1...999_999_999)) / 1e6), step = \(Double(w.rng.int(1...9999)) / 1e4)"
                )
            }
        }
        switch project.language {
        case .julia: julia(&w, cause)
        case .python: python(&w, cause)
        case .go: go(&w, cause)
        case .rust: rust(&w, cause)
        case .java: java(&w, cause)
        case .javascript: javascript(&w, cause)
        case .infra: infra(&w, cause)
        }
        return finish(&w, cause: cause)
    }

    /// The job's tail. `ran` is false when the job never reached its script (image pull, runner
    /// failure, clone): the runner then goes straight to clean-up.
    private func finish(_ w: inout TraceWriter, cause: FailureCause? = nil, ran: Bool = true) -> [UInt8] {
        let adversarial = org.adversarialByJob[job.id]
        if adversarial == .truncated {
            let limit = 4 * 1024 * 1024
            var n = 0
            while w.out.count < limit {
                n += 1
                w.line(
                    "      Testing iteration \(n): residual = \(Double(w.rng.int(1...999_999)) / 1e9) (tolerance 1.0e-8)"
                )
            }
            w.out.removeLast(w.out.count - limit)
            w.out.append(
                contentsOf:
                    "\n\u{1B}[33;1mJob's log exceeded limit of 4194304 bytes.\nJob execution will continue but no more output will be collected.\u{1B}[0;m\n"
                    .utf8)
            return w.out
        }
        if job.status == "canceled" { return w.out }
        if cause?.kind == .dockerPull && infraPlace == .pull { return w.out }
        if cause?.kind == .runnerSystemFailure { return w.out }
        if cause?.kind == .timeout {
            w.jump(to: (job.finishedAt ?? 0) * 1000)
            w.line(
                "\u{1B}[31;1mERROR: Job failed: execution took longer than 1h0m0s seconds\(TraceWriter.reset)",
                stream: "00O")
            return w.out
        }
        let failed = job.status == "failed"
        if ran {
            w.jump(to: (job.finishedAt ?? 0) * 1000 - 4_000_000)
            w.sectionEnd("step_script")
            w.sectionStart("after_script", "Running after_script")
            w.notice("Running after script...")
            w.notice("$ echo \"job $CI_JOB_NAME finished with status $CI_JOB_STATUS\"")
            w.line("job \(job.name) finished with status \(failed ? "failed" : "success")")
            w.sectionEnd("after_script")
            saveCache(&w, failed: failed)
            w.sectionStart(
                failed ? "upload_artifacts_on_failure" : "upload_artifacts_on_success",
                failed ? "Uploading artifacts for failed job" : "Uploading artifacts for successful job")
            w.notice("Uploading artifacts...")
            w.line(
                "\u{1B}[0;33mWARNING: coverage/lcov.info: no matching files. Ensure that the artifact path is relative to the working directory (\(root))\(TraceWriter.reset)",
                stream: "00O")
            w.line(
                "\u{1B}[31;1mERROR: No files to upload                         \(TraceWriter.reset)",
                stream: "00O")
            w.sectionEnd(failed ? "upload_artifacts_on_failure" : "upload_artifacts_on_success")
        }
        w.sectionStart("cleanup_file_variables", "Cleaning up project directory and file based variables")
        w.sectionEnd("cleanup_file_variables")
        if failed {
            let code = cause?.kind == .oomKilled ? 137 : 1
            w.line("\u{1B}[31;1mERROR: Job failed: exit code \(code)\(TraceWriter.reset)", stream: "00O")
        } else {
            w.line("\u{1B}[32;1mJob succeeded\(TraceWriter.reset)", stream: "00O")
        }
        return w.out
    }

    // MARK: Scaffolding

    private var cacheKey: String {
        switch project.language {
        case .julia: "julia-depot"
        case .python: "pip"
        case .go: "gomod"
        case .rust: "cargo"
        case .java: "m2"
        case .javascript: "npm"
        case .infra: "buildx"
        }
    }

    private func restoreCache(_ w: inout TraceWriter) {
        w.sectionStart("restore_cache", "Restoring cache")
        w.notice("Checking cache for \(cacheKey)-\(project.id)-protected...")
        if stableHash("cold\(job.id)") % 5 == 0 {
            w.line(
                "\u{1B}[0;33mWARNING: file does not exist                       \(TraceWriter.reset)",
                stream: "00O")
            w.line("\u{1B}[0;33mFailed to extract cache\(TraceWriter.reset)", stream: "00O")
        } else {
            w.line(
                "Downloading cache from https://storage.googleapis.com/gitlab-runner-cache/project/\(project.id)/\(cacheKey)-\(project.id)-protected\(TraceWriter.reset)  ETag=\"\(w.rng.hex(32))\""
            )
            w.notice("Successfully extracted cache")
        }
        w.sectionEnd("restore_cache")
    }

    private func saveCache(_ w: inout TraceWriter, failed: Bool) {
        w.sectionStart(
            "archive_cache\(failed ? "_on_failure" : "")",
            "Saving cache for \(failed ? "failed" : "successful") job")
        w.notice("Creating cache \(cacheKey)-\(project.id)-protected...")
        w.line(
            "\u{1B}[0;33mWARNING: .cache/: no matching files. Ensure that the artifact path is relative to the working directory (\(root))\(TraceWriter.reset)",
            stream: "00O")
        w.line(
            "Uploading cache.zip to https://storage.googleapis.com/gitlab-runner-cache/project/\(project.id)/\(cacheKey)-\(project.id)-protected\(TraceWriter.reset)"
        )
        w.notice("Created cache")
        w.sectionEnd("archive_cache\(failed ? "_on_failure" : "")")
    }

    /// A passing step whose output is prose that contains "error" and "fail": never the cause.
    private func changelog(_ w: inout TraceWriter) {
        w.notice("$ head -n 4 CHANGELOG.md")
        w.line("# Changelog")
        w.line("## v0.\(project.id % 9 + 1).\(pipeline.nightIndex % 7) (unreleased)")
        w.line(
            own(
                [
                    "- Fixed an error in the parser when the input ends with a comment (#\(project.id + 11)).",
                    "- Report errors from the cache layer instead of failing silently (#\(project.id * 3)).",
                    "- Tests no longer fail when the locale uses a decimal comma; error messages name the file.",
                ], "changelog"))
        w.line("- Documented the exit codes (0 success, 1 failure, 2 fatal error).")
    }

    private func runnerSystemFailure(_ w: inout TraceWriter) {
        switch stableHash("rsf\(job.id)") % 2 {
        case 0:
            w.line(
                "\u{1B}[0;33mWARNING: Preparation failed: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: unable to apply cgroup configuration: unable to start unit \"docker-\(w.rng.hex(64)).scope\": Unit docker-\(w.rng.hex(12)).scope was already loaded or has a fragment file.: unknown (docker.go:\(w.rng.int(700...999)):0s)\(TraceWriter.reset)",
                stream: "00O")
            w.line("Will be retried in 3s ...", stream: "00O")
            w.line(
                "\u{1B}[31;1mERROR: Job failed (system failure): failed to create container: Error response from daemon: Conflict. The container name \"/runner-\(w.rng.hex(8))-project-\(project.id)-concurrent-0-\(w.rng.hex(16))-predefined\" is already in use\(TraceWriter.reset)",
                stream: "00O")
        default:
            w.line(
                "\u{1B}[31;1mERROR: Job failed (system failure): prepare environment: setting up build directory: Error response from daemon: No such container: \(w.rng.hex(64)) (docker.go:\(w.rng.int(700...999)):0s). Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information\(TraceWriter.reset)",
                stream: "00O")
        }
    }

    var package: String { String(project.name.split(separator: ".").first ?? "") }
    var root: String { "/builds/\(project.pathWithNamespace)" }
    var juliaVersion: String {
        job.image.hasSuffix("1.10")
            ? "1.10.7"
            : (job.image.hasSuffix("nightly") ? "1.13.0-DEV.\(600 + pipeline.nightIndex)" : "1.11.2")
    }
    var stdlib: String { "/usr/local/julia/share/julia/stdlib/v\(juliaVersion.prefix(4))" }

    private func temp(_ w: inout TraceWriter) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "/tmp/jl_" + String((0..<6).map { _ in letters[w.rng.int(0..<letters.count)] })
    }

    // MARK: Julia

    private func statusListing(_ w: inout TraceWriter) {
        w.line("Status `\(root)/Project.toml`")
        for dep in project.dependencies {
            let d = dependencyCatalogue[dep]
            let (v, held) = org.version(ofDependency: dep, night: pipeline.nightIndex)
            let marker = held ? (d.major == 0 ? "\u{1B}[33m⌅\u{1B}[39m" : "\u{1B}[32m⌃\u{1B}[39m") : " "
            w.line("\(marker) \u{1B}[90m[\(d.uuid)] \u{1B}[39m\(d.name) v\(v)")
        }
        if project.dependencies.contains(where: {
            org.version(ofDependency: $0, night: pipeline.nightIndex).1
        }) {
            w.line(
                "\u{1B}[36m\u{1B}[1mInfo\u{1B}[22m\u{1B}[39m Packages marked with \u{1B}[32m⌃\u{1B}[39m and \u{1B}[33m⌅\u{1B}[39m have new versions available. Those with \u{1B}[32m⌃\u{1B}[39m may be upgradable, but those with \u{1B}[33m⌅\u{1B}[39m are restricted by compatibility constraints from upgrading. To see why use `status --outdated`"
            )
        }
    }

    /// The project's own test sets (what `@testset` names its files), stable per project.
    private var testsets: [String] {
        let all = [
            "io", "constructors", "arithmetic", "show", "broadcasting", "indexing", "conversion", "interface",
            "utils", "regression",
        ]
        let start = Int(stableHash("testsets\(project.id)") % UInt64(all.count))
        return (0..<4).map { all[(start + $0 * 3) % all.count] }
    }

    private func julia(_ w: inout TraceWriter, _ cause: FailureCause?) {
        w.notice("$ julia --project=. -e 'using Pkg; Pkg.instantiate()'")
        w.line(
            "\u{1B}[32m\u{1B}[1m    Updating\u{1B}[22m\u{1B}[39m registry at `~/.julia/registries/General.toml`"
        )
        if failsInInstall(cause), let c = cause {
            infraByTool(&w, c, .juliaPkg)
            return
        }
        if cause?.kind == .pkgResolution, let c = cause {
            let dep = dependencyCatalogue.first { $0.name == c.subject }
            let uuid = dep?.uuid ?? "00000000"
            let other = dependencyCatalogue[(Int(stableHash(c.subject) % 19) + 1) % dependencyCatalogue.count]
            w.line("\u{1B}[32m\u{1B}[1m   Resolving\u{1B}[22m\u{1B}[39m package versions...")
            w.line("ERROR: Unsatisfiable requirements detected for package \(c.subject) [\(uuid)]:")
            w.line(" \(c.subject) [\(uuid)] log:")
            w.line(" ├─possible versions are: 0.1.0-\(c.detail) or uninstalled")
            w.line(
                " ├─restricted to versions \(c.detail) by \(other.name) [\(other.uuid)], leaving only versions: \(c.detail)"
            )
            w.line(
                " └─restricted by compatibility requirements with \(package) [\(stableHex(8, stableHash(package)))] to versions: 0.1.0-\(w.rng.int(1...9)).\(w.rng.int(0...30)) — no versions left"
            )
            w.line("Stacktrace:")
            w.line(
                "  [1] \u{1B}[0m\u{1B}[1mpropagate_constraints!\u{1B}[22m(graph::Pkg.Resolve.Graph, sources::Set{Int64}; log_events::Bool)"
            )
            w.line(
                "    @ \u{1B}[90mPkg.Resolve\u{1B}[39m \u{1B}[90m\(stdlib)/Pkg/src/Resolve/\u{1B}[39m\u{1B}[90m\u{1B}[4mgraphtype.jl:1\(w.rng.int(0...9))\(w.rng.int(10...99))\u{1B}[24m\u{1B}[39m"
            )
            return
        }
        var frames: [String] = []
        let total = project.dependencies.count + w.rng.int(20...60)
        for i in stride(from: 0, through: total, by: max(1, total / 6)) {
            frames.append(
                "\u{1B}[32m\u{1B}[1mPrecompiling\u{1B}[22m\u{1B}[39m project...\n  \(String(repeating: "█", count: i * 20 / total))\(String(repeating: " ", count: 20 - i * 20 / total)) \(i)/\(total)"
            )
        }
        w.progress(frames.map { $0.replacingOccurrences(of: "\n", with: " ") })
        w.line("  \(total) dependencies successfully precompiled in \(w.rng.int(20...140)) seconds")
        w.notice("$ julia --project=. -e 'using Pkg; Pkg.status()'")
        statusListing(&w)
        if job.name == "instantiate" || job.name == "docs" {
            if job.name == "docs" {
                w.notice("$ julia --project=docs docs/make.jl")
                if let c = cause, c.kind == .loadError { loadError(&w, c); return }
                w.line("[ Info: SetupBuildDirectory: setting up build directory.")
                w.line("[ Info: Doctest: running doctests.")
                w.line("[ Info: ExpandTemplates: expanding markdown templates.")
                w.line("[ Info: CrossReferences: building cross-references (page \"Errors and failures\").")
                w.line("[ Info: HTMLWriter: rendering HTML pages.")
            }
            if let c = cause { generic(&w, c) }
            return
        }
        w.notice("$ julia --project=. -e 'using Pkg; Pkg.test(coverage=true)'")
        w.line("\u{1B}[32m\u{1B}[1m     Testing\u{1B}[22m\u{1B}[39m \(package)")
        w.line("\u{1B}[32m\u{1B}[1m      Status\u{1B}[22m\u{1B}[39m `\(temp(&w))/Project.toml`")
        w.line("\u{1B}[32m\u{1B}[1m     Testing\u{1B}[22m\u{1B}[39m Running tests...")
        w.line(
            "\u{1B}[33m\u{1B}[1m┌ \u{1B}[22m\u{1B}[39m\u{1B}[33m\u{1B}[1mWarning: \u{1B}[22m\u{1B}[39m`\(own(["getindex_safe", "ncols", "eachcolumn"], "dep"))` is deprecated, use `\(own(["getindex", "ncol", "eachcol"], "dep"))` instead."
        )
        w.line(
            "\u{1B}[33m\u{1B}[1m│ \u{1B}[22m\u{1B}[39m  caller = top-level scope at \(testsets[0]).jl:\(moved(12, "warn"))"
        )
        w.line(
            "\u{1B}[33m\u{1B}[1m└ \u{1B}[22m\u{1B}[39m\u{1B}[90m@ \(package) \(root)/src/deprecated.jl:\(moved(8, "dep"))\u{1B}[39m"
        )
        let passes = 120 + w.rng.int(0...400)
        // Test sets that pass print their own summary first.
        let failingSet = cause.map { juliaTestset($0) }
        for set in testsets.prefix(2) where set != failingSet {
            let n = w.rng.int(8...90)
            w.line(
                "\u{1B}[0m\u{1B}[1mTest Summary: | \u{1B}[22m\u{1B}[32m\u{1B}[1mPass  \u{1B}[22m\u{1B}[39m\u{1B}[36m\u{1B}[1mTotal  \u{1B}[22m\u{1B}[39m\u{1B}[0m\u{1B}[1mTime\u{1B}[22m"
            )
            w.line(
                "\(set.padding(toLength: 13, withPad: " ", startingAt: 0)) | \u{1B}[32m\(String(n).leftPad(4))  \u{1B}[39m\u{1B}[36m\(String(n).leftPad(5))  \u{1B}[39m\u{1B}[0m\(w.rng.int(0...9)).\(w.rng.int(0...9))s"
            )
        }
        guard let c = cause else {
            w.line(
                "\u{1B}[0m\u{1B}[1mTest Summary: | \u{1B}[22m\u{1B}[32m\u{1B}[1mPass  \u{1B}[22m\u{1B}[39m\u{1B}[36m\u{1B}[1mTotal  \u{1B}[22m\u{1B}[39m\u{1B}[0m\u{1B}[1mTime\u{1B}[22m"
            )
            w.line(
                "\(package.padding(toLength: 13, withPad: " ", startingAt: 0)) | \u{1B}[32m\(String(passes).leftPad(4))  \u{1B}[39m\u{1B}[36m\(String(passes).leftPad(5))  \u{1B}[39m\u{1B}[0m\(w.rng.int(3...90)).\(w.rng.int(0...9))s"
            )
            w.line("\u{1B}[32m\u{1B}[1m     Testing\u{1B}[22m\u{1B}[39m \(package) tests passed ")
            return
        }
        switch c.kind {
        case .testFailure: testFailed(&w, c, passes: passes)
        case .testError: testErrored(&w, c, passes: passes)
        case .loadError: loadError(&w, c)
        case .segfault: segfault(&w, c)
        default: generic(&w, c)
        }
    }

    /// The test set a cause fails in: its own for a project's bug, one of the project's own for an
    /// upstream break (each project names its test sets and files its own way).
    private func juliaTestset(_ c: FailureCause) -> String {
        c.upstream ? own(testsets, c.id) : c.subject == "Base" ? "compat" : c.detail
    }

    private func juliaFile(_ c: FailureCause) -> String {
        c.upstream ? "test/\(juliaTestset(c)).jl" : c.file
    }

    private func juliaLine(_ c: FailureCause) -> Int {
        moved(c.upstream ? 20 + Int(stableHash("\(c.id)|\(project.id)") % 200) : c.line, c.id)
    }

    private func pkgErrorTail(_ w: inout TraceWriter, suffix: String = "") {
        w.line(
            "\u{1B}[91m\u{1B}[1mERROR: \u{1B}[22m\u{1B}[39mPackage \(package) errored during testing\(suffix)"
        )
        w.line("Stacktrace:")
        w.line(" [1] \u{1B}[0m\u{1B}[1mpkgerror\u{1B}[22m(msg::\u{1B}[0mString)")
        w.line(
            "\u{1B}[90m   @\u{1B}[39m \u{1B}[90mPkg.Types\u{1B}[39m \u{1B}[90m\(stdlib)/Pkg/src/\u{1B}[39m\u{1B}[90m\u{1B}[4mTypes.jl:68\u{1B}[24m\u{1B}[39m"
        )
        w.line(
            " [2] \u{1B}[0m\u{1B}[1mtest\u{1B}[22m(ctx::\u{1B}[0mPkg.Types.Context, pkgs::\u{1B}[0mVector\u{1B}[90m{Pkg.Types.PackageSpec}\u{1B}[39m; coverage::\u{1B}[0mBool, kwargs::\u{1B}[0m@Kwargs\u{1B}[90m{}\u{1B}[39m)"
        )
        w.line(
            "\u{1B}[90m   @\u{1B}[39m \u{1B}[90mPkg.Operations\u{1B}[39m \u{1B}[90m\(stdlib)/Pkg/src/\u{1B}[39m\u{1B}[90m\u{1B}[4mOperations.jl:2183\u{1B}[24m\u{1B}[39m"
        )
    }

    private func stack(_ w: inout TraceWriter, _ c: FailureCause) {
        let file = juliaFile(c)
        let line = juliaLine(c)
        w.line("Stacktrace:")
        w.line(" [1] \u{1B}[0m\u{1B}[1mmacro expansion\u{1B}[22m")
        w.line(
            "\u{1B}[90m   @\u{1B}[39m \u{1B}[90m\(stdlib)/Test/src/\u{1B}[39m\u{1B}[90m\u{1B}[4mTest.jl:679\u{1B}[24m\u{1B}[39m\u{1B}[90m [inlined]\u{1B}[39m"
        )
        w.line(" [2] \u{1B}[0m\u{1B}[1mmacro expansion\u{1B}[22m")
        w.line(
            "\u{1B}[90m   @\u{1B}[39m \u{1B}[90m\(root)/\u{1B}[39m\u{1B}[90m\u{1B}[4m\(file):\(line)\u{1B}[24m\u{1B}[39m\u{1B}[90m [inlined]\u{1B}[39m"
        )
        w.line(" [3] \u{1B}[0m\u{1B}[1mtop-level scope\u{1B}[22m")
        w.line(
            "\u{1B}[90m   @\u{1B}[39m \u{1B}[90m\(root)/\u{1B}[39m\u{1B}[90m\u{1B}[4m\(file):\(max(1, line - 9))\u{1B}[24m\u{1B}[39m"
        )
    }

    private func summary(_ w: inout TraceWriter, _ c: FailureCause, passes: Int, fail: Int, error: Int) {
        let cols = fail > 0 ? "Pass  Fail  Total" : "Pass  Error  Total"
        w.line("\u{1B}[0m\u{1B}[1mTest Summary:  | \u{1B}[22m\(cols)  Time")
        w.line(
            "\(package.padding(toLength: 14, withPad: " ", startingAt: 0)) | \(String(passes).leftPad(4))  \(String(fail + error).leftPad(4))  \(String(passes + fail + error).leftPad(5))  \(w.rng.int(3...90)).\(w.rng.int(0...9))s"
        )
        w.line(
            "  \(juliaTestset(c).padding(toLength: 12, withPad: " ", startingAt: 0)) | \(String(w.rng.int(5...40)).leftPad(4))  \(String(fail + error).leftPad(4))  \(String(w.rng.int(41...60)).leftPad(5))  \(w.rng.int(0...9)).\(w.rng.int(0...9))s"
        )
        w.line(
            "\u{1B}[91m\u{1B}[1mERROR: \u{1B}[22m\u{1B}[39mLoadError: Some tests did not pass: \(passes) passed, \(fail) failed, \(error) errored, 0 broken."
        )
        w.line(
            "in expression starting at \(root)/test/runtests.jl:\(moved(4 + Int(stableHash(juliaTestset(c)) % 20), "runtests"))"
        )
        pkgErrorTail(&w)
    }

    private func testFailed(_ w: inout TraceWriter, _ c: FailureCause, passes: Int) {
        let a = w.rng.int(1...999)
        let b = w.rng.int(1...99)
        let evaluated: String
        switch c.detail {
        case "timing": evaluated = "0.\(w.rng.int(120...990)) < 0.1"
        case "show": evaluated = "\"\(a).\(b)(5) m\" == \"\(a).\(b)(6) m\""
        default: evaluated = "\(a).\(b)0000000000000\(w.rng.int(1...9)) == \(a).\(b)"
        }
        let html = org.adversarialByJob[job.id] == .html
        let expression =
            html
            ? "render(x) == \"<script>alert(1)</script><img src=x onerror=alert(1)> 'quoted' \\\"double\\\"\""
            : "\(c.detail)_result(x\(stableHash(c.id) % 7), digits = 2) == expected"
        w.line(
            "\u{1B}[91m\u{1B}[1m\(juliaTestset(c)): \u{1B}[22m\u{1B}[39m\u{1B}[91m\u{1B}[1mTest Failed\u{1B}[22m\u{1B}[39m at \u{1B}[39m\u{1B}[1m\(root)/\(juliaFile(c)):\(juliaLine(c))\u{1B}[22m"
        )
        w.line("  Expression: \(expression)")
        if org.adversarialByJob[job.id] == .invalidUTF8 {
            w.raw(
                Array("   Evaluated: \"caf".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array("\" == \"café\"".utf8)
                    + [0xE2, 0x82])
        } else {
            w.line(
                "   Evaluated: \(html ? "\"<img src=x onerror=alert(1)>\" == \"<script>alert(1)</script>\"" : evaluated)"
            )
        }
        stack(&w, c)
        summary(&w, c, passes: passes, fail: 1, error: 0)
    }

    /// Words of the projects' own function names (`promotion_fold_kernel`).
    private var kernelWords: [String] {
        [
            "fold", "tile", "scan", "stencil", "blend", "warp", "pack", "shard", "sweep", "knot", "lift",
            "splice", "mesh", "prune", "lattice", "ridge",
        ]
    }

    private func testErrored(_ w: inout TraceWriter, _ c: FailureCause, passes: Int) {
        let set = juliaTestset(c)
        w.line(
            "\u{1B}[91m\u{1B}[1m\(set): \u{1B}[22m\u{1B}[39m\u{1B}[91m\u{1B}[1mError During Test\u{1B}[22m\u{1B}[39m at \u{1B}[39m\u{1B}[1m\(root)/\(juliaFile(c)):\(juliaLine(c))\u{1B}[22m"
        )
        w.line("  Test threw exception")
        if c.upstream {
            // A dependency's release changed a method: every project hits it in its own test code.
            let variable = own(["x", "A", "df", "tbl", "data"], "var")
            w.line(
                "  Expression: \(own(["size", "axes", "collect", "hcat"], c.id))(\(set)_fixture(\(variable))) == \(own(["(3, 4)", "expected", "ref"], "ref"))"
            )
            w.line(
                "  MethodError: no method matching \(c.detail)(::Tuple{Base.OneTo{Int64}}, ::Tuple{Base.OneTo{Int64}, Base.OneTo{Int64}})"
            )
            w.line(
                "  The function `\(c.detail)` exists, but no method is defined for this combination of argument types."
            )
            w.line("  ")
            w.line("  Closest candidates are:")
            w.line(
                "    \(c.detail)(::Tuple{Vararg{Union{Integer, AbstractUnitRange}}}, \u{1B}[91m::Tuple{Vararg{Union{Integer, AbstractUnitRange}}}\u{1B}[39m)"
            )
            w.line(
                "  \u{1B}[90m   @\u{1B}[39m \u{1B}[35m\(c.subject)\u{1B}[39m \u{1B}[90m~/.julia/packages/\(c.subject)/\(stableHex(5, stableHash(c.id)))/src/\u{1B}[39m\u{1B}[90m\u{1B}[4mbroadcast.jl:\(40 + Int(stableHash(c.id) % 300))\u{1B}[24m\u{1B}[39m"
            )
            w.line("  Stacktrace:")
            w.line(
                "   [1] \u{1B}[0m\u{1B}[1m\(c.detail)\u{1B}[22m(a::\u{1B}[0mTuple\u{1B}[90m{Base.OneTo{Int64}}\u{1B}[39m, b::\u{1B}[0mTuple\u{1B}[90m{Base.OneTo{Int64}, Base.OneTo{Int64}}\u{1B}[39m)"
            )
            w.line(
                "  \u{1B}[90m   @\u{1B}[39m \u{1B}[35m\(c.subject)\u{1B}[39m \u{1B}[90m~/.julia/packages/\(c.subject)/\(stableHex(5, stableHash(c.id)))/src/\u{1B}[39m\u{1B}[90m\u{1B}[4mbroadcast.jl:\(40 + Int(stableHash(c.id) % 300))\u{1B}[24m\u{1B}[39m"
            )
            w.line(
                "   [2] \u{1B}[0m\u{1B}[1m\(set)_fixture\u{1B}[22m(\u{1B}[90m\(variable)\u{1B}[39m::\u{1B}[0mMatrix\u{1B}[90m{Float64}\u{1B}[39m)"
            )
            w.line(
                "  \u{1B}[90m   @\u{1B}[39m \u{1B}[35m\(package)\u{1B}[39m \u{1B}[90m\(root)/src/\u{1B}[39m\u{1B}[90m\u{1B}[4m\(set).jl:\(moved(30, c.id + "src"))\u{1B}[24m\u{1B}[39m"
            )
            summary(&w, c, passes: passes, fail: 0, error: 1)
            return
        }
        // The project's own function: two projects' bugs do not share its name.
        let kernel = "\(c.subject == "Base" ? "" : c.detail + "_")\(own(kernelWords, c.id))_kernel"
        w.line("  Expression: \(kernel)(v)")
        if c.subject == "Base" {
            // An internal of Base that Julia nightly changed: every package using it fails alike.
            if stableHash(c.id) % 2 == 0 {
                w.line("  MethodError: no method matching Base.\(c.detail)(::Vector{Float64}, ::Int64)")
            } else {
                w.line("  UndefVarError: `\(c.detail)` not defined in `Base`")
            }
        } else {
            switch stableHash(c.id) % 3 {
            case 0:
                w.line(
                    "  BoundsError: attempt to access \(w.rng.int(2...64))-element Vector{Float64} at index [\(w.rng.int(65...999))]"
                )
            case 1:
                w.line("  DomainError with -\(Double(w.rng.int(1...99_999)) / 1e5):")
                w.line(
                    "  sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x))."
                )
            default:
                w.line(
                    "  MethodError: no method matching \(kernel)(::Vector{Float\(w.rng.chance(0.5) ? 32 : 64)}, ::Int64)"
                )
            }
        }
        w.line("  Stacktrace:")
        w.line(
            "   [1] \u{1B}[0m\u{1B}[1m\(kernel)\u{1B}[22m(\u{1B}[90mv\u{1B}[39m::\u{1B}[0mVector\u{1B}[90m{Float64}\u{1B}[39m)"
        )
        w.line(
            "  \u{1B}[90m   @\u{1B}[39m \u{1B}[35m\(package)\u{1B}[39m \u{1B}[90m\(root)/src/\u{1B}[39m\u{1B}[90m\u{1B}[4m\(c.subject == "Base" ? "compat" : c.detail).jl:\(moved(c.line / 2 + 3, c.id + "src"))\u{1B}[24m\u{1B}[39m"
        )
        summary(&w, c, passes: passes, fail: 0, error: 1)
    }

    private func loadError(_ w: inout TraceWriter, _ c: FailureCause) {
        let at = moved(10 + Int(stableHash(c.id + package) % 50), c.id)
        w.line(
            "\u{1B}[91m\u{1B}[1mERROR: \u{1B}[22m\u{1B}[39mLoadError: UndefVarError: `\(c.detail)` not defined in `\(c.subject)`"
        )
        w.line("Stacktrace:")
        w.line(" [1] \u{1B}[0m\u{1B}[1mgetproperty\u{1B}[22m(x::\u{1B}[0mModule, f::\u{1B}[0mSymbol)")
        w.line(
            "\u{1B}[90m   @\u{1B}[39m \u{1B}[90mBase\u{1B}[39m \u{1B}[90m./\u{1B}[39m\u{1B}[90m\u{1B}[4mBase.jl:42\u{1B}[24m\u{1B}[39m"
        )
        w.line(" [2] top-level scope")
        w.line(
            "\u{1B}[90m   @\u{1B}[39m \u{1B}[90m\(root)/src/\u{1B}[39m\u{1B}[90m\u{1B}[4m\(own(["\(package).jl", "compat.jl", "tables.jl", "io.jl"], c.id)):\(at)\u{1B}[24m\u{1B}[39m"
        )
        w.line("in expression starting at \(root)/src/\(package).jl:\(at)")
        w.line("in expression starting at \(root)/test/runtests.jl:1")
        w.line(
            "ERROR: LoadError: Failed to precompile \(package) [\(stableHex(8, stableHash(package)))-\(stableHex(4, stableHash(package), 1))] to \"/root/.julia/compiled/v\(juliaVersion.prefix(4))/\(package)/jl_\(w.rng.hex(6))\"."
        )
        pkgErrorTail(&w)
    }

    private func segfault(_ w: inout TraceWriter, _ c: FailureCause) {
        w.line("")
        w.line("[\(w.rng.int(200...9999))] signal (11): Segmentation fault")
        w.line("in expression starting at \(root)/\(c.file):\(moved(c.line, c.id))")
        w.line(
            "jl_gc_mark_outrefs at /cache/build/builder-amdci4-\(w.rng.int(0...7))/julialang/julia-release-1-dot-11/src/gc.c:\(2400 + w.rng.int(0...99))"
        )
        w.line("unknown function (ip: 0x7f\(w.rng.hex(10)))")
        w.line(
            "_jl_invoke at /cache/build/builder-amdci4-\(w.rng.int(0...7))/julialang/julia-release-1-dot-11/src/gf.c:2895 [inlined]"
        )
        w.line(
            "Allocations: \(w.rng.int(10_000_000...99_999_999)) (Pool: \(w.rng.int(10_000_000...99_999_999)); Big: \(w.rng.int(1000...99_999))); GC: \(w.rng.int(10...300))"
        )
        pkgErrorTail(&w, suffix: " (received signal: 11)")
    }

    private func generic(_ w: inout TraceWriter, _ c: FailureCause) {
        switch c.kind {
        case .oomKilled:
            w.line(
                "      Testing allocating \(w.rng.int(8...64)) GiB workspace for \(c.subject.isEmpty ? "benchmarks" : c.subject)"
            )
            oomKilled(
                &w,
                command: project.language == .julia
                    ? "julia --project=. -e 'using Pkg; Pkg.test(coverage=true)'" : "python -m pytest -x")
        case .diskFull:
            infraByTool(
                &w, c, project.language == .julia ? .juliaPkg : (project.language == .python ? .pip : .docker)
            )
        case .network, .dockerPull:
            infraByTool(
                &w, c, project.language == .julia ? .juliaPkg : (project.language == .python ? .pip : .docker)
            )
        case .timeout:
            for i in 0..<w.rng.int(3...8) {
                w.line(
                    "      Testing long-running case \(i + 1) (\(w.rng.int(300...900)).\(w.rng.int(0...9)) s)"
                )
            }
        default:
            w.line("error: \(c.summary)")
        }
    }

    // MARK: Python

    private var pyPackage: String { project.name.replacingOccurrences(of: "-", with: "_") }

    private func python(_ w: inout TraceWriter, _ c: FailureCause?) {
        w.notice("$ pip install -e '.[test]'")
        w.line("Obtaining file://\(root)")
        w.line("  Installing build dependencies: started")
        w.line("  Installing build dependencies: finished with status 'done'")
        if failsInInstall(c), let c {
            infraByTool(&w, c, .pip)
            return
        }
        if let c, c.kind == .pkgResolution {
            let version = "0.\(project.id % 7 + 1).\(w.rng.int(0...9))"
            w.line(
                "INFO: pip is looking at multiple versions of \(project.name)[test] to determine which version is compatible with other requirements. This could take a while."
            )
            w.line(
                "ERROR: Cannot install \(project.name)[test]==\(version) and \(c.subject) because these package versions have conflicting dependencies."
            )
            w.line("")
            w.line("The conflict is caused by:")
            w.line("    \(project.name)[test] \(version) depends on urllib3<2")
            w.line("    \(c.subject.replacingOccurrences(of: "==", with: " ")) depends on \(c.detail)")
            w.line("")
            w.line("To fix this you could try to:")
            w.line("1. loosen the range of package versions you've specified")
            w.line("2. remove package versions to allow pip to attempt to solve the dependency conflict")
            w.line("")
            w.line(
                "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts"
            )
            return
        }
        w.progress(
            (0...5).map {
                "Downloading wheels \(String(repeating: "━", count: $0 * 8))\(String(repeating: " ", count: 40 - $0 * 8)) \($0 * 20)%"
            })
        w.line(
            "Successfully installed \(project.name)-0.\(w.rng.int(1...9)).\(w.rng.int(0...20)) pytest-8.3.\(w.rng.int(0...4))"
        )
        if job.name == "lint" {
            w.notice("$ ruff check .")
            w.line("All checks passed!")
            if let c { generic(&w, c) }
            return
        }
        if job.name.hasPrefix("build") || job.name == "publish" {
            w.notice("$ python -m build")
            w.line(
                "Successfully built \(project.name)-0.4.\(w.rng.int(0...20)).tar.gz and \(project.name)-0.4.0-py3-none-any.whl"
            )
            if let c { generic(&w, c) }
            return
        }
        w.notice("$ python -m pytest -q")
        w.line("============================= test session starts ==============================")
        w.line(
            "platform linux -- Python \(job.image.dropFirst(7)).\(w.rng.int(1...9)), pytest-8.3.3, pluggy-1.5.0"
        )
        w.line("rootdir: \(root)")
        w.line("configfile: pyproject.toml")
        let total = 150 + w.rng.int(0...120)
        w.line("collected \(total) items")
        w.line("")
        let failing = c?.kind == .pytest
        let file = c.map { pyFile($0) } ?? "tests/test_core.py"
        w.line("tests/test_api.py \(String(repeating: ".", count: 50)) [ 30%]")
        w.line(
            "\(file) \(String(repeating: ".", count: 20))\(failing ? "F" : ".")\(String(repeating: ".", count: 29)) [ 60%]"
        )
        w.line("tests/test_cli.py \(String(repeating: ".", count: 40)) [100%]")
        guard let c else {
            w.line("")
            pyWarnings(&w)
            w.line(
                "\u{1B}[32m======================= \(total) passed, 1 warning in \(w.rng.int(2...90)).\(w.rng.int(10...99))s ========================\u{1B}[0m"
            )
            return
        }
        guard failing else { generic(&w, c); return }
        let test = pyTest(c)
        let line = moved(c.line, c.id)
        w.line("")
        w.line("=================================== FAILURES ===================================")
        w.line("\u{1B}[31m\u{1B}[1m___________________________ \(test) ___________________________\u{1B}[0m")
        w.line("")
        let summaryLine: String
        if c.upstream {
            // NumPy 2 removed an alias: each project meets it in its own module, through its own test.
            let module = own(["series", "frames", "stats", "io"], c.id)
            w.line("frame = <\(pyPackage).\(module).Frame object at 0x7f\(w.rng.hex(9))>")
            w.line("")
            w.line("    def \(test.split(separator: "[").first ?? "test")(frame):")
            w.line(">       out = \(module)_summary(frame)")
            w.line("")
            w.line("\(file):\(line): ")
            w.line("_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ")
            w.line("src/\(pyPackage)/\(module).py:\(moved(80, c.id + "src")): in \(module)_summary")
            w.line("    values = np.asarray(frame.values, dtype=np.\(c.detail))")
            w.line("_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ")
            w.line("")
            w.line("attr = '\(c.detail)'")
            w.line("")
            w.line("    def __getattr__(attr):")
            w.line("        if attr in __expired_attributes__:")
            w.line(">           raise AttributeError(")
            let message =
                "`np.\(c.detail)` was removed in the NumPy 2.0 release. Use `np.\(c.subject)` instead."
            w.line("\u{1B}[1m\u{1B}[31mE           AttributeError: \(message)\u{1B}[0m")
            w.line("")
            w.line(
                "/usr/local/lib/python\(job.image.dropFirst(7))/site-packages/numpy/__init__.py:397: AttributeError"
            )
            summaryLine = "AttributeError: \(message)"
        } else if stableHash(c.id) % 2 == 0 {
            let a = w.rng.int(1_700_000_000...1_800_000_000)
            let b = a + w.rng.int(1...3600)
            w.line("    def \(test.split(separator: "[").first ?? "test")(case):")
            w.line(">       assert compute_\(c.detail)(case) == expected(case)")
            w.line("\u{1B}[1m\u{1B}[31mE       AssertionError: assert \(a) == \(b)\u{1B}[0m")
            w.line(
                "\u{1B}[1m\u{1B}[31mE        +  where \(a) = compute_\(c.detail)('/tmp/pytest-of-root/pytest-\(w.rng.int(0...9))/test_\(c.detail)0')\u{1B}[0m"
            )
            w.line("")
            w.line("\u{1B}[1m\u{1B}[31m\(file)\u{1B}[0m:\(line): AssertionError")
            summaryLine = "AssertionError: assert \(a) == \(b)"
        } else {
            let key = own(["'name'", "'id'", "'created_at'"], c.id)
            w.line("config = {'url': 'https://gitlab.example.com', 'retries': \(w.rng.int(1...5))}")
            w.line("")
            w.line("    def \(test.split(separator: "[").first ?? "test")(config):")
            w.line(">       result = load_\(c.detail)(config)")
            w.line("")
            w.line("\(file):\(line): ")
            w.line("_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ")
            w.line("")
            w.line("raw = {'url': 'https://gitlab.example.com', 'retries': \(w.rng.int(1...5))}")
            w.line("")
            w.line("    def load_\(c.detail)(raw):")
            w.line(">       return raw[\(key)].strip()")
            w.line("\u{1B}[1m\u{1B}[31mE       KeyError: \(key)\u{1B}[0m")
            w.line("")
            w.line("src/\(pyPackage)/\(c.detail).py:\(moved(40, c.id + "src")): KeyError")
            summaryLine = "KeyError: \(key)"
        }
        pyWarnings(&w)
        w.line("=========================== short test summary info ============================")
        w.line("FAILED \(file)::\(test) - \(summaryLine)")
        w.line(
            "\u{1B}[31m=================== 1 failed, \(total - 1) passed, 1 warning in \(w.rng.int(2...90)).\(w.rng.int(10...99))s ===================\u{1B}[0m"
        )
    }

    private func pyFile(_ c: FailureCause) -> String {
        c.upstream ? "tests/test_\(own(["series", "frames", "stats", "io"], c.id)).py" : c.file
    }

    private func pyTest(_ c: FailureCause) -> String {
        c.upstream
            ? "test_\(own(["summary", "roundtrip", "resample", "describe"], c.id))[\(own(["float", "small", "empty"], "param"))]"
            : "test_\(c.detail)[case\(stableHash("\(c.id)\(pipeline.nightIndex / 5)") % 10)]"
    }

    private func pyWarnings(_ w: inout TraceWriter) {
        w.line("=============================== warnings summary ===============================")
        w.line("tests/test_api.py::test_retry_after")
        w.line(
            "  \(root)/src/\(pyPackage)/api.py:\(moved(41, "utcnow")): DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC)."
        )
        w.line("    started = datetime.utcnow()")
        w.line("")
        w.line("-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html")
    }

    // MARK: Docker images (infra projects)

    private func infra(_ w: inout TraceWriter, _ c: FailureCause?) {
        w.notice(
            "$ docker build -t registry.example.com/\(project.pathWithNamespace):\(pipeline.sha.prefix(8)) .")
        w.line("#0 building with \"default\" instance using docker driver")
        w.line("#1 [internal] load build definition from Dockerfile")
        w.line("#1 transferring dockerfile: \(w.rng.int(400...2000))B done")
        if failsInInstall(c), let c {
            infraByTool(&w, c, .docker)
            return
        }
        for step in 1...5 {
            w.line(
                "#\(step + 4) [\(step)/6] RUN apt-get update && apt-get install -y --no-install-recommends pkg\(step)"
            )
            w.line("#\(step + 4) DONE \(w.rng.int(0...40)).\(w.rng.int(0...9))s")
        }
        if let c, c.kind == .buildError {
            let t = "#10 \(w.rng.int(1...9)).\(w.rng.int(100...999))"
            let line = moved(c.line, c.id)
            w.line("#10 [6/6] RUN make -C /src install")
            w.line("\(t) make: Entering directory '/src'")
            w.line("\(t) cc -O2 -Wall -Werror -c src/\(c.detail).c -o src/\(c.detail).o")
            w.line(
                "\(t) src/\(c.detail).c:\(moved(40 + c.line * 3, c.id + "c")):9: error: implicit declaration of function '\(c.subject)'; did you mean '\(c.subject.dropLast())'? [-Werror=implicit-function-declaration]"
            )
            w.line("\(t)   \(moved(40 + c.line * 3, c.id + "c")) |     n = \(c.subject)(&strm, len);")
            w.line("\(t)       |         ^~~~~~~~~~~~~")
            w.line("\(t) cc1: all warnings being treated as errors")
            w.line("\(t) make: *** [Makefile:\(line): src/\(c.detail).o] Error 1")
            w.line("\(t) make: Leaving directory '/src'")
            w.line(
                "#10 ERROR: process \"/bin/sh -c make -C /src install\" did not complete successfully: exit code: 2"
            )
            w.line("------")
            w.line(" > [6/6] RUN make -C /src install:")
            w.line("------")
            w.line("Dockerfile:\(moved(20, "dockerfile"))")
            w.line(
                "ERROR: failed to solve: process \"/bin/sh -c make -C /src install\" did not complete successfully: exit code: 2"
            )
            return
        }
        w.line("#10 exporting to image")
        w.line("#10 writing image sha256:\(w.rng.hex(64)) done")
        if let c { generic(&w, c) }
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
