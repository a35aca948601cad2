import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads HTTP/1.1 requests off one blocking socket for the loopback test server: request line,
/// header fields, and a Content-Length body. Test code fed by our own client, so it accepts
/// only that shape and closes the connection on anything else.
struct LoopbackRequestReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 16 * 1024)

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next request; nil when the client closed, the server stopped, or the bytes are not
    /// a request of the accepted shape.
    mutating func next() -> LoopbackRequest? {
        var headEnd: Int?
        while true {
            headEnd = Self.blankLine(in: buffer)
            if headEnd != nil { break }
            guard buffer.count < 64 * 1024, fill() else { return nil }
        }
        guard let end = headEnd,
              let text = String(validating: buffer[..<end], as: UTF8.self) else { return nil }
        let lines = text.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2] == "HTTP/1.1" else { return nil }
        var fields: [LoopbackRequest.Field] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            fields.append(.init(name: String(line[..<colon]),
                                value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var request = LoopbackRequest(method: String(requestLine[0]), target: String(requestLine[1]), fields: fields, body: [])
        guard request.header("Transfer-Encoding") == nil else { return nil }
        let length = request.header("Content-Length").map { Int($0) } ?? 0
        guard let length, length >= 0 else { return nil }
        let bodyStart = end + 4
        while buffer.count < bodyStart + length {
            guard fill() else { return nil }
        }
        request.body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return request
    }

    /// Whether the client has closed (or the server shut the socket down): blocks until it has.
    mutating func waitForClose() {
        while fill() {}
    }

    private mutating func fill() -> Bool {
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 && errno == EINTR { return true }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    private static func blankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }
}
