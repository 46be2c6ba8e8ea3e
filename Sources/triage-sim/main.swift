import Foundation
import GitLabSimulator

/// Unbuffered line output, so a parent process reading a pipe sees the URL at once.
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

/// `triage-sim`: serves a simulated GitLab until interrupted. Flags mirror `SimulatorConfiguration`.
let usage = """
    usage: triage-sim [--port N] [--projects N] [--nights N] [--seed N] [--latency-ms N] [--rate-limit N]
                      [--jobs-rate-limit N] [--fault-rate F] [--token T] [--last-night YYYY-MM-DD]
    """

func yesterdayInChicago() -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone =
        TimeZone(identifier: "America/Chicago") ?? TimeZone(secondsFromGMT: -6 * 3600) ?? .current
    let yesterday = calendar.date(byAdding: .day, value: -1, to: Date()) ?? Date()
    let c = calendar.dateComponents([.year, .month, .day], from: yesterday)
    return String(format: "%04d-%02d-%02d", c.year ?? 2026, c.month ?? 1, c.day ?? 1)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("triage-sim: error: \(message)\n\(usage)\n".utf8))
    exit(2)
}

var configuration = SimulatorConfiguration(lastNight: yesterdayInChicago())
var port: UInt16 = 8080
var token = "glpat-simulator-token"
var arguments = CommandLine.arguments.dropFirst()[...]
while let flag = arguments.popFirst() {
    if flag == "--help" || flag == "-h" {
        say(usage)
        exit(0)
    }
    let known = [
        "--port", "--projects", "--nights", "--seed", "--latency-ms", "--rate-limit", "--jobs-rate-limit",
        "--fault-rate",
        "--token", "--last-night",
    ]
    guard known.contains(flag) else { fail("unknown flag '\(flag)'") }
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    func int() -> Int {
        guard let n = Int(value), n >= 0 else {
            fail("\(flag) expects a non-negative integer, got '\(value)'")
        }
        return n
    }
    switch flag {
    case "--port": port = UInt16(clamping: int())
    case "--projects": configuration.projects = int()
    case "--nights": configuration.nights = int()
    case "--seed": configuration.seed = UInt64(int())
    case "--latency-ms": configuration.latency = .milliseconds(int())
    case "--rate-limit": configuration.rateLimitPerMinute = int()
    case "--jobs-rate-limit": configuration.jobsRateLimitPerMinute = int()
    case "--fault-rate":
        guard let f = Double(value), (0...1).contains(f) else {
            fail("--fault-rate expects 0...1, got '\(value)'")
        }
        configuration.faultRate = f
    case "--token": token = value
    case "--last-night":
        guard value.count == 10, value.split(separator: "-").count == 3 else {
            fail("--last-night expects YYYY-MM-DD")
        }
        configuration.lastNight = value
    default: fail("unknown flag '\(flag)'")
    }
}
configuration.tokens = [token: .api]

let simulator = SimulatedGitLab(configuration: configuration)
do {
    let url = try await simulator.start(port: port)
    let org = simulator.organisation
    say("Simulated GitLab at \(url)/api/v4")
    say("Token: \(token)  (header PRIVATE-TOKEN or Authorization: Bearer)")
    say(
        "\(org.projects.count) projects, \(org.pipelines.count) pipelines, \(org.jobs.count) jobs (\(org.jobs.filter { $0.status == "failed" }.count) failed), nights \(org.nights.first ?? "") … \(org.nights.last ?? "")"
    )
    say("Press Ctrl-C to stop.")
    while true { try await Task.sleep(for: .seconds(3600)) }
} catch {
    fail("cannot start: \(error)")
}
