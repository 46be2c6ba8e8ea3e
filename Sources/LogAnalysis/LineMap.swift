/// A map from line indices (non-negative) to values, for the excerpt's bookkeeping of a few dozen
/// lines looked up many times: open addressing with a multiplicative hash, where `Dictionary`
/// runs SipHash on every lookup. `keys` lists the lines in the order they were first set. Values
/// are only set, never removed.
struct LineMap<Value> {
    /// Per slot, the line it holds, or -1.
    private var slots: [Int]
    private var values: [Value?]
    private var shift: UInt64
    private(set) var keys: [Int] = []

    init(capacity: Int = 8) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [Int](repeating: -1, count: size)
        values = [Value?](repeating: nil, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// The slot holding `key`, or the empty slot where it goes (the table is never full).
    @inline(__always) private func slot(_ key: Int) -> Int {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[s] != key && slots[s] != -1 { s = (s + 1) & mask }
        return s
    }

    subscript(key: Int) -> Value? {
        get {
            guard key >= 0 else { return nil }
            let s = slot(key)
            return slots[s] == key ? values[s] : nil
        }
        set {
            precondition(key >= 0 && newValue != nil, "LineMap: lines are set, never removed")
            var s = slot(key)
            if slots[s] != key {
                if 2 * (keys.count + 1) > slots.count {
                    grow()
                    s = slot(key)
                }
                slots[s] = key
                keys.append(key)
            }
            values[s] = newValue
        }
    }

    subscript(key: Int, default value: Value) -> Value {
        get { self[key] ?? value }
        set { self[key] = newValue }
    }

    private mutating func grow() {
        var bigger = LineMap(capacity: slots.count)
        for key in keys { bigger[key] = self[key] }
        self = bigger
    }
}
