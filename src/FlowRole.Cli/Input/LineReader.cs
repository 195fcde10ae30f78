using System;
using System.IO;

namespace FlowRole.Cli.Input;

/// <summary>
/// Reads a stream as UTF-8 lines (LF or CRLF) into one reusable buffer: a line is a span over the buffer, valid until
/// the next <see cref="Read"/>. Allocates only when a line outgrows the buffer.
/// </summary>
internal sealed class LineReader
{
    private readonly Stream _stream;
    private readonly int _maxLine;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>
    /// Reads <paramref name="stream"/>; a line longer than <paramref name="maxLine"/> bytes is returned cut at that
    /// length, with <see cref="Truncated"/> set.
    /// </summary>
    public LineReader(Stream stream, int maxLine)
    {
        _stream = stream;
        _maxLine = maxLine;
    }

    /// <summary>The 1-based number of the line last read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the line last read was longer than the limit (the rest of it was skipped).</summary>
    public bool Truncated { get; private set; }

    /// <summary>Reads the next line (without its line break); false at the end of the stream.</summary>
    public bool Read(out ReadOnlySpan<byte> line)
    {
        Truncated = false;
        int scanned = 0;
        while (true)
        {
            int newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int length = scanned + newline;
                line = Cut(_buffer.AsSpan(_start, length));
                _start += length + 1;
                LineNumber++;
                return true;
            }

            scanned = _end - _start;
            if (_eof)
            {
                if (scanned == 0)
                {
                    line = default;
                    return false;
                }

                line = Cut(_buffer.AsSpan(_start, scanned));
                _start = _end;
                LineNumber++;
                return true;
            }

            if (scanned > _maxLine)
            {
                // Keep the head of an overlong line and drop the rest up to its end.
                Truncated = true;
                SkipRestOfLine();
                line = _buffer.AsSpan(0, _maxLine);
                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    private static ReadOnlySpan<byte> Cut(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[line.Length - 1] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }

    private void SkipRestOfLine()
    {
        // The head is set aside; what follows it is discarded up to the line break; then the head goes in front of the rest.
        byte[] head = _buffer.AsSpan(_start, _maxLine).ToArray();
        _start = _end;
        while (true)
        {
            if (_start == _end)
            {
                _start = _end = 0;
                int n = _stream.Read(_buffer, 0, _buffer.Length);
                if (n == 0)
                {
                    _eof = true;
                    break;
                }

                _end = n;
            }

            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                break;
            }

            _start = _end;
        }

        int rest = _end - _start;
        byte[] merged = new byte[Math.Max(_buffer.Length, head.Length + rest)];
        head.CopyTo(merged, 0);
        Buffer.BlockCopy(_buffer, _start, merged, head.Length, rest);
        _buffer = merged;
        _start = head.Length;
        _end = head.Length + rest;
    }
}
