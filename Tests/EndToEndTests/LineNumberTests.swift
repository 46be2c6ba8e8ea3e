import Foundation
import Testing
import TriageTestSupport

/// Issue 14, bug 8: `show job` and `trace` number the lines of a log the same way, the raw
/// log's (its physical lines, as GitLab's log view numbers them), JSON included.
@Suite(.serialized) struct LineNumberTests {
    @Test func showJobAndTraceAgreeOnTheRawLogsLineNumbers() async throws {
        try await withFetchedOrganisation { _, workspace in
            let listed = try await runTriage(
                ["failures", "last-night", "--format", "json"], workspace: workspace)
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            var compared = 0
            var differed = 0
            for id in records.compactMap({ $0["job"] as? Int }).prefix(8) {
                let show = try await runTriage(
                    ["show", "job", "\(id)", "--format", "json"], workspace: workspace)
                let job = try #require(
                    try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
                guard let excerpt = job["excerpt_lines"] as? [[String: Any]], !excerpt.isEmpty else {
                    continue
                }
                let trace = try await runTriage(["trace", "\(id)", "--format", "json"], workspace: workspace)
                let lines = try #require(
                    (try JSONSerialization.jsonObject(with: Data(trace.stdout.utf8)) as? [String: Any])?[
                        "lines"]
                        as? [[String: Any]])
                let raw = try await runTriage(["trace", "\(id)", "--raw"], workspace: workspace)
                let rawLines = raw.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                // The lines trace marks as the excerpt are the ones show job lists, by number.
                let marked = lines.filter { $0["in_excerpt"] as? Bool == true }.compactMap {
                    $0["number"] as? Int
                }
                let listedNumbers = excerpt.compactMap { $0["line"] as? Int }
                #expect(Set(marked) == Set(listedNumbers), "job \(id)")
                for entry in excerpt {
                    let number = try #require(entry["line"] as? Int)
                    let text = try #require(entry["text"] as? String)
                    // The same number names the same text in trace, and that raw line holds it.
                    let traced = lines.first { $0["number"] as? Int == number }
                    #expect(traced?["text"] as? String == text, "job \(id) line \(number)")
                    #expect(number >= 1 && number <= rawLines.count)
                    if number <= rawLines.count, !text.isEmpty {
                        // The raw line still has its escape codes (and a runner timestamp): drop them.
                        let visible = String(rawLines[number - 1]).replacingOccurrences(
                            of: "\u{1B}\\[[0-9;]*[A-Za-z]", with: "", options: .regularExpression)
                        #expect(
                            visible.contains(String(text.prefix(20))),
                            "job \(id) raw line \(number): \(visible)")
                    }
                    compared += 1
                }
                // A log whose cleaning dropped lines: raw and dense numbering differ here.
                if let index = lines.firstIndex(where: { $0["in_excerpt"] as? Bool == true }),
                    lines[index]["number"] as? Int != index + 1
                {
                    differed += 1
                }
            }
            #expect(compared > 0)
            #expect(
                differed > 0, "no job whose raw and cleaned numbering differ: the test would prove nothing")
            // --grep numbers its lines the same way.
            let first = try #require(records.first?["job"] as? Int)
            let show = try await runTriage(
                ["show", "job", "\(first)", "--format", "json"], workspace: workspace)
            let job = try #require(
                try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            if let line = (job["excerpt_lines"] as? [[String: Any]])?.first,
                let number = line["line"] as? Int,
                let text = line["text"] as? String, !text.isEmpty
            {
                let pattern = NSRegularExpression.escapedPattern(for: String(text.prefix(30)))
                let grep = try await runTriage(
                    ["trace", "\(first)", "--grep", pattern], workspace: workspace)
                #expect(
                    grep.stdout.split(separator: "\n").contains {
                        $0.drop(while: { $0 == " " || $0 == "▶" }).hasPrefix("\(number): ")
                    },
                    "\(grep.stdout)")
            }
        }
    }
}
