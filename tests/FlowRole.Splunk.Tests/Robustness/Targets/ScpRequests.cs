using System;
using System.Collections.Generic;

namespace FlowRole.Fuzzing;

/// <summary>
/// An independent reading of a request stream with splunklib's tolerant grammar
/// (<c>chunked\s+1.0\s*,\s*(\d+)\s*,\s*(\d+)\s*\n</c>, whitespace skipped between chunks): how many whole chunks it
/// holds and whether it ends cleanly after them.
/// </summary>
internal sealed class ScpRequests
{
    private ScpRequests(List<(byte[] Metadata, byte[] Body)> chunks, bool clean)
    {
        Chunks = chunks;
        EndsCleanly = clean;
    }

    public IReadOnlyList<(byte[] Metadata, byte[] Body)> Chunks { get; }

    /// <summary>True when nothing but whitespace follows the last whole chunk.</summary>
    public bool EndsCleanly { get; }

    public static ScpRequests Parse(byte[] stream)
    {
        var chunks = new List<(byte[], byte[])>();
        int at = 0;
        while (true)
        {
            while (at < stream.Length && stream[at] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t')
            {
                at++;
            }

            if (at == stream.Length)
            {
                return new ScpRequests(chunks, true);
            }

            if (!TryHeader(stream, ref at, out long metadata, out long body) || metadata + body > stream.Length - at)
            {
                return new ScpRequests(chunks, false);
            }

            chunks.Add((stream[at..(at + (int)metadata)], stream[(at + (int)metadata)..(at + (int)(metadata + body))]));
            at += (int)(metadata + body);
        }
    }

    private static bool TryHeader(byte[] s, ref int at, out long metadata, out long body)
    {
        metadata = body = 0;

        // The product caps a header line at 128 bytes (two 19-digit lengths fit with room to spare); so does this.
        if (Array.IndexOf(s, (byte)'\n', at, Math.Min(129, s.Length - at)) < 0)
        {
            return false;
        }

        int i = at;
        if (!Literal(s, ref i, "chunked"u8) || !Spaces(s, ref i, atLeastOne: true) || !Literal(s, ref i, "1.0"u8))
        {
            return false;
        }

        Spaces(s, ref i, false);
        if (!Literal(s, ref i, ","u8))
        {
            return false;
        }

        Spaces(s, ref i, false);
        if (!Number(s, ref i, out metadata))
        {
            return false;
        }

        Spaces(s, ref i, false);
        if (!Literal(s, ref i, ","u8))
        {
            return false;
        }

        Spaces(s, ref i, false);
        if (!Number(s, ref i, out body))
        {
            return false;
        }

        Spaces(s, ref i, false);
        if (i >= s.Length || s[i] != (byte)'\n')
        {
            return false;
        }

        at = i + 1;
        return true;
    }

    private static bool Literal(byte[] s, ref int i, ReadOnlySpan<byte> text)
    {
        if (s.Length - i < text.Length || !s.AsSpan(i, text.Length).SequenceEqual(text))
        {
            return false;
        }

        i += text.Length;
        return true;
    }

    private static bool Spaces(byte[] s, ref int i, bool atLeastOne)
    {
        int start = i;
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\f' or (byte)'\v')
        {
            i++;
        }

        return !atLeastOne || i > start;
    }

    private static bool Number(byte[] s, ref int i, out long value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && s[i] >= (byte)'0' && s[i] <= (byte)'9')
        {
            // Anything past int range cannot be in a fuzz input; saturate.
            value = value > int.MaxValue ? value : (value * 10) + (s[i] - '0');
            i++;
        }

        return i > start;
    }
}
