import Crypto
import Foundation

/// What identifies the running build, the same for every copy of one executable: the GNU build ID the
/// linker writes into it (read from a few kilobytes at the start of the file), or, for an executable
/// without one, a digest of the whole file (a few tenths of a second for 120 MB).
enum ExecutableIdentity {
    static let value: String = {
        let path = "/proc/self/exe"
        if let id = gnuBuildID(of: path) { return hex(id.prefix(6)) }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
                ?? (try? Data(contentsOf: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]), options: .alwaysMapped))
        else { return String(UInt32.random(in: 0...UInt32.max), radix: 36) }
        return hex(SHA256.hash(data: data).prefix(6))
    }()

    /// The `NT_GNU_BUILD_ID` note of a little-endian 64-bit ELF file, or nil.
    static func gnuBuildID(of path: String) -> [UInt8]? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard count > 0, count <= 1 << 16, (try? file.seek(toOffset: offset)) != nil,
                  let data = try? file.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
            (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
        }
        guard let header = read(0, 64), header.starts(with: [0x7F, 0x45, 0x4C, 0x46]), header[4] == 2, header[5] == 1 else { return nil }
        let tableOffset = integer(header, at: 0x20, size: 8), entrySize = Int(integer(header, at: 0x36, size: 2))
        let entries = Int(integer(header, at: 0x38, size: 2))
        guard entrySize >= 40, let table = read(tableOffset, entrySize * entries) else { return nil }
        for entry in 0..<entries {
            let base = entry * entrySize
            // PT_NOTE: notes of (name size, descriptor size, type), name and descriptor padded to 4.
            guard integer(table, at: base, size: 4) == 4,
                  let notes = read(integer(table, at: base + 8, size: 8), Int(integer(table, at: base + 32, size: 8))) else { continue }
            var at = 0
            while at + 12 <= notes.count {
                let nameSize = Int(integer(notes, at: at, size: 4)), descriptorSize = Int(integer(notes, at: at + 4, size: 4))
                let type = integer(notes, at: at + 8, size: 4)
                let name = at + 12, descriptor = name + (nameSize + 3) / 4 * 4
                guard descriptor + descriptorSize <= notes.count else { break }
                if type == 3, notes[name..<name + nameSize].starts(with: Array("GNU".utf8)) {
                    return Array(notes[descriptor..<descriptor + descriptorSize])
                }
                at = descriptor + (descriptorSize + 3) / 4 * 4
            }
        }
        return nil
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
