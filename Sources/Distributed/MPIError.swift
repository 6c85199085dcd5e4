import CMPI

/// An MPI call that failed, or a distributed run that cannot go on.
public struct MPIError: Error, CustomStringConvertible, Sendable {
    /// The MPI function (and peer) concerned.
    public let function: String
    /// The MPI error code, when an MPI call returned one.
    public let code: Int32?
    /// What went wrong, in words.
    public let detail: String

    /// An error of `function` with `code` and `detail`.
    public init(function: String, code: Int32?, detail: String) {
        self.function = function
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(function) failed: \(detail)" }

    /// `MPI_Error_string` of `code`.
    static func describe(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        var length: Int32 = 0
        MPI_Error_string(code, &buffer, &length)
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
