/// The request methods the writer sends.
public enum HTTPMethod: String, Sendable {
    case get = "GET"
    case post = "POST"
}
