import Foundation
import Testing
@testable import MosaicWeb

/// ETags begin with the build's identity: the same for every copy of one executable, read cheaply.
@Suite("Executable identity")
struct ExecutableIdentityTests {
    @Test("The GNU build ID is read from the running executable, as readelf reads it; other files have none")
    func buildID() throws {
        let id = try #require(ExecutableIdentity.gnuBuildID(of: "/proc/self/exe"))
        #expect(id.count == 20)
        #expect(ExecutableIdentity.value == id.prefix(6).map { String(format: "%02x", $0) }.joined())
        let readelf = Process()
        readelf.executableURL = URL(fileURLWithPath: "/usr/bin/readelf")
        readelf.arguments = ["-n", "/proc/self/exe".replacingOccurrences(of: "self", with: String(ProcessInfo.processInfo.processIdentifier))]
        let output = Pipe()
        readelf.standardOutput = output
        try readelf.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        readelf.waitUntilExit()
        #expect(text.contains("Build ID: " + id.map { String(format: "%02x", $0) }.joined()), "\(text)")

        let notELF = FileManager.default.temporaryDirectory.appendingPathComponent("not-elf-\(UUID().uuidString)")
        try Data("#!/bin/sh\necho hello\n".utf8).write(to: notELF)
        defer { try? FileManager.default.removeItem(at: notELF) }
        #expect(ExecutableIdentity.gnuBuildID(of: notELF.path) == nil)
    }
}
