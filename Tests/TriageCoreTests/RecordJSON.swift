import Foundation

/// A record's JSON as the record tests compare it: sorted keys, slashes unescaped.
func recordJSON(_ record: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(record), as: UTF8.self)
}
