using System;
using System.IO;
using System.IO.Compression;

namespace FlowRole.PowerShell.Logs;

/// <summary>Opens a log file for reading, decompressing gzip (Zeek's rotated <c>conn.*.log.gz</c>) transparently.</summary>
internal static class LogFile
{
    private const int BufferBytes = 1 << 16;

    /// <summary>The file's bytes, and the file stream itself for progress (position and length of the compressed file).</summary>
    public static Stream Open(string path, out FileStream file)
    {
        // Logs are often still being written (pfirewall.log, Zeek's current conn.log): share them for writing.
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferBytes);
        try
        {
            int first = file.ReadByte();
            int second = file.ReadByte();
            file.Position = 0;
            if (first == 0x1F && second == 0x8B)
            {
                return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>How far through the file a stream is, 0-100.</summary>
    public static int PercentRead(FileStream file)
    {
        try
        {
            long length = file.Length;
            return length <= 0 ? 0 : (int)Math.Min(100, 100 * file.Position / length);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            return 0;
        }
    }
}
