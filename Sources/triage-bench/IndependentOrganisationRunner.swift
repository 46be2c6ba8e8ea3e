// How gitlab-runner frames a job's log in the independent organisation: the preamble (executor,
// image pull, clone, cache), the step_script, and the trailer; and each ecosystem's driver, which
// prints the job's commands and their output and puts a failure at its phase.
import Basics
import Foundation

let esc = "\u{1B}"

/// Where in a job a failure stops it.
enum Org2Phase { case prepare, sources, deps, build, step, timeout }

/// A failure as a job prints it: the lines at its phase, the exit code, GitLab's failure reason and
/// the runner's closing error when it is not `exit code N`.
struct Org2Fail {
    var phase: Org2Phase
    var lines: [String] = []
    var exitCode = 1
    var reason = "script_failure"
    var runnerError: String?
}

/// One job's log being written: the project, job, night, a clock and the draws for its noise.
struct Org2Context {
    var d: Dice
    let p: Org2Project
    let job: Org2JobSpec
    let night: String
    let nightIndex: Int
    /// Unix seconds.
    var clock: Double
    var out: [String] = []
    var executor: String

    init(seed: UInt64, project: Org2Project, job: Org2JobSpec, night: String, nightIndex: Int, start: Double)
    {
        d = Dice(seed, "trace", project.path, job.name, night)
        p = project
        self.job = job
        self.night = night
        self.nightIndex = nightIndex
        clock = start
        executor =
            (Dice(seed, "executor", project.path).draw { $0.chance(0.3) }) ? "kubernetes" : "docker+machine"
    }

    var isNewJulia: Bool { job.name.contains("1.11") || p.image.contains("1.11") }
    var py: String { job.name.contains("3.11") ? "3.11" : "3.12" }
    var npmError: String { p.image.contains("node:22") ? "npm error" : "npm ERR!" }
    var swift6: Bool { p.image.contains("6.0") }
    var clang: Bool { job.name.contains("clang") }

    /// Hours:minutes:seconds.micro of the clock, on the night's date (jobs run 20:00–23:00 UTC).
    func stamp() -> String {
        let t = Int(clock) % 86400
        let micro = Int((clock - clock.rounded(.down)) * 1e6)
        return String(format: "%@T%02d:%02d:%02d.%06dZ", night, t / 3600, t % 3600 / 60, t % 60, micro)
    }

    mutating func tick(_ low: Double = 0.0005, _ high: Double = 0.05) { clock += d.double(low, high) }

    mutating func emit(_ line: String) {
        tick()
        out.append(p.timestamps ? "\(stamp()) 00O \(line)" : line)
    }
    mutating func emit(_ lines: [String]) { for l in lines { emit(l) } }
    mutating func command(_ c: String) { emit("\(esc)[32;1m$ \(c)\(esc)[0;m") }
    mutating func sectionStart(_ name: String, _ title: String) {
        emit("\(esc)[0Ksection_start:\(Int(clock)):\(name)\r\(esc)[0K\(esc)[0K\(esc)[36;1m\(title)\(esc)[0;m")
    }
    mutating func sectionEnd(_ name: String) {
        clock += d.double(0.2, 3)
        emit("\(esc)[0Ksection_end:\(Int(clock)):\(name)\r\(esc)[0K")
    }
    mutating func sha() -> String { d.hex(64) }
}

// MARK: The runner's frame

struct Org2Runner {
    /// The whole log of one job, and its failure reason when it failed.
    static func log(_ c: inout Org2Context, fail: Org2Fail?) -> String {
        let p = c.p
        let token = Dice(0, "runner", p.group).draw { $0.alnum(8) }
        c.emit("\(esc)[0KRunning with gitlab-runner \(p.runnerVersion)\(esc)[0;m")
        if c.executor == "kubernetes" {
            c.emit("\(esc)[0K  on k8s-runner-\(p.group) \(token), system ID: r_\(c.d.alnum(12))\(esc)[0;m")
        } else {
            c.emit(
                "\(esc)[0K  on docker-autoscaler-\(c.d.int(1...6)) \(token), system ID: s_\(c.d.hex(12))\(esc)[0;m"
            )
        }
        if c.d.chance(0.3) {
            c.emit("\(esc)[0K  feature flags: FF_USE_FASTZIP:true, FF_SCRIPT_SECTIONS:true\(esc)[0;m")
        }
        c.sectionStart("prepare_executor", "Preparing the \"\(c.executor)\" executor")
        if fail?.phase == .prepare, let fail, fail.runnerError?.contains("pull") == true {
            c.emit("\(esc)[0KUsing Docker executor with image \(p.image) ...\(esc)[0;m")
            c.emit("\(esc)[0KPulling docker image \(p.image) ...\(esc)[0;m")
            c.emit(fail.lines)
            if let e = fail.runnerError { c.emit("\(esc)[31;1mERROR: \(e)\(esc)[0;m") }
            return c.out.joined(separator: "\n") + "\n"
        }
        if c.executor == "kubernetes" {
            c.emit("\(esc)[0KUsing Kubernetes namespace: gitlab-runners\(esc)[0;m")
            c.emit("\(esc)[0KUsing Kubernetes executor with image \(p.image) ...\(esc)[0;m")
            c.emit("\(esc)[0KUsing attach strategy to execute scripts...\(esc)[0;m")
        } else {
            c.emit("\(esc)[0KUsing Docker executor with image \(p.image) ...\(esc)[0;m")
            if p.ecosystem == .docker {
                c.emit("\(esc)[0KStarting service docker:27.0-dind ...\(esc)[0;m")
                c.emit("\(esc)[0KPulling docker image docker:27.0-dind ...\(esc)[0;m")
                c.emit("\(esc)[0KWaiting for services to be up and running (timeout 30 seconds)...\(esc)[0;m")
            }
            c.emit("\(esc)[0KPulling docker image \(p.image) ...\(esc)[0;m")
            let name = p.image.split(separator: ":").first.map(String.init) ?? p.image
            c.emit(
                "\(esc)[0KUsing docker image sha256:\(c.sha()) for \(p.image) with digest \(name)@sha256:\(c.sha()) ...\(esc)[0;m"
            )
        }
        if fail?.phase == .prepare, let fail {
            c.emit(fail.lines)
            if let e = fail.runnerError { c.emit("\(esc)[31;1mERROR: \(e)\(esc)[0;m") }
            return c.out.joined(separator: "\n") + "\n"
        }
        c.sectionEnd("prepare_executor")
        c.sectionStart("prepare_script", "Preparing environment")
        let host =
            c.executor == "kubernetes"
            ? "runner-\(token.lowercased())-project-\(p.id)-concurrent-\(c.d.below(8))-\(c.d.alnum(8).lowercased())"
            : "runner-\(token.lowercased())-project-\(p.id)-concurrent-\(c.d.below(4))"
        c.emit(
            "Running on \(host) via runner-\(token.lowercased())-s-l-s-amd64-\(Int(c.clock))-\(c.d.hex(8))..."
        )
        c.sectionEnd("prepare_script")
        c.sectionStart("get_sources", "Getting source from Git repository")
        let depth = c.d.pick(["20", "50", "1"])
        c.emit("\(esc)[32;1mFetching changes with git depth set to \(depth)...\(esc)[0;m")
        c.emit("Initialized empty Git repository in \(p.builds)/.git/")
        c.emit("\(esc)[32;1mCreated fresh repository.\(esc)[0;m")
        if fail?.phase == .sources, let fail {
            c.emit(fail.lines)
            c.sectionEnd("get_sources")
            c.emit("\(esc)[31;1mERROR: Job failed: exit code \(fail.exitCode)\(esc)[0;m")
            return c.out.joined(separator: "\n") + "\n"
        }
        let sha = Dice(0, "sha", p.path, c.night).draw { $0.hex(8) }
        c.emit("\(esc)[32;1mChecking out \(sha) as detached HEAD (ref is main)...\(esc)[0;m")
        c.emit("")
        c.emit("\(esc)[32;1mSkipping Git submodules setup\(esc)[0;m")
        c.sectionEnd("get_sources")
        if c.d.chance(0.7) {
            c.sectionStart("restore_cache", "Restoring cache")
            let key = c.d.pick([
                "default-protected", "\(c.job.name.split(separator: ":")[0])-\(c.d.hex(4))-protected",
                "deps-2",
            ])
            c.emit("\(esc)[32;1mChecking cache for \(key)...\(esc)[0;m")
            if c.d.chance(0.75) {
                c.emit(
                    "Downloading cache from https://storage.googleapis.com/gl-runners-cache/project/\(p.id)/\(key)\(esc)[0;m  ETag\(esc)[0;m=\"\(c.d.hex(32))\""
                )
                c.emit("\(esc)[32;1mSuccessfully extracted cache\(esc)[0;m")
            } else {
                c.emit("\(esc)[0;33mWARNING: file does not exist                       \(esc)[0;m ")
                c.emit("\(esc)[0;33mFailed to extract cache\(esc)[0;m")
            }
            c.sectionEnd("restore_cache")
        }
        c.sectionStart("step_script", "Executing \"step_script\" stage of the job script")
        if c.executor != "kubernetes" {
            let name = p.image.split(separator: ":").first.map(String.init) ?? p.image
            c.emit(
                "\(esc)[0KUsing docker image sha256:\(c.sha()) for \(p.image) with digest \(name)@sha256:\(c.sha()) ...\(esc)[0;m"
            )
        }
        Org2Drivers.script(&c, fail: fail)
        if let fail, fail.phase == .timeout {
            c.clock += 3600
            c.emit("\(esc)[31;1mERROR: Job failed: execution took longer than \(p.timeout) seconds\(esc)[0;m")
            return c.out.joined(separator: "\n") + "\n"
        }
        if let fail, let e = fail.runnerError {
            c.emit("\(esc)[31;1mERROR: \(e)\(esc)[0;m")
            return c.out.joined(separator: "\n") + "\n"
        }
        c.sectionEnd("step_script")
        let failed = fail != nil
        if c.d.chance(0.5) {
            c.sectionStart(
                "upload_artifacts_on_\(failed ? "failure" : "success")",
                "Uploading artifacts for \(failed ? "failed" : "successful") job")
            c.emit("\(esc)[32;1mUploading artifacts...\(esc)[0;m")
            let report = c.d.pick(["report.xml", "junit.xml", "target/surefire-reports/*.xml", "coverage/"])
            c.emit("\(report): found \(c.d.int(1...40)) matching artifact files and directories\(esc)[0;m ")
            c.emit(
                "Uploading artifacts as \"junit\" to coordinator... 201 Created\(esc)[0;m  id\(esc)[0;m=\(c.d.int(6_000_000...9_000_000)) responseStatus\(esc)[0;m=201 Created token\(esc)[0;m=glcbt-64_\(c.d.alnum(20))"
            )
            c.sectionEnd("upload_artifacts_on_\(failed ? "failure" : "success")")
        }
        if !failed && c.d.chance(0.5) {
            c.sectionStart("archive_cache", "Saving cache for successful job")
            c.emit("\(esc)[32;1mCreating cache default-protected...\(esc)[0;m")
            c.emit(
                "Uploading cache.zip to https://storage.googleapis.com/gl-runners-cache/project/\(p.id)/default-protected\(esc)[0;m "
            )
            c.emit("\(esc)[32;1mCreated cache\(esc)[0;m")
            c.sectionEnd("archive_cache")
        }
        c.sectionStart("cleanup_file_variables", "Cleaning up project directory and file based variables")
        c.sectionEnd("cleanup_file_variables")
        if let fail {
            c.emit("\(esc)[31;1mERROR: Job failed: exit code \(fail.exitCode)")
            c.emit("\(esc)[0;m")
        } else {
            c.emit("\(esc)[32;1mJob succeeded\(esc)[0;m")
        }
        return c.out.joined(separator: "\n") + "\n"
    }
}

// MARK: Ecosystem drivers

enum Org2Drivers {
    /// The step_script of a job: its commands and their output; a failure's lines at its phase, and
    /// nothing after them. A timeout stops the output part way through the job's main step.
    static func script(_ c: inout Org2Context, fail: Org2Fail?) {
        let phase = fail?.phase
        var main = mainStep(&c)
        if phase == .timeout {
            main = Array(main.prefix(max(3, main.count * c.d.int(30...70) / 100)))
        }
        for (n, step) in prelude(&c).enumerated() {
            let isDeps = n == 0
            if isDeps && phase == .deps, let fail {
                c.command(step.command)
                c.emit(fail.lines)
                return
            }
            if !isDeps && phase == .build, let fail {
                c.command(step.command)
                c.emit(fail.lines)
                return
            }
            c.command(step.command)
            c.emit(step.output)
        }
        if phase == .build, let fail {
            c.emit(fail.lines)
            return
        }
        c.command(mainCommand(c))
        if phase == .step, let fail {
            c.emit(fail.lines)
            return
        }
        c.emit(main)
    }

    struct Step {
        var command: String
        var output: [String]
    }

    /// Steps before the main one: installing dependencies first, then building when the job builds.
    static func prelude(_ c: inout Org2Context) -> [Step] {
        let p = c.p
        var d = c.d
        defer { c.d = d }
        var steps: [Step] = []
        switch p.ecosystem {
        case .python:
            var out = [
                "Obtaining file://\(p.builds)", "  Installing build dependencies: started",
                "  Installing build dependencies: finished with status 'done'",
                "  Checking if build backend supports build_editable: started",
                "  Checking if build backend supports build_editable: finished with status 'done'",
            ]
            let deps = d.sample(
                ["numpy", "requests", "pydantic", "jinja2", "click", "attrs", "httpx", "rich", "pyyaml"], 5)
            for dep in deps + ["pytest", "pytest-cov"] {
                let v = "\(d.int(1...8)).\(d.int(0...30)).\(d.int(0...9))"
                out.append(
                    "Collecting \(dep)>=\(v.prefix(3)) (from \(p.kebab)==0.\(d.int(1...9)).\(d.int(0...9)))")
                out.append(
                    "  Downloading \(dep)-\(v)-py3-none-any.whl.metadata (\(d.int(2...60)).\(d.int(0...9)) kB)"
                )
            }
            out.append("Building wheels for collected packages: \(p.kebab)")
            out.append("  Building editable for \(p.kebab) (pyproject.toml): started")
            out.append("  Building editable for \(p.kebab) (pyproject.toml): finished with status 'done'")
            out.append(
                "  Created wheel for \(p.kebab): filename=\(p.snake)-0.4.1-0.editable-py3-none-any.whl size=\(d.int(3000...9000)) sha256=\(d.hex(64))"
            )
            out.append(
                "  Stored in directory: /tmp/pip-ephem-wheel-cache-\(d.alnum(8).lowercased())/wheels/\(d.hex(2))/\(d.hex(2))/\(d.hex(60))"
            )
            out.append("Successfully built \(p.kebab)")
            out.append("Installing collected packages: \(deps.joined(separator: ", ")), \(p.kebab)")
            out.append(
                "Successfully installed \(deps.map { "\($0)-\(d.int(1...8)).\(d.int(0...20)).\(d.int(0...9))" }.joined(separator: " ")) \(p.kebab)-0.4.1"
            )
            out.append(
                "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning."
            )
            steps.append(Step(command: "pip install -e \".[test]\"", output: out))
        case .julia:
            let v = c.isNewJulia ? "1.11" : "1.10"
            var out = [
                "  Installing known registries into `~/.julia`",
                "       Added `General` registry to ~/.julia/registries",
                "   Resolving package versions...",
            ]
            for dep in d.sample(
                [
                    "DataFrames", "Tables", "StatsBase", "JSON3", "OrderedCollections", "Distributions",
                    "CSV", "Makie",
                ], 4)
            {
                out.append("   Installed \(dep) ─ v\(d.int(0...1)).\(d.int(0...20)).\(d.int(0...9))")
            }
            out.append("    Updating `\(p.builds)/Project.toml`")
            out.append(
                "  [\(d.hex(8))] + \(d.pick(["Tables", "DataFrames", "JSON3"])) v1.\(d.int(0...12)).\(d.int(0...3))"
            )
            out.append("Precompiling project...")
            for _ in 0..<d.int(2...5) {
                out.append(
                    "  ✓ \(d.pick(["Compat", "DataAPI", "Tables", "PrettyTables", "InvertedIndices", "Missings"]))"
                )
            }
            out.append(
                "  \(d.int(20...60)) dependencies successfully precompiled in \(d.int(20...90)) seconds. \(d.int(0...20)) already precompiled."
            )
            steps.append(
                Step(
                    command: "julia --project=@. -e 'using Pkg; Pkg.instantiate()'  # julia \(v)", output: out
                ))
        case .go:
            var out: [String] = []
            for m in d.sample(
                [
                    "github.com/stretchr/testify v1.9.0", "golang.org/x/sync v0.8.0",
                    "google.golang.org/grpc v1.66.0", "github.com/spf13/cobra v1.8.1",
                    "go.uber.org/zap v1.27.0", "github.com/acme/retryhttp v1.8.0",
                ], 4)
            {
                out.append("go: downloading \(m)")
            }
            steps.append(Step(command: "go mod download", output: out))
            if c.job.slot == .build || c.job.slot == .test {
                steps.append(Step(command: "go build ./...", output: []))
            }
        case .rust:
            steps.append(
                Step(
                    command: "cargo fetch --locked",
                    output: [
                        "    Updating crates.io index",
                        "  Downloaded \(d.int(40...180)) crates (\(d.int(3...30)).\(d.int(0...9)) MB) in \(d.seconds(0.5, 4))s",
                    ]))
            if c.job.slot == .build || c.job.slot == .test {
                var out: [String] = []
                for crate in d.sample(
                    [
                        "serde v1.0.204", "bytes v1.7.1", "tokio v1.39.2", "libc v0.2.155",
                        "proc-macro2 v1.0.86", "syn v2.0.72", "serde_json v1.0.122", "tracing v0.1.40",
                    ], 5)
                {
                    out.append("   Compiling \(crate)")
                }
                out.append("   Compiling \(p.snake) v0.\(d.int(1...9)).\(d.int(0...9)) (\(p.builds))")
                if d.chance(0.4) {
                    out += [
                        "warning: unused import: `std::fmt`", " --> src/\(p.words[2]).rs:\(d.int(1...9)):5",
                        "  |", "3 | use std::fmt;", "  |     ^^^^^^^^", "  |",
                        "  = note: `#[warn(unused_imports)]` on by default", "",
                    ]
                }
                out.append(
                    "    Finished `dev` profile [unoptimized + debuginfo] target(s) in \(d.int(20...140)).\(d.int(10...99))s"
                )
                steps.append(Step(command: "cargo build --locked --all-targets", output: out))
            }
        case .maven, .gradle:
            let maven = p.ecosystem == .maven
            var out: [String] = []
            for a in d.sample(
                [
                    "org/springframework/spring-core/6.1.11/spring-core-6.1.11.pom",
                    "com/fasterxml/jackson/core/jackson-databind/2.17.2/jackson-databind-2.17.2.pom",
                    "org/junit/jupiter/junit-jupiter/5.10.3/junit-jupiter-5.10.3.pom",
                    "org/slf4j/slf4j-api/2.0.13/slf4j-api-2.0.13.pom",
                ], 3)
            {
                out.append(
                    maven
                        ? "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/\(a)"
                        : "Download https://repo.maven.apache.org/maven2/\(a), took \(d.int(20...900)) ms")
            }
            steps.append(
                Step(
                    command: maven
                        ? "mvn -B -q dependency:go-offline"
                        : "./gradlew --no-daemon dependencies > /dev/null", output: out))
        case .npm:
            steps.append(
                Step(
                    command: "npm ci",
                    output: [
                        "",
                        "added \(d.int(300...1400)) packages, and audited \(d.int(300...1400)) packages in \(d.int(8...60))s",
                        "", "\(d.int(50...200)) packages are looking for funding",
                        "  run `npm fund` for details", "",
                        "\(d.int(0...9)) vulnerabilities (\(d.int(0...4)) moderate, \(d.int(0...3)) high)",
                        "", "To address all issues, run:", "  npm audit fix", "",
                        "Run `npm audit` for details.",
                    ]))
        case .ruby:
            var out = [
                "Fetching gem metadata from https://rubygems.org/........", "Resolving dependencies...",
            ]
            for g in d.sample(
                [
                    "rake 13.2.1", "rspec-core 3.13.0", "rubocop 1.65.1", "nokogiri 1.16.7", "rack 3.1.7",
                    "zeitwerk 2.6.17",
                ], 4)
            { out.append("Fetching \(g)"); out.append("Installing \(g)") }
            out.append(
                "Bundle complete! \(d.int(8...30)) Gemfile dependencies, \(d.int(40...120)) gems now installed."
            )
            out.append("Bundled gems are installed into `./vendor/bundle`")
            steps.append(Step(command: "bundle install --jobs 4", output: out))
        case .cmake, .make:
            steps.append(
                Step(
                    command: "apt-get update -qq && apt-get install -y -qq libssl-dev zlib1g-dev pkg-config",
                    output: [
                        "debconf: delaying package configuration, since apt-utils is not installed",
                        "Selecting previously unselected package libssl-dev:amd64.",
                        "Preparing to unpack .../libssl-dev_3.0.13-1~deb12u1_amd64.deb ...",
                        "Unpacking libssl-dev:amd64 (3.0.13-1~deb12u1) ...",
                        "Setting up libssl-dev:amd64 (3.0.13-1~deb12u1) ...",
                    ]))
            if c.job.slot == .build || c.job.slot == .test {
                var out: [String] = []
                if p.ecosystem == .cmake {
                    out += [
                        "-- The C compiler identification is \(c.clang ? "Clang 18.1.3" : "GNU 13.2.0")",
                        "-- Detecting C compiler ABI info - done",
                        "-- Found OpenSSL: /usr/lib/x86_64-linux-gnu/libcrypto.so (found version \"3.0.13\")",
                        "-- Configuring done (\(d.seconds(0.3, 2))s)",
                        "-- Generating done (0.0\(d.int(1...9))s)",
                        "-- Build files have been written to: \(p.builds)/build",
                    ]
                    let files = p.words.prefix(5)
                    for (i, w) in files.enumerated() {
                        out.append(
                            "[ \(String(format: "%2d", (i + 1) * 90 / files.count))%] Building C object CMakeFiles/\(p.snake).dir/src/\(w).c.o"
                        )
                    }
                    out.append("[ 95%] Linking C shared library lib\(p.snake).so")
                    out.append("[100%] Built target \(p.snake)")
                } else {
                    for w in p.words.prefix(5) {
                        out.append(
                            "gcc -DHAVE_CONFIG_H -I. -I./include -g -O2 -Wall -Werror -c -o src/\(w).o src/\(w).c"
                        )
                    }
                    out.append(
                        "gcc -g -O2 -o \(p.snake) src/\(p.words.prefix(5).joined(separator: ".o src/")).o -lssl -lcrypto -lz"
                    )
                }
                steps.append(
                    Step(
                        command: p.ecosystem == .cmake
                            ? "cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build -j4"
                            : "./configure --enable-werror && make -j4", output: out))
            }
        case .swift:
            var out = [
                "Fetching https://github.com/apple/swift-nio.git",
                "Fetching https://github.com/apple/swift-log.git",
            ]
            out.append("Fetched https://github.com/apple/swift-log.git from cache (\(d.seconds(0.1, 2))s)")
            out.append("Fetched https://github.com/apple/swift-nio.git from cache (\(d.seconds(0.5, 5))s)")
            out.append("Computing version for https://github.com/apple/swift-nio.git")
            out.append(
                "Computed https://github.com/apple/swift-nio.git at 2.\(d.int(60...72)).0 (\(d.seconds(0.3, 2))s)"
            )
            out.append("Creating working copy for https://github.com/apple/swift-nio.git")
            out.append(
                "Working copy of https://github.com/apple/swift-nio.git resolved at 2.\(d.int(60...72)).0")
            steps.append(Step(command: "swift package resolve", output: out))
            if c.job.slot == .build || c.job.slot == .test {
                var b: [String] = ["Building for debugging..."]
                let n = d.int(40...120)
                for (i, w) in p.words.prefix(4).enumerated() {
                    b.append("[\(i * n / 5 + 3)/\(n)] Compiling \(p.camel) \(w.capitalized).swift")
                }
                b.append("Build complete! (\(d.seconds(20, 90))s)")
                steps.append(Step(command: "swift build", output: b))
            }
        case .docker:
            steps.append(
                Step(
                    command:
                        "docker login -u \"$CI_REGISTRY_USER\" -p \"$CI_REGISTRY_PASSWORD\" $CI_REGISTRY",
                    output: [
                        "WARNING! Using --password via the CLI is insecure. Use --password-stdin.",
                        "Login Succeeded",
                    ]))
        }
        return steps
    }

    static func mainCommand(_ c: Org2Context) -> String {
        let p = c.p
        switch (p.ecosystem, c.job.slot) {
        case (.python, .lint): return "ruff check src tests"
        case (.python, .docs): return "sphinx-build -W -b html docs public"
        case (.python, _): return "pytest -q -ra --junitxml=report.xml"
        case (.julia, .docs): return "julia --project=docs docs/make.jl"
        case (.julia, _): return "julia --project=@. -e 'using Pkg; Pkg.test(coverage=true)'"
        case (.go, .lint): return "golangci-lint run --timeout 5m ./..."
        case (.go, .build): return "go vet ./..."
        case (.go, _): return "go test -race -count=1 ./..."
        case (.rust, .lint): return "cargo clippy --all-targets -- -D warnings"
        case (.rust, .build): return "cargo build --release --locked"
        case (.rust, _): return "cargo test --locked"
        case (.maven, .build): return "mvn -B compile"
        case (.maven, _): return "mvn -B verify"
        case (.gradle, .build): return "./gradlew --no-daemon assemble"
        case (.gradle, .lint): return "./gradlew --no-daemon checkstyleMain"
        case (.gradle, _): return "./gradlew --no-daemon test"
        case (.npm, .lint): return "npx eslint . --max-warnings=0"
        case (.npm, .build): return "npx tsc --noEmit"
        case (.npm, _): return "npx jest --ci"
        case (.ruby, .lint): return "bundle exec rubocop --parallel"
        case (.ruby, _): return "bundle exec rspec --format progress"
        case (.cmake, .test): return "ctest --test-dir build --output-on-failure"
        case (.cmake, _): return "cmake --install build --prefix /tmp/stage"
        case (.make, .test): return "make check"
        case (.make, _): return "make install DESTDIR=/tmp/stage"
        case (.swift, .lint): return "swiftlint lint --strict"
        case (.swift, .build): return "swift build -c release"
        case (.swift, _): return "swift test --parallel"
        case (.docker, .test): return "docker run --rm $IMAGE_TAG /usr/local/bin/healthcheck --smoke"
        case (.docker, _): return "docker build --pull -t $IMAGE_TAG ."
        }
    }

    /// The main step's output when it passes.
    static func mainStep(_ c: inout Org2Context) -> [String] {
        let p = c.p
        switch (p.ecosystem, c.job.slot) {
        case (.python, .lint): return ["All checks passed!"]
        case (.python, .docs), (.julia, .docs):
            return [
                "Running Sphinx v7.4.7", "loading translations [en]... done",
                "building [html]: targets for \(c.d.int(8...40)) source files that are out of date",
                "build succeeded.", "", "The HTML pages are in public.",
            ]
        case (.python, _): return Org2Frames.pytest(&c, failures: [], collected: nil)
        case (.julia, _): return Org2Frames.julia(&c, failures: [])
        case (.go, .lint): return ["0 issues."]
        case (.go, .build): return []
        case (.go, _): return Org2Frames.goTest(&c, failures: [])
        case (.rust, .lint):
            return [
                "    Checking \(p.snake) v0.3.1 (\(p.builds))",
                "    Finished `dev` profile [unoptimized + debuginfo] target(s) in \(c.d.seconds(3, 40))s",
            ]
        case (.rust, .build):
            return [
                "   Compiling \(p.snake) v0.3.1 (\(p.builds))",
                "    Finished `release` profile [optimized] target(s) in \(c.d.seconds(40, 200))s",
            ]
        case (.rust, _): return Org2Frames.cargoTest(&c, failures: [])
        case (.maven, .build): return Org2Frames.mavenCompile(&c, errors: nil)
        case (.maven, _): return Org2Frames.maven(&c, failures: [])
        case (.gradle, .build), (.gradle, .lint):
            return [
                "> Task :compileJava", "> Task :processResources", "> Task :classes", "",
                "BUILD SUCCESSFUL in \(c.d.int(20...90))s",
                "\(c.d.int(3...9)) actionable tasks: \(c.d.int(3...9)) executed",
            ]
        case (.gradle, _): return Org2Frames.gradle(&c, failures: [])
        case (.npm, .lint): return []
        case (.npm, .build): return []
        case (.npm, _): return Org2Frames.jest(&c, failures: [])
        case (.ruby, .lint):
            return [
                "Inspecting \(c.d.int(40...200)) files", String(repeating: ".", count: 60), "",
                "\(c.d.int(40...200)) files inspected, no offenses detected",
            ]
        case (.ruby, _): return Org2Frames.rspec(&c, failures: [])
        case (.cmake, .test): return Org2Frames.ctest(&c, failures: [])
        case (.make, .test): return Org2Frames.automake(&c, failures: [])
        case (.cmake, _), (.make, _):
            return [
                "-- Install configuration: \"RelWithDebInfo\"",
                "-- Installing: /tmp/stage/usr/local/lib/lib\(p.snake).so",
            ]
        case (.swift, .lint):
            return [
                "Linting Swift files in current working directory",
                "Done linting! Found 0 violations, 0 serious in \(c.d.int(20...120)) files.",
            ]
        case (.swift, .build):
            return ["Building for production...", "Build complete! (\(c.d.seconds(60, 200))s)"]
        case (.swift, _): return Org2Frames.swiftTest(&c, failures: [])
        case (.docker, .test): return ["healthcheck: ok (\(c.d.int(3...90)) ms)"]
        case (.docker, _): return Org2Frames.buildkit(&c, failing: nil)
        }
    }
}
