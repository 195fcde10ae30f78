using System;
using System.IO;
using FlowRole.Flows;
using FlowRole.Ports;
using Xunit;

namespace FlowRole.Tests.Ports;

public sealed class IanaRegistryReaderTests
{
    private const string Header = "service_name,port_number,transport,description\n";

    private static IanaRecord Single(string csv) => Assert.Single(IanaRegistryReader.Read(new StringReader(csv), "x.csv"));

    private static FormatException Error(string csv) =>
        Assert.Throws<FormatException>(() => IanaRegistryReader.Read(new StringReader(csv), "x.csv"));

    [Fact]
    public void Reads_a_plain_row()
    {
        var r = Single(Header + "ssh,22,tcp,The Secure Shell (SSH) Protocol\n");

        Assert.Equal("ssh", r.ServiceName);
        Assert.True(r.HasPort);
        Assert.Equal((ushort)22, r.FirstPort);
        Assert.Equal((ushort)22, r.LastPort);
        Assert.Equal(Transport.Tcp, r.Transport);
        Assert.Equal("The Secure Shell (SSH) Protocol", r.Description);
        Assert.Equal(2, r.Line);
    }

    [Fact]
    public void Reads_ranges_empty_names_empty_transports_and_missing_ports()
    {
        var rows = IanaRegistryReader.Read(new StringReader(Header +
            "x11,6000-6063,udp,X Window System\n" +
            ",225-241,,Reserved\n" +
            "bootp,,,\n" +
            "tcpmux,0-65535,sctp,whole range\n" +
            "exp1,1021,DCCP,Experiment\n"), "x.csv");

        Assert.Equal(5, rows.Count);
        Assert.Equal(((ushort)6000, (ushort)6063), (rows[0].FirstPort, rows[0].LastPort));
        Assert.Null(rows[1].ServiceName);
        Assert.Null(rows[1].Transport);
        Assert.False(rows[2].HasPort);
        Assert.Null(rows[2].Description);
        Assert.Equal(((ushort)0, (ushort)65535), (rows[3].FirstPort, rows[3].LastPort));
        Assert.Equal(IanaRegistryReader.Dccp, rows[4].Transport);
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_lines_are_counted()
    {
        var rows = IanaRegistryReader.Read(new StringReader(Header +
            "whoispp,63,tcp,\"whois++\r\nIANA assigned \"\"whoispp\"\", see notes\"\r\n" +
            "\n" +
            "next,64,udp,after\r\n"), "x.csv");

        Assert.Equal("whois++ IANA assigned \"whoispp\", see notes", rows[0].Description);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(5, rows[1].Line);   // the quoted line break and the blank line both count
    }

    [Fact]
    public void Accepts_ianas_own_header()
    {
        var r = Single("Service Name,Port Number,Transport Protocol,Description,Assignee\nhttp,80,tcp,World Wide Web HTTP,\n");

        Assert.Equal("http", r.ServiceName);
        Assert.Equal(Transport.Tcp, r.Transport);
    }

    [Fact]
    public void Folds_white_space()
    {
        Assert.Equal("a b c", IanaRegistryReader.FoldWhiteSpace("  a \n\t b   c \r\n"));
        Assert.Null(IanaRegistryReader.FoldWhiteSpace(" \n "));
    }

    [Theory]
    [InlineData("ssh,22x,tcp,d\n", "line 2", "'22x'")]
    [InlineData("ssh,65536,tcp,d\n", "line 2", "'65536'")]
    [InlineData("ssh,99999999999,tcp,d\n", "line 2", "port number")]
    [InlineData("ssh,-5,tcp,d\n", "line 2", "'-5'")]
    [InlineData("ssh,30-20,tcp,d\n", "line 2", "ends before it starts")]
    [InlineData("ssh,22,icmp,d\n", "line 2", "'icmp'")]
    [InlineData("ssh,22,tcp\n", "line 2", "expected 4 fields")]
    [InlineData("a,1,tcp,ok\nssh,22,tcp,d,extra\n", "line 3", "found 5")]
    [InlineData("ssh,22,tcp,\"never closed\n", "line 2", "never closed")]
    [InlineData("ssh,22,tcp,\"x\"y\n", "line 2", "after a closing quote")]
    [InlineData("ssh,22,tcp,a\"b\n", "line 2", "quote inside an unquoted field")]
    public void Bad_rows_are_named_by_line(string body, string where, string what)
    {
        var ex = Error(Header + body);

        Assert.Contains("x.csv, " + where, ex.Message);
        Assert.Contains(what, ex.Message);
    }

    [Fact]
    public void Missing_header_columns_and_empty_files_are_errors()
    {
        Assert.Contains("'transport'", Error("service_name,port_number,description\nssh,22,d\n").Message);
        Assert.Contains("empty", Error(string.Empty).Message);
    }

    [Fact]
    public void Missing_registry_file_names_the_folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "flowrole-no-iana-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => PortTableBuilder.FromIanaDirectory(dir));
            Assert.Contains(dir, ex.Message);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
