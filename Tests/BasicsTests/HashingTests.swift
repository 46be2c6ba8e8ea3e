import Basics
import Testing
@testable import LogAnalysis

/// FNV-1a and SplitMix64 against published values, and LogAnalysis's own copy (it imports nothing of
/// ours) against this one: cluster ids, simulator seeds and the cache's canonical dump all rest on them.
@Suite struct HashingTests {
    @Test(arguments: [
        ("", 0xcbf2_9ce4_8422_2325 as UInt64, 0x811c_9dc5 as UInt32),
        ("a", 0xaf63_dc4c_8601_ec8c, 0xe40c_292c),
        ("foobar", 0x8594_4171_f739_67e8, 0xbf9c_f968),
    ])
    func fnv1aMatchesTheReference(text: String, hash64: UInt64, hash32: UInt32) {
        #expect(FNV1a.hash64(text.utf8) == hash64)
        #expect(FNV1a.hash32(text.utf8) == hash32)
        #expect(FNV1a.hash64(Array(text.utf8)) == hash64)
    }

    @Test func splitMix64MatchesTheReference() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xe220_a839_7b1d_cdaf)
        #expect(rng.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(SplitMix64.mix(0) == 0xe220_a839_7b1d_cdaf)
    }

    @Test(arguments: ["", "a", "c-3f9a2b1c", "julia/Foo.jl\u{0}test-1.10", "ünïcødé"])
    func logAnalysisKeepsTheSameHash(text: String) {
        #expect(StableHash.fnv1a64(text) == FNV1a.hash64(text.utf8))
        #expect(StableHash.fnv1a32(text) == FNV1a.hash32(text.utf8))
        #expect(StableHash.mix(FNV1a.hash64(text.utf8)) == SplitMix64.mix(FNV1a.hash64(text.utf8)))
    }
}
