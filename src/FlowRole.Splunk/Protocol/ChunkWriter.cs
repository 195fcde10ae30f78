using System;
using System.Buffers.Text;
using System.IO;

namespace FlowRole.Splunk.Protocol;

/// <summary>
/// Writes SCPv2 chunks: <c>chunked 1.0,&lt;metadata bytes&gt;,&lt;body bytes&gt;\n</c>, the metadata with no trailing
/// newline, then the body, then a flush. The caller hands over a complete reply, so the lengths are always exact and
/// each call writes exactly one chunk.
/// </summary>
public sealed class ChunkWriter
{
    private readonly Stream _output;
    private readonly byte[] _header = new byte[64];

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public ChunkWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>How many chunks have been written.</summary>
    public long ChunksWritten { get; private set; }

    /// <summary>Writes one chunk and flushes it.</summary>
    public void Write(ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> body)
    {
        int length = FormatHeader(_header, metadata.Length, body.Length);
        _output.Write(_header, 0, length);
        _output.Write(metadata);
        _output.Write(body);
        _output.Flush();
        ChunksWritten++;
    }

    /// <summary>Formats <c>chunked 1.0,m,b\n</c> into <paramref name="destination"/> and returns its length.</summary>
    internal static int FormatHeader(Span<byte> destination, int metadataLength, int bodyLength)
    {
        ReadOnlySpan<byte> prefix = "chunked 1.0,"u8;
        prefix.CopyTo(destination);
        int at = prefix.Length;
        Utf8Formatter.TryFormat(metadataLength, destination[at..], out int written);
        at += written;
        destination[at++] = (byte)',';
        Utf8Formatter.TryFormat(bodyLength, destination[at..], out written);
        at += written;
        destination[at++] = (byte)'\n';
        return at;
    }
}
