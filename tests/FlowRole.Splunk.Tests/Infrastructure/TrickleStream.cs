using System;
using System.IO;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>A read-only stream that returns at most <c>step</c> bytes per read, as a pipe may.</summary>
internal sealed class TrickleStream : Stream
{
    private readonly byte[] _data;
    private readonly int _step;
    private int _at;

    public TrickleStream(byte[] data, int step)
    {
        _data = data;
        _step = step;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(_step, buffer.Length), _data.Length - _at);
        _data.AsSpan(_at, n).CopyTo(buffer);
        _at += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
