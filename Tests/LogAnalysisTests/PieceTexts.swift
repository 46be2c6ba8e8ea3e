/// Texts of 1 to `most` pieces drawn from a list, the same on every run (a fixed-seed linear
/// congruential generator): the generated inputs the fast-path tests compare a fast path and the
/// code it stands in for on.
struct PieceTexts {
    let pieces: [String]
    /// How many bits of the state are left to draw a text's number of pieces (61: 1 to 8).
    let countShift: UInt64
    private var state: UInt64

    init(_ pieces: [String], seed: UInt64, countShift: UInt64 = 61) {
        self.pieces = pieces
        self.countShift = countShift
        state = seed
    }

    mutating func next() -> String {
        var text = ""
        for _ in 0..<(1 + Int(state >> countShift)) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text += pieces[Int(state >> 33) % pieces.count]
        }
        return text
    }
}
