import Dispatch
import Foundation
import GitLab
import Testing
import TriageTestSupport

/// Cancelling a sync with requests in flight over the real URLSession transport.
///
/// Foundation's async `data(for:)` on Linux could deadlock when a task was canceled while a
/// response was arriving (Ctrl-C during `fetch` then hung for good, about one run in five).
/// The transport cancels without holding the task's lock; this cancels a dozen syncs mid-flight.
@Suite(.serialized) struct TransportCancelTests {
    @Test func cancellingASyncInFlightNeverHangs() async throws {
        try await withSimulator(projects: 10, nights: 8, latency: .milliseconds(25)) { _, url in
            let transport = URLSessionTransport.make(maxConnections: 16)
            // Two whole syncs first: the rounds cancel at a share of the faster one's duration, so
            // that each one is still running when canceled however fast or loaded the machine is
            // (the first, on cold connections, can take twice as long as the rounds do).
            let clock = ContinuousClock()
            var whole = Duration.seconds(3600)
            for _ in 0..<2 {
                whole = min(
                    whole,
                    try await clock.measure {
                        _ = try await syncDirectly(
                            url: url, workspace: try makeWorkspace(url: url, nights: 8), nights: 8,
                            transport: transport)
                    })
            }
            var canceled = 0
            var completed: [Int] = []
            for round in 0..<12 {
                let workspace = try makeWorkspace(url: url, nights: 8)
                // A deadlock holds the cooperative pool's threads, so nothing async could notice
                // it: a dispatch timer ends the test run with a message instead of hanging it.
                let watchdog = DispatchWorkItem {
                    FileHandle.standardError.write(
                        Data(
                            "TransportCancelTests: round \(round): a canceled sync did not end within 30 s\n"
                                .utf8))
                    exit(1)
                }
                DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
                let task = Task {
                    do {
                        _ = try await syncDirectly(
                            url: url, workspace: workspace, nights: 8, transport: transport)
                        return false
                    } catch {
                        return error is CancellationError
                    }
                }
                // Cancel with requests, trace downloads and cache writes in flight: from 10% to 60%
                // of a whole sync. From a dispatch timer: the sync keeps the cooperative pool's
                // threads busy, so a sleeping test task could wake only after the sync had ended.
                let delay = whole * (0.1 + 0.5 * Double(round) / 11)
                let nanoseconds = Int(delay / .nanoseconds(1))
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
                    task.cancel()
                }
                if await task.value { canceled += 1 } else { completed.append(round) }
                watchdog.cancel()
            }
            #expect(canceled == 12, "rounds \(completed) ended before their cancel (a whole sync: \(whole))")
        }
    }
}
