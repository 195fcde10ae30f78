using System;
using System.IO;

namespace FlowRole.Tests.Robustness;

/// <summary>
/// A read-only stream of <c>head</c>, then <c>fillLength</c> copies of one byte, then <c>tail</c>, made up as it is
/// read: hostile sizes (a 100 MB line) without holding them in the test's own memory.
/// </summary>
internal sealed class SyntheticStream : Stream
{
    private readonly byte[] _head;
    private readonly byte _fill;
    private readonly long _fillLength;
    private readonly byte[] _tail;
    private long _position;

    public SyntheticStream(byte[] head, byte fill, long fillLength, byte[] tail)
    {
        _head = head;
        _fill = fill;
        _fillLength = fillLength;
        _tail = tail;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _head.Length + _fillLength + _tail.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length && _position < Length)
        {
            Span<byte> rest = buffer.Slice(written);
            int n;
            if (_position < _head.Length)
            {
                n = Math.Min(rest.Length, _head.Length - (int)_position);
                _head.AsSpan((int)_position, n).CopyTo(rest);
            }
            else if (_position < _head.Length + _fillLength)
            {
                n = (int)Math.Min(rest.Length, _head.Length + _fillLength - _position);
                rest.Slice(0, n).Fill(_fill);
            }
            else
            {
                int at = (int)(_position - _head.Length - _fillLength);
                n = Math.Min(rest.Length, _tail.Length - at);
                _tail.AsSpan(at, n).CopyTo(rest);
            }

            written += n;
            _position += n;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
