using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using FlowRole.Splunk.Protocol;

namespace FlowRole.Fuzzing;

/// <summary>
/// The SCPv2 chunk reader. Invariants: the only failure is <see cref="ProtocolException"/>, naming the chunk and
/// byte offset; chunks are numbered in order, hold exactly the declared bytes, and agree with an independent reading
/// of the same stream; a clean end consumes every byte; reading in tiny pieces gives the same chunks and the same
/// error.
/// </summary>
internal static class ScpChunkTarget
{
    // Small caps so the fuzzer reaches the limit checks with small inputs.
    private static readonly ChunkLimits Limits = new() { MaxMetadataBytes = 4096, MaxBodyBytes = 1 << 16 };

    public static void Run(byte[] data)
    {
        (List<(byte[], byte[])> chunks, string? error) = Read(new MemoryStream(data, writable: false), data.Length);
        int piece = 1 + (data.Length % 7);
        (List<(byte[], byte[])> trickled, string? trickledError) = Read(FuzzInput.Trickle(data, piece), data.Length);
        InvariantException.Check(chunks.Count == trickled.Count && string.Equals(error, trickledError, StringComparison.Ordinal),
            "reading in " + piece.ToString(CultureInfo.InvariantCulture) + "-byte pieces gave other chunks or another error");
        for (int i = 0; i < chunks.Count; i++)
        {
            InvariantException.Check(chunks[i].Item1.AsSpan().SequenceEqual(trickled[i].Item1) && chunks[i].Item2.AsSpan().SequenceEqual(trickled[i].Item2),
                "chunk " + i.ToString(CultureInfo.InvariantCulture) + " differs when read in pieces");
        }

        // splunklib's grammar must see the same whole chunks (within the caps this reader enforces).
        ScpRequests independent = ScpRequests.Parse(data);
        int comparable = Math.Min(chunks.Count, independent.Chunks.Count);
        for (int i = 0; i < comparable; i++)
        {
            InvariantException.Check(independent.Chunks[i].Metadata.AsSpan().SequenceEqual(chunks[i].Item1)
                && independent.Chunks[i].Body.AsSpan().SequenceEqual(chunks[i].Item2), "chunk " + i.ToString(CultureInfo.InvariantCulture)
                + " differs from splunklib's reading");
        }

        if (error is null)
        {
            InvariantException.Check(independent.EndsCleanly && independent.Chunks.Count == chunks.Count,
                "the reader ended cleanly where splunklib's grammar does not");
        }
        else if (!error.Contains("exceeds the limit", StringComparison.Ordinal))
        {
            InvariantException.Check(independent.Chunks.Count == chunks.Count && !independent.EndsCleanly,
                "the reader failed where splunklib's grammar reads on: " + error);
        }
    }

    private static (List<(byte[], byte[])> Chunks, string? Error) Read(Stream stream, int length)
    {
        var chunks = new List<(byte[], byte[])>();
        var reader = new ChunkReader(stream, Limits);
        long previous = -1;
        try
        {
            while (reader.TryRead(out Chunk chunk))
            {
                InvariantException.Check(chunk.Number == chunks.Count && reader.ChunksRead == chunks.Count + 1, "chunks are not numbered in order");
                InvariantException.Check(chunk.Offset > previous && reader.Position <= length, "chunk offsets do not move forward");
                InvariantException.Check(chunk.Metadata.Length <= Limits.MaxMetadataBytes && chunk.Body.Length <= Limits.MaxBodyBytes, "a chunk over the caps");
                previous = chunk.Offset;
                chunks.Add((chunk.Metadata.ToArray(), chunk.Body.ToArray()));
            }
        }
        catch (ProtocolException e)
        {
            string where = "chunk " + chunks.Count.ToString(CultureInfo.InvariantCulture) + " (byte offset ";
            InvariantException.Check(e.Message.StartsWith(where, StringComparison.Ordinal), "a protocol error that does not name its chunk: " + e.Message);
            return (chunks, e.Message);
        }

        InvariantException.Check(reader.Position == length, "a clean end left bytes unread");
        return (chunks, null);
    }
}
