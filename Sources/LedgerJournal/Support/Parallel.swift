import Dispatch
import Foundation

/// Splits index ranges over cores with `DispatchQueue.concurrentPerform`. Used where the
/// signature arithmetic dominates: verifying and signing entries in bulk.
public enum Parallel {
    /// The cores this process may use.
    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Calls `body(chunk, range)` for `chunks` contiguous parts of `0..<count`, in parallel.
    /// Each chunk index runs exactly once, on one thread.
    public static func forEachChunk(count: Int, chunks: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) {
        precondition(count >= 0 && chunks >= 1)
        guard count > 0 else { return }
        let parts = min(chunks, count)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: parts) { chunk in
                shared.value(chunk, (count * chunk / parts)..<(count * (chunk + 1) / parts))
            }
        }
    }
}

/// Output slots written by parallel workers: each index is written by exactly one worker and read
/// only after the parallel section returns, which is why sharing the buffer is safe.
public final class ParallelSlots<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element?>

    /// `count` empty (nil) slots.
    public init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    /// Slot `index`: nil until a worker writes it.
    public subscript(index: Int) -> Element? {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    /// The number of slots.
    public var count: Int { buffer.count }
}

/// Hands values to parallel workers that only read them, or that each touch a disjoint part
/// (one worker object per chunk). The caller states that discipline by using this wrapper.
public struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The wrapped value.
    public let value: Value

    /// Wraps `value`; the caller vouches that the workers only read it or touch disjoint parts.
    public init(_ value: Value) { self.value = value }
}
