import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Building a snapshot from scratch allocates and frees a great deal of short-lived memory (the
/// practices as read, the terms of each analysis). glibc's allocator keeps freed memory in the process
/// unless asked to return it, which at 100,000 practices is about 70 MB that nothing uses.
enum FreedMemory {
    /// Returns freed memory to the system where the C library can (glibc's `malloc_trim`); elsewhere
    /// does nothing.
    static func release() {
        #if canImport(Glibc)
        // Looked up at run time: `malloc_trim` is a glibc extension that Swift's Glibc module does not declare.
        if let symbol = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        #endif
    }
}
