extension PatternLibrary {
    /// The patterns triage knows out of the box. Each is tested with lines that must match and
    /// lines that must not (`PatternLibraryTests`).
    public static let builtIn = PatternLibrary(patterns: builtInPatterns)

    static let builtInPatterns: [KnownPattern] = [
        // MARK: Infrastructure — memory, crashes, time, disk, network, images, git.
        KnownPattern(
            name: "oom-killed", anchor: "out of memory", caseSensitive: false,
            excluding: ["OutOfMemoryError"], infrastructure: true, category: "oom", weight: 97),
        KnownPattern(
            name: "oom-killed", anchor: "OOMKilled", infrastructure: true, category: "oom", weight: 97),
        KnownPattern(
            name: "oom-killed", anchor: "Cannot allocate memory", infrastructure: true, category: "oom",
            weight: 95),
        // Rust's allocator and C++'s when the machine has no memory left.
        KnownPattern(
            name: "oom-killed", anchor: "memory allocation of ",
            regex: #"memory allocation of \d+ bytes failed"#,
            infrastructure: true, category: "oom", weight: 95),
        KnownPattern(
            name: "oom-killed", anchor: "std::bad_alloc", infrastructure: true, category: "oom", weight: 93),
        KnownPattern(
            name: "killed", anchor: "Killed",
            regex: #"^\s*(#\d+ [\d.]+ )?(\S.*: line \d+: +\d+ )?Killed(\s.*)?$"#,
            infrastructure: true, category: "oom", weight: 95),
        KnownPattern(
            name: "killed-signal", anchor: "Killed signal terminated program", infrastructure: true,
            category: "oom", weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "due to signal 9", infrastructure: true, category: "oom",
            weight: 96),
        // `collect2: fatal error: ld terminated with signal 9 [Killed]`: the linker, killed.
        KnownPattern(
            name: "killed-signal", anchor: "terminated with signal 9", infrastructure: true, category: "oom",
            weight: 96),
        // A compiler driver whose compiler process the kernel killed: clang's and older gcc's words
        // for what newer gcc calls `Killed signal terminated program cc1`.
        KnownPattern(
            name: "killed-signal", anchor: "unable to execute command: Killed", infrastructure: true,
            category: "oom", weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "internal compiler error: Killed", infrastructure: true,
            category: "oom", weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "SIGKILL: kill", infrastructure: true, category: "oom", weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "daemon disappeared unexpectedly", infrastructure: true,
            category: "oom", weight: 95),
        // A test runner's worker, or the test, killed under it: jest's, yarn's, ctest's, Gradle's
        // test executor (137 = 128 + SIGKILL).
        KnownPattern(
            name: "killed-signal", anchor: "was terminated by another process: signal=SIGKILL",
            infrastructure: true, category: "oom", weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "Command failed with signal \"SIGKILL\"", infrastructure: true,
            category: "oom", weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "***Killed", infrastructure: true, category: "oom", weight: 95),
        KnownPattern(
            name: "exit-code-137", anchor: "non-zero exit value 137", infrastructure: true, category: "oom",
            weight: 96),
        KnownPattern(
            name: "exit-code-137", anchor: "exit code 137", caseSensitive: false, infrastructure: true,
            category: "oom", weight: 96),
        KnownPattern(
            name: "exit-code-137", anchor: "exit code: 137", caseSensitive: false, infrastructure: true,
            category: "oom", weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "received signal: KILL", infrastructure: true, category: "oom",
            weight: 96),
        KnownPattern(
            name: "killed-signal", anchor: "signal: killed", infrastructure: true, category: "oom", weight: 96
        ),
        KnownPattern(
            name: "segfault", anchor: "Segmentation fault", infrastructure: true, category: "crash",
            weight: 95),
        KnownPattern(
            name: "segfault", anchor: "signal (11)", infrastructure: true, category: "crash", weight: 95),
        KnownPattern(
            name: "segfault", anchor: "SIGSEGV", infrastructure: true, category: "crash", weight: 94),
        KnownPattern(
            name: "timeout", anchor: "execution took longer than", infrastructure: true, category: "timeout",
            weight: 98),
        KnownPattern(
            name: "timeout", anchor: "Job's timeout", infrastructure: true, category: "timeout", weight: 97),
        // The other CIs' time limits: GitHub Actions, Azure Pipelines, Jenkins' build-timeout, Travis.
        KnownPattern(
            name: "timeout", anchor: "exceeded the maximum execution time", infrastructure: true,
            category: "timeout", weight: 97),
        KnownPattern(
            name: "timeout", anchor: "ran longer than the maximum time", infrastructure: true,
            category: "timeout", weight: 97),
        KnownPattern(
            name: "timeout", anchor: "Build timed out (after", infrastructure: true, category: "timeout",
            weight: 97),
        KnownPattern(
            name: "timeout", anchor: "No output has been received in the last", infrastructure: true,
            category: "timeout", weight: 97),
        KnownPattern(
            name: "no-space", anchor: "No space left on device", caseSensitive: false, infrastructure: true,
            category: "disk", weight: 97),
        KnownPattern(
            name: "no-space", anchor: "ENOSPC", infrastructure: true, category: "disk", weight: 96),
        KnownPattern(
            name: "no-space", anchor: "Disk quota exceeded", infrastructure: true, category: "disk",
            weight: 96),
        KnownPattern(
            name: "no-space", anchor: "not enough space on the disk", caseSensitive: false,
            infrastructure: true, category: "disk", weight: 96),
        KnownPattern(
            name: "dns", anchor: "Could not resolve host", infrastructure: true, category: "network",
            weight: 86),
        KnownPattern(
            name: "dns", anchor: "Temporary failure in name resolution", infrastructure: true,
            category: "network", weight: 86),
        KnownPattern(
            name: "dns", anchor: "no such host", infrastructure: true, category: "network", weight: 84),
        // apt, npm/node, curl and cargo, Python's socket: the same lookup failing.
        KnownPattern(
            name: "dns", anchor: "Temporary failure resolving", infrastructure: true, category: "network",
            weight: 86),
        KnownPattern(
            name: "dns", anchor: "EAI_AGAIN", infrastructure: true, category: "network", weight: 86),
        KnownPattern(
            name: "dns", anchor: "getaddrinfo ENOTFOUND", infrastructure: true, category: "network",
            weight: 86),
        KnownPattern(
            name: "dns", anchor: "Couldn't resolve host", infrastructure: true, category: "network",
            weight: 86),
        KnownPattern(
            name: "dns", anchor: "Name or service not known", infrastructure: true, category: "network",
            weight: 85),
        // A server's certificate out of date: Go's clients (helm, kubectl, docker) and OpenSSL's
        // (curl, git, pip) spell it differently; the host's certificate is the cause either way.
        KnownPattern(
            name: "certificate-expired", anchor: "x509: certificate has expired", infrastructure: true,
            category: "network", weight: 86),
        KnownPattern(
            name: "certificate-expired", anchor: "certificate has expired", infrastructure: true,
            category: "network", weight: 84),
        KnownPattern(
            name: "certificate-expired",
            anchor: "CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired",
            infrastructure: true, category: "network", weight: 87),
        // The certificate out of date in GnuTLS' words (apt), Erlang's TLS alert (mix, rebar3) and
        // the JVM's path validation (Maven, Gradle).
        KnownPattern(
            name: "certificate-expired", anchor: "chain uses expired certificate", infrastructure: true,
            category: "network", weight: 86),
        KnownPattern(
            name: "certificate-expired", anchor: "certificate_expired", infrastructure: true,
            category: "network", weight: 86),
        KnownPattern(
            name: "certificate-expired", anchor: "CertPathValidatorException: validity check failed",
            infrastructure: true, category: "network", weight: 86),
        KnownPattern(
            name: "certificate-expired", anchor: "CertificateExpiredException", infrastructure: true,
            category: "network", weight: 86),
        // Erlang's resolver (`{:inet, [:inet], :nxdomain}`), and apt's `W: Failed to fetch … Could
        // not resolve 'host'` (a bundler's `Could not resolve './x'` is a module, not a host).
        KnownPattern(
            name: "dns", anchor: ":nxdomain", infrastructure: true, category: "network", weight: 85),
        KnownPattern(
            name: "dns", anchor: "Could not resolve '", regex: #"Failed to fetch \S+.*Could not resolve '"#,
            infrastructure: true, category: "network", weight: 85),
        // The runner's artifact upload answered with a server error (the job's own work may have
        // passed): one cause per status, a 500 is not a 503.
        KnownPattern(
            name: "artifact-upload-500", anchor: " to coordinator... ",
            regex: #"to coordinator\.\.\. .*\b500 Internal"#,
            infrastructure: true, category: "runner", weight: 80),
        KnownPattern(
            name: "artifact-upload-502", anchor: " to coordinator... ",
            regex: #"to coordinator\.\.\. .*\b502 Bad"#,
            infrastructure: true, category: "runner", weight: 80),
        KnownPattern(
            name: "artifact-upload-503", anchor: " to coordinator... ",
            regex: #"to coordinator\.\.\. .*\b503 Service"#,
            infrastructure: true, category: "runner", weight: 80),
        KnownPattern(
            name: "artifact-upload-504", anchor: " to coordinator... ",
            regex: #"to coordinator\.\.\. .*\b504 Gateway"#,
            infrastructure: true, category: "runner", weight: 80),
        // The resolver's other spellings: libuv's (Node, Julia), macOS's, Windows', Go's, the JVM's.
        KnownPattern(
            name: "dns", anchor: "unknown node or service", infrastructure: true, category: "network",
            weight: 85),
        KnownPattern(
            name: "dns", anchor: "nodename nor servname provided", infrastructure: true,
            category: "network", weight: 85),
        KnownPattern(
            name: "dns", anchor: "No such host is known", infrastructure: true, category: "network",
            weight: 85),
        KnownPattern(
            name: "dns", anchor: "server misbehaving", infrastructure: true, category: "network", weight: 84),
        KnownPattern(
            name: "dns", anchor: "UnknownHostException", infrastructure: true, category: "network",
            weight: 85),
        KnownPattern(
            name: "connection-refused", anchor: "Connection refused", infrastructure: true,
            category: "network",
            weight: 82),
        KnownPattern(
            name: "connection-refused", anchor: "ECONNREFUSED", infrastructure: true, category: "network",
            weight: 82),
        KnownPattern(
            name: "connection-failed", anchor: "Failed to connect to", infrastructure: true,
            category: "network",
            weight: 82),
        KnownPattern(
            name: "connection-failed", anchor: "Connection timed out", infrastructure: true,
            category: "network",
            weight: 82),
        KnownPattern(
            name: "connection-failed", anchor: "Connection reset by peer", infrastructure: true,
            category: "network", weight: 80),
        KnownPattern(
            name: "connection-failed", anchor: "TLS handshake timeout", infrastructure: true,
            category: "network",
            weight: 82),
        KnownPattern(
            name: "connection-failed", anchor: "Network is unreachable", caseSensitive: false,
            infrastructure: true, category: "network", weight: 82),
        KnownPattern(
            name: "connection-failed", anchor: "No route to host", caseSensitive: false,
            infrastructure: true, category: "network", weight: 82),
        KnownPattern(
            name: "connection-failed", anchor: "ECONNRESET", infrastructure: true, category: "network",
            weight: 80),
        KnownPattern(
            name: "connection-failed", anchor: "ETIMEDOUT", infrastructure: true, category: "network",
            weight: 80),
        // Go's dialer giving up (`dial tcp 140.82.112.3:443: i/o timeout`, `dial tcp: lookup …: i/o
        // timeout`); a read's timeout on a test's own connection is not the network's.
        KnownPattern(
            name: "connection-failed", anchor: "i/o timeout", regex: #"dial (tcp|udp)\S*.*: i/o timeout"#,
            infrastructure: true, category: "network", weight: 82),
        KnownPattern(
            name: "docker-pull", anchor: "failed to pull image", caseSensitive: false, infrastructure: true,
            category: "docker", weight: 95),
        KnownPattern(
            name: "docker-pull", anchor: "pull access denied", infrastructure: true, category: "docker",
            weight: 93),
        // A registry's or an API's rate limit, whichever tool met it (docker, pip, Pkg, npm, the API).
        KnownPattern(
            name: "rate-limit", anchor: "toomanyrequests", infrastructure: true, category: "network",
            weight: 96),
        KnownPattern(
            name: "rate-limit", anchor: "Too Many Requests", caseSensitive: false, infrastructure: true,
            category: "network", weight: 96),
        KnownPattern(
            name: "rate-limit", anchor: " 429", regex: #"(status( code)?:? |HTTP( error|/[\d.]+)? )429\b"#,
            infrastructure: true, category: "network", weight: 95),
        KnownPattern(
            name: "rate-limit", anchor: "rate limit exceeded", caseSensitive: false, infrastructure: true,
            category: "network", weight: 95),
        KnownPattern(
            name: "rate-limit", anchor: "secondary rate limit", caseSensitive: false, infrastructure: true,
            category: "network", weight: 95),
        KnownPattern(
            name: "rate-limit", anchor: "pull rate limit", caseSensitive: false, infrastructure: true,
            category: "network", weight: 95),
        KnownPattern(
            name: "docker-daemon", anchor: "Error response from daemon", infrastructure: true,
            category: "docker",
            weight: 92),
        KnownPattern(
            name: "runner-system-failure", anchor: "Job failed (system failure)", infrastructure: true,
            category: "runner", weight: 96),
        // GitHub Actions' runner going away under the job (a stopped service, a lost VM).
        KnownPattern(
            name: "runner-system-failure", anchor: "The runner has received a shutdown signal",
            infrastructure: true, category: "runner", weight: 96),
        KnownPattern(
            name: "runner-system-failure", anchor: "lost communication with the server", infrastructure: true,
            category: "runner", weight: 96),
        KnownPattern(
            name: "git-fetch", anchor: "fatal: unable to access", infrastructure: true, category: "git",
            weight: 90),
        KnownPattern(
            name: "git-fetch", anchor: "The remote end hung up unexpectedly", infrastructure: true,
            category: "git", weight: 88),
        KnownPattern(
            name: "log-truncated", anchor: "Job's log exceeded limit of", category: "truncated", weight: 40),

        // MARK: Julia.
        KnownPattern(name: "julia-test-failed", anchor: "Test Failed at ", category: "test", weight: 91),
        KnownPattern(
            name: "julia-test-errored", anchor: "Error During Test at ", category: "test", weight: 91),
        KnownPattern(
            name: "julia-unsatisfiable", anchor: "Unsatisfiable requirements detected",
            category: "dependency",
            weight: 89),
        KnownPattern(
            name: "julia-precompile", anchor: "Failed to precompile", category: "build", weight: 78),
        // Above julia-precompile: the LoadError that precedes "Failed to precompile X" names the
        // cause (often another package's change), the precompile line only the victim.
        KnownPattern(
            name: "julia-load-error", anchor: "LoadError:", excluding: ["Some tests did not pass"],
            category: "dependency", weight: 80),
        KnownPattern(
            name: "julia-tests-did-not-pass", anchor: "Some tests did not pass", category: "test", weight: 60),
        KnownPattern(
            name: "julia-errored-during-testing", anchor: "errored during testing", category: "test",
            weight: 55),

        // MARK: Python.
        KnownPattern(
            name: "python-traceback", anchor: "Traceback (most recent call last):", category: "test",
            weight: 70),
        KnownPattern(
            name: "pytest-failed", anchor: "FAILED ", position: .lineStart, regex: #"^FAILED \S+"#,
            category: "test", weight: 86),
        KnownPattern(
            name: "pytest-error", anchor: "ERROR ", position: .lineStart, regex: #"^ERROR \S+::"#,
            category: "test", weight: 84),
        KnownPattern(
            name: "pytest-assert", anchor: "E   ", position: .lineStart, category: "test", weight: 80),

        // MARK: Compilers.
        KnownPattern(
            name: "compiler-error", anchor: ": error:", regex: #"[^\s:]+:\d+(:\d+)?: error:"#,
            category: "build",
            weight: 88),
        KnownPattern(
            name: "compiler-error", anchor: ": fatal error:", regex: #"[^\s:]+:\d+(:\d+)?: fatal error:"#,
            category: "build", weight: 88),
        KnownPattern(
            name: "rust-error", anchor: "error[E", position: .lineStart, category: "build", weight: 86),
        KnownPattern(
            name: "javac-error", anchor: "[ERROR] ", position: .lineStart,
            regex: #"^\[ERROR\] \S+\.\w+:\[\d+,\d+\]"#,
            category: "build", weight: 87),
        KnownPattern(name: "linker-error", anchor: "undefined reference to", category: "build", weight: 84),
        KnownPattern(
            name: "compile-error", anchor: "COMPILATION ERROR", category: "build", weight: 70),

        // MARK: Go.
        KnownPattern(
            name: "go-test-fail", anchor: "--- FAIL", position: .afterIndent, category: "test", weight: 89),
        KnownPattern(
            name: "go-panic", anchor: "panic: ", position: .lineStart, category: "crash", weight: 90),
        KnownPattern(
            name: "go-package-fail", anchor: "FAIL", position: .lineStart, regex: #"^FAIL\s+\S+"#,
            category: "test", weight: 60),

        // MARK: JVM (Maven, Gradle, JUnit).
        KnownPattern(name: "junit-failure", anchor: "<<< FAILURE!", category: "test", weight: 87),
        KnownPattern(name: "junit-error", anchor: "<<< ERROR!", category: "test", weight: 87),
        KnownPattern(
            name: "junit-summary", anchor: "Tests run:",
            regex: #"Tests run: \d+, Failures: ([1-9]\d*|\d+, Errors: [1-9])"#, category: "test", weight: 62),
        KnownPattern(
            name: "maven-failed-tests", anchor: "Failed tests:", position: .afterIndent, category: "test",
            weight: 75),
        KnownPattern(
            name: "maven-failed-tests", anchor: "Tests in error:", position: .afterIndent, category: "test",
            weight: 75),
        KnownPattern(
            name: "maven-goal-failed", anchor: "Failed to execute goal", category: "build", weight: 58),
        KnownPattern(name: "maven-build-failure", anchor: "BUILD FAILURE", category: "build", weight: 50),
        KnownPattern(
            name: "maven-error", anchor: "[ERROR]", position: .lineStart,
            excluding: [
                "re-run maven", "-> [help", "[help ", "to see the full stack trace",
                "for more information about",
            ],
            category: "build", weight: 45),
        KnownPattern(
            name: "gradle-build-failed", anchor: "FAILURE: Build failed with an exception", category: "build",
            weight: 60),
        KnownPattern(
            name: "gradle-what-went-wrong", anchor: "* What went wrong:", category: "build", weight: 55),
        KnownPattern(
            name: "gradle-task-failed", anchor: "> Task ", position: .lineStart,
            regex: #"^> Task \S+ FAILED"#,
            category: "build", weight: 62),
        KnownPattern(
            name: "java-exception", anchor: "Exception",
            regex: #"^\s*(Caused by: )?([a-z_$][\w$]*\.)+[A-Z][\w$]*(Exception|Error)(: .*)?$"#,
            category: "test", weight: 78),
        KnownPattern(
            name: "java-error", anchor: "Error",
            regex: #"^\s*(Caused by: )?([a-z_$][\w$]*\.)+[A-Z][\w$]*Error(: .*)?$"#, category: "test",
            weight: 78),

        // MARK: JavaScript.
        KnownPattern(
            name: "npm-error", anchor: "npm ERR!", position: .lineStart, category: "build", weight: 60),
        KnownPattern(
            name: "npm-error", anchor: "npm error ", position: .lineStart, category: "build", weight: 60),

        // MARK: CI annotations.
        KnownPattern(
            name: "github-error", anchor: "##[error]", position: .lineStart,
            excluding: ["Process completed with exit code"], category: "build", weight: 65),
    ]
}
