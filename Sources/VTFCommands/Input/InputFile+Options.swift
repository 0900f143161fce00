import Foundation
import SafeIO

/// Files named by an option on the command line, refused with exit 2 and a message that names
/// the option and the path and says what is wrong (instead of a raw system error, exit 3).
/// Reading goes through SafeIO's ``InputFile``: regular files only, never blocking on a FIFO,
/// within the kind's cap.
extension InputFile {
    /// What is wrong with `path` as an input file, or nil when it is a readable regular file.
    static func problem(_ path: String) -> String? {
        guard !path.isEmpty else { return "is empty (give a file path)" }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? "does not exist" : "cannot be read (\(String(cString: strerror(errno))))"
        }
        let kind = FileKind(statMode: UInt32(info.st_mode))
        guard kind == .regular else { return "is \(kind.phrase), not a regular file" }
        guard access(path, R_OK) == 0 else { return "cannot be read (\(String(cString: strerror(errno))))" }
        return nil
    }

    /// Refuses `path` unless it is a folder (an audit bundle); `what` names it ("the bundle").
    static func checkFolder(_ path: String, what: String) throws(InputError) {
        guard !path.isEmpty else { throw InputError("\(what) is empty (give a folder path)") }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError("\(what) \(path) \(errno == ENOENT || errno == ENOTDIR ? "does not exist" : "cannot be read (\(String(cString: strerror(errno))))")")
        }
        let kind = FileKind(statMode: UInt32(info.st_mode))
        guard kind == .directory else { throw InputError("\(what) \(path) is \(kind.phrase), not a folder (vtf audit export writes one)") }
    }

    /// Refuses `path` unless it is a readable regular file; `option` names it ("--file").
    static func check(_ path: String, option: String) throws(InputError) {
        if let problem = problem(path) { throw InputError("\(option) \(path) \(problem)") }
    }

    /// The bytes of `path` (a `kind` file), after ``check(_:option:)``.
    static func read(_ path: String, option: String, kind: InputKind = .jsonDocument) throws(InputError) -> [UInt8] {
        try check(path, option: option)
        do { return try read(path, kind: kind) } catch { throw InputError("\(option): \(error.message)") }
    }

    /// The text of `path`, which must be UTF-8.
    static func text(_ path: String, option: String, kind: InputKind = .jsonDocument) throws(InputError) -> String {
        let bytes = try read(path, option: option, kind: kind)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError("\(option) \(path) is not UTF-8 text")
        }
        return text
    }
}
