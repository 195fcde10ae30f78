using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Tests.Roles;

/// <summary>One row of ../shared/data/flows/zeek-conn-labelled.tsv, as the accuracy protocol presents it.</summary>
internal sealed record LabelledFlow(FlowRecord Record, bool OrigIsClient, bool Reversed, string Tier, string Proto, string Service)
{
    /// <summary>True when the row's label is usable (client_side is orig or resp).</summary>
    public bool Labelled => Tier is "handshake" or "flip_evidence" or "app";

    /// <summary>True when, as presented, the record's source is the real client.</summary>
    public bool SourceIsClient => OrigIsClient != Reversed;
}

/// <summary>
/// Loads the labelled flows the way the protocol says: each flow in a random orientation (seeded), history and
/// conn_state hidden unless asked for.
/// </summary>
internal static class LabelledFlows
{
    public const int Seed = 20240601;

    public static IReadOnlyList<LabelledFlow> Load(bool withHistory, int seed = Seed)
    {
        var random = new Random(seed);
        var rows = new List<LabelledFlow>(11000);
        using var reader = new StreamReader(TestPaths.InShared("flows", "zeek-conn-labelled.tsv"));
        string[] header = reader.ReadLine()!.Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        int proto = Col("proto"), origH = Col("orig_h"), origP = Col("orig_p"), respH = Col("resp_h"), respP = Col("resp_p");
        int history = Col("history"), state = Col("conn_state"), clientSide = Col("client_side"), tier = Col("label_tier");
        int origBytes = Col("orig_bytes"), respBytes = Col("resp_bytes"), origPkts = Col("orig_pkts"), respPkts = Col("resp_pkts");
        int service = Col("service");

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            string[] f = line.Split('\t');
            var transport = f[proto] switch
            {
                "tcp" => Transport.Tcp,
                "udp" => Transport.Udp,
                "icmp" => f[origH].Contains(':', StringComparison.Ordinal) ? Transport.IcmpV6 : Transport.Icmp,
                _ => Transport.Unknown,
            };
            var record = new FlowRecord(
                IpAddress.Parse(f[origH]), ushort.Parse(f[origP], CultureInfo.InvariantCulture),
                IpAddress.Parse(f[respH]), ushort.Parse(f[respP], CultureInfo.InvariantCulture), transport)
            {
                Volume = new FlowVolume(Count(f[origBytes]), Count(f[respBytes]), Count(f[origPkts]), Count(f[respPkts])),
            };
            if (withHistory)
            {
                ZeekHistory.TryParse(f[history], out var h);
                record = record with { History = h, ConnState = Enum.TryParse<ConnState>(f[state], out var s) ? s : ConnState.None };
            }

            // Draw for every row so the orientation of a row does not depend on which rows are filtered later.
            bool reverse = random.Next(2) == 1;
            if (reverse)
            {
                // Reverse() swaps the history's case and drops conn_state, which cannot be re-expressed.
                record = record.Reverse();
            }

            rows.Add(new LabelledFlow(record, f[clientSide] == "orig", reverse, f[tier], f[proto], f[service]));
        }

        return rows;
    }

    private static long Count(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : -1;
}
