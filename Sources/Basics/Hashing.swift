/// FNV-1a (Fowler–Noll–Vo, variant 1a) over bytes: a stable hash, the same on every run and
/// machine, unlike Swift's seeded `Hasher`. Not for security.
///
/// `hash64("".utf8)` is the 64-bit offset basis `0xcbf29ce484222325`; each byte is xored in, then
/// multiplied by the FNV prime. Changing either constant changes every identifier derived from it.
public enum FNV1a {
    public static let offsetBasis64: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime64: UInt64 = 0x100_0000_01b3

    /// The 64-bit hash of `bytes` (a string's `utf8`, a `Data`, an array of bytes).
    @inlinable
    public static func hash64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = offsetBasis64
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime64
        }
        return hash
    }

    /// The 32-bit hash of `bytes` (offset basis `0x811c9dc5`, prime `0x01000193`).
    @inlinable
    public static func hash32<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}

/// The SplitMix64 generator (Steele, Lea and Flood): 64-bit pseudo-random numbers that are a pure
/// function of the seed, for reproducible data and shuffles. Not for security.
///
/// Each `next()` adds the golden-ratio increment to the state and returns `mix` of the previous state,
/// so `SplitMix64(seed: s).next() == SplitMix64.mix(s)`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        defer { state &+= 0x9e37_79b9_7f4a_7c15 }
        return Self.mix(state)
    }

    /// SplitMix64's output for state `x`: a bijective scramble of `x` plus the increment, good as a
    /// 64-bit finaliser on its own.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
