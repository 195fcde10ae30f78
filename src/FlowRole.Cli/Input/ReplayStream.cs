using System;
using System.IO;

namespace FlowRole.Cli.Input;

/// <summary>Gives back bytes already read from a stream (to sniff its format), then the rest of it.</summary>
internal sealed class ReplayStream : Stream
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream _inner;
    private int _offset;

    public ReplayStream(byte[] prefix, int prefixLength, Stream inner)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _inner = inner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset < _prefixLength)
        {
            int n = Math.Min(count, _prefixLength - _offset);
            Array.Copy(_prefix, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        return _inner.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
