using System;
using System.Text;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;
using FlowRole.Splunk.Protocol;
using Xunit;

namespace FlowRole.Splunk.Tests.Protocol;

public sealed class ReplyBufferTests
{
    [Fact]
    public void Pieces_written_across_growth_come_back_in_order()
    {
        var buffer = new ReplyBuffer(300);
        var expected = new byte[0x30_0000];
        new Random(7).NextBytes(expected);
        int at = 0, piece = 1;
        while (at < expected.Length)
        {
            // Pieces from 1 byte up past the huge-page threshold, written through both GetSpan and GetMemory.
            int n = Math.Min(piece, expected.Length - at);
            Span<byte> span = (piece & 1) == 0 ? buffer.GetSpan(n) : buffer.GetMemory(n).Span;
            Assert.True(span.Length >= n);
            expected.AsSpan(at, n).CopyTo(span);
            buffer.Advance(n);
            at += n;
            piece = (piece * 3) + 1;
        }

        Assert.True(buffer.WrittenSpan.SequenceEqual(expected));
    }

    [Fact]
    public void An_estimate_sizes_the_buffer_once_with_room_to_spare_and_keeps_what_is_written()
    {
        var buffer = new ReplyBuffer(256);
        "header\n"u8.CopyTo(buffer.GetSpan(7));
        buffer.Advance(7);
        buffer.EnsureCapacity(8_000_000);
        int capacity = buffer.Capacity;
        Assert.True(capacity >= 8_000_000 + 1_000_000, "an eighth more than the estimate, got " + capacity);
        Assert.Equal("header\n", Encoding.ASCII.GetString(buffer.WrittenSpan));

        // The next chunk's estimate is a little longer: no new buffer (the old one would be garbage of its size).
        buffer.Reset();
        buffer.EnsureCapacity(8_400_000);
        Assert.Equal(capacity, buffer.Capacity);
        Assert.True(buffer.WrittenSpan.IsEmpty);

        // Smaller estimates never shrink it; Reset keeps the memory.
        buffer.EnsureCapacity(10);
        Assert.Equal(capacity, buffer.Capacity);
    }

    [Fact]
    public void Advancing_past_the_end_is_refused()
    {
        var buffer = new ReplyBuffer(256);
        int room = buffer.GetSpan().Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(room + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(-1));
        buffer.Advance(room);
        Assert.Equal(room, buffer.WrittenSpan.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_flowrole_estimate_covers_a_chunk_of_flows(bool explanation)
    {
        // IPv4 and IPv6 flows, the suspicious ones with several findings (the longest multivalue fields).
        var text = new StringBuilder("\"src_ip\",\"src_port\",\"dest_ip\",\"dest_port\",transport\n");
        for (int i = 0; i < 4_000; i++)
        {
            _ = (i % 4) switch
            {
                0 => text.Append("\"10.1.2.3\",").Append(40000 + i).Append(",\"93.184.216.34\",443,tcp\n"),
                1 => text.Append("\"81.2.69.142\",").Append(50000 + i).Append(",\"10.1.2.3\",3389,tcp\n"),
                2 => text.Append("\"10.9.8.7\",").Append(50000 + i).Append(",\"203.0.113.9\",4444,tcp\n"),
                _ => text.Append("\"2001:db8:ffff:ffff:ffff:ffff:ffff:1\",").Append(50000 + i).Append(",\"2001:db8:ffff:ffff:ffff:ffff:ffff:2\",445,tcp\n"),
            };
        }

        byte[] body = Encoding.ASCII.GetBytes(text.ToString());
        var command = new FlowRoleCommand();
        command.Configure(new CommandContext(command.Name, explanation ? ["explanation=true"] : [], null, null, null));
        long estimate = command.EstimateReplyBytes(body);

        var output = new ReplyBuffer(256);
        var reader = new SplunkCsvReader();
        var context = new ChunkContext(reader, new SplunkCsvWriter(output));
        context.Reset(1, false);
        reader.Reset(body);
        Assert.True(reader.ReadHeader());
        Assert.Equal(4_000, command.ProcessChunk(context));
        context.Output.Flush();
        int actual = output.WrittenSpan.Length;
        Assert.True(actual <= estimate, "the reply took " + actual + " bytes, the estimate was " + estimate);

        // And it is an estimate, not a blanket: within twice the reply.
        Assert.True(estimate < 2L * actual, "the estimate " + estimate + " is over twice the reply's " + actual + " bytes");
    }
}
