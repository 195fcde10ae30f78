using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FlowRole.Fields;
using FlowRole.Fuzzing;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Robustness;

/// <summary>
/// The Splunk command over generated exchanges (1-6 execute chunks of random flow tables, quoted as splunkd quotes,
/// malformed rows included): exactly one reply per request chunk with its finished flag echoed, each reply holding
/// every request record once, in order, with every input field byte for byte (except the fields FlowRole's output
/// replaces), and each record carrying either a classification or flowrole_error.
/// </summary>
public sealed class SplunkExchangeProperties
{
    private static readonly string[] Columns =
        ["src_ip", "src_port", "dest_ip", "dest_port", "transport", "protocol", "tcp_flags", "_time", "host", "note", "Ünï code", "a,b", "dup", "dup", "_raw"];

    private static readonly string[] Values =
        ["10.0.0.1", "192.168.1.20", "93.184.216.34", "2001:db8::1", "fe80::1%eth0", "10.0.0.256", "443", "53", "0", "65535", "70000", "tcp", "udp", "icmp",
         "6", "S", "SA", "SYN,ACK", "", "-", "ท", "😀 emoji", "a \"quoted\" word", "multi\nline", "cr\r\nlf", "=cmd|' /C calc'!A0", "x"];

    private static readonly HashSet<string> Replaced = OutputContract.AllFields.Select(OutputContract.NameOf).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("flowrole", 1)]
    [InlineData("passthrough", 2)]
    public void OneReplyPerRequestAndEveryRecordIntact(string command, int seed)
    {
        var random = new Random(seed);
        for (int exchange = 0; exchange < 150; exchange++)
        {
            var stream = new ScpStream().GetInfo();
            var requests = new List<(string[] Columns, List<string[]> Rows, bool Finished, bool Broken)>();
            int chunks = random.Next(1, 7);
            for (int c = 0; c < chunks; c++)
            {
                (string[] columns, List<string[]> rows) = Table(random);
                bool finished = c == chunks - 1;
                bool broken = rows.Count > 0 && random.Next(5) == 0;
                string body = rows.Count == 0 && random.Next(2) == 0 ? "" : Body(columns, rows, broken);
                stream.Execute(body, finished);
                requests.Add((columns, body.Length == 0 ? [] : rows, finished, broken));
            }

            HostRun run = HostRun.Execute(stream.ToArray(), command);
            string context = "exchange " + exchange + " (seed " + seed + ")";
            Assert.True(run.ExitCode == 0, context + ": exit " + run.ExitCode + ": " + run.Diagnostics);
            List<ReplyChunk> replies = run.Replies;
            Assert.True(replies.Count == requests.Count + 1, context + ": " + replies.Count + " replies to " + (requests.Count + 1) + " requests");
            for (int i = 0; i < requests.Count; i++)
            {
                CheckReply(requests[i], replies[i + 1], command, context + " chunk " + (i + 1));
            }
        }
    }

    private static void CheckReply((string[] Columns, List<string[]> Rows, bool Finished, bool Broken) request, ReplyChunk reply, string command, string context)
    {
        Assert.True(request.Finished == reply.Finished, context + ": finished not echoed");
        if (request.Rows.Count == 0)
        {
            Assert.True(reply.Body.Length == 0, context + ": a reply body for a request without records");
            return;
        }

        List<List<byte[]>> records = CsvRecords.Parse(reply.Body, crlf: true);
        Assert.True(records.Count == request.Rows.Count + 1, context + ": " + (records.Count - 1) + " records out, " + request.Rows.Count + " in");
        string[] header = records[0].Select(b => Encoding.UTF8.GetString(b)).ToArray();
        int[] kept = Enumerable.Range(0, request.Columns.Length).Where(c => command != "flowrole" || !Replaced.Contains(request.Columns[c])).ToArray();
        for (int k = 0; k < kept.Length; k++)
        {
            Assert.True(header[k] == request.Columns[kept[k]], context + ": reply column " + k + " is '" + header[k] + "', expected '" + request.Columns[kept[k]] + "'");
        }

        int error = Array.IndexOf(header, "flowrole_error");
        Assert.True(command != "flowrole" || error >= 0, context + ": no flowrole_error column");
        for (int r = 0; r < request.Rows.Count; r++)
        {
            List<byte[]> record = records[r + 1];
            Assert.True(record.Count == header.Length, context + ": record " + (r + 1) + " has " + record.Count + " fields, the header " + header.Length);
            bool brokenRow = request.Broken && r == request.Rows.Count - 1;
            for (int k = 0; k < kept.Length && !brokenRow; k++)
            {
                string expected = request.Rows[r][kept[k]];
                string actual = Encoding.UTF8.GetString(record[k]);
                Assert.True(expected == actual, context + ": record " + (r + 1) + " field '" + request.Columns[kept[k]] + "': in '" + expected + "', out '" + actual + "'");
            }

            if (brokenRow && command == "flowrole")
            {
                Assert.True(record[error].Length > 0, context + ": the malformed last record has no flowrole_error");
            }
        }
    }

    private static (string[] Columns, List<string[]> Rows) Table(Random random)
    {
        int width = random.Next(2, 8);
        var columns = new List<string>();
        while (columns.Count < width)
        {
            string name = Columns[random.Next(Columns.Length)];
            if (name == "dup" || !columns.Contains(name))
            {
                columns.Add(name);
            }
        }

        var rows = new List<string[]>();
        int count = random.Next(0, 15);
        for (int r = 0; r < count; r++)
        {
            rows.Add(columns.Select(_ => Values[random.Next(Values.Length)]).ToArray());
        }

        return (columns.ToArray(), rows);
    }

    /// <summary>splunkd's CSV: every name or value that is not purely alphanumeric quoted, LF record ends; optionally a last row cut off inside a quote.</summary>
    private static string Body(string[] columns, List<string[]> rows, bool broken)
    {
        static string Quote(string value) => value.Length > 0 && value.All(char.IsAsciiLetterOrDigit) ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var body = new StringBuilder(string.Join(",", columns.Select(Quote))).Append('\n');
        for (int r = 0; r < rows.Count; r++)
        {
            if (broken && r == rows.Count - 1)
            {
                body.Append("\"never closed,").Append(string.Join(",", rows[r].Skip(1).Select(_ => "x"))).Append('\n');
                continue;
            }

            body.Append(string.Join(",", rows[r].Select(Quote))).Append('\n');
        }

        return body.ToString();
    }
}
