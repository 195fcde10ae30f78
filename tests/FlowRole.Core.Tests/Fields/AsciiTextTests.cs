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
        // Room for a word (the one-store path: bytes after the digits may change), and exactly the digits' room
        // (the byte-wise path: nothing after them is touched).
        Span<byte> wide = stackalloc byte[16];
        Span<byte> exact = stackalloc byte[8];
        for (int port = 0; port <= ushort.MaxValue; port++)
        {
            string expected = port.ToString(CultureInfo.InvariantCulture);
            wide.Fill((byte)'x');
            Assert.True(AsciiText.TryFormatPort((ushort)port, wide, out int n));
            if (n != expected.Length || Encoding.ASCII.GetString(wide.Slice(0, n)) != expected || wide[8] != (byte)'x')
            {
                Assert.Fail($"port {port}: '{Encoding.ASCII.GetString(wide)}'");
            }

            exact.Fill((byte)'x');
            Assert.True(AsciiText.TryFormatPort((ushort)port, exact.Slice(0, expected.Length), out n));
            if (Encoding.ASCII.GetString(exact.Slice(0, n)) != expected || exact[n] != (byte)'x')
            {
                Assert.Fail($"port {port} in {expected.Length} bytes: '{Encoding.ASCII.GetString(exact)}'");
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
