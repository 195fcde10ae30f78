using FlowRole.Ports;
using Xunit;

namespace FlowRole.Tests.Text;

/// <summary>The client-OS hint at every boundary of the default ephemeral ranges (shared/data/knowledge/ephemeral_port_ranges.md).</summary>
public sealed class ClientOsHintTests
{
    [Theory]
    [InlineData(0, "0 is below 1024, where no operating system picks client ports by default")]
    [InlineData(1023, "1023 is below 1024, where no operating system picks client ports by default")]
    [InlineData(1024, "1024 is in the default client port range of OpenBSD (1024-49151): only OpenBSD picks such ports by default")]
    [InlineData(1025, "1025 is in the default client port ranges of Windows XP/Server 2003 (1025-5000) and OpenBSD (1024-49151): that points to an old Windows")]
    [InlineData(5000, "5000 is in the default client port ranges of Windows XP/Server 2003 (1025-5000) and OpenBSD (1024-49151): that points to an old Windows")]
    [InlineData(5001, "5001 is in the default client port range of OpenBSD (1024-49151): only OpenBSD")]
    [InlineData(9999, "9999 is in the default client port range of OpenBSD (1024-49151): only OpenBSD")]
    [InlineData(10000, "10000 is in the default client port ranges of FreeBSD (10000-65535) and OpenBSD (1024-49151): that points to FreeBSD")]
    [InlineData(32767, "32767 is in the default client port ranges of FreeBSD (10000-65535) and OpenBSD (1024-49151): that points to FreeBSD")]
    [InlineData(32768, "32768 is in the default client port ranges of Linux (32768-60999), FreeBSD (10000-65535) and OpenBSD (1024-49151): that points to Linux")]
    [InlineData(49151, "49151 is in the default client port ranges of Linux (32768-60999), FreeBSD (10000-65535) and OpenBSD (1024-49151): that points to Linux")]
    [InlineData(49152, "49152 is in the default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): it fits all of them")]
    [InlineData(60999, "60999 is in the default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): it fits all of them")]
    [InlineData(61000, "61000 is in the default client port ranges of Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): that points to Windows or macOS")]
    [InlineData(65535, "65535 is in the default client port ranges of Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): that points to Windows or macOS")]
    public void Hint_follows_the_port_table_ranges(int port, string start)
    {
        string hint = ClientOsHint.Describe((ushort)port);
        Assert.StartsWith(start, hint, System.StringComparison.Ordinal);
        Assert.EndsWith(".", hint, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Every_hint_is_worded_as_a_hint_not_a_fact()
    {
        Assert.Contains("hint", ClientOsHint.Caveat, System.StringComparison.Ordinal);
        Assert.Contains("NAT", ClientOsHint.Caveat, System.StringComparison.Ordinal);
        for (int port = 0; port <= ushort.MaxValue; port += 97)
        {
            string hint = ClientOsHint.Describe((ushort)port);
            Assert.DoesNotContain(" is a Windows", hint, System.StringComparison.Ordinal);
            Assert.DoesNotContain(" is Linux", hint, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reasons_list_is_unchanged_by_the_description()
    {
        var parsed = FlowRole.Text.AlertTextParser.Parse("Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443");
        FlowResult result = Classifier.Default.Classify(parsed.Record);
        var reasons = Classifier.Default.Explain(result);
        Assert.StartsWith("10.0.0.5:53210 is the client and 192.168.1.100:443 the server", reasons[0], System.StringComparison.Ordinal);
        Assert.Contains(reasons, r => r.StartsWith("The client port 53210/unknown lies in the dynamic range 49152-65535", System.StringComparison.Ordinal));
    }
}
