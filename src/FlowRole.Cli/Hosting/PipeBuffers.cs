using System;
using System.Runtime.InteropServices;

namespace FlowRole.Cli.Hosting;

/// <summary>
/// Widens standard output when it is a pipe. Classified output is several times the input (about 220 bytes added per
/// record), and a Linux pipe holds 64 KB by default, so a large run is hundreds of thousands of writer/reader
/// hand-offs; one megabyte (the default limit for an unprivileged process, /proc/sys/fs/pipe-max-size) cuts them
/// sixteen-fold. Best effort: anywhere else, or when the call is refused, nothing changes.
/// </summary>
internal static class PipeBuffers
{
    private const int SetPipeSize = 1031; // F_SETPIPE_SZ (Linux)
    private const int Size = 1 << 20;

    /// <summary>Asks for a 1 MB buffer on standard output when it is a pipe (Linux only).</summary>
    public static void WidenOutput()
    {
        if (OperatingSystem.IsLinux())
        {
            // The result is deliberately ignored: on files, terminals or a refused size the descriptor keeps its buffer.
            _ = Fcntl(1, SetPipeSize, Size);
        }
    }

    // Blittable arguments only, so the call needs no marshalling code.
    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int descriptor, int command, int argument);
}
