using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowRole.Flows;
using FlowRole.Ports;
using Microsoft.VisualBasic.FileIO;
using Xunit;

namespace FlowRole.Tests.Ports;

/// <summary>
/// Walks the whole IANA registry with a parser independent of FlowRole's (the framework's TextFieldParser) and checks
/// the embedded table against every row.
/// </summary>
public sealed class RegistryCoverageTests
{
    private static readonly Lazy<List<Row>> Rows = new(ReadRegistry);

    [Fact]
    public void Registry_has_the_documented_shape()
    {
        // SOURCE.md: 14,533 records (tcp 6,606, udp 6,356, sctp 93, dccp 11, 1,467 with no protocol), 12,809 named.
        var rows = Rows.Value;

        Assert.Equal(14533, rows.Count);
        Assert.Equal(6606, rows.Count(r => r.Transport == "tcp"));
        Assert.Equal(6356, rows.Count(r => r.Transport == "udp"));
        Assert.Equal(93, rows.Count(r => r.Transport == "sctp"));
        Assert.Equal(11, rows.Count(r => r.Transport == "dccp"));
        Assert.Equal(1467, rows.Count(r => r.Transport.Length == 0));
        Assert.Equal(12809, rows.Count(r => r.Name.Length != 0));
    }

    [Fact]
    public void Every_named_registry_row_with_a_port_is_found()
    {
        var table = PortTable.Default;
        var checkedPairs = 0;
        var failures = new List<string>();
        foreach (var row in Rows.Value.Where(r => r.Name.Length != 0 && r.Port.Length != 0))
        {
            var transports = row.Transport switch
            {
                "tcp" => new[] { Transport.Tcp },
                "udp" => new[] { Transport.Udp },
                "sctp" => new[] { Transport.Sctp },
                "" => new[] { Transport.Tcp, Transport.Udp },
                _ => Array.Empty<Transport>(),   // dccp: FlowRole keeps no DCCP table
            };

            var (first, last) = ParseRange(row.Port);
            var found = table.FindByService(row.Name);
            foreach (var transport in transports)
            {
                for (var port = first; port <= last; port++)
                {
                    checkedPairs++;
                    var info = table.Get((ushort)port, transport);
                    if (!info.IsAssigned)
                    {
                        failures.Add($"line {row.Line}: {row.Name} {port}/{transport} is unassigned in the table");
                    }

                    var match = found.Where(f => f.Port == port && f.Transport == transport).ToList();
                    if (match.Count != 1 || !string.Equals(match[0].ServiceName, row.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        failures.Add($"line {row.Line}: FindByService(\"{row.Name}\") lacks {port}/{transport}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(checkedPairs > 12000, $"only {checkedPairs} pairs checked");
    }

    [Fact]
    public void Primary_name_is_the_first_registered_and_descriptions_match()
    {
        var table = PortTable.Default;
        var seen = new HashSet<(int, Transport)>();
        var failures = new List<string>();
        foreach (var row in Rows.Value.Where(r => r.Name.Length != 0 && r.Port.Length != 0 && r.Transport is "tcp" or "udp" or "sctp"))
        {
            var transport = row.Transport switch { "tcp" => Transport.Tcp, "udp" => Transport.Udp, _ => Transport.Sctp };
            var (first, last) = ParseRange(row.Port);
            for (var port = first; port <= last; port++)
            {
                if (!seen.Add((port, transport)))
                {
                    continue;
                }

                var info = table.Get((ushort)port, transport);
                var description = Fold(row.Description);
                if (info.ServiceName != row.Name || info.Description != description)
                {
                    failures.Add($"line {row.Line}: {port}/{transport} is {info.ServiceName} '{info.Description}', registry says {row.Name} '{description}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Every_port_without_a_named_row_is_unassigned()
    {
        var named = new HashSet<(int, Transport)>();
        foreach (var row in Rows.Value.Where(r => r.Name.Length != 0 && r.Port.Length != 0))
        {
            var (first, last) = ParseRange(row.Port);
            for (var port = first; port <= last; port++)
            {
                switch (row.Transport)
                {
                    case "tcp": named.Add((port, Transport.Tcp)); break;
                    case "udp": named.Add((port, Transport.Udp)); break;
                    case "sctp": named.Add((port, Transport.Sctp)); break;
                    case "": named.Add((port, Transport.Tcp)); named.Add((port, Transport.Udp)); break;
                }
            }
        }

        var table = PortTable.Default;
        var assigned = 0;
        foreach (var transport in new[] { Transport.Tcp, Transport.Udp, Transport.Sctp })
        {
            for (var port = 0; port <= ushort.MaxValue; port++)
            {
                var isAssigned = table.Get((ushort)port, transport).IsAssigned;
                Assert.True(isAssigned == named.Contains((port, transport)), $"{port}/{transport}: table says assigned={isAssigned}");
                assigned += isAssigned ? 1 : 0;
            }
        }

        Assert.Equal(named.Count, assigned);
    }

    private static (int First, int Last) ParseRange(string text)
    {
        var parts = text.Split('-');
        var first = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        return (first, parts.Length == 1 ? first : int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static string? Fold(string text)
    {
        var folded = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return folded.Length == 0 ? null : folded;
    }

    private static List<Row> ReadRegistry()
    {
        using var parser = new TextFieldParser(TestPaths.InShared("iana", "service-names-port-numbers.csv"))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        Assert.Equal(new[] { "service_name", "port_number", "transport", "description" }, header.Take(4));

        var rows = new List<Row>();
        while (!parser.EndOfData)
        {
            var line = (int)parser.LineNumber;
            var f = parser.ReadFields()!;
            rows.Add(new Row(line, f[0], f[1], f[2], f[3]));
        }

        return rows;
    }

    private sealed record Row(int Line, string Name, string Port, string Transport, string Description);
}
