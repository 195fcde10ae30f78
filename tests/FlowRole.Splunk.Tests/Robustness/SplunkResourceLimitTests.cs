using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using FlowRole.Splunk.Protocol;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Robustness;

/// <summary>
/// The protocol caps (docs/security.md) under hostile framing: lengths over <see cref="ChunkLimits"/> (16 MiB of
/// metadata, 1 GiB of body) and header lines over 128 bytes fail before anything is buffered, with an error reply
/// naming the chunk, the byte offset and the limit.
/// </summary>
public sealed class SplunkResourceLimitTests
{
    [Theory]
    [InlineData("chunked 1.0,2,1099511627776\n", "body length 1099511627776 exceeds the limit of 1073741824 bytes")]
    [InlineData("chunked 1.0,1099511627776,0\n", "metadata length 1099511627776 exceeds the limit of 16777216 bytes")]
    [InlineData("chunked 1.0,16777217,0\n", "metadata length 16777217 exceeds the limit of 16777216 bytes")]
    [InlineData("chunked 1.0,2,99999999999999999999999999999999\n", "exceeds the limit of 1073741824 bytes")]
    public void LengthOverTheCapFailsBeforeAnythingIsAllocated(string header, string message)
    {
        byte[] input = Encoding.ASCII.GetBytes(header + "{}");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reader = new ChunkReader(new MemoryStream(input));
        ProtocolException error = Assert.Throws<ProtocolException>(() => reader.TryRead(out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256 * 1024, "the reader allocated before checking the cap");
        Assert.StartsWith("chunk 0 (byte offset 0): ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeClaimAfterGetinfoGetsOneErrorReply()
    {
        byte[] input = new ScpStream().GetInfo().Raw("chunked 1.0,36,1099511627776\n{\"action\":\"execute\",\"finished\":true}").ToArray();
        HostRun run = HostRun.Execute(input);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Replies.Count);
        Assert.Contains("chunk 1 (byte offset ", run.Replies[1].Error, StringComparison.Ordinal);
        Assert.Contains("exceeds the limit of 1073741824 bytes", run.Replies[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EndlessHeaderLineIsRejectedAfter128Bytes()
    {
        // 100 MB without a line break: the reader looks at 129 bytes and stops; it never buffers the rest.
        var input = new RepeatingStream(Encoding.ASCII.GetBytes("chunked 1.0,"), (byte)'0', 100L << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var reader = new ChunkReader(input);
        ProtocolException error = Assert.Throws<ProtocolException>(() => reader.TryRead(out _));
        Assert.Contains("expected a header 'chunked 1.0,<metadata length>,<body length>'", error.Message, StringComparison.Ordinal);
        Assert.True(input.Position <= 256 * 1024, "read " + input.Position + " bytes of an endless header");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 512 * 1024);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void CutOffBodyIsReportedAsTruncatedWithNoReply()
    {
        byte[] input = new ScpStream().GetInfo().Raw("chunked 1.0,36,500\n{\"action\":\"execute\",\"finished\":true}src_ip,dest_ip\n").ToArray();
        HostRun run = HostRun.Execute(input);
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Replies);
        Assert.Contains("the stream ended after 15 of the 500 body bytes the header declared", run.Diagnostics, StringComparison.Ordinal);
    }

    /// <summary><c>head</c> then <c>count</c> copies of one byte, generated as read.</summary>
    internal sealed class RepeatingStream : Stream
    {
        private readonly byte[] _head;
        private readonly byte _fill;
        private readonly long _length;
        private long _position;

        public RepeatingStream(byte[] head, byte fill, long count)
        {
            _head = head;
            _fill = fill;
            _length = head.Length + count;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _length - _position);
            for (int i = 0; i < n; i++)
            {
                long at = _position + i;
                buffer[offset + i] = at < _head.Length ? _head[at] : _fill;
            }

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
