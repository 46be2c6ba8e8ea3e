import Testing

@testable import LogAnalysis

@Suite struct LineMapTests {
    /// Answers as a `Dictionary` under the same writes (growing past its first table), keys in the
    /// order they were first set.
    @Test func answersAsADictionary() {
        var map = LineMap<Int>()
        var reference: [Int: Int] = [:]
        var order: [Int] = []
        var state: UInt64 = 3
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = Int(state >> 40) % 3_000
            if reference[key] == nil { order.append(key) }
            map[key, default: 0] += 1
            reference[key, default: 0] += 1
        }
        #expect(map.keys == order)
        #expect(map.count == reference.count)
        for key in -2..<3_100 { #expect(map[key] == reference[key], "\(key)") }
    }

    /// Made with any expected size, read before and between writes: still a dictionary.
    @Test(arguments: [0, 1, 8, 30, 100])
    func answersAsADictionaryFromAnyCapacity(capacity: Int) {
        var map = LineMap<String>(capacity: capacity)
        var reference: [Int: String] = [:]
        for key in [5, 0, 5, 64, 1_000_000, 3, 0] + Array(stride(from: 7, to: 400, by: 13)) {
            #expect(map[key] == reference[key], "\(key) before")
            map[key] = "\(key)"
            reference[key] = "\(key)"
            #expect(map[key] == reference[key], "\(key) after")
        }
        #expect(map.count == reference.count)
        for key in -1..<410 { #expect(map[key] == reference[key], "\(key)") }
    }

    @Test func emptyMapHasNothing() {
        let map = LineMap<String>(capacity: 30)
        #expect(
            map.isEmpty && map.count == 0 && map[0] == nil && map[-1] == nil && map[7, default: "x"] == "x")
    }
}
