using System;
using System.Buffers;
using System.IO;

namespace FlowRole.Formats;

/// <summary>A pooled output buffer over a stream: writers format straight into it and it flushes in large blocks.</summary>
internal sealed class Utf8Output : IDisposable
{
    private const int Size = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Size);
    private int _used;

    public Utf8Output(Stream stream) => _stream = stream;

    /// <summary>A writable span of at least <paramref name="size"/> bytes (flushing or growing first).</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _used < size)
        {
            FlushBuffer();
            if (_buffer.Length < size)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(size);
            }
        }

        return _buffer.AsSpan(_used);
    }

    public void Advance(int count) => _used += count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= _buffer.Length - _used)
        {
            bytes.CopyTo(_buffer.AsSpan(_used));
            _used += bytes.Length;
            return;
        }

        FlushBuffer();
        if (bytes.Length > _buffer.Length / 2)
        {
            WriteToStream(bytes);
            return;
        }

        bytes.CopyTo(_buffer);
        _used = bytes.Length;
    }

    public void Write(byte b)
    {
        if (_used == _buffer.Length)
        {
            FlushBuffer();
        }

        _buffer[_used++] = b;
    }

    public void WriteAscii(string text)
    {
        Span<byte> span = GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _used += text.Length;
    }

    /// <summary>Writes the buffer to the stream and flushes the stream.</summary>
    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            FlushBuffer();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = Array.Empty<byte>();
        }
    }

    private void FlushBuffer()
    {
        if (_used > 0)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    private void WriteToStream(ReadOnlySpan<byte> bytes)
    {
#if NET
        _stream.Write(bytes);
#else
        byte[] copy = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(copy);
        _stream.Write(copy, 0, bytes.Length);
        ArrayPool<byte>.Shared.Return(copy);
#endif
    }
}
