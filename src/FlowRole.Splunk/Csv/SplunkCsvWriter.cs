using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace FlowRole.Splunk.Csv;

/// <summary>
/// Writes a CSV body for splunkd: a value is quoted only when it holds a comma, quote, CR or LF (embedded quotes
/// doubled), and records end with CRLF as splunklib's replies do (splunkd accepts LF too). Writes straight into a
/// buffer; nothing is allocated per field.
/// </summary>
public sealed class SplunkCsvWriter
{
    private static readonly SearchValues<byte> NeedsQuoting = SearchValues.Create(",\"\r\n"u8);

    private const int ReserveBytes = 64 * 1024;

    private readonly IBufferWriter<byte> _output;
    private readonly bool _crlf;
    private bool _rowStarted;
    private Memory<byte> _reserved;
    private int _pending;

    // The reserved memory's array, when it has one (the host's ReplyBuffer's does): the per-record span comes from it
    // directly, without going through Memory<T>.Span.
    private byte[]? _reservedArray;
    private int _reservedOffset;

    /// <summary>Creates a writer; <paramref name="crlf"/> false ends records with LF alone.</summary>
    public SplunkCsvWriter(IBufferWriter<byte> output, bool crlf = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _crlf = crlf;
    }

    /// <summary>Writes one field of the current row.</summary>
    public void WriteField(ReadOnlySpan<byte> value)
    {
        Flush();
        if (_rowStarted)
        {
            WriteByte((byte)',');
        }

        _rowStarted = true;
        if (value.IndexOfAny(NeedsQuoting) < 0)
        {
            value.CopyTo(_output.GetSpan(value.Length));
            _output.Advance(value.Length);
            return;
        }

        // Worst case every byte is a quote.
        Span<byte> span = _output.GetSpan((value.Length * 2) + 2);
        int at = 0;
        span[at++] = (byte)'"';
        while (!value.IsEmpty)
        {
            int quote = value.IndexOf((byte)'"');
            int take = quote < 0 ? value.Length : quote + 1;
            value[..take].CopyTo(span[at..]);
            at += take;
            if (quote >= 0)
            {
                span[at++] = (byte)'"';
            }

            value = value[take..];
        }

        span[at++] = (byte)'"';
        _output.Advance(at);
    }

    /// <summary>True when records end with CRLF, false for LF alone.</summary>
    internal bool CrlfRecords => _crlf;

    /// <summary>
    /// A span of at least <paramref name="sizeHint"/> bytes for a whole record written at once (the per-record fast
    /// path): the caller writes its fields with <see cref="Append"/>, the record end included, then calls
    /// <see cref="CommitRecord"/>. Only between records.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<byte> BeginRecord(int sizeHint)
    {
        if (_rowStarted)
        {
            ThrowRowStarted();
        }

        // Records are written one after another into one large span, handed over to the buffer writer only when it
        // is full (or another write comes): asking the writer for room per record costs more than the record.
        if (_reserved.Length - _pending < sizeHint)
        {
            Reserve(sizeHint);
        }

        return _reservedArray is { } array
            ? array.AsSpan(_reservedOffset + _pending, _reserved.Length - _pending)
            : _reserved.Span[_pending..];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRowStarted() => throw new InvalidOperationException("A record is being written field by field.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Reserve(int sizeHint)
    {
        Flush();
        _reserved = _output.GetMemory(Math.Max(sizeHint, ReserveBytes));
        if (MemoryMarshal.TryGetArray((ReadOnlyMemory<byte>)_reserved, out ArraySegment<byte> segment) && segment.Array is not null)
        {
            _reservedArray = segment.Array;
            _reservedOffset = segment.Offset;
        }
    }

    /// <summary>Takes the <paramref name="length"/> bytes written into the span from <see cref="BeginRecord"/>.</summary>
    internal void CommitRecord(int length) => _pending += length;

    /// <summary>Hands every record written through <see cref="BeginRecord"/> over to the buffer writer. Call before reading the output.</summary>
    public void Flush()
    {
        if (_pending > 0)
        {
            _output.Advance(_pending);
        }

        _pending = 0;
        _reserved = default;
        _reservedArray = null;
    }

    /// <summary>The most bytes <see cref="Append"/> writes for a value of <paramref name="length"/> bytes (all quotes, quoted).</summary>
    internal static int MaxEncodedLength(int length) => (length * 2) + 2;

    /// <summary>
    /// Writes a value into <paramref name="destination"/> at <paramref name="at"/>, quoted as <see cref="WriteField(ReadOnlySpan{byte})"/>
    /// quotes it, and returns where it ends (a position passed by value stays in a register in the callers' loops);
    /// the caller has made room for <see cref="MaxEncodedLength"/> bytes.
    /// </summary>
    internal static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> value)
    {
        if (!NeedsQuotes(value))
        {
            Copy(value, destination[at..]);
            return at + value.Length;
        }

        destination[at++] = (byte)'"';
        while (!value.IsEmpty)
        {
            int quote = value.IndexOf((byte)'"');
            int take = quote < 0 ? value.Length : quote + 1;
            value[..take].CopyTo(destination[at..]);
            at += take;
            if (quote >= 0)
            {
                destination[at++] = (byte)'"';
            }

            value = value[take..];
        }

        destination[at++] = (byte)'"';
        return at;
    }

    /// <summary>True when a value holds a comma, quote, CR or LF.</summary>
    internal static bool NeedsQuotes(ReadOnlySpan<byte> value)
    {
        // Record values are mostly short (addresses, ports, names): eight bytes at a time in a register beats setting
        // up a vector search. Two overlapping words cover 8-16 bytes; shorter values go byte by byte.
        if (value.Length > 16)
        {
            return value.IndexOfAny(NeedsQuoting) >= 0;
        }

        if (value.Length >= 8)
        {
            ref byte start = ref MemoryMarshal.GetReference(value);
            return HasSpecial(Unsafe.ReadUnaligned<ulong>(ref start))
                || HasSpecial(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, value.Length - 8)));
        }

        foreach (byte b in value)
        {
            if (b is (byte)',' or (byte)'"' or (byte)'\r' or (byte)'\n')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Copies a value into a destination at least as long (not overlapping it). Values here are mostly a few bytes to
    /// a hundred: a few overlapping vector or word moves (or a few byte moves) cost less than a call to the general copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copy(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        int length = value.Length;
        if (length > 128 || destination.Length < length)
        {
            value.CopyTo(destination);
            return;
        }

        ref byte source = ref MemoryMarshal.GetReference(value);
        ref byte target = ref MemoryMarshal.GetReference(destination);
        if (length > 64)
        {
            // 65-128 bytes (the cached runs of fixed fields): 16 at a time, the last 16 overlapping.
            nuint last = (nuint)(length - 16);
            for (nuint i = 0; i < last; i += 16)
            {
                Vector128.LoadUnsafe(ref source, i).StoreUnsafe(ref target, i);
            }

            Vector128.LoadUnsafe(ref source, last).StoreUnsafe(ref target, last);
        }
        else if (length > 16)
        {
            // 17-64 bytes: the first and last 16 (and, past 32, the first and last 32) overlap in the middle.
            Vector128.LoadUnsafe(ref source).StoreUnsafe(ref target);
            Vector128.LoadUnsafe(ref source, (nuint)(length - 16)).StoreUnsafe(ref target, (nuint)(length - 16));
            if (length > 32)
            {
                Vector128.LoadUnsafe(ref source, 16).StoreUnsafe(ref target, 16);
                Vector128.LoadUnsafe(ref source, (nuint)(length - 32)).StoreUnsafe(ref target, (nuint)(length - 32));
            }
        }
        else if (length >= 8)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<ulong>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, length - 8)));
        }
        else if (length >= 4)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<uint>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, length - 4)));
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
            }
        }
    }

    /// <summary>
    /// Copies the first <paramref name="length"/> bytes of <paramref name="source"/> into <paramref name="destination"/>
    /// at <paramref name="at"/> and returns the end, 16 bytes at a time: up to 15 bytes past the run are read from
    /// <paramref name="source"/> (so pass it with what follows the run) and written to <paramref name="destination"/>,
    /// where the record's next bytes overwrite them. Near the end of either it copies exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CopyWide(ReadOnlySpan<byte> source, int length, Span<byte> destination, int at)
    {
        nuint padded = (nuint)(uint)(length + 15) & ~(nuint)15;
        if ((uint)length <= (uint)source.Length && padded <= (nuint)(uint)source.Length && (uint)at <= (uint)destination.Length
            && padded <= (nuint)(uint)(destination.Length - at))
        {
            ref byte from = ref MemoryMarshal.GetReference(source);
            ref byte to = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)(uint)at);
            for (nuint i = 0; i < padded; i += 16)
            {
                Vector128.LoadUnsafe(ref from, i).StoreUnsafe(ref to, i);
            }
        }
        else
        {
            Copy(source[..length], destination[at..]);
        }

        return at + length;
    }

    /// <summary>True when one of the eight bytes is a comma, quote, CR or LF (the zero-byte test on word XOR pattern).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasSpecial(ulong word)
    {
        const ulong Ones = 0x0101010101010101UL;
        const ulong Highs = 0x8080808080808080UL;
        ulong comma = word ^ (Ones * ','), quote = word ^ (Ones * '"'), cr = word ^ (Ones * '\r'), lf = word ^ (Ones * '\n');
        ulong zero = ((comma - Ones) & ~comma) | ((quote - Ones) & ~quote) | ((cr - Ones) & ~cr) | ((lf - Ones) & ~lf);
        return (zero & Highs) != 0;
    }

    /// <summary>Writes one field given as text (header names; not for the per-record path).</summary>
    public void WriteField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteField(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Writes a field and its <c>__mv_</c> companion from a multivalue builder.</summary>
    public void WriteMultivalue(MultivalueBuilder values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteField(values.Joined);
        WriteField(values.Encoded);
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        Flush();
        if (_crlf)
        {
            WriteByte((byte)'\r');
        }

        WriteByte((byte)'\n');
        _rowStarted = false;
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }
}
