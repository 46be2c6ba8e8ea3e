import Foundation
import Testing

@testable import GitLabSimulator

/// The simulator must not write failures the way our analysis expects: the same
/// cause reads differently in each project and ecosystem, lines move, decoys sit close, noise
/// surrounds every failure.
@Suite struct VarietyTests {
    static let org = Organisation(configuration: SimulatorConfiguration(lastNight: "2026-11-28"))

    /// The trace as a person reads it: no runner timestamps, no escape sequences, no `\r`.
    static func plain(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var lineStart = true
        while i < bytes.count {
            // `2026-11-29T06:00:12.123456Z 01O ` (or `01O+`)
            if lineStart, i + 32 < bytes.count, bytes[i + 4] == 0x2D, bytes[i + 10] == 0x54,
                bytes[i + 26] == 0x5A
            {
                i += 32
            }
            lineStart = false
            guard i < bytes.count else { break }
            let c = bytes[i]
            if c == 0x1B {
                i += 1
                if i < bytes.count && bytes[i] == 0x5B {
                    i += 1
                    while i < bytes.count && bytes[i] >= 0x20 && bytes[i] <= 0x3F { i += 1 }
                }
                i += 1
                continue
            }
            if c == 0x0D {
                i += 1
                continue
            }
            out.append(c)
            if c == 0x0A { lineStart = true }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every failed, non-adversarial job with its cause and plain trace.
    static let failures: [(job: Organisation.Job, cause: FailureCause, text: String)] = org.jobs.compactMap {
        job in
        guard job.status == "failed", org.adversarialByJob[job.id] == nil,
            let cause = org.cause(ofJob: job.id)
        else {
            return nil
        }
        return (job, cause, plain(org.trace(ofJob: job.id)))
    }

    @Test func everyEcosystemHasProjects() {
        let languages = Set(Self.org.projects.filter { !$0.archived }.map(\.language))
        #expect(languages == [.julia, .python, .go, .rust, .java, .javascript, .infra])
    }

    /// One infrastructure cause, one id, phrased by whichever tool met it.
    @Test(arguments: [
        (
            "infra-dns",
            [
                "Could not resolve host: gitlab.example.com", "Class:Net, failed to resolve address",
                "[Errno -3] Temporary failure in name resolution", "EAI_AGAIN registry.npmjs.org",
                ": no such host",
                "Could not resolve host: index.crates.io",
                "repo.maven.apache.org: Temporary failure in name resolution",
                "Temporary failure resolving 'deb.debian.org'",
            ]
        ),
        (
            "infra-disk-full",
            [
                "SystemError: opening file", "OSError: [Errno 28] No space left on device",
                "Cannot write: No space left on device",
                "ENOSPC: no space left on device", ": no space left on device",
                "No space left on device (os error 28)",
                "java.io.IOException: No space left on device",
            ]
        ),
        (
            "infra-docker-pull",
            [
                "toomanyrequests: You have reached your pull rate limit", "HTTP error 429",
                "npm error 429 Too Many Requests",
                ": 429 Too Many Requests", "got 429", "Too Many Requests (429)",
                "HTTP/2 429 (Too Many Requests)",
            ]
        ),
    ])
    func infrastructureCausesArePhrasedByEachTool(cause: String, phrasings: [String]) {
        let jobs = Self.failures.filter { $0.cause.id == cause }
        let seen = Set(phrasings.filter { p in jobs.contains { $0.text.contains(p) } })
        let projects = Set(jobs.map(\.job.projectID))
        let languages = Set(projects.compactMap { Self.org.project(id: $0)?.language })
        print(
            "\(cause): \(jobs.count) jobs in \(projects.count) projects, \(languages.count) ecosystems, phrasings: \(seen.sorted())"
        )
        #expect(seen.count >= 3, "\(cause) phrased only as \(seen)")
        #expect(languages.count >= 3)
    }

    /// An upstream release breaks several projects, each in its own test set, file and line.
    @Test func upstreamBreaksReadDifferentlyInEachProject() throws {
        let methodErrors = Self.failures.filter { $0.cause.id.hasPrefix("julia-methoderror-") }
        let byCause = Dictionary(grouping: methodErrors, by: { $0.cause.id })
        var varied = 0
        for (_, jobs) in byCause {
            var places = Set<String>()
            for j in jobs {
                guard
                    let line = j.text.split(separator: "\n").first(where: {
                        $0.contains("Error During Test at ")
                    }),
                    let project = Self.org.project(id: j.job.projectID)
                else { continue }
                // Without the project's own path: still its own test set and file.
                places.insert(
                    line.replacingOccurrences(of: "/builds/\(project.pathWithNamespace)/", with: "ROOT/"))
            }
            if Set(jobs.map(\.job.projectID)).count >= 2 && places.count >= 2 { varied += 1 }
        }
        #expect(varied >= 1, "\(byCause.keys.sorted())")
        let message = try #require(
            methodErrors.first?.text.split(separator: "\n").first {
                $0.contains("MethodError: no method matching")
            })
        #expect(
            message.contains("promote_") || message.contains("broadcast_shape")
                || message.contains("axes_to_tuple"))
    }

    /// The same project's failure moves down its file as the code changes.
    @Test func lineNumbersMoveFromNightToNight() {
        var lines: [String: Set<String>] = [:]
        for f in Self.failures
        where f.cause.id.hasPrefix("julia-testfailed-") || f.cause.id.hasPrefix("go-testfailed-") {
            if let line = f.text.split(separator: "\n").first(where: {
                $0.contains("Test Failed at ") || $0.hasPrefix("    ") && $0.contains("_test.go:")
            }) {
                lines[f.cause.id, default: []].insert(String(line))
            }
        }
        #expect(lines.values.contains { $0.count >= 2 }, "every cause always at the same line")
    }

    /// Two causes whose messages differ by one identifier: the truth keeps them apart.
    @Test func decoysDifferByOneIdentifier() {
        let causes = Self.org.allCauses.values
        let methods = Set(causes.filter { $0.id.hasPrefix("julia-methoderror-") }.map(\.detail))
        #expect(methods.isSuperset(of: ["promote_shape", "promote_eltype"]), "\(methods)")
        let numpy = Set(causes.filter { $0.id.hasPrefix("python-numpy2-") }.map(\.id))
        #expect(numpy == ["python-numpy2-float_", "python-numpy2-complex_"])
        let go = Set(causes.filter { $0.id.hasPrefix("go-upstream-") }.map(\.id))
        #expect(go.count == 2, "\(go)")
    }

    /// Each tool's own grammar of failure appears somewhere in the organisation.
    @Test(arguments: [
        "Error During Test at", "Test threw exception", "Test Failed at", "   Evaluated: ", "E       ",
        "short test summary info", "--- FAIL: ", ": undefined: apiclient.", "error[E", "  --> src/",
        "[ERROR] Failed to execute goal",
        "<<< FAILURE!", "  ● ", "make: *** [Makefile:", "Traceback", "Unsatisfiable requirements detected",
        "ERROR: ResolutionImpossible", "ERROR: Job failed (system failure)",
    ])
    func toolGrammarsAppear(marker: String) {
        if marker == "Traceback" {
            // pytest prints tracebacks as `file:line: in function` frames.
            #expect(Self.failures.contains { $0.text.contains(": in ") && $0.text.contains("_ _ _ _") })
            return
        }
        #expect(Self.failures.contains { $0.text.contains(marker) }, "no trace contains \(marker)")
    }

    /// What a person skips: scaffolding, caches, passing tests, prose that says "error", warnings.
    @Test func noiseSurroundsEveryScriptFailure() throws {
        let scripted = Self.failures.filter {
            $0.text.contains("step_script") || $0.text.contains("$ head -n 4 CHANGELOG.md")
        }
        #expect(scripted.count > 100)
        for f in scripted.prefix(200) {
            #expect(f.text.contains("Checking cache for "), "job \(f.job.id)")
            #expect(f.text.contains("CHANGELOG.md"))
            if f.cause.kind != .timeout {
                #expect(
                    f.text.contains("Cleaning up project directory and file based variables"),
                    "job \(f.job.id)")
            }
        }
        let passing = ["Test Summary: |", "ok  \t", "PASS src/", " ... ok", "Tests run: ", "collected "]
        #expect(scripted.filter { f in passing.contains { f.text.contains($0) } }.count > scripted.count / 2)
        #expect(scripted.contains { $0.text.contains("Warning: ") || $0.text.contains("warning: ") })
    }
}
