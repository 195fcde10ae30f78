using System;
using System.Globalization;
using System.IO;

namespace FlowRole.Splunk.Protocol;

/// <summary>
/// Reads SCPv2 chunks (<c>chunked 1.0,&lt;metadata bytes&gt;,&lt;body bytes&gt;\n</c> + metadata + body) from a byte
/// stream. Lengths are byte counts, so metadata and body are read by exact count, never by line; short reads are
/// looped over. Buffers are reused from chunk to chunk.
/// </summary>
public sealed class ChunkReader
{
    // "chunked 1.0," plus two 19-digit lengths and the whitespace splunklib's regex tolerates fits comfortably.
    private const int MaxHeaderBytes = 128;

    // A body is first given room for this much (or its declared size when smaller), then grows as its bytes arrive.
    private const int GrowStepBytes = 1024 * 1024;

    private readonly Stream _input;
    private readonly ChunkLimits _limits;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _position;
    private byte[] _metadata = new byte[4096];
    private byte[] _body = [];

    /// <summary>Creates a reader over <paramref name="input"/>.</summary>
    public ChunkReader(Stream input, ChunkLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _limits = limits ?? ChunkLimits.Default;
        _limits.Validate();
    }

    /// <summary>How many chunks have been read.</summary>
    public long ChunksRead { get; private set; }

    /// <summary>How many bytes of the stream have been consumed.</summary>
    public long Position => _position;

    /// <summary>
    /// Reads the next chunk. Returns false when the stream ends cleanly between chunks (whitespace between chunks
    /// is skipped, as splunklib's and ITSI's readers do). Throws <see cref="ProtocolException"/> on a malformed
    /// header, a length over the caps, or a stream that ends inside a chunk.
    /// </summary>
    public bool TryRead(out Chunk chunk)
    {
        chunk = default;
        if (!SkipWhitespace())
        {
            return false;
        }

        long number = ChunksRead;
        long offset = _position;
        int lineLength = FindHeaderEnd(number, offset);
        (long metadataLength, long bodyLength) = ParseHeader(_buffer.AsSpan(_start, lineLength), number, offset);
        Consume(lineLength + 1);

        if (metadataLength > _limits.MaxMetadataBytes)
        {
            throw new ProtocolException(Where(number, offset) + "metadata length " + metadataLength.ToString(CultureInfo.InvariantCulture)
                + " exceeds the limit of " + _limits.MaxMetadataBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        if (bodyLength > _limits.MaxBodyBytes)
        {
            throw new ProtocolException(Where(number, offset) + "body length " + bodyLength.ToString(CultureInfo.InvariantCulture)
                + " exceeds the limit of " + _limits.MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        int metaCount = (int)metadataLength;
        int bodyCount = (int)bodyLength;
        ReadExactly(ref _metadata, metaCount, number, offset, "metadata");
        ReadExactly(ref _body, bodyCount, number, offset, "body");

        ChunksRead = number + 1;
        chunk = new Chunk(number, offset, _metadata.AsMemory(0, metaCount), _body.AsMemory(0, bodyCount));
        return true;
    }

    /// <summary>Renders bytes for an error message: printable ASCII as is, anything else as <c>\xNN</c>, cut at 48 bytes.</summary>
    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder(Math.Min(bytes.Length, 48) + 8);
        for (int i = 0; i < bytes.Length && i < 48; i++)
        {
            byte b = bytes[i];
            if (b >= 0x20 && b < 0x7F)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(b switch { (byte)'\n' => "\\n", (byte)'\r' => "\\r", (byte)'\t' => "\\t", _ => "\\x" + b.ToString("X2", CultureInfo.InvariantCulture) });
            }
        }

        if (bytes.Length > 48)
        {
            text.Append('…');
        }

        return text.ToString();
    }

    private static string Where(long number, long offset) =>
        "chunk " + number.ToString(CultureInfo.InvariantCulture) + " (byte offset " + offset.ToString(CultureInfo.InvariantCulture) + "): ";

    /// <summary>
    /// Makes room for <paramref name="count"/> bytes, keeping the first <paramref name="keep"/>. Geometric growth, so a
    /// stream of slowly growing chunks does not reallocate every time and a big body costs at most twice its size.
    /// </summary>
    private static void Grow(ref byte[] array, int count, int keep)
    {
        if (array.Length < count)
        {
            long next = Math.Max(count, Math.Min((long)array.Length * 2, Array.MaxLength));
            byte[] bigger = GC.AllocateUninitializedArray<byte>((int)next);
            array.AsSpan(0, keep).CopyTo(bigger);
            array = bigger;
        }
    }

    private static (long Metadata, long Body) ParseHeader(ReadOnlySpan<byte> line, long number, long offset)
    {
        // The tolerant grammar of splunklib and ITSI: chunked\s+1.0\s*,\s*(\d+)\s*,\s*(\d+)\s*\n
        ReadOnlySpan<byte> rest = line;
        if (!rest.StartsWith("chunked"u8))
        {
            throw BadHeader(line, number, offset);
        }

        rest = rest["chunked"u8.Length..];
        int spaces = CountSpaces(rest);
        if (spaces == 0)
        {
            throw BadHeader(line, number, offset);
        }

        rest = rest[spaces..];
        if (!rest.StartsWith("1.0"u8))
        {
            throw BadHeader(line, number, offset);
        }

        rest = rest[3..];
        if (!TryComma(ref rest) || !TryLength(ref rest, out long metadata) || !TryComma(ref rest) || !TryLength(ref rest, out long body))
        {
            throw BadHeader(line, number, offset);
        }

        rest = rest[CountSpaces(rest)..];
        if (!rest.IsEmpty)
        {
            throw BadHeader(line, number, offset);
        }

        return (metadata, body);
    }

    private static bool TryComma(ref ReadOnlySpan<byte> rest)
    {
        rest = rest[CountSpaces(rest)..];
        if (rest.IsEmpty || rest[0] != (byte)',')
        {
            return false;
        }

        rest = rest[1..];
        rest = rest[CountSpaces(rest)..];
        return true;
    }

    private static bool TryLength(ref ReadOnlySpan<byte> rest, out long value)
    {
        value = 0;
        int digits = 0;
        while (digits < rest.Length && (uint)(rest[digits] - '0') <= 9)
        {
            // 18 digits cannot overflow a long; anything longer is over every cap anyway.
            if (digits == 18)
            {
                value = long.MaxValue;
            }
            else if (digits < 18)
            {
                value = (value * 10) + (rest[digits] - '0');
            }

            digits++;
        }

        rest = rest[digits..];
        return digits > 0;
    }

    private static int CountSpaces(ReadOnlySpan<byte> span)
    {
        int i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\f' or (byte)'\v')
        {
            i++;
        }

        return i;
    }

    private static ProtocolException BadHeader(ReadOnlySpan<byte> line, long number, long offset) =>
        new(Where(number, offset) + "expected a header 'chunked 1.0,<metadata length>,<body length>', got '" + Printable(line) + "'");

    private bool SkipWhitespace()
    {
        while (true)
        {
            if (_start == _end && !Fill())
            {
                return false;
            }

            byte b = _buffer[_start];
            if (b is not ((byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t'))
            {
                return true;
            }

            Consume(1);
        }
    }

    private int FindHeaderEnd(long number, long offset)
    {
        int searched = 0;
        while (true)
        {
            int available = _end - _start;
            int index = _buffer.AsSpan(_start + searched, Math.Min(available, MaxHeaderBytes + 1) - searched).IndexOf((byte)'\n');
            if (index >= 0)
            {
                return searched + index;
            }

            searched = Math.Min(available, MaxHeaderBytes + 1);
            if (searched > MaxHeaderBytes)
            {
                throw BadHeader(_buffer.AsSpan(_start, searched), number, offset);
            }

            if (!Fill())
            {
                // A partial line that could never become a header is garbage; one that still could is a truncation.
                ReadOnlySpan<byte> partial = _buffer.AsSpan(_start, _end - _start);
                ReadOnlySpan<byte> prefix = "chunked"u8;
                bool couldBeHeader = partial.Length < prefix.Length ? prefix.StartsWith(partial) : partial.StartsWith(prefix);
                if (!couldBeHeader)
                {
                    throw BadHeader(partial, number, offset);
                }

                throw new ProtocolException(Where(number, offset) + "the stream ended inside the chunk header after '" + Printable(partial) + "'")
                {
                    Truncated = true,
                };
            }
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="total"/> bytes into <paramref name="array"/> (from its start). The declared length
    /// is only a claim: the array grows as the bytes arrive, so a stream that declares 1 GiB and sends 30 bytes costs
    /// what it sent, not what it claimed.
    /// </summary>
    private void ReadExactly(ref byte[] array, int total, long number, long offset, string part)
    {
        int buffered = Math.Min(_end - _start, total);
        Grow(ref array, Math.Min(total, Math.Max(buffered, GrowStepBytes)), 0);
        _buffer.AsSpan(_start, buffered).CopyTo(array);
        Consume(buffered);
        int filled = buffered;
        while (filled < total)
        {
            if (filled == array.Length)
            {
                Grow(ref array, Math.Min(total, filled + GrowStepBytes), filled);
            }

            int read = _input.Read(array.AsSpan(filled, Math.Min(total, array.Length) - filled));
            if (read <= 0)
            {
                throw new ProtocolException(Where(number, offset) + "the stream ended after " + filled.ToString(CultureInfo.InvariantCulture)
                    + " of the " + total.ToString(CultureInfo.InvariantCulture) + " " + part + " bytes the header declared")
                {
                    Truncated = true,
                };
            }

            filled += read;
            _position += read;
        }
    }

    private void Consume(int count)
    {
        _start += count;
        _position += count;
    }

    private bool Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        int read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            return false;
        }

        _end += read;
        return true;
    }
}
