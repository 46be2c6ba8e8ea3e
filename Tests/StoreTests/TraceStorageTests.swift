import Foundation
import Testing
import TriageCore

@testable import Store

@Suite struct TraceStorageTests {
    /// A real gitlab.com trace, copied into `Tests/Fixtures/gitlab-samples` (provenance beside it).
    static let sampleTrace = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/gitlab-samples/trace_gitlabcom_openwrt_success_raw_CR.log").path

    static let cases: [(name: String, data: Data, compressed: Bool)] = [
        ("empty", Data(), false),
        ("tiny", Data("ok\n".utf8), false),
        ("invalid UTF-8", Data([0xFF, 0xFE, 0xC3, 0x28, 0x00, 0xED, 0xA0, 0x80, 0x0A]), false),
        ("escape-only", Data(repeating: 0x1B, count: 3), false),
        ("escape-only long", Data(String(repeating: "\u{1B}[0K\u{1B}[0;m\r", count: 500).utf8), true),
        ("invalid UTF-8 long", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7 | 0x80) }), true),
        ("6 MB log-like text", logLikeText(size: 6 * 1024 * 1024), true),
        ("incompressible", Data((0..<10_000).map { _ in UInt8.random(in: 0...255) }), false),
    ]

    @Test(arguments: cases)
    func traceRoundTripsExactly(name: String, data: Data, compressed: Bool) throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try store.storeTrace(jobID: 1, data: data)
        #expect(try store.trace(jobID: 1) == data)
        let summary = try store.summary()
        #expect(summary.traceBytes == data.count)
        #expect((summary.traceStoredBytes < data.count) == compressed)
        #expect(summary.traceStoredBytes <= data.count)
    }

    @Test func realTraceRoundTripsAndShrinks() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.sampleTrace))
        try store.storeTrace(jobID: 1, data: data)
        #expect(try store.trace(jobID: 1) == data)
        let summary = try store.summary()
        #expect(summary.traceBytes == 2_835_835)
        // Measured: 24× smaller (2,835,835 → 116,610 bytes); under 10× would mean a broken codec.
        #expect(summary.traceStoredBytes * 10 < summary.traceBytes)
    }

    @Test func missingTraceIsNilAndStoredEmptyIsEmpty() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        #expect(try store.trace(jobID: 5) == nil)
        try store.storeTrace(jobID: 5, data: Data())
        #expect(try store.trace(jobID: 5) == Data())
    }

    @Test func storingTwiceKeepsOneCopy() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let data = logLikeText(size: 50_000)
        try store.storeTrace(jobID: 5, data: data)
        let once = try store.summary()
        try store.storeTrace(jobID: 5, data: data)
        #expect(try store.summary() == once)
        #expect(once.traces == 1)
        #expect(once.traceBytes == 50_000)
    }

    @Test(
        arguments: [
            ([], []),
            ([1, 2, 3, 4], [2, 4]),
            ([4, 4, 9], [4]),
            ([7], []),
        ] as [([Int], Set<Int>)])
    func storedTracesIsTheStoredSubset(asked: [Int], expected: Set<Int>) throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try store.storeTrace(jobID: 2, data: Data("two".utf8))
        try store.storeTrace(jobID: 4, data: Data())
        #expect(try store.storedTraces(jobIDs: asked) == expected)
    }

    @Test func damagedBlobIsAnErrorNotWrongBytes() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        try store.storeTrace(jobID: 1, data: logLikeText(size: 10_000))
        try store.executeUnchecked(sql: "UPDATE traces SET data = substr(data, 1, 100) WHERE job_id = 1")
        #expect(throws: StoreError.self) { try store.trace(jobID: 1) }
    }
}
