/// The script output of the non-Julia, non-Python projects (Go, Rust, Java/Maven, JavaScript/jest),
/// and how each ecosystem's tools phrase the infrastructure failures. Each renderer prints what the
/// real tool prints: passing lines, progress, warnings, then its own grammar of failure.
extension TraceRenderer {
    /// Where an infrastructure failure shows up in this job (seeded by the job, so retries differ).
    enum InfraPlace { case clone, tool, tar, pull }

    /// Where this job's infrastructure cause (if any) is reported.
    var infraPlace: InfraPlace {
        // The hostile traces need the job's script to run.
        guard let c = org.cause(ofJob: job.id), org.adversarialByJob[job.id] == nil else { return .tool }
        let h = stableHash("place\(job.id)") % 3
        switch c.kind {
        case .network: return h == 0 ? .clone : .tool
        case .diskFull: return h == 0 ? .tar : .tool
        case .dockerPull: return Organisation.rateLimitHitsPull(runnerIndex: job.runnerIndex) ? .pull : .tool
        default: return .tool
        }
    }

    /// True for an infrastructure cause that the dependency step reports with this ecosystem's tool.
    func failsInInstall(_ c: FailureCause?) -> Bool {
        guard let c, infraPlace == .tool else { return false }
        return c.kind == .network || c.kind == .diskFull || c.kind == .dockerPull
    }

    /// The project's name as its ecosystem spells an identifier (`log_indexer`, `reportservice`).
    var crate: String { project.name.replacingOccurrences(of: "-", with: "_") }
    var javaPackage: String { "com.example." + project.name.replacingOccurrences(of: "-", with: "") }
    var goModule: String { "gitlab.example.com/\(project.pathWithNamespace)" }

    /// A line that moves as the project's code changes: the same cause at `base` on one night can be
    /// a few lines further down a week later, and differs from project to project.
    func moved(_ base: Int, _ key: String) -> Int {
        base + Int(stableHash("\(key)|\(project.id)|\(pipeline.nightIndex / 3)") % 9)
    }

    /// Picks one of `values` for this project, stably (a project's own test names, files…).
    func own<T>(_ values: [T], _ key: String) -> T {
        values[Int(stableHash("\(key)|\(project.id)") % UInt64(values.count))]
    }

    // MARK: Infrastructure, phrased by each tool

    enum Tool { case pip, goMod, cargo, maven, npm, docker, juliaPkg }

    /// Prints how `tool` reports the cause; the caller returns right after.
    func infraByTool(_ w: inout TraceWriter, _ c: FailureCause, _ tool: Tool) {
        let nameServer = "10.\(w.rng.int(0...9)).0.\(w.rng.int(2...20))"
        switch (c.kind, tool) {
        case (.network, .pip):
            w.line("Collecting pytest>=8 (from \(project.name)==0.\(w.rng.int(1...9)).0)")
            for retry in (0...3).reversed() {
                w.line(
                    "WARNING: Retrying (Retry(total=\(retry), connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f\(w.rng.hex(9))>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/pytest/"
                )
            }
            w.line(
                "ERROR: Could not find a version that satisfies the requirement pytest>=8 (from \(project.name)) (from versions: none)"
            )
            w.line("ERROR: No matching distribution found for pytest>=8")
        case (.diskFull, .pip):
            w.line("Collecting numpy==2.1.3 (from \(project.name)==0.\(w.rng.int(1...9)).0)")
            w.line(
                "  Downloading numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.metadata (62 kB)"
            )
            w.line("Installing collected packages: numpy, \(project.name)")
            w.line("ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device")
            w.line("")
        case (.dockerPull, .pip):
            let url =
                "https://files.pythonhosted.org/packages/\(w.rng.hex(2))/\(w.rng.hex(2))/\(w.rng.hex(60))/numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.whl"
            w.line("Collecting numpy==2.1.3 (from \(project.name)==0.\(w.rng.int(1...9)).0)")
            w.line("ERROR: HTTP error 429 while getting \(url)")
            w.line(
                "ERROR: Could not install requirement numpy==2.1.3 from \(url) because of HTTP error 429 Client Error: Too Many Requests for url: \(url) for URL \(url)"
            )
        case (.network, .goMod):
            w.line("go: downloading github.com/stretchr/testify v1.9.0")
            w.line(
                "go: github.com/stretchr/testify@v1.9.0: Get \"https://proxy.golang.org/github.com/stretchr/testify/@v/v1.9.0.zip\": dial tcp: lookup proxy.golang.org on \(nameServer):53: no such host"
            )
        case (.diskFull, .goMod):
            w.line("go: downloading golang.org/x/sync v0.9.0")
            w.line(
                "go: golang.org/x/sync@v0.9.0: write /root/go/pkg/mod/cache/download/golang.org/x/sync/@v/v0.9.0.zip\(w.rng.int(100_000_000...999_999_999)).tmp: no space left on device"
            )
        case (.dockerPull, .goMod):
            w.line("go: downloading github.com/prometheus/client_golang v1.20.5")
            w.line(
                "go: github.com/prometheus/client_golang@v1.20.5: reading https://proxy.golang.org/github.com/prometheus/client_golang/@v/v1.20.5.zip: 429 Too Many Requests"
            )
        case (.network, .cargo):
            w.line("    Updating crates.io index")
            w.line(
                "error: failed to get `serde` as a dependency of package `\(project.name) v0.\(w.rng.int(1...9)).\(w.rng.int(0...9)) (\(root))`"
            )
            w.line("")
            w.line("Caused by:")
            w.line("  download of config.json failed")
            w.line("")
            w.line("Caused by:")
            w.line("  failed to download from `https://index.crates.io/config.json`")
            w.line("")
            w.line("Caused by:")
            w.line("  [6] Couldn't resolve host name (Could not resolve host: index.crates.io)")
        case (.diskFull, .cargo):
            w.line("   Compiling serde v1.0.215")
            w.line(
                "error: failed to write \(root)/target/debug/deps/libserde-\(w.rng.hex(16)).rmeta: No space left on device (os error 28)"
            )
            w.line("")
            w.line("error: could not compile `serde` (lib) due to 1 previous error")
        case (.dockerPull, .cargo):
            w.line("  Downloaded tokio v1.41.1")
            w.line(
                "error: failed to download from `https://static.crates.io/crates/tokio-macros/2.4.0/download`"
            )
            w.line("")
            w.line("Caused by:")
            w.line(
                "  failed to get successful HTTP response from `https://static.crates.io/crates/tokio-macros/2.4.0/download` (18.154.227.\(w.rng.int(2...250))), got 429"
            )
        case (.network, .maven), (.dockerPull, .maven):
            let why =
                c.kind == .network
                ? "repo.maven.apache.org: Temporary failure in name resolution"
                : "status code: 429, reason phrase: Too Many Requests (429)"
            w.line(
                "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/junit/jupiter/junit-jupiter/5.11.3/junit-jupiter-5.11.3.pom"
            )
            w.line("[INFO] ------------------------------------------------------------------------")
            w.line("[INFO] BUILD FAILURE")
            w.line("[INFO] ------------------------------------------------------------------------")
            w.line("[INFO] Total time:  \(w.rng.int(2...20)).\(w.rng.int(100...999)) s")
            w.line(
                "[ERROR] Failed to execute goal on project \(project.name): Could not resolve dependencies for project com.example:\(project.name):jar:1.\(w.rng.int(0...9)).0-SNAPSHOT: Failed to collect dependencies at org.junit.jupiter:junit-jupiter:jar:5.11.3: Failed to read artifact descriptor for org.junit.jupiter:junit-jupiter:jar:5.11.3: The following artifacts could not be resolved: org.junit.jupiter:junit-jupiter:pom:5.11.3 (absent): Could not transfer artifact org.junit.jupiter:junit-jupiter:pom:5.11.3 from/to central (https://repo.maven.apache.org/maven2): \(why) -> [Help 1]"
            )
            w.line("[ERROR] ")
            w.line("[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.")
            w.line(
                "[ERROR] For more information about the errors and possible solutions, please read the following articles:"
            )
            w.line(
                "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/DependencyResolutionException"
            )
        case (.diskFull, .maven):
            w.line("[INFO] --- compiler:3.13.0:compile (default-compile) @ \(project.name) ---")
            w.line("[INFO] BUILD FAILURE")
            w.line(
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project \(project.name): Fatal error compiling: java.io.IOException: No space left on device -> [Help 1]"
            )
        case (.network, .npm):
            w.line("npm error code EAI_AGAIN")
            w.line("npm error syscall getaddrinfo")
            w.line("npm error errno EAI_AGAIN")
            w.line(
                "npm error request to https://registry.npmjs.org/@testing-library%2freact failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org"
            )
            w.line(
                "npm error A complete log of this run can be found in: /root/.npm/_logs/\(isoMillis(w.clock / 1000).replacingOccurrences(of: ":", with: "_"))-debug-0.log"
            )
        case (.diskFull, .npm):
            w.line("npm error code ENOSPC")
            w.line("npm error syscall write")
            w.line("npm error errno -28")
            w.line("npm error nospc ENOSPC: no space left on device, write")
            w.line("npm error nospc There appears to be insufficient space on your system to finish.")
            w.line("npm error nospc Clear up some disk space and try again.")
        case (.dockerPull, .npm):
            w.line("npm error code E429")
            w.line(
                "npm error 429 Too Many Requests - GET https://registry.npmjs.org/react-dom/-/react-dom-18.3.1.tgz"
            )
        case (.network, .docker):
            w.line(
                "#5 [2/6] RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates")
            w.line("#5 0.\(w.rng.int(100...999)) Err:1 http://deb.debian.org/debian bookworm InRelease")
            w.line("#5 0.\(w.rng.int(100...999))   Temporary failure resolving 'deb.debian.org'")
            w.line("#5 1.\(w.rng.int(100...999)) E: Unable to locate package ca-certificates")
            w.line(
                "#5 ERROR: process \"/bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates\" did not complete successfully: exit code: 100"
            )
            w.line(
                "ERROR: failed to solve: process \"/bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates\" did not complete successfully: exit code: 100"
            )
        case (.diskFull, .docker):
            w.line("#9 [5/6] COPY . /src")
            w.line("#9 ERROR: failed to copy files: copy file range failed: no space left on device")
            w.line(
                "ERROR: failed to solve: failed to compute cache key: failed to copy files: copy file range failed: no space left on device"
            )
        case (.dockerPull, .docker):
            w.line("#2 [internal] load metadata for docker.io/library/debian:bookworm-slim")
            w.line(
                "#2 ERROR: unexpected status from HEAD request to https://registry-1.docker.io/v2/library/debian/manifests/bookworm-slim: 429 Too Many Requests"
            )
            w.line(
                "ERROR: failed to solve: debian:bookworm-slim: failed to resolve source metadata for docker.io/library/debian:bookworm-slim: unexpected status from HEAD request to https://registry-1.docker.io/v2/library/debian/manifests/bookworm-slim: 429 Too Many Requests"
            )
        case (.network, .juliaPkg):
            w.line(
                "fatal: unable to access 'https://github.com/JuliaRegistries/General.git/': Could not resolve host: github.com"
            )
            w.line(
                "ERROR: failed to clone from https://github.com/JuliaRegistries/General.git, error: GitError(Code:ERROR, Class:Net, failed to resolve address for github.com: Temporary failure in name resolution)"
            )
        case (.diskFull, .juliaPkg):
            let dep = dependencyCatalogue[project.dependencies.first ?? 0].name
            w.line(
                "ERROR: SystemError: opening file \"/root/.julia/compiled/v\(juliaVersion.prefix(4))/\(dep)/jl_\(w.rng.hex(6))\": No space left on device"
            )
            w.line("Stacktrace:")
            w.line("  [1] systemerror(p::String, errno::Int32; extrainfo::Nothing)")
            w.line("    @ Base ./error.jl:176")
            w.line(
                "  [2] open(fname::String; lock::Bool, read::Nothing, write::Nothing, create::Nothing, truncate::Bool, append::Nothing)"
            )
            w.line("    @ Base ./iostream.jl:293")
        case (.dockerPull, .juliaPkg):
            w.line("┌ Warning: could not download https://pkg.julialang.org/registries")
            w.line(
                "│   exception = RequestError: HTTP/2 429 (Too Many Requests) while requesting https://pkg.julialang.org/registries"
            )
            w.line("└ @ Pkg.Registry \(stdlib)/Pkg/src/Registry/Registry.jl:\(w.rng.int(60...80))")
            w.line(
                "ERROR: failed to clone from https://github.com/JuliaRegistries/General.git, error: GitError(Code:ERROR, Class:HTTP, unexpected http status code: 429)"
            )
        default:
            w.line("error: \(c.summary)")
        }
    }

    /// The OOM killer's mark in this ecosystem's test step (the job then exits 137).
    func oomKilled(_ w: inout TraceWriter, command: String) {
        switch project.language {
        case .rust:
            w.line("   Compiling \(project.name) v0.\(w.rng.int(1...9)).0 (\(root))")
            w.line("error: could not compile `\(crate)` (lib test)")
            w.line("")
            w.line("Caused by:")
            w.line(
                "  process didn't exit successfully: `/usr/local/rustup/toolchains/1.82.0-x86_64-unknown-linux-gnu/bin/rustc --crate-name \(crate) --edition=2021 src/lib.rs --test -C debuginfo=2` (signal: 9, SIGKILL: kill)"
            )
        case .java:
            w.line(
                "[ERROR] ExecutionException The forked VM terminated without properly saying goodbye. VM crash or System.exit called?"
            )
            w.line(
                "[ERROR] Command was /bin/sh -c cd '\(root)' && '/opt/java/openjdk/bin/java' '-jar' '\(root)/target/surefire/surefirebooter-\(w.rng.int(20_261_100...20_261_199))\(w.rng.int(100_000...999_999)).jar'"
            )
            w.line("[ERROR] Process Exit Code: 137")
        case .go:
            w.line("=== RUN   TestLargeBatch")
            w.line("signal: killed")
            w.line("FAIL\t\(goModule)/internal/batch\t\(w.rng.int(20...90)).\(w.rng.int(100...999))s")
        default:
            w.line(
                "/usr/bin/bash: line \(w.rng.int(140...190)): \(w.rng.int(100...999)) Killed                  \(command)"
            )
        }
    }

    // MARK: Go

    func go(_ w: inout TraceWriter, _ c: FailureCause?) {
        w.notice("$ go mod download")
        if failsInInstall(c), let c {
            infraByTool(&w, c, .goMod)
            return
        }
        for dep in [
            "github.com/stretchr/testify v1.9.0", "golang.org/x/sync v0.9.0",
            "github.com/prometheus/client_golang v1.20.5",
        ] {
            w.line("go: downloading \(dep)")
        }
        let packages = [
            "internal/config", "internal/api", "internal/retry", "internal/cache", "internal/webhook",
            "cmd/\(project.name)",
        ]
        if job.name == "go-build" {
            w.notice("$ go vet ./...")
            w.line("# \(goModule)/internal/api")
            w.line(
                "internal/api/client.go:\(moved(61, "vet")):2: fmt.Sprintf format %d has arg id of wrong type string"
            )
            w.notice("$ go build ./...")
            if let c, c.kind == .buildError { goBuildError(&w, c); return }
            if let c { other(&w, c, command: "go build ./...") }
            return
        }
        let race = job.name.hasSuffix("race")
        w.notice("$ go test \(race ? "-race " : "")./...")
        var printed = 0
        for p in packages where p != packageOf(c) {
            w.line("ok  \t\(goModule)/\(p)\t\(w.rng.int(0...2)).\(w.rng.int(100...999))s")
            printed += 1
            if printed == 3, let c, c.kind == .testFailure { goTestFailure(&w, c) }
        }
        guard let c else { return }
        switch c.kind {
        case .testFailure: w.line("FAIL")
        case .buildError: goBuildError(&w, c)
        default: other(&w, c, command: "go test ./...")
        }
    }

    private func packageOf(_ c: FailureCause?) -> String? {
        guard let c, c.kind == .testFailure else { return nil }
        return c.file.split(separator: "/").dropLast().joined(separator: "/")
    }

    private func goTestFailure(_ w: inout TraceWriter, _ c: FailureCause) {
        let test = c.subject
        let file = String(c.file.split(separator: "/").last ?? "x_test.go")
        let sub = own(["empty_input", "trailing_slash", "unicode_name", "zero_timeout"], c.id)
        w.line("=== RUN   \(test)")
        w.line("=== RUN   \(test)/\(sub)")
        w.line("    \(file):\(moved(c.line, c.id)): \(c.detail)")
        w.line("--- FAIL: \(test) (0.0\(w.rng.int(0...9))s)")
        w.line("    --- FAIL: \(test)/\(sub) (0.00s)")
        w.line("=== RUN   \(test)Defaults")
        w.line("--- PASS: \(test)Defaults (0.00s)")
        w.line("FAIL")
        w.line("FAIL\t\(goModule)/\(packageOf(c) ?? "internal")\t0.\(w.rng.int(10...99))\(w.rng.int(0...9))s")
    }

    private func goBuildError(_ w: inout TraceWriter, _ c: FailureCause) {
        // Upstream breaks hit a file of the project's own choosing; its own bugs, the cause's file.
        let file =
            c.upstream
            ? own(
                [
                    "internal/fetch/jobs.go", "internal/api/pipelines.go", "cmd/\(project.name)/main.go",
                    "internal/sync/runner.go",
                ], c.id) : c.file
        let dir = file.split(separator: "/").dropLast().joined(separator: "/")
        w.line("# \(goModule)/\(dir)")
        w.line("\(file):\(moved(c.line, c.id)):\(w.rng.int(2...40)): \(c.detail)")
        if c.upstream {
            w.line("\(file):\(moved(c.line + 30, c.id)):\(w.rng.int(2...40)): \(c.detail)")
        }
    }

    // MARK: Rust

    func rust(_ w: inout TraceWriter, _ c: FailureCause?) {
        let test = !job.name.hasSuffix("build")
        w.notice("$ cargo \(test ? "test" : "build") --locked")
        if failsInInstall(c), let c {
            infraByTool(&w, c, .cargo)
            return
        }
        w.line("    Updating crates.io index")
        w.progress(
            (1...5).map {
                "    Fetching [\(String(repeating: "=", count: $0 * 5))>\(String(repeating: " ", count: 25 - $0 * 5))] \($0 * 20)%"
            })
        for dep in ["proc-macro2 v1.0.89", "serde v1.0.215", "tokio v1.41.1", "clap v4.5.21"] {
            w.line("   Compiling \(dep)")
        }
        w.line("   Compiling \(project.name) v0.\(w.rng.int(1...9)).0 (\(root))")
        w.line("warning: unused variable: `ctx`")
        w.line("  --> src/\(own(["main", "lib", "cli"], "warn")).rs:\(moved(30, "warn")):9")
        w.line("   |")
        w.line("   = note: `#[warn(unused_variables)]` on by default")
        if let c, c.kind == .buildError {
            rustCompileError(&w, c)
            return
        }
        guard test else {
            w.line(
                "    Finished `dev` profile [unoptimized + debuginfo] target(s) in \(w.rng.int(20...90)).\(w.rng.int(10...99))s"
            )
            if let c { other(&w, c, command: "cargo build --locked") }
            return
        }
        w.line(
            "    Finished `test` profile [unoptimized + debuginfo] target(s) in \(w.rng.int(20...90)).\(w.rng.int(10...99))s"
        )
        w.line("     Running unittests src/lib.rs (target/debug/deps/\(crate)-\(w.rng.hex(16)))")
        let total = 30 + w.rng.int(0...40)
        w.line("")
        w.line("running \(total) tests")
        let failing = c?.kind == .testFailure ? c : nil
        for name in [
            "config::tests::parses_defaults", "index::tests::opens_empty", "query::tests::parses_ranges",
        ] {
            w.line("test \(name) ... ok")
        }
        guard let c else {
            w.line("")
            w.line(
                "test result: ok. \(total) passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.\(w.rng.int(10...99))s"
            )
            return
        }
        guard let f = failing else { other(&w, c, command: "cargo test --locked"); return }
        w.line("test \(f.subject) ... FAILED")
        w.line("")
        w.line("failures:")
        w.line("")
        w.line("---- \(f.subject) stdout ----")
        w.line("")
        w.line("thread '\(f.subject)' panicked at \(f.file):\(moved(f.line, f.id)):\(w.rng.int(5...13)):")
        w.line(f.detail)
        w.line("  left: \(w.rng.int(2...9))")
        w.line(" right: \(w.rng.int(10...19))")
        w.line("note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace")
        w.line("")
        w.line("")
        w.line("failures:")
        w.line("    \(f.subject)")
        w.line("")
        w.line(
            "test result: FAILED. \(total - 1) passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.\(w.rng.int(10...99))s"
        )
        w.line("")
        w.line("error: test failed, to rerun pass `--lib`")
    }

    private func rustCompileError(_ w: inout TraceWriter, _ c: FailureCause) {
        let file = c.upstream ? own(["src/cli.rs", "src/main.rs", "src/args.rs"], c.id) : c.file
        let line = moved(c.line, c.id)
        let parts = c.detail.split(separator: "|", maxSplits: 1).map(String.init)
        w.line("error[\(parts.first ?? "E0308")]: \(parts.last ?? "mismatched types")")
        w.line("  --> \(file):\(line):\(w.rng.int(9...30))")
        w.line("   |")
        w.line(
            "\(String(line).leftPad(3)) |         let matches = cmd.\(c.upstream ? "get_matches_safe()" : "flush(len)")?;"
        )
        w.line("   |                           ^^^^^^^^^^^^^^^^")
        w.line("")
        w.line("For more information about this error, try `rustc --explain \(parts.first ?? "E0308")`.")
        w.line("error: could not compile `\(crate)` (lib) due to 1 previous error")
    }

    // MARK: Java / Maven

    func java(_ w: inout TraceWriter, _ c: FailureCause?) {
        let goal = job.name == "mvn-compile" ? "compile" : "verify"
        w.notice("$ mvn -B --no-transfer-progress \(goal)")
        w.line("[INFO] Scanning for projects...")
        w.line("[INFO] ")
        w.line("[INFO] ------------------< com.example:\(project.name) >------------------")
        w.line("[INFO] Building \(project.name) 1.\(w.rng.int(0...9)).0-SNAPSHOT")
        w.line("[INFO]   from pom.xml")
        w.line("[INFO] --------------------------------[ jar ]---------------------------------")
        if failsInInstall(c), let c {
            infraByTool(&w, c, .maven)
            return
        }
        w.line("[INFO] --- resources:3.3.1:resources (default-resources) @ \(project.name) ---")
        w.line("[INFO] --- compiler:3.13.0:compile (default-compile) @ \(project.name) ---")
        w.line(
            "[WARNING] \(root)/src/main/java/\(javaPackage.replacingOccurrences(of: ".", with: "/"))/Legacy.java: Some input files use or override a deprecated API."
        )
        if let c, c.kind == .buildError {
            javaCompileError(&w, c)
            return
        }
        w.line("[INFO] Recompiling the module because of changed source code.")
        guard goal == "verify" else {
            if let c { other(&w, c, command: "mvn -B compile") }
            return
        }
        w.line("[INFO] --- surefire:3.5.2:test (default-test) @ \(project.name) ---")
        w.line("[INFO] ")
        w.line("[INFO] -------------------------------------------------------")
        w.line("[INFO]  T E S T S")
        w.line("[INFO] -------------------------------------------------------")
        let failing = c.map {
            $0.upstream ? own(["ReportJsonTest", "ExportTest", "CodecTest"], $0.id) : $0.subject
        }
        for cls in ["ConfigTest", "ExporterTest", "SchedulerTest"] where cls != failing {
            w.line("[INFO] Running \(javaPackage).\(cls)")
            w.line(
                "[INFO] Tests run: \(w.rng.int(3...20)), Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.\(w.rng.int(100...999)) s -- in \(javaPackage).\(cls)"
            )
        }
        guard let c else {
            w.line("[INFO] BUILD SUCCESS")
            return
        }
        guard c.kind == .testFailure, let cls = failing else {
            other(&w, c, command: "mvn -B verify"); return
        }
        let method = own(["formatsDates", "roundsTotals", "escapesNames", "sortsByNight"], c.id)
        let line = moved(c.line, c.id)
        let total = w.rng.int(80...200)
        w.line("[INFO] Running \(javaPackage).\(cls)")
        w.line(
            "[ERROR] Tests run: \(w.rng.int(5...20)), Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.\(w.rng.int(100...999)) s <<< FAILURE! -- in \(javaPackage).\(cls)"
        )
        w.line(
            "[ERROR] \(javaPackage).\(cls).\(method) -- Time elapsed: 0.0\(w.rng.int(10...99)) s <<< FAILURE!"
        )
        w.line("org.opentest4j.AssertionFailedError: \(c.detail)")
        w.line("\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)")
        w.line("\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:182)")
        w.line("\tat \(javaPackage).\(cls).\(method)(\(cls).java:\(line))")
        w.line("\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)")
        w.line("")
        w.line("[INFO] ")
        w.line("[INFO] Results:")
        w.line("[INFO] ")
        w.line("[ERROR] Failures: ")
        w.line("[ERROR]   \(cls).\(method):\(line) \(c.detail)")
        w.line("[INFO] ")
        w.line("[ERROR] Tests run: \(total), Failures: 1, Errors: 0, Skipped: \(w.rng.int(0...3))")
        w.line("[INFO] ")
        mavenFailure(
            &w, goal: "org.apache.maven.plugins:maven-surefire-plugin:3.5.2:test (default-test)",
            message: "There are test failures.")
        w.line("[ERROR] ")
        w.line("[ERROR] Please refer to \(root)/target/surefire-reports for the individual test results.")
    }

    private func mavenFailure(_ w: inout TraceWriter, goal: String, message: String) {
        w.line("[INFO] ------------------------------------------------------------------------")
        w.line("[INFO] BUILD FAILURE")
        w.line("[INFO] ------------------------------------------------------------------------")
        w.line("[INFO] Total time:  \(w.rng.int(10...90)).\(w.rng.int(100...999)) s")
        w.line("[INFO] Finished at: \(isoMillis(w.clock / 1000).prefix(19))Z")
        w.line("[INFO] ------------------------------------------------------------------------")
        w.line("[ERROR] Failed to execute goal \(goal) on project \(project.name): \(message)")
    }

    private func javaCompileError(_ w: inout TraceWriter, _ c: FailureCause) {
        let cls = c.upstream ? own(["Exporter", "ReportWriter", "JsonCodec"], c.id) : c.subject
        let path = "\(root)/src/main/java/\(javaPackage.replacingOccurrences(of: ".", with: "/"))/\(cls).java"
        let parts = c.detail.split(separator: "|").map(String.init)
        w.line("[INFO] -------------------------------------------------------------")
        w.line("[ERROR] COMPILATION ERROR : ")
        w.line("[INFO] -------------------------------------------------------------")
        w.line(
            "[ERROR] \(path):[\(moved(c.line, c.id)),\(w.rng.int(9...40))] \(parts.first ?? "cannot find symbol")"
        )
        for extra in parts.dropFirst() {
            w.line("  \(extra.replacingOccurrences(of: "CLASS", with: "\(javaPackage).\(cls)"))")
        }
        w.line("[INFO] 1 error")
        w.line("[INFO] -------------------------------------------------------------")
        mavenFailure(
            &w, goal: "org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile)",
            message: "Compilation failure")
        w.line(
            "[ERROR] \(path):[\(moved(c.line, c.id)),\(w.rng.int(9...40))] \(parts.first ?? "cannot find symbol")"
        )
    }

    // MARK: JavaScript / jest

    func javascript(_ w: inout TraceWriter, _ c: FailureCause?) {
        w.notice("$ npm ci")
        if failsInInstall(c), let c {
            infraByTool(&w, c, .npm)
            return
        }
        w.line(
            "npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory. Do not use it."
        )
        w.line("npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported")
        w.line("")
        w.line(
            "added \(w.rng.int(600...1200)) packages, and audited \(w.rng.int(1201...1300)) packages in \(w.rng.int(8...40))s"
        )
        w.line("")
        w.line("\(w.rng.int(100...180)) packages are looking for funding")
        w.line("  run `npm fund` for details")
        w.line("")
        w.line("\(w.rng.int(1...4)) moderate severity vulnerabilities")
        if job.name == "eslint" {
            w.notice("$ npx eslint .")
            w.line("")
            w.line("\(root)/src/lib/format.ts")
            w.line(
                "  \(moved(12, "lint")):7  warning  'unused' is defined but never used  @typescript-eslint/no-unused-vars"
            )
            w.line("")
            w.line("✖ 1 problem (0 errors, 1 warning)")
            if let c { other(&w, c, command: "npx eslint .") }
            return
        }
        if job.name == "npm-ci" {
            if let c { other(&w, c, command: "npm ci") }
            return
        }
        w.notice("$ npx jest --ci")
        for suite in ["src/api/client.test.ts", "src/lib/format.test.ts"] where suite != c?.file {
            w.line("PASS \(suite) (\(w.rng.int(1...9)).\(w.rng.int(100...999)) s)")
        }
        guard let c else {
            w.line("")
            w.line("Test Suites: 12 passed, 12 total")
            return
        }
        guard c.kind == .testFailure else { other(&w, c, command: "npx jest --ci"); return }
        let suite = own(["Heatmap", "NightList", "ClusterTable", "Sparkline"], c.id)
        let file = c.upstream ? "src/components/\(suite).test.tsx" : c.file
        let title =
            c.upstream
            ? own(["renders", "renders an empty night", "mounts"], c.id + "t")
            : own(
                ["renders nights without runs as grey", "sorts clusters by size", "keeps the selection"], c.id
            )
        let line = moved(c.line, c.id)
        let lines = c.detail.split(separator: "\n").map(String.init)
        w.line("FAIL \(file)")
        w.line("  ● \(suite) › \(title)")
        w.line("")
        for l in lines { w.line("    \(l)") }
        w.line("")
        w.line("      \(line - 1) |     render(<\(suite) nights={nights} />);")
        w.line("    > \(line) |     expect(screen.getByTestId(\"cell-3\").dataset.colour).toBe(\"grey\");")
        w.line("         |                                                          ^")
        w.line("      \(line + 1) |   });")
        w.line("")
        w.line("      at Object.<anonymous> (\(file):\(line):\(w.rng.int(10...60)))")
        w.line("")
        w.line("PASS src/components/Legend.test.tsx")
        w.line("  ✓ shows the colours (\(w.rng.int(2...30)) ms)")
        w.line("")
        let total = w.rng.int(60...140)
        w.line("Test Suites: 1 failed, \(w.rng.int(8...14)) passed, \(w.rng.int(15...16)) total")
        w.line("Tests:       1 failed, \(total - 1) passed, \(total) total")
        w.line("Snapshots:   0 total")
        w.line("Time:        \(w.rng.int(5...30)).\(w.rng.int(100...999)) s")
        w.line("Ran all test suites.")
    }

    // MARK: Shared

    /// A cause that fails a step whose own grammar is not the point: out of memory, a timeout, …
    func other(_ w: inout TraceWriter, _ c: FailureCause, command: String) {
        switch c.kind {
        case .oomKilled: oomKilled(&w, command: command)
        case .timeout:
            for i in 0..<w.rng.int(2...5) {
                w.line("      still running: case \(i + 1) (\(w.rng.int(300...900)) s)")
            }
        default: w.line("error: \(c.summary)")
        }
    }
}
