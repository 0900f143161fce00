import Dispatch

/// Runs one asynchronous store call from a synchronous command and waits for its result.
///
/// The store seam is asynchronous; the commands are still synchronous `ParsableCommand`s (until
/// `CommandRunner` runs `AsyncParsableCommand`s, see ARCHITECTURE.md, "Synchronous rules, asynchronous stores"). `vtf` runs a
/// command on the main thread of its own process, which is not a thread of Swift's cooperative
/// pool, so waiting here leaves the pool free to run the call.
enum StoreCall {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        Task.detached {
            do { outcome.finish(.success(try await body())) } catch { outcome.finish(.failure(error)) }
        }
        return try outcome.wait().get()
    }
}

/// One result handed from the task to the waiting thread (the semaphore orders the write before
/// the read).
private final class Outcome<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    func finish(_ result: Result<T, any Error>) {
        self.result = result
        done.signal()
    }

    func wait() -> Result<T, any Error> {
        done.wait()
        guard let result else { preconditionFailure("the task finished with a result") }
        return result
    }
}
