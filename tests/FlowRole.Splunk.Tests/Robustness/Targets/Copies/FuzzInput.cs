using System;
using System.IO;

namespace FlowRole.Fuzzing;

/// <summary>Views of one fuzz input for the targets.</summary>
internal static class FuzzInput
{
    /// <summary>Each byte as the char with the same code (Latin-1), so byte and char parsers see the same code units.</summary>
    public static char[] Widen(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return chars;
    }

    /// <summary>True when every byte is ASCII (below 0x80).</summary>
    public static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read, to move every read boundary.</summary>
    public static Stream Trickle(byte[] data, int chunk) => new ChunkedStream(data, chunk);

    private sealed class ChunkedStream : Stream
    {
        private readonly byte[] _data;
        private readonly int _chunk;
        private int _position;

        public ChunkedStream(byte[] data, int chunk)
        {
            _data = data;
            _chunk = Math.Max(1, chunk);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, _chunk), _data.Length - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
