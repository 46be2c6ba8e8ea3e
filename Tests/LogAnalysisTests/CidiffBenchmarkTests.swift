import Foundation
import Testing

@testable import LogAnalysis

/// Quality of the excerpt on the CiDiff breakage benchmark (`shared/data/cidiff`): failed/passed log
/// pairs with ground-truth error lines. Floors sit just below the measured figures so a regression
/// fails; the figures are printed. Part of the opt-in corpus run (`TRIAGE_CORPUS=1 swift test`):
/// the corpus lives outside the repository.
@Suite(.enabled(if: SharedFiles.corpusEnabled, "TRIAGE_CORPUS=1 runs it on ../shared/data/cidiff"))
struct CidiffBenchmarkTests {
    struct Case {
        let name: String
        let failed: CleanedLog
        let passed: CleanedLog
        let errorLines: Set<Int>
        let anyLines: Set<Int>
    }

    static var dataRoot: URL { SharedFiles.root.appendingPathComponent("data/cidiff/data") }

    /// Splits like Java's `BufferedReader.readLine` (at `\n`, `\r\n`, lone `\r`), drops GitHub
    /// Actions' `2022-04-13T14:53:05.3205617Z ` prefixes, and rejoins with `\n`, so that cleaned
    /// line `rawLine` equals the ground truth's line number.
    static func normalise(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var lineStart = true
        var i = 0
        while i < data.count {
            if lineStart, i + 29 <= data.count, data[i + 4] == 0x2D, data[i + 10] == 0x54,
                data[i + 19] == 0x2E
            {
                var j = i + 20
                while j < data.count && data[j] &- 0x30 < 10 { j += 1 }
                if j + 1 < data.count && data[j] == 0x5A && data[j + 1] == 0x20 { i = j + 2 }
            }
            lineStart = false
            guard i < data.count else { break }
            let c = data[i]
            if c == 0x0D {
                out.append(0x0A)
                lineStart = true
                if i + 1 < data.count && data[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(c)
                if c == 0x0A { lineStart = true }
            }
            i += 1
        }
        return out
    }

    static func loadCases() throws -> [Case] {
        let fm = FileManager.default
        var cases: [Case] = []
        for group in ["breakages", "breakages_dump", "other_cases"] {
            let groupURL = dataRoot.appendingPathComponent(group)
            var stack = [groupURL]
            while let dir = stack.popLast() {
                let entries = try fm.contentsOfDirectory(atPath: dir.path).sorted()
                if entries.contains("groundtruth") {
                    let gt = try String(
                        contentsOf: dir.appendingPathComponent("groundtruth"), encoding: .utf8)
                    var errors: Set<Int> = []
                    var any: Set<Int> = []
                    for line in gt.split(separator: "\n").dropFirst() {
                        let parts = line.split(separator: " ")
                        guard parts.count == 2 else { continue }
                        let bounds = parts[1].split(separator: "-").compactMap { Int($0) }
                        guard let low = bounds.first, let high = bounds.last, low <= high else { continue }
                        any.formUnion(low...high)
                        if parts[0] == "E" { errors.formUnion(low...high) }
                    }
                    let failed = TraceCleaner.clean(
                        normalise([UInt8](try Data(contentsOf: dir.appendingPathComponent("fail.log")))))
                    let passed = TraceCleaner.clean(
                        normalise([UInt8](try Data(contentsOf: dir.appendingPathComponent("pass.log")))))
                    cases.append(
                        Case(
                            name: dir.lastPathComponent, failed: failed, passed: passed, errorLines: errors,
                            anyLines: any))
                } else {
                    for e in entries where !e.hasPrefix(".") {
                        var isDir: ObjCBool = false
                        let url = dir.appendingPathComponent(e)
                        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
                            stack.append(url)
                        }
                    }
                }
            }
        }
        return cases
    }

    struct Figures: CustomStringConvertible {
        var recall = 0.0  // macro: |excerpt ∩ E| / |E|
        var cappedRecall = 0.0  // macro: |excerpt ∩ E| / min(|E|, maxLines)
        var precision = 0.0  // macro: |excerpt ∩ (E ∪ C)| / |excerpt|
        var keyHit = 0.0  // share of cases whose key line is in E ∪ C
        var anyHit = 0.0  // share of cases with at least one excerpt line in E ∪ C
        var description: String {
            String(
                format: "recall %.3f, capped recall %.3f, precision %.3f, key line hit %.3f, any hit %.3f",
                recall, cappedRecall, precision, keyHit, anyHit)
        }
    }

    static func measure(_ cases: [Case], withPassing: Bool, extractor: ExcerptExtractor) -> Figures {
        var f = Figures()
        for c in cases {
            let excerpt = extractor.excerpt(failed: c.failed, passed: withPassing ? c.passed : nil)
            let picked = Set(excerpt.lines.map(\.line.rawLine))
            let hitE = picked.intersection(c.errorLines).count
            let hitAny = picked.intersection(c.anyLines).count
            f.recall += Double(hitE) / Double(max(1, c.errorLines.count))
            f.cappedRecall += Double(hitE) / Double(max(1, min(c.errorLines.count, extractor.maxLines)))
            f.precision += picked.isEmpty ? 0 : Double(hitAny) / Double(picked.count)
            if let key = excerpt.keyLine, c.anyLines.contains(key.line.rawLine) { f.keyHit += 1 }
            if hitAny > 0 { f.anyHit += 1 }
        }
        let n = Double(max(1, cases.count))
        f.recall /= n
        f.cappedRecall /= n
        f.precision /= n
        f.keyHit /= n
        f.anyHit /= n
        return f
    }

    @Test func excerptQualityOnCidiff() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 70)
        let extractor = ExcerptExtractor()
        let alone = Self.measure(cases, withPassing: false, extractor: extractor)
        let paired = Self.measure(cases, withPassing: true, extractor: extractor)
        print("cidiff \(cases.count) cases, failed log only: \(alone)")
        print("cidiff \(cases.count) cases, with passing log: \(paired)")
        if ProcessInfo.processInfo.environment["CIDIFF_DETAIL"] != nil {
            for c in cases {
                let e = extractor.excerpt(failed: c.failed, passed: c.passed)
                let picked = Set(e.lines.map(\.line.rawLine))
                print(
                    "\(c.name): key=\(e.keyLine.map { "\($0.line.rawLine) \($0.line.text.prefix(80))" } ?? "-") hitE=\(picked.intersection(c.errorLines).count)/\(c.errorLines.count) prec=\(picked.intersection(c.anyLines).count)/\(picked.count)"
                )
            }
        }
        // Measured 2026-12 with the tool grammars (77 cases): alone 0.722 / 0.679 / key 0.922;
        // paired 0.816 / 0.835 / key 0.961.
        #expect(alone.cappedRecall >= 0.70)
        #expect(alone.precision >= 0.65)
        #expect(alone.keyHit >= 0.90)
        #expect(paired.cappedRecall >= 0.80)
        #expect(paired.precision >= 0.80)
        #expect(paired.keyHit >= 0.95)
    }
}
