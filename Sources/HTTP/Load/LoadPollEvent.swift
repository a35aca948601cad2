/// One readiness report of the poller for one socket, named by the token it was watched with.
struct LoadPollEvent {
    var token: UInt64
    var readable: Bool
    var writable: Bool
    /// An error or hang-up: the next read or write on the socket says which.
    var failed: Bool
}
