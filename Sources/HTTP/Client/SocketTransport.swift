import Dispatch
import Synchronization

/// The `http://` transport: one `HTTPConnection`, driven from a thread of its own so that the
/// blocking waits in `poll` never hold one of Swift's cooperative threads. Calls are serialised;
/// a cancelled task stops waiting within 100 ms.
public final class SocketTransport: HTTPTransport {
    public let endpoint: HTTPEndpoint
    public var clientName: String { "socket" }
    // The connection is used only inside the lock, on the queue, one call at a time.
    private let connection: Mutex<HTTPConnection>
    private let queue = DispatchQueue(label: "modelgate.http.socket")

    public init(endpoint: HTTPEndpoint, headers: [(name: String, value: String)] = [], limits: HTTPClientLimits = HTTPClientLimits()) {
        self.endpoint = endpoint
        connection = Mutex(HTTPConnection(endpoint: endpoint, headers: headers, limits: limits))
    }

    public var resentRequests: Int { connection.withLock { $0.resentRequests } }
    public var connectionsOpened: Int { connection.withLock { $0.connectionsOpened } }

    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let cancelled = RequestCancellation()
        let result: Result<HTTPResponse, HTTPClientError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async { [self] in
                    let outcome = self.connection.withLock { connection in
                        Result { () throws(HTTPClientError) -> HTTPResponse in
                            try connection.send(request, isCancelled: { cancelled.isSet })
                        }
                    }
                    continuation.resume(returning: outcome)
                }
            }
        } onCancel: {
            cancelled.set()
        }
        return try result.get()
    }

    public func close() async {
        await withCheckedContinuation { continuation in
            queue.async { [self] in
                self.connection.withLock { $0.close() }
                continuation.resume()
            }
        }
    }
}
