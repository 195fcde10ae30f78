using System;
using System.Diagnostics;
using System.Threading.Tasks;
using FlowRole.Flows;
using FlowRole.Ports;
using Xunit;

namespace FlowRole.Tests.Ports;

public sealed class PortTableTests
{
    private static readonly PortTable Table = PortTable.Default;

    [Theory]
    [InlineData(22, Transport.Tcp, "ssh", "The Secure Shell (SSH) Protocol")]
    [InlineData(22, Transport.Sctp, "ssh", "SSH")]
    [InlineData(53, Transport.Udp, "domain", "Domain Name Server")]
    [InlineData(443, Transport.Tcp, "https", "http protocol over TLS/SSL")]
    [InlineData(3389, Transport.Tcp, "ms-wbt-server", "MS WBT Server")]
    [InlineData(5985, Transport.Tcp, "wsman", "WBEM WS-Management HTTP")]
    [InlineData(5986, Transport.Tcp, "wsmans", "WBEM WS-Management HTTP over TLS/SSL")]
    [InlineData(1900, Transport.Udp, "ssdp", "SSDP")]
    [InlineData(445, Transport.Tcp, "microsoft-ds", "Microsoft-DS")]
    [InlineData(9389, Transport.Tcp, "adws", "Active Directory Web Services")]
    [InlineData(8080, Transport.Tcp, "http-alt", "HTTP Alternate (see port 80)")]
    [InlineData(4444, Transport.Tcp, "krb524", "KRB524")] // first in registry order; nv-video is an extra name
    [InlineData(6000, Transport.Tcp, "x11", "X Window System")]  // range 6000-6063
    [InlineData(6031, Transport.Udp, "x11", "X Window System")]
    [InlineData(6063, Transport.Tcp, "x11", "X Window System")]
    [InlineData(6667, Transport.Tcp, "ircu", "IRCU")]           // range 6665-6669
    [InlineData(3324, Transport.Udp, "active-net", "Active Networks")] // range listed without a transport
    [InlineData(27005, Transport.Tcp, "flex-lm", "FLEX LM (1-10)")]
    [InlineData(47808, Transport.Udp, "bacnet", "Building Automation and Control Networks")]
    public void Registry_spot_checks(int port, Transport transport, string name, string description)
    {
        var info = Table.Get((ushort)port, transport);

        Assert.Equal(name, info.ServiceName);
        Assert.Equal(description, info.Description);
        Assert.True(info.IsAssigned);
        Assert.Equal((ushort)port, info.Port);
        Assert.Equal(transport, info.Transport);
        Assert.Equal(name, Table.GetServiceName((ushort)port, transport));
    }

    [Fact]
    public void Multi_line_description_is_folded_to_one_line()
    {
        var info = Table.Get(63, Transport.Tcp);

        Assert.Equal("whoispp", info.ServiceName);
        Assert.Equal("whois++ IANA assigned this well-formed service name as a replacement for \"whois++\".", info.Description);
    }

    [Theory]
    [InlineData(0, Transport.Tcp, "Reserved")]
    [InlineData(1023, Transport.Udp, "Reserved")]
    [InlineData(1024, Transport.Tcp, "Reserved")]
    [InlineData(49151, Transport.Tcp, "Reserved")]     // no transport in the registry: all tables
    [InlineData(230, Transport.Sctp, "Reserved")]      // inside 225-241
    [InlineData(24, Transport.Tcp, "any private mail system")]
    [InlineData(2380, Transport.Udp, "Reserved")]      // etcd-server is tcp only
    public void Reserved_and_unnamed_ports_have_a_description_but_no_name(int port, Transport transport, string description)
    {
        var info = Table.Get((ushort)port, transport);

        Assert.False(info.IsAssigned);
        Assert.Null(info.ServiceName);
        Assert.Equal(description, info.Description);
    }

    [Theory]
    [InlineData(4, Transport.Tcp, "Unassigned")]
    [InlineData(8, Transport.Udp, "Unassigned")]
    [InlineData(51820, Transport.Udp, null)]   // WireGuard's default: the dynamic range has no registry rows
    [InlineData(50501, Transport.Tcp, null)]
    [InlineData(65535, Transport.Udp, null)]
    [InlineData(9030, Transport.Tcp, "Unassigned")]
    public void Unassigned_ports(int port, Transport transport, string? description)
    {
        var info = Table.Get((ushort)port, transport);

        Assert.False(info.IsAssigned);
        Assert.Null(info.ServiceName);
        Assert.Null(Table.GetServiceName((ushort)port, transport));
        Assert.Equal(description, info.Description);
    }

    [Fact]
    public void Tables_are_per_transport()
    {
        Assert.Equal("ddi-tcp-1", Table.GetServiceName(8888, Transport.Tcp));
        Assert.Equal("ddi-udp-1", Table.GetServiceName(8888, Transport.Udp));
        Assert.Equal("shell", Table.GetServiceName(514, Transport.Tcp));
        Assert.Equal("syslog", Table.GetServiceName(514, Transport.Udp));
        Assert.Null(Table.GetServiceName(3389, Transport.Sctp));
        Assert.Equal("redis", Table.GetServiceName(6379, Transport.Tcp));
        Assert.Null(Table.GetServiceName(6379, Transport.Udp));
    }

    [Theory]
    [InlineData(Transport.Unknown)]
    [InlineData((Transport)33)]   // DCCP
    public void Other_port_bearing_transports_use_tcp_facts(Transport transport)
    {
        var info = Table.Get(3389, transport);

        Assert.Equal("ms-wbt-server", info.ServiceName);
        Assert.Equal(transport, info.Transport);
        Assert.Equal("ssh", Table.GetServiceName(22, transport));
        Assert.Equal(EphemeralOs.Windows | EphemeralOs.MacOs | EphemeralOs.Linux | EphemeralOs.FreeBsd, Table.Get(50000, transport).EphemeralOs);
    }

    [Fact]
    public void Udp_lite_uses_udp_facts()
    {
        var udpLite = (Transport)136;

        Assert.Equal("syslog", Table.GetServiceName(514, udpLite));
        Assert.Equal("ddi-udp-1", Table.Get(8888, udpLite).ServiceName);
    }

    [Theory]
    [InlineData(Transport.Icmp)]
    [InlineData(Transport.IcmpV6)]
    [InlineData((Transport)47)]   // GRE
    [InlineData((Transport)50)]   // ESP
    public void Transports_without_ports_have_no_port_facts(Transport transport)
    {
        var info = Table.Get(443, transport);

        Assert.False(info.IsAssigned);
        Assert.Null(info.Description);
        Assert.Equal(EphemeralOs.None, info.EphemeralOs);
        Assert.Equal(transport, info.Transport);
        Assert.Null(Table.GetServiceName(443, transport));
        Assert.Equal(EphemeralOs.None, Table.Get(50000, transport).EphemeralOs);
    }

    [Theory]
    [InlineData(0, PortClass.WellKnown)]
    [InlineData(1023, PortClass.WellKnown)]
    [InlineData(1024, PortClass.Registered)]
    [InlineData(49151, PortClass.Registered)]
    [InlineData(49152, PortClass.Dynamic)]
    [InlineData(65535, PortClass.Dynamic)]
    public void Class_boundaries(int port, PortClass expected)
    {
        Assert.Equal(expected, PortTable.ClassOf((ushort)port));
        Assert.Equal(expected, Table.Get((ushort)port, Transport.Tcp).Class);
    }

    [Theory]
    [InlineData(0, EphemeralOs.None)]
    [InlineData(1023, EphemeralOs.None)]
    [InlineData(1024, EphemeralOs.OpenBsd)]
    [InlineData(1025, EphemeralOs.OpenBsd | EphemeralOs.WindowsLegacy)]
    [InlineData(5000, EphemeralOs.OpenBsd | EphemeralOs.WindowsLegacy)]
    [InlineData(5001, EphemeralOs.OpenBsd)]
    [InlineData(9999, EphemeralOs.OpenBsd)]
    [InlineData(10000, EphemeralOs.OpenBsd | EphemeralOs.FreeBsd)]
    [InlineData(32767, EphemeralOs.OpenBsd | EphemeralOs.FreeBsd)]
    [InlineData(32768, EphemeralOs.OpenBsd | EphemeralOs.FreeBsd | EphemeralOs.Linux)]
    [InlineData(49151, EphemeralOs.OpenBsd | EphemeralOs.FreeBsd | EphemeralOs.Linux)]
    [InlineData(49152, EphemeralOs.FreeBsd | EphemeralOs.Linux | EphemeralOs.Windows | EphemeralOs.MacOs)]
    [InlineData(60999, EphemeralOs.FreeBsd | EphemeralOs.Linux | EphemeralOs.Windows | EphemeralOs.MacOs)]
    [InlineData(61000, EphemeralOs.FreeBsd | EphemeralOs.Windows | EphemeralOs.MacOs)]
    [InlineData(65535, EphemeralOs.FreeBsd | EphemeralOs.Windows | EphemeralOs.MacOs)]
    public void Ephemeral_os_boundaries(int port, EphemeralOs expected)
    {
        Assert.Equal(expected, PortTable.EphemeralOsOf((ushort)port));
        Assert.Equal(expected, Table.Get((ushort)port, Transport.Udp).EphemeralOs);
    }

    [Fact]
    public void Ephemeral_ranges_have_the_documented_sizes()
    {
        // Sizes from shared/data/knowledge/ephemeral_port_ranges.md: a whole-range check catches an off-by-one anywhere.
        var counts = new int[6];
        for (var port = 0; port <= ushort.MaxValue; port++)
        {
            var os = PortTable.EphemeralOsOf((ushort)port);
            for (var bit = 0; bit < counts.Length; bit++)
            {
                if (((int)os & (1 << bit)) != 0)
                {
                    counts[bit]++;
                }
            }
        }

        Assert.Equal(new[] { 28232, 16384, 3976, 16384, 55536, 48128 }, counts);
    }

    [Fact]
    public void Names_of_classes_and_os_sets()
    {
        Assert.Equal("well_known", PortTable.ClassName(PortClass.WellKnown));
        Assert.Equal("registered", PortTable.ClassName(PortClass.Registered));
        Assert.Equal("dynamic", PortTable.ClassName(PortClass.Dynamic));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortTable.ClassName((PortClass)7));

        Assert.Equal(string.Empty, PortTable.EphemeralOsNames(EphemeralOs.None));
        Assert.Equal("linux windows macos freebsd", PortTable.EphemeralOsNames(PortTable.EphemeralOsOf(50000)));
        Assert.Equal("windows-legacy openbsd", PortTable.EphemeralOsNames(PortTable.EphemeralOsOf(3000)));
        Assert.Equal("linux windows windows-legacy macos freebsd openbsd", PortTable.EphemeralOsNames((EphemeralOs)63));
        Assert.Same(PortTable.EphemeralOsNames(EphemeralOs.Linux), PortTable.EphemeralOsNames(EphemeralOs.Linux));
    }

    [Fact]
    public void Lookups_by_number_allocate_nothing()
    {
        // Warm up first so JIT and the lazy load are not counted.
        _ = Table.Get(443, Transport.Tcp);
        _ = Table.GetServiceName(443, Transport.Tcp);
        _ = PortTable.EphemeralOsNames(EphemeralOs.Linux);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var named = 0;
        for (var port = 0; port <= ushort.MaxValue; port++)
        {
            var p = (ushort)port;
            if (Table.GetServiceName(p, Transport.Tcp) is not null)
            {
                named++;
            }

            var info = Table.Get(p, Transport.Udp);
            named += info.IsAssigned ? 1 : 0;
            named += PortTable.EphemeralOsNames(info.EphemeralOs).Length;
            _ = Table.Get(p, Transport.Icmp);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(named > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Default_is_one_instance_across_threads()
    {
        var tables = new PortTable[8];
        Parallel.For(0, tables.Length, i => tables[i] = PortTable.Default);

        Assert.All(tables, t => Assert.Same(PortTable.Default, t));
    }

    [Fact]
    public void Embedded_table_is_small_and_loads_fast()
    {
        var bytes = PortTable.ReadEmbeddedBytes();
        Assert.InRange(bytes.Length, 50_000, 512 * 1024);

        // Warm the code paths, then time a fresh load; the budget is 50 ms, asserted with headroom for a busy machine.
        _ = PortTable.FromBinary(bytes, "warm-up");
        var watch = Stopwatch.StartNew();
        var table = PortTable.FromBinary(PortTable.ReadEmbeddedBytes(), "timed");
        watch.Stop();

        Assert.Equal("https", table.GetServiceName(443, Transport.Tcp));
        Assert.True(watch.ElapsedMilliseconds < 250, $"loading the port table took {watch.ElapsedMilliseconds} ms");
    }
}
