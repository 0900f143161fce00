#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The type of a file from its `st_mode`, named for messages.
public enum FileKind: Equatable, Sendable {
    case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, unknown

    init(mode: mode_t) { self.init(statMode: UInt32(mode)) }

    /// The kind of file a `stat` mode (`st_mode`) describes.
    public init(statMode: UInt32) {
        switch statMode & 0o170000 {
        case 0o100000: self = .regular
        case 0o040000: self = .directory
        case 0o010000: self = .fifo
        case 0o020000: self = .characterDevice
        case 0o060000: self = .blockDevice
        case 0o140000: self = .socket
        case 0o120000: self = .symbolicLink
        default: self = .unknown
        }
    }

    /// "a FIFO (named pipe)", "a device", …
    public var phrase: String {
        switch self {
        case .regular: "a regular file"
        case .directory: "a folder"
        case .fifo: "a FIFO (named pipe)"
        case .characterDevice, .blockDevice: "a device"
        case .socket: "a socket"
        case .symbolicLink: "a symbolic link"
        case .unknown: "not a regular file"
        }
    }
}

/// The few POSIX calls SafeIO makes, with errno as a sentence.
enum POSIX {
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The text of a NUL-terminated C string held in an array.
    static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `read(2)`: the byte count, 0 at the end, -1 with errno set.
    static func readBytes(_ descriptor: Int32, _ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
        read(descriptor, base, count)
    }

    /// `write(2)`: the byte count written, -1 with errno set.
    static func writeBytes(_ descriptor: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
        write(descriptor, base, count)
    }

    /// `stat` (following links); nil when the path does not exist or cannot be examined.
    static func status(_ path: String) -> stat? {
        var status = stat()
        return stat(path, &status) == 0 ? status : nil
    }

    /// `lstat` (not following links).
    static func linkStatus(_ path: String) -> stat? {
        var status = stat()
        return lstat(path, &status) == 0 ? status : nil
    }
}
