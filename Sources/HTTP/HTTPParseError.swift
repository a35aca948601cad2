/// A response the parser refuses, located by its byte offset in the connection's stream.
///
/// Messages name what was expected and at most one received byte (as hex), never a header value:
/// a response may carry cookies or tokens.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// Syntax: what the grammar allowed here, and the byte found instead (nil at the end of a line).
        case expected(String, found: UInt8?)
        case unsupportedVersion
        case statusCodeOutOfRange
        case lineTooLong(limit: Int)
        case headTooLarge(limit: Int)
        case tooManyFields(limit: Int)
        /// A line starting with a space or tab (RFC 9112 §5.2): refused rather than unfolded.
        case obsoleteLineFolding
        case invalidContentLength
        case conflictingContentLength
        /// RFC 9112 §6.1: a possible smuggling or splitting attempt, handled as an error.
        case contentLengthWithTransferEncoding
        /// Any coding but one `chunked`: this client decodes no compression.
        case unsupportedTransferCoding
        /// RFC 9112 §6.1: framing of an HTTP/1.0 message with Transfer-Encoding is faulty.
        case transferEncodingInHTTP10
        case duplicateContentType
        /// A Content-Length or chunk size that does not fit in 63 bits.
        case sizeOverflow
        case bodyTooLarge(limit: Int)
        /// A 101 answer: this client never asks to switch protocols.
        case switchingProtocols
        /// The connection closed in the middle of a response; says what was still expected.
        case closedEarly(String)
    }

    /// Offset in the connection's byte stream (0 = the first byte ever fed to the parser).
    public var offset: Int
    public var problem: Problem

    public init(offset: Int, _ problem: Problem) {
        self.offset = offset
        self.problem = problem
    }

    /// `HTTP response, byte 17: expected the 3-digit status code, found 0x78`
    public var description: String {
        "HTTP response, byte \(offset): \(explanation)"
    }

    private var explanation: String {
        switch problem {
        case .expected(let what, let found):
            return "expected \(what)" + (found.map { ", found 0x" + hex($0) } ?? "")
        case .unsupportedVersion: return "expected HTTP/1.0 or HTTP/1.1 (other major versions are not supported)"
        case .statusCodeOutOfRange: return "expected a status code from 100 to 599"
        case .lineTooLong(let limit): return "line longer than \(limit) bytes; expected its CRLF sooner"
        case .headTooLarge(let limit): return "header (or trailer) section larger than \(limit) bytes; expected its blank line sooner"
        case .tooManyFields(let limit): return "more than \(limit) header fields; expected the blank line that ends them"
        case .obsoleteLineFolding: return "line folding (a line starting with a space or tab) is obsolete; expected a header name"
        case .invalidContentLength: return "expected Content-Length to be digits (a list only of equal values)"
        case .conflictingContentLength: return "Content-Length values differ; expected one length"
        case .contentLengthWithTransferEncoding: return "both Content-Length and Transfer-Encoding; expected only one framing"
        case .unsupportedTransferCoding: return "expected Transfer-Encoding to be exactly 'chunked'"
        case .transferEncodingInHTTP10: return "Transfer-Encoding in an HTTP/1.0 response; expected Content-Length or none"
        case .duplicateContentType: return "Content-Type appears twice; expected one"
        case .sizeOverflow: return "length does not fit in 63 bits; expected a smaller size"
        case .bodyTooLarge(let limit): return "body larger than \(limit) bytes; expected at most that"
        case .switchingProtocols: return "101 Switching Protocols was not asked for; expected a final response"
        case .closedEarly(let what): return "connection closed; expected \(what)"
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
    }
}
