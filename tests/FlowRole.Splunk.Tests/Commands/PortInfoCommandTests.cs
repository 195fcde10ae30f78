using System;
using System.Collections.Generic;
using System.Linq;
using FlowRole.Flows;
using FlowRole.Ports;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Commands;

public sealed class PortInfoCommandTests
{
    private const string Cmd = PortInfoCommand.CommandName;

    [Fact]
    public void Adds_core_port_knowledge()
    {
        string body = CommandRun.Csv(["dest_port", "transport", "n"], ["443", "tcp", "0"], ["53", "udp", "1"], ["50000", "", "2"], ["", "tcp", "3"]);
        CommandRun run = CommandRun.Execute(Cmd, [], body);
        Assert.Equal(0, run.Host.ExitCode);
        Assert.Equal(["dest_port", "transport", "n"], run.RequiredFields.Take(1).Concat(run.RequiredFields.Skip(1).Take(1)).Append("n"));
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal(["0", "1", "2", "3"], records.Select(r => r["n"]));

        PortInfo https = PortTable.Default.Get(443, Transport.Tcp);
        Assert.Equal(https.ServiceName, records[0]["port_service"]);
        Assert.Equal(https.Description, records[0]["port_description"]);
        Assert.Equal("well_known", records[0]["port_class"]);
        Assert.Equal(PortTable.Default.Get(53, Transport.Udp).ServiceName, records[1]["port_service"]);

        // 50000 is an ephemeral port on several systems: a real multivalue.
        string[] oses = PortTable.EphemeralOsNames(PortTable.EphemeralOsOf(50000)).Split(' ');
        Assert.True(oses.Length > 1);
        Assert.Equal(string.Join("\n", oses), records[2]["port_ephemeral_os"]);
        Assert.Equal(string.Join(";", oses.Select(o => "$" + o + "$")), records[2]["__mv_port_ephemeral_os"]);
        Assert.Equal("dynamic", records[2]["port_class"]);

        Assert.Equal("", records[3]["port_service"]);
        Assert.Equal("", records[3]["port_error"]);
        Assert.Empty(run.Replies[1].Messages);
    }

    [Fact]
    public void Bad_ports_and_transports_are_record_errors_with_one_warn()
    {
        string body = CommandRun.Csv(["p", "proto"], ["99999", "tcp"], ["22", "warp"], ["22", "tcp"]);
        CommandRun run = CommandRun.Execute(Cmd, ["port=p", "transport=proto", "prefix=pi_"], body);
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal("p: '99999' is not a port (0-65535)", records[0]["pi_error"]);
        Assert.StartsWith("proto: 'warp' is not a transport", records[1]["pi_error"], StringComparison.Ordinal);
        Assert.Equal("", records[2]["pi_error"]);
        Assert.Equal(PortTable.Default.Get(22, Transport.Tcp).ServiceName, records[2]["pi_service"]);
        Assert.Contains("2 of 3 records", Assert.Single(run.Replies[1].Messages)[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("port=", "portinfo: option 'port' has an empty value")]
    [InlineData("colour=red", "portinfo: unknown option 'colour'; valid options are port, prefix, transport")]
    [InlineData("prefix=a b", "portinfo: prefix=a b: only letters")]
    public void Bad_arguments_are_fatal(string arg, string message)
    {
        CommandRun run = CommandRun.Execute(Cmd, [arg], CommandRun.Csv(["dest_port"], ["1"]));
        Assert.Equal(1, run.Host.ExitCode);
        Assert.StartsWith(message, Assert.Single(run.Replies).Error, StringComparison.Ordinal);
    }
}
