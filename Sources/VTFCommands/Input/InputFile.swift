import Foundation

/// Files named on the command line, checked before they are read: a missing file, a folder, a
/// device or pipe, or a file that cannot be read is refused with exit 2 and a message naming
/// the option and the path and saying what is wrong (instead of a raw system error, exit 3).
enum InputFile {
    /// What is wrong with `path` as an input file, or nil when it is a readable regular file.
    static func problem(_ path: String) -> String? {
        guard !path.isEmpty else { return "is empty (give a file path)" }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? "does not exist" : "cannot be read (\(String(cString: strerror(errno))))"
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return "is a folder, not a file"
        default: return "is not a regular file (a device, a pipe or a socket)"
        }
        guard access(path, R_OK) == 0 else { return "cannot be read (\(String(cString: strerror(errno))))" }
        return nil
    }

    /// Refuses `path` unless it is a readable regular file; `option` names it ("--file").
    static func check(_ path: String, option: String) throws(InputError) {
        if let problem = problem(path) { throw InputError("\(option) \(path) \(problem)") }
    }

    /// The bytes of `path`, after ``check(_:option:)``.
    static func read(_ path: String, option: String) throws(InputError) -> [UInt8] {
        try check(path, option: option)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(option) \(path) cannot be read")
        }
        return [UInt8](data)
    }

    /// The text of `path`, which must be UTF-8.
    static func text(_ path: String, option: String) throws(InputError) -> String {
        let bytes = try read(path, option: option)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError("\(option) \(path) is not UTF-8 text")
        }
        return text
    }
}
