// Writing to a long-lived child and reading its lines, on the caller's thread, until done or a
// deadline: non-blocking pipes and one poll() that also watches the stop signal.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension RunningChild {
    /// Writes all of `bytes` to its stdin. Throws `.timedOut(.inputTaken)` when the child has not
    /// taken them by `deadline` (it does not read stdin, or too slowly), `.inputClosed` when it
    /// closed stdin or exited.
    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ChildProcess.StreamError) {
        _ = try exchange(bytes, lines: 0, deadline: deadline) { _ in true }
    }

    /// The next line it prints on stdout, without its newline.
    public func readLine(deadline: ContinuousClock.Instant) throws(ChildProcess.StreamError) -> [UInt8] {
        var line: [UInt8] = []
        _ = try exchange([], lines: 1, deadline: deadline) { line = Array($0); return true }
        return line
    }

    /// Writes `input` while reading up to `lines` lines, each handed to `onLine` as it arrives, so
    /// that neither side waits on the other: input larger than the pipe buffer cannot deadlock a
    /// child that answers as it reads. `onLine` returns false to stop reading there (the lines not
    /// read stay in the pipe). Returns the number of lines handed out.
    ///
    /// Lines are read from where the previous call stopped; a line is at most the limit given to
    /// `ChildProcess.start` (else `.lineTooLong`). The line slice is valid only during `onLine`.
    /// A child that closes stdin early is no error as long as its lines come.
    public func exchange(_ input: [UInt8], lines: Int, deadline: ContinuousClock.Instant,
                         onLine: (ArraySlice<UInt8>) -> Bool) throws(ChildProcess.StreamError) -> Int {
        if let reason = life.withLock({ $0.stopReason }) { throw error(for: reason) }
        guard !input.isEmpty else {
            return try output.withLock { (reader) throws(ChildProcess.StreamError) -> Int in
                var noInput: Int32 = -1
                return try talk([], stdin: &noInput, reader: &reader, lines: lines, deadline: deadline, onLine: onLine)
            }
        }
        return try self.input.withLock { (stdin) throws(ChildProcess.StreamError) -> Int in
            guard lines > 0 else {
                var noReader = LineReader(fd: -1, limit: 1)
                return try talk(input, stdin: &stdin, reader: &noReader, lines: 0, deadline: deadline, onLine: onLine)
            }
            return try output.withLock { (reader) throws(ChildProcess.StreamError) -> Int in
                try talk(input, stdin: &stdin, reader: &reader, lines: lines, deadline: deadline, onLine: onLine)
            }
        }
    }

    /// Reads, without waiting, what it has printed so far, and returns how many bytes are read and
    /// not handed out as lines: more answers than were asked for, when the caller expects none.
    public func unreadOutput() throws(ChildProcess.StreamError) -> Int {
        try output.withLock { (reader) throws(ChildProcess.StreamError) -> Int in
            guard reader.fd >= 0 else { return reader.pending }
            if reader.pending == 0, case .failed(let code) = reader.fill() { throw .systemCall("read", code: code) }
            return reader.pending
        }
    }

    private func talk(_ input: [UInt8], stdin: inout Int32, reader: inout LineReader, lines wanted: Int,
                      deadline: ContinuousClock.Instant, onLine: (ArraySlice<UInt8>) -> Bool) throws(ChildProcess.StreamError) -> Int {
        var written = 0, delivered = 0
        var inputRefused = false  // it closed stdin: write no more, but its lines may still come
        var endedByItself = false  // the stop signal said it ended by itself: stop watching the signal
        while true {
            while delivered < wanted, let line = try reader.nextLine() {
                delivered += 1
                if !onLine(line) { return delivered }
            }
            let writing = written < input.count && !inputRefused
            let reading = delivered < wanted
            guard writing || reading else { return delivered }

            var moved = false
            if writing {
                // Closed by `stop()`, or by `closeInput()`.
                guard stdin >= 0 else { throw life.withLock { $0.stopReason } != nil ? .stopped : .inputClosed(nil) }
                let fd = stdin
                let count = input.withUnsafeBytes { bytes in
                    BrokenPipe.writeWithoutSignal(fd, bytes.baseAddress! + written, min(bytes.count - written, 1 << 16))
                }
                if count > 0 {
                    written += count
                    moved = written < input.count  // once all is written, only lines are awaited
                } else if count < 0, errno == EPIPE {
                    guard reading else { throw endOfStream(deadline, ChildProcess.StreamError.inputClosed) }
                    inputRefused = true
                    moved = true
                } else if count < 0, errno != EAGAIN, errno != EINTR {
                    throw .systemCall("write", code: errno)
                }
            }
            if reading {
                guard reader.fd >= 0 else { throw .stopped }
                switch reader.fill() {
                case .bytes: moved = true
                case .wouldBlock: break
                case .ended: throw endOfStream(deadline, ChildProcess.StreamError.outputEnded)
                case .failed(let code): throw .systemCall("read", code: code)
                }
            }
            let stillWriting = written < input.count && !inputRefused
            if moved || !stillWriting && !reading { continue }
            if ContinuousClock.now >= deadline { throw .timedOut(stillWriting ? .inputTaken : .line) }
            let (ready, code, stopRaised) = withUnsafeTemporaryAllocation(of: pollfd.self, capacity: 3) { fds in
                var count = 0
                if stillWriting { fds[count] = pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0); count += 1 }
                if reading { fds[count] = pollfd(fd: reader.fd, events: Int16(POLLIN), revents: 0); count += 1 }
                if !endedByItself { fds[count] = pollfd(fd: stopSignal.fd, events: Int16(POLLIN), revents: 0); count += 1 }
                let ready = poll(fds.baseAddress, nfds_t(count), Int32(deadline.pollMilliseconds))
                return (ready, errno, !endedByItself && fds[count - 1].revents != 0)
            }
            if ready < 0, code != EINTR { throw .systemCall("poll", code: code) }
            if stopRaised {
                if let reason = life.withLock({ $0.stopReason }) { throw error(for: reason) }
                // It exited and all it started is dead: what it wrote is in the pipe, and reads
                // and writes end at once from now on.
                endedByItself = true
            }
        }
    }

    private func error(for reason: ChildLife.StopReason) -> ChildProcess.StreamError {
        switch reason {
        case .requested: .stopped
        case .lifetimeEnded: .lifetimeEnded(timeLimit)
        }
    }

    /// A pipe closed: because modelgate is stopping the child (then that is the error), or because it
    /// exited or closed the pipe itself.
    private func endOfStream(_ deadline: ContinuousClock.Instant,
                             _ error: (ChildProcess.Outcome.Termination?) -> ChildProcess.StreamError) -> ChildProcess.StreamError {
        if let reason = life.withLock({ $0.stopReason }) { return self.error(for: reason) }
        let termination = terminationAfterEndOfStream(deadline)
        if let reason = life.withLock({ $0.stopReason }) { return self.error(for: reason) }
        return error(termination)
    }

    /// How it ended, when its stdout or stdin closed because it exited: its watching thread notices
    /// an exit within about 50 ms. Nil when it still runs (it closed the pipe itself).
    private func terminationAfterEndOfStream(_ deadline: ContinuousClock.Instant) -> ChildProcess.Outcome.Termination? {
        let now = ContinuousClock.now
        if let ending = waitForEndingOnThisThread(until: min(deadline, now + .milliseconds(250))) { return ending.termination }
        guard !isRunning else { return nil }
        return waitForEndingOnThisThread(until: min(deadline, now + .seconds(3)))?.termination
    }
}
