// `triage-bench excerpt-count [--mode clean|excerpt|both] [--rounds 1]`: one pass of `analyse`'s
// first corpus (the simulator's failed traces) through the cleaner, the extractor or both, with
// nothing else timed, for instruction counts under valgrind:
//   valgrind --tool=callgrind --toggle-collect='*excerptCountWork*' triage-bench excerpt-count --mode both
// On a shared machine, counts are what is steady; `analyse` gives the times.
import Foundation
import LogAnalysis

func benchExcerptCount(_ args: [String]) {
    var mode = "both"
    var rounds = 1
    var i = 0
    while i + 1 < args.count {
        switch args[i] {
        case "--mode": mode = args[i + 1]
        case "--rounds": rounds = max(1, Int(args[i + 1]) ?? rounds)
        default:
            FileHandle.standardError.write(
                Data("triage-bench excerpt-count: unknown option \(args[i])\n".utf8))
            exit(64)
        }
        i += 2
    }
    let traces = benchSimulatorTraces().failed
    let extractor = ExcerptExtractor()
    let cleaned = mode == "excerpt" ? traces.map { TraceCleaner.clean($0) } : []
    // A first pass outside the count: regexes compile at their first match, tables at first use.
    var sink = excerptCountWarmUp(mode, traces, cleaned, extractor)
    sink &+= excerptCountWork(mode, traces, cleaned, extractor, rounds: rounds)
    print(
        "excerpt-count: \(mode), \(traces.count) traces, \(traces.reduce(0) { $0 + $1.count }) bytes, \(rounds) rounds [\(sink % 10)]"
    )
}

/// The counted work: its name is what callgrind's `--toggle-collect` matches.
@inline(never) func excerptCountWork(
    _ mode: String, _ traces: [[UInt8]], _ cleaned: [CleanedLog], _ extractor: ExcerptExtractor, rounds: Int
) -> Int {
    var sink = 0
    for _ in 0..<rounds { sink &+= excerptCountPass(mode, traces, cleaned, extractor) }
    return sink
}

/// The same work, not counted.
@inline(never) func excerptCountWarmUp(
    _ mode: String, _ traces: [[UInt8]], _ cleaned: [CleanedLog], _ extractor: ExcerptExtractor
) -> Int {
    excerptCountPass(mode, traces, cleaned, extractor)
}

@inline(__always) func excerptCountPass(
    _ mode: String, _ traces: [[UInt8]], _ cleaned: [CleanedLog], _ extractor: ExcerptExtractor
) -> Int {
    var sink = 0
    switch mode {
    case "clean":
        for t in traces { sink &+= TraceCleaner.clean(t).lines.count }
    case "excerpt":
        for c in cleaned { sink &+= extractor.excerpt(failed: c).lines.count }
    default:
        for t in traces { sink &+= extractor.excerpt(failed: TraceCleaner.clean(t)).lines.count }
    }
    return sink
}
