using System;
using System.Runtime.InteropServices;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// Widens the pipes to splunkd. A reply body runs to megabytes (about 280 bytes per classified record) and the
/// exchange is lock-step, so every byte of it crosses the pipe while both sides wait; Linux pipes hold 64 KB by
/// default, which makes each reply thousands of writer/reader hand-offs. One megabyte (the default limit for an
/// unprivileged process, /proc/sys/fs/pipe-max-size) cuts those sixteen-fold. Best effort: anywhere else, or when
/// the call is refused, nothing changes.
/// </summary>
internal static class PipeBuffers
{
    private const int SetPipeSize = 1031; // F_SETPIPE_SZ (Linux)
    private const int Size = 1 << 20;

    /// <summary>Asks for 1 MB buffers on standard input and output when they are pipes (Linux only).</summary>
    public static void Widen()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The result is deliberately ignored: on files, terminals or a refused size the descriptor keeps its buffer.
        _ = Fcntl(0, SetPipeSize, Size);
        _ = Fcntl(1, SetPipeSize, Size);
    }

    // Blittable arguments only, so the call needs no marshalling code (NativeAOT-safe without unsafe blocks).
    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int descriptor, int command, int argument);
}
