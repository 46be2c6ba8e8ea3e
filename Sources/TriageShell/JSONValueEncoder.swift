import Foundation

extension JSONValue {
    /// The value an `Encodable` record encodes to, so that a record typed once in the core (its keys
    /// in its `CodingKeys`) is the shell's `--format json` answer as it is the dashboard's data.
    /// A `nil` the record encodes with `encode` (not `encodeIfPresent`) is kept as `null`.
    public init(encoding value: some Encodable) throws {
        let slot = Slot()
        try value.encode(to: SlotEncoder(slot: slot, codingPath: []))
        self = slot.json
    }

    /// A core record (`TriageCore/Records`): their `encode(to:)` write strings, numbers, flags and
    /// arrays of them, which this encoder takes without failing, so no caller handles an error.
    public init(record: some Encodable) {
        self = (try? JSONValue(encoding: record)) ?? .null
    }
}

/// Where one encoded value goes; containers hold their children as slots until the end.
private final class Slot {
    enum Content {
        case leaf(JSONValue)
        case object([String: Slot])
        case array([Slot])
    }
    var content: Content = .leaf(.null)

    var json: JSONValue {
        switch content {
        case .leaf(let value): value
        case .object(let fields): .object(fields.mapValues(\.json))
        case .array(let items): .array(items.map(\.json))
        }
    }

    /// The slot's fields, making it an object first if it is not one yet.
    func child(_ key: String) -> Slot {
        var fields: [String: Slot] = [:]
        if case .object(let existing) = content { fields = existing }
        let slot = Slot()
        fields[key] = slot
        content = .object(fields)
        return slot
    }

    func appended() -> Slot {
        var items: [Slot] = []
        if case .array(let existing) = content { items = existing }
        let slot = Slot()
        items.append(slot)
        content = .array(items)
        return slot
    }

    func makeObject() {
        if case .object = content { return }
        content = .object([:])
    }

    func makeArray() {
        if case .array = content { return }
        content = .array([])
    }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.makeObject()
        return KeyedEncodingContainer(KeyedSlotContainer<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        slot.makeArray()
        return UnkeyedSlotContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleSlotContainer(slot: slot, codingPath: codingPath)
    }
}

/// Encodes one value into `slot`: the JSON kinds directly, anything else through its own `encode`.
private func put(_ value: some Encodable, into slot: Slot, codingPath: [any CodingKey]) throws {
    switch value {
    case let v as String: slot.content = .leaf(.string(v))
    case let v as Bool: slot.content = .leaf(.bool(v))
    case let v as Int: slot.content = .leaf(.int(v))
    case let v as Double: slot.content = .leaf(.double(v))
    default: try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
    }
}

private struct KeyedSlotContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.child(key.stringValue).content = .leaf(.null) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        try put(value, into: slot.child(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = slot.child(key.stringValue)
        child.makeObject()
        return KeyedEncodingContainer(
            KeyedSlotContainer<NestedKey>(slot: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = slot.child(key.stringValue)
        child.makeArray()
        return UnkeyedSlotContainer(slot: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        SlotEncoder(slot: slot.child("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SlotEncoder(slot: slot.child(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlotContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let items) = slot.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws { slot.appended().content = .leaf(.null) }

    mutating func encode(_ value: some Encodable) throws {
        try put(value, into: slot.appended(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = slot.appended()
        child.makeObject()
        return KeyedEncodingContainer(KeyedSlotContainer<NestedKey>(slot: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = slot.appended()
        child.makeArray()
        return UnkeyedSlotContainer(slot: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.appended(), codingPath: codingPath) }
}

private struct SingleSlotContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .leaf(.null) }

    mutating func encode(_ value: some Encodable) throws {
        try put(value, into: slot, codingPath: codingPath)
    }
}
