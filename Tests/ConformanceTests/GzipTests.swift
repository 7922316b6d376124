import Conformance
import Testing

@Suite struct GzipTests {
    @Test func rejectsNonGzip() {
        #expect(throws: InflateError.notGzip) { try Gzip.decompress([1, 2, 3]) }
    }
}
