using System.IO;
using System.Text;
using FlowRole.Splunk.Protocol;
using Xunit;

namespace FlowRole.Splunk.Tests.Protocol;

public sealed class ChunkWriterTests
{
    [Fact]
    public void Writes_the_exact_splunklib_framing()
    {
        var output = new MemoryStream();
        var writer = new ChunkWriter(output);
        writer.Write("{\"finished\":true}"u8, default);
        writer.Write("{}"u8, Encoding.UTF8.GetBytes("a\r\nท\r\n"));
        Assert.Equal("chunked 1.0,17,0\n{\"finished\":true}chunked 1.0,2,8\n{}a\r\nท\r\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(2, writer.ChunksWritten);
    }

    [Fact]
    public void Header_formats_large_lengths()
    {
        byte[] header = new byte[64];
        int n = ChunkWriter.FormatHeader(header, 1234567, int.MaxValue);
        Assert.Equal("chunked 1.0,1234567,2147483647\n", Encoding.ASCII.GetString(header, 0, n));
    }
}
