// libFuzzer targets for the readers of untrusted input. Built and run by bench/fuzz.sh with
// `-sanitize=fuzzer`; the target is chosen by MOSAIC_FUZZ (jsonl, csv, period, query, form, multipart, docx).
import Foundation
import MosaicCore
import MosaicWeb

let target = ProcessInfo.processInfo.environment["MOSAIC_FUZZ"] ?? "jsonl"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    switch target {
    case "jsonl":
        if case .success(let fields) = ExchangeReader.decodeJSONLine(bytes, line: 1) {
            let patch = PracticePatch(record: fields)
            _ = PracticeValidator().validate(patch.applied(to: Practice(slug: Slug(making: "x"), title: "", country: Country.Code(rawValue: ""))))
        }
    case "csv":
        _ = ExchangeReader.csvRecords(Data(bytes))
    case "period":
        _ = PeriodReader.read(String(decoding: bytes, as: UTF8.self))
    case "query":
        UntrustedInput.readQuery(bytes)
    case "form":
        UntrustedInput.readForm(bytes)
    case "multipart":
        UntrustedInput.readMultipart(bytes)
    case "docx":
        UntrustedInput.readTemplate(bytes)
    default:
        fatalError("unknown MOSAIC_FUZZ target \(target)")
    }
    return 0
}

#if FUZZING
// SwiftPM links an executable's entry point under the module's name; in the fuzzing build (parsed as a
// library, so without a main of its own) that entry point hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("mosaic_fuzz_main")
func fuzzingMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzz)
}
#endif
