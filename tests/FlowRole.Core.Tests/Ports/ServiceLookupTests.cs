using System;
using System.Collections.Generic;
using System.Linq;
using FlowRole.Flows;
using FlowRole.Ports;
using Xunit;

namespace FlowRole.Tests.Ports;

public sealed class ServiceLookupTests
{
    private static readonly PortTable Table = PortTable.Default;

    private static string Pairs(IEnumerable<PortInfo> infos) =>
        string.Join(" ", infos.Select(i => i.Port + "/" + PortTable.TransportName(PortTable.TableOf(i.Transport))));

    [Theory]
    [InlineData("ssh", "22/tcp 22/udp 22/sctp")]
    [InlineData("domain", "53/tcp 53/udp")]
    [InlineData("ms-wbt-server", "3389/tcp 3389/udp")]
    [InlineData("wsman", "5985/tcp 5985/udp")]
    [InlineData("ssdp", "1900/tcp 1900/udp")]
    [InlineData("http-alt", "591/tcp 591/udp 8008/tcp 8008/udp 8080/tcp 8080/udp")]
    [InlineData("adws", "9389/tcp")]
    [InlineData("ircu", "6665/tcp 6666/tcp 6667/tcp 6668/tcp 6669/tcp")]
    [InlineData("active-net", "3322/tcp 3322/udp 3323/tcp 3323/udp 3324/tcp 3324/udp 3325/tcp 3325/udp")]
    [InlineData("nv-video", "4444/tcp 4444/udp")]        // shares 4444 with krb524, which is listed first
    [InlineData("nfs", "2049/tcp 2049/udp 2049/sctp")]  // shares 2049/tcp+udp with shilp
    [InlineData("EtherNet/IP-1", "2222/tcp 2222/udp")]  // legacy spelling kept beside EtherNet-IP-1
    public void Finds_iana_names(string name, string expected)
    {
        var found = Table.FindByService(name);

        Assert.Equal(expected, Pairs(found));
        Assert.All(found, i => Assert.Equal(name, i.ServiceName, ignoreCase: true));
    }

    [Fact]
    public void Extra_names_keep_their_own_description()
    {
        var nv = Assert.Single(Table.FindByService("nv-video"), i => i.Transport == Transport.Tcp);

        Assert.Equal("NV Video default", nv.Description);
        Assert.Equal("krb524", Table.GetServiceName(4444, Transport.Tcp));
    }

    [Theory]
    [InlineData("SSH")]
    [InlineData("Ms-Wbt-Server")]
    [InlineData("  ssh  ")]
    [InlineData("ethernet-ip-1")]
    public void Is_case_insensitive_and_ignores_surrounding_space(string name)
    {
        Assert.NotEmpty(Table.FindByService(name));
        Assert.Equal(Pairs(Table.FindByService(name.Trim().ToLowerInvariant())), Pairs(Table.FindByService(name)));
    }

    [Theory]
    [InlineData("rdp", "3389/tcp 3389/udp", "ms-wbt-server")]
    [InlineData("smb", "139/tcp 445/tcp", null)]
    [InlineData("winrm", "5985/tcp 5986/tcp 47001/tcp", null)]   // IANA's own winrm (47001) is kept
    [InlineData("dns", "53/tcp 53/udp 853/tcp 853/udp", null)]
    [InlineData("vnc", "5800/tcp 5900/tcp", null)]
    [InlineData("mssql", "1433/tcp 1434/udp", null)]
    [InlineData("postgres", "5432/tcp", "postgresql")]
    [InlineData("memcached", "11211/tcp 11211/udp", "memcache")]
    [InlineData("elasticsearch", "9200/tcp 9300/tcp", null)]
    [InlineData("netbios", "137/udp 138/udp 139/tcp", null)]
    [InlineData("rpc", "135/tcp 135/udp", "epmap")]
    [InlineData("tor", "9001/tcp 9030/tcp 9050/tcp 9051/tcp 9150/tcp", null)]
    [InlineData("syslog", "514/tcp 514/udp 601/tcp 6514/tcp 6514/udp", null)]
    [InlineData("irc", "194/tcp 194/udp 6665/tcp 6666/tcp 6667/tcp 6668/tcp 6669/tcp 6697/tcp", null)]
    [InlineData("RDP", "3389/tcp 3389/udp", "ms-wbt-server")]
    public void Finds_aliases(string alias, string expected, string? ianaName)
    {
        var found = Table.FindByService(alias);

        Assert.Equal(expected, Pairs(found));
        if (ianaName is not null)
        {
            Assert.All(found, i => Assert.Equal(ianaName, i.ServiceName));
        }

        // An alias's ports carry the port's own facts, exactly as Get reports them.
        Assert.All(found.Where(i => !string.Equals(i.ServiceName, alias, StringComparison.OrdinalIgnoreCase)), i =>
        {
            var direct = Table.Get(i.Port, i.Transport);
            Assert.Equal(direct.ServiceName, i.ServiceName);
            Assert.Equal(direct.Description, i.Description);
            Assert.Equal(direct.EphemeralOs, i.EphemeralOs);
        });
    }

    [Fact]
    public void Names_from_the_brief_all_resolve()
    {
        string[] typed =
        [
            "rdp", "smb", "winrm", "ldap", "ldaps", "kerberos", "dns", "http", "https", "ssh", "telnet", "vnc", "mssql",
            "mysql", "postgres", "redis", "mongodb", "elasticsearch", "memcached", "ntp", "snmp", "syslog", "smtp", "imap",
            "pop3", "ftp", "tftp", "nfs", "rpc", "epmap", "netbios", "irc", "tor",
        ];

        Assert.All(typed, name => Assert.NotEmpty(Table.FindByService(name)));
        Assert.Contains(Table.FindByService("ldap"), i => i.Port == 389 && i.Transport == Transport.Tcp && i.ServiceName == "ldap");
        Assert.Contains(Table.FindByService("kerberos"), i => i.Port == 88 && i.Transport == Transport.Udp);
    }

    [Fact]
    public void Unknown_names_give_an_empty_list_and_null_is_an_error()
    {
        Assert.Empty(Table.FindByService("no-such-service"));
        Assert.Empty(Table.FindByService(string.Empty));
        Assert.Throws<ArgumentNullException>(() => Table.FindByService(null!));
    }

    [Fact]
    public void Results_are_sorted_and_read_only()
    {
        var found = Table.FindByService("http");

        Assert.Equal(found.OrderBy(i => i.Port).ThenBy(i => (byte)i.Transport).Select(i => (i.Port, i.Transport)), found.Select(i => (i.Port, i.Transport)));
        var list = Assert.IsAssignableFrom<IList<PortInfo>>(found);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list.Add(default));
    }

    [Fact]
    public void Service_names_are_sorted_distinct_and_include_aliases()
    {
        var names = Table.ServiceNames;

        Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("ssh", names);
        Assert.Contains("ms-wbt-server", names);
        Assert.Contains("nv-video", names);
        Assert.Contains("rdp", names);
        Assert.Contains("tor", names);
        Assert.DoesNotContain("cookie-jar", names);       // registered without a port: nothing to find
        Assert.Empty(Table.FindByService("cookie-jar"));
        Assert.All(names, n => Assert.NotEmpty(Table.FindByService(n)));
        Assert.InRange(names.Count, 5000, 8000);
    }

    [Fact]
    public void Alias_table_is_well_formed()
    {
        var seen = new HashSet<(string, Transport, int)>();
        foreach (var alias in ServiceAliases.All)
        {
            Assert.Equal(alias.Name.ToLowerInvariant(), alias.Name);
            Assert.False(string.IsNullOrWhiteSpace(alias.Name));
            Assert.True(alias.FirstPort <= alias.LastPort, alias.Name);
            Assert.True(alias.Transport is Transport.Tcp or Transport.Udp or Transport.Sctp, alias.Name);
            for (int port = alias.FirstPort; port <= alias.LastPort; port++)
            {
                Assert.True(seen.Add((alias.Name, alias.Transport, port)), $"alias {alias.Name} lists {port}/{alias.Transport} twice");
            }
        }
    }
}
