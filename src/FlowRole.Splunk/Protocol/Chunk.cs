using System;

namespace FlowRole.Splunk.Protocol;

/// <summary>
/// One chunk as read: its metadata JSON and its body, both exactly as many bytes as the header declared. The memory
/// belongs to the <see cref="ChunkReader"/> and is valid until its next read.
/// </summary>
public readonly struct Chunk
{
    /// <summary>Creates a chunk view.</summary>
    public Chunk(long number, long offset, ReadOnlyMemory<byte> metadata, Memory<byte> body)
    {
        Number = number;
        Offset = offset;
        Metadata = metadata;
        Body = body;
    }

    /// <summary>The chunk's position in the stream, 0 for the first (getinfo).</summary>
    public long Number { get; }

    /// <summary>The byte offset of the chunk's header in the stream.</summary>
    public long Offset { get; }

    /// <summary>The metadata JSON (UTF-8).</summary>
    public ReadOnlyMemory<byte> Metadata { get; }

    /// <summary>The body (UTF-8 CSV). Writable so the CSV reader can unescape quoted fields in place.</summary>
    public Memory<byte> Body { get; }
}
