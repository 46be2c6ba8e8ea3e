/// A map from line indices (non-negative) to values, for the excerpt's bookkeeping of a few dozen
/// lines looked up many times: open addressing with a multiplicative hash, where `Dictionary`
/// runs SipHash on every lookup. `keys` lists the lines in the order they were first set. Values
/// are only set, never removed.
///
/// The table holds plain integers (each slot a line and where its value is), the values sit densely
/// in the order of `keys`: made, grown and freed without touching a value per slot (an excerpt
/// makes five of these; a table of optional values was set up and torn down slot by slot). Nothing
/// is allocated before the first line is set (most excerpts leave some of their maps empty).
struct LineMap<Value> {
    /// Per slot, the line it holds, or -1, and that line's index into `keys` and `values`; empty
    /// until the first line is set.
    private var slots: [(key: Int, at: Int)] = []
    private var values: [Value] = []
    private var shift: UInt64 = 0
    private(set) var keys: [Int] = []
    /// Lines expected, for the first table.
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The first table, room for `capacity` lines at most half full.
    private mutating func allocate() {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [(key: Int, at: Int)](repeating: (-1, 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// The slot holding `key`, or the empty slot where it goes (the table is never full).
    @inline(__always) private func slot(_ key: Int) -> Int {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[s].key != key && slots[s].key != -1 { s = (s + 1) & mask }
        return s
    }

    subscript(key: Int) -> Value? {
        get {
            guard key >= 0, !slots.isEmpty else { return nil }
            let s = slot(key)
            return slots[s].key == key ? values[slots[s].at] : nil
        }
        set {
            precondition(key >= 0, "LineMap: lines are non-negative")
            guard let value = newValue else { preconditionFailure("LineMap: lines are set, never removed") }
            if slots.isEmpty { allocate() }
            var s = slot(key)
            if slots[s].key == key {
                values[slots[s].at] = value
                return
            }
            if 2 * (keys.count + 1) > slots.count {
                grow()
                s = slot(key)
            }
            slots[s] = (key, keys.count)
            keys.append(key)
            values.append(value)
        }
    }

    subscript(key: Int, default value: Value) -> Value {
        get { self[key] ?? value }
        set { self[key] = newValue }
    }

    /// Doubles the table; the keys and values stay where they are.
    private mutating func grow() {
        let size = 2 * slots.count
        slots = [(key: Int, at: Int)](repeating: (-1, 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (at, key) in keys.enumerated() { slots[slot(key)] = (key, at) }
    }
}
