import Foundation
import TriageCore

#if canImport(Glibc)
    import Glibc
#endif

/// The real output sink: stdout and stderr, with every secret masked on the way out, and a
/// progress line on stderr redrawn in place (only when stderr is a terminal).
public final class StandardStreams: OutputSink, @unchecked Sendable {
    private let masker: SecretMasker
    private let statusEnabled: Bool
    private let lock = NSLock()
    private var statusShown = false
    private var lastStatus = Date.distantPast

    /// - Parameters:
    ///   - secrets: strings never to print (the token); each is replaced by `[MASKED]` as
    ///     `SecretMasker` says (a plain word only where it stands as a whole word).
    ///   - statusEnabled: whether `status` draws anything (stderr is a terminal).
    public init(secrets: [String], statusEnabled: Bool) {
        masker = SecretMasker(secrets: secrets)
        self.statusEnabled = statusEnabled
    }

    public func redact(_ text: String) -> String { masker.mask(text) }

    public func write(_ text: String) {
        lock.withLock {
            clearStatusLocked()
            Self.emit(redact(text), to: STDOUT_FILENO)
        }
    }

    public func writeError(_ text: String) {
        lock.withLock {
            clearStatusLocked()
            Self.emit(redact(text), to: STDERR_FILENO)
        }
    }

    public func writeRaw(_ data: Data) {
        lock.withLock {
            clearStatusLocked()
            Self.emit(bytes: masker.mask(bytes: [UInt8](data)), to: STDOUT_FILENO)
        }
    }

    public func status(_ line: String?) {
        guard statusEnabled else { return }
        lock.withLock {
            guard let line else {
                clearStatusLocked()
                return
            }
            let now = Date()
            guard now.timeIntervalSince(lastStatus) >= 0.1 else { return }
            lastStatus = now
            Self.emit("\r\u{1B}[2K" + redact(line), to: STDERR_FILENO)
            statusShown = true
        }
    }

    private func clearStatusLocked() {
        guard statusShown else { return }
        Self.emit("\r\u{1B}[2K", to: STDERR_FILENO)
        statusShown = false
    }

    private static func emit(_ text: String, to fd: Int32) { emit(bytes: Array(text.utf8), to: fd) }

    private static func emit(bytes: [UInt8], to fd: Int32) {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return  // closed pipe: nothing sensible left to do with output
            }
            offset += n
        }
    }
}
