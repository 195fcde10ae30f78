using System;
using System.Globalization;
using System.Text;
using FlowRole.Fields;
using Xunit;

namespace FlowRole.Tests.Fields;

public class AsciiTextTests
{
    [Fact]
    public void Every_port_formats_as_its_invariant_decimal_text()
    {
        Span<byte> buffer = stackalloc byte[8];
        for (int port = 0; port <= ushort.MaxValue; port++)
        {
            buffer.Fill((byte)'x');
            Assert.True(AsciiText.TryFormatPort((ushort)port, buffer, out int n));
            string expected = port.ToString(CultureInfo.InvariantCulture);
            if (Encoding.ASCII.GetString(buffer.Slice(0, n)) != expected || buffer[n] != (byte)'x')
            {
                Assert.Fail($"port {port}: '{Encoding.ASCII.GetString(buffer)}'");
            }
        }
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(42, 1)]
    [InlineData(443, 2)]
    [InlineData(3389, 3)]
    [InlineData(65535, 4)]
    public void A_port_that_does_not_fit_writes_nothing(int port, int room)
    {
        byte[] buffer = new byte[room];
        Assert.False(AsciiText.TryFormatPort((ushort)port, buffer, out int n));
        Assert.Equal(0, n);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }
}
