using System;

namespace FlowRole.Tests;

/// <summary>
/// Measures steady-state allocation on the current thread. The runtime may allocate once while it re-compiles a hot
/// method (tiered JIT, on-stack replacement) in the middle of a loop, so the measurement repeats and keeps the least.
/// </summary>
internal static class Allocations
{
    public static long Measure(Action action, int attempts = 5)
    {
        action();
        long least = long.MaxValue;
        for (int i = 0; i < attempts && least != 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
