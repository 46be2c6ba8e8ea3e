import CZlib
import Foundation

/// How a trace is kept in the `traces.data` column.
///
/// `raw`: the bytes as GitLab sent them (empty and tiny traces, and anything zlib cannot shrink).
/// `zlib`: a zlib stream (RFC 1950, deflate level 6) of exactly `raw_size` bytes once inflated.
enum TraceEncoding: String, Sendable {
    case raw
    case zlib
}

/// Compresses and restores trace bytes; decoding returns exactly the bytes that were encoded.
enum TraceCodec {
    /// Below this many bytes a zlib header and checksum cost more than they save.
    static let minimumCompressedSize = 64
    static let level: Int32 = 6

    /// The stored form of a trace: raw when small or incompressible, else zlib.
    static func encode(_ data: Data) throws -> (encoding: TraceEncoding, stored: Data) {
        guard data.count >= minimumCompressedSize else { return (.raw, data) }
        let bound = Int(compressBound(uLong(data.count)))
        var output = Data(count: bound)
        var outputLength = uLong(bound)
        let status = output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
            data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
                guard let dest = out.bindMemory(to: Bytef.self).baseAddress,
                    let source = input.bindMemory(to: Bytef.self).baseAddress
                else { return Z_BUF_ERROR }
                return compress2(dest, &outputLength, source, uLong(data.count), level)
            }
        }
        guard status == Z_OK else {
            throw StoreError.invalidWrite("zlib could not compress a trace (zlib status \(status))")
        }
        guard Int(outputLength) < data.count else { return (.raw, data) }
        output.count = Int(outputLength)
        return (.zlib, output)
    }

    /// The original bytes of a stored trace. Throws when the blob does not inflate to exactly
    /// `rawSize` bytes (a damaged cache), rather than returning something else.
    static func decode(encoding: String, stored: Data, rawSize: Int, file: String) throws -> Data {
        switch TraceEncoding(rawValue: encoding) {
        case .raw:
            guard stored.count == rawSize else { throw damaged(file, "raw trace has the wrong size") }
            return stored
        case .zlib:
            var output = Data(count: rawSize)
            var outputLength = uLong(rawSize)
            let status = output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
                stored.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
                    guard let dest = out.bindMemory(to: Bytef.self).baseAddress,
                        let source = input.bindMemory(to: Bytef.self).baseAddress
                    else { return Z_DATA_ERROR }
                    return uncompress(dest, &outputLength, source, uLong(stored.count))
                }
            }
            guard status == Z_OK, Int(outputLength) == rawSize else {
                throw damaged(file, "a compressed trace does not inflate (zlib status \(status))")
            }
            return output
        case nil:
            throw damaged(file, "unknown trace encoding '\(encoding)'")
        }
    }

    private static func damaged(_ file: String, _ reason: String) -> StoreError {
        .notACache(file: file, reason: reason)
    }
}
