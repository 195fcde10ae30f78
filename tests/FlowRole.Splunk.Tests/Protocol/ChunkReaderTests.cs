using System;
using System.IO;
using System.Text;
using FlowRole.Splunk.Protocol;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Protocol;

public sealed class ChunkReaderTests
{
    private static ChunkReader Reader(string text, ChunkLimits? limits = null) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)), limits);

    [Fact]
    public void Reads_metadata_and_body_by_exact_byte_count_with_no_separator()
    {
        // "ท" is three UTF-8 bytes: lengths are bytes, not characters.
        ChunkReader reader = Reader("chunked 1.0,11,6\n{\"a\":\"ท\"}x,ท\nchunked 1.0,2,0\n{}");
        Assert.True(reader.TryRead(out Chunk first));
        Assert.Equal("{\"a\":\"ท\"}", Encoding.UTF8.GetString(first.Metadata.Span));
        Assert.Equal("x,ท\n", Encoding.UTF8.GetString(first.Body.Span));
        Assert.Equal(0, first.Number);
        Assert.True(reader.TryRead(out Chunk second));
        Assert.Equal("{}", Encoding.UTF8.GetString(second.Metadata.Span));
        Assert.Equal(0, second.Body.Length);
        Assert.Equal(1, second.Number);
        Assert.Equal(34, second.Offset);
        Assert.False(reader.TryRead(out _));
        Assert.Equal(2, reader.ChunksRead);
    }

    [Theory]
    [InlineData("chunked 1.0,2,1\n{}x")]
    [InlineData("chunked  1.0 , 2 , 1 \n{}x")]
    [InlineData("chunked\t1.0,2,1\r\n{}x")]
    [InlineData("\n\r\n chunked 1.0,2,1\n{}x\n\n")]
    public void Accepts_the_whitespace_splunklibs_header_regex_tolerates(string text)
    {
        ChunkReader reader = Reader(text);
        Assert.True(reader.TryRead(out Chunk chunk));
        Assert.Equal("{}", Encoding.UTF8.GetString(chunk.Metadata.Span));
        Assert.Equal("x", Encoding.UTF8.GetString(chunk.Body.Span));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void Empty_stream_is_a_clean_end()
    {
        Assert.False(Reader("").TryRead(out _));
        Assert.False(Reader("\n \r\n").TryRead(out _));
    }

    [Fact]
    public void Loops_over_short_reads()
    {
        byte[] bytes = new ScpStream().GetInfo().Execute("a,b\n1,2\n", finished: true).ToArray();
        var reader = new ChunkReader(new TrickleStream(bytes, 1));
        Assert.True(reader.TryRead(out _));
        Assert.True(reader.TryRead(out Chunk execute));
        Assert.Equal("a,b\n1,2\n", Encoding.UTF8.GetString(execute.Body.Span));
        Assert.False(reader.TryRead(out _));
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Theory]
    [InlineData("hello world\n")]
    [InlineData("chunked 2.0,1,1\n{}")]
    [InlineData("chunked 1.0,-1,0\n")]
    [InlineData("chunked 1.0,abc,0\n")]
    [InlineData("chunked 1.0,1\n")]
    [InlineData("chunked 1.0,1,2,3\n")]
    [InlineData("chunked1.0,1,1\n")]
    [InlineData("CHUNKED 1.0,1,1\n")]
    [InlineData("chunked 1.0,0x10,0\n")]
    public void Garbage_header_names_the_chunk_and_shows_the_bytes(string text)
    {
        ProtocolException e = Assert.Throws<ProtocolException>(() => Reader(text).TryRead(out _));
        Assert.False(e.Truncated);
        Assert.Contains("chunk 0 (byte offset 0)", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected a header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_line_that_never_ends_is_garbage_not_a_hang()
    {
        ProtocolException e = Assert.Throws<ProtocolException>(() => Reader("chunked 1.0," + new string('1', 500)).TryRead(out _));
        Assert.False(e.Truncated);
    }

    [Fact]
    public void Binary_garbage_is_shown_escaped()
    {
        var reader = new ChunkReader(new MemoryStream([0xFF, 0x00, (byte)'x', (byte)'\n']));
        ProtocolException e = Assert.Throws<ProtocolException>(() => reader.TryRead(out _));
        Assert.Contains("\\xFF\\x00x", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chunked 1.0,2", "inside the chunk header")]
    [InlineData("chunk", "inside the chunk header")]
    [InlineData("chunked 1.0,10,5\n{\"a\":", "after 5 of the 10 metadata bytes")]
    [InlineData("chunked 1.0,2,5\n{}ab", "after 2 of the 5 body bytes")]
    [InlineData("chunked 1.0,2,5\n", "after 0 of the 2 metadata bytes")]
    public void Stream_ending_inside_a_chunk_is_a_truncation(string text, string expected)
    {
        ProtocolException e = Assert.Throws<ProtocolException>(() => Reader(text).TryRead(out _));
        Assert.True(e.Truncated);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_over_the_caps_fail_before_allocating()
    {
        var limits = new ChunkLimits { MaxMetadataBytes = 10, MaxBodyBytes = 100 };
        ProtocolException meta = Assert.Throws<ProtocolException>(() => Reader("chunked 1.0,11,0\n", limits).TryRead(out _));
        Assert.Contains("metadata length 11 exceeds the limit of 10", meta.Message, StringComparison.Ordinal);
        ProtocolException body = Assert.Throws<ProtocolException>(() => Reader("chunked 1.0,2,101\n{}", limits).TryRead(out _));
        Assert.Contains("body length 101 exceeds", body.Message, StringComparison.Ordinal);

        // A length no long can hold is over every cap, not an overflow.
        ProtocolException huge = Assert.Throws<ProtocolException>(() => Reader("chunked 1.0,2,99999999999999999999999999\n{}").TryRead(out _));
        Assert.Contains("exceeds the limit", huge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_chunk_errors_name_their_number_and_offset()
    {
        ChunkReader reader = Reader("chunked 1.0,2,0\n{}garbage\n");
        Assert.True(reader.TryRead(out _));
        ProtocolException e = Assert.Throws<ProtocolException>(() => reader.TryRead(out _));
        Assert.Contains("chunk 1 (byte offset 18)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sixteen_megabyte_body_is_read_whole()
    {
        byte[] body = new byte[17 * 1024 * 1024];
        new Random(7).NextBytes(body);
        byte[] stream = new ScpStream().Execute(body).ToArray();
        var reader = new ChunkReader(new TrickleStream(stream, 1 << 20));
        Assert.True(reader.TryRead(out Chunk chunk));
        Assert.True(chunk.Body.Span.SequenceEqual(body));
    }
}
