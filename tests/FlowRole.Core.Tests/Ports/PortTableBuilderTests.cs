using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Flows;
using FlowRole.Ports;
using Xunit;

namespace FlowRole.Tests.Ports;

/// <summary>The slot rules of <see cref="PortTableBuilder"/> on a small registry where every rule is visible.</summary>
public sealed class PortTableBuilderTests
{
    private const string Registry =
        "service_name,port_number,transport,description,assignee\n" +
        "alpha,10,tcp,Alpha,\n" +
        "beta,10,tcp,Beta,\n" +                          // second name on 10/tcp: an extra name
        "alpha,10,tcp,Alpha again,\n" +                  // same name twice on one slot: ignored
        "gamma,20-22,,Gamma,\n" +                        // no transport: TCP and UDP only
        ",20-30,,Unassigned,\n" +                        // unnamed, no transport: fills what is still empty
        ",40,udp,Reserved,\n" +
        "delta,40,dccp,Delta,\n" +                       // DCCP: skipped
        "eps,50,sctp,\"Multi\n  line, \"\"quoted\"\"\",\n" +
        "zeta,,tcp,No port,\n" +                         // registered without a port: not in the table
        "alpha,60,udp,Alpha on UDP,\n" +
        "gamma,21,tcp,Gamma TCP,\n";                    // explicit transport beats the transport-less row above

    private static PortTableBuilder Build() =>
        PortTableBuilder.FromRecords(IanaRegistryReader.Read(new StringReader(Registry), "test.csv"));

    [Fact]
    public void First_named_row_is_primary_and_later_names_are_extras()
    {
        var table = Build().BuildTable();

        Assert.Equal("alpha", table.GetServiceName(10, Transport.Tcp));
        Assert.Equal("Alpha", table.Get(10, Transport.Tcp).Description);
        var beta = Assert.Single(table.FindByService("beta"));
        Assert.Equal((ushort)10, beta.Port);
        Assert.Equal("Beta", beta.Description);
        Assert.Equal(new ushort[] { 10, 60 }, table.FindByService("alpha").Select(i => i.Port));
    }

    [Fact]
    public void Transport_less_names_cover_tcp_and_udp_and_yield_to_explicit_rows()
    {
        var table = Build().BuildTable();

        Assert.Equal("gamma", table.GetServiceName(20, Transport.Tcp));
        Assert.Equal("gamma", table.GetServiceName(22, Transport.Udp));
        Assert.Null(table.GetServiceName(20, Transport.Sctp));
        Assert.Equal("Unassigned", table.Get(20, Transport.Sctp).Description);
        Assert.Equal("Gamma TCP", table.Get(21, Transport.Tcp).Description);   // the explicit tcp row wins
        Assert.Equal("Gamma", table.Get(21, Transport.Udp).Description);
    }

    [Fact]
    public void Unnamed_rows_give_descriptions_only_where_nothing_is_named()
    {
        var table = Build().BuildTable();

        Assert.Equal("Unassigned", table.Get(23, Transport.Tcp).Description);
        Assert.Equal("Unassigned", table.Get(30, Transport.Udp).Description);
        Assert.Null(table.Get(31, Transport.Tcp).Description);
        Assert.Equal("Reserved", table.Get(40, Transport.Udp).Description);
        Assert.False(table.Get(40, Transport.Udp).IsAssigned);
        Assert.Null(table.Get(40, Transport.Tcp).Description);
        Assert.Empty(table.FindByService("delta"));
        Assert.Empty(table.FindByService("zeta"));
    }

    [Fact]
    public void Lookup_csv_is_sorted_quoted_and_lf_terminated()
    {
        var csv = Encoding.UTF8.GetString(Build().BuildLookupCsv());

        Assert.Equal(
            "port,transport,service,description,port_class,ephemeral_os\n" +
            "10,tcp,alpha,Alpha,well_known,\n" +
            "20,tcp,gamma,Gamma,well_known,\n" +
            "20,udp,gamma,Gamma,well_known,\n" +
            "21,tcp,gamma,Gamma TCP,well_known,\n" +
            "21,udp,gamma,Gamma,well_known,\n" +
            "22,tcp,gamma,Gamma,well_known,\n" +
            "22,udp,gamma,Gamma,well_known,\n" +
            "50,sctp,eps,\"Multi line, \"\"quoted\"\"\",well_known,\n" +
            "60,udp,alpha,Alpha on UDP,well_known,\n",
            csv);
    }

    [Fact]
    public void Binary_round_trips_and_is_deterministic()
    {
        var builder = Build();
        var binary = builder.BuildBinary();

        Assert.Equal(binary, Build().BuildBinary());
        Assert.Equal(builder.BuildPayload(), PortDataFormat.Unpack(binary, "test"));
        Assert.Equal(9, builder.AssignedCount);
        Assert.Equal(11, builder.RecordCount);
    }
}
