using System;
using System.IO;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Roles;
using Xunit;

namespace FlowRole.Tests.Formats;

public class ListenerListParserTests
{
    [Fact]
    public void Parses_hosts_wildcards_ipv6_and_comments()
    {
        ListenerSet set = ListenerListParser.Parse(new StringReader("# web\n10.0.0.5:443/tcp\n\n*:53/udp  # dns anywhere\n[::1]:8080/TCP\n"), "l.txt");
        Assert.Equal(3, set.Count);
        Assert.True(set.Contains(new Endpoint(IpAddress.Parse("10.0.0.5"), 443), Transport.Tcp));
        Assert.False(set.Contains(new Endpoint(IpAddress.Parse("10.0.0.5"), 443), Transport.Udp));
        Assert.True(set.Contains(new Endpoint(IpAddress.Parse("192.0.2.1"), 53), Transport.Udp));
        Assert.True(set.Contains(new Endpoint(IpAddress.Parse("::1"), 8080), Transport.Tcp));
    }

    [Theory]
    [InlineData("10.0.0.5:443")]
    [InlineData("10.0.0.5/tcp")]
    [InlineData("::1:53/udp")]
    [InlineData("[::1:53/udp")]
    [InlineData("host:80/tcp")]
    [InlineData("10.0.0.5:70000/tcp")]
    [InlineData("10.0.0.5:80/xyz")]
    [InlineData("10.0.0.5:80/unknown")]
    public void Rejects_bad_entries_naming_the_line(string entry)
    {
        var ex = Assert.Throws<FormatException>(() => ListenerListParser.Parse(new StringReader("*:1/tcp\n" + entry + "\n"), "l.txt"));
        Assert.Equal("l.txt:2: '" + entry + "' is not a listener (host:port/transport, e.g. 10.0.0.5:443/tcp, *:53/udp, [::1]:8080/tcp)", ex.Message);
    }
}
