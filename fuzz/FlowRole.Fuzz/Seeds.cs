using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace FlowRole.Fuzzing;

/// <summary>
/// Writes the seed corpora: small, real inputs per target from the repository's samples and ../shared/data (Splunk
/// recordings trimmed and re-framed, labelled Zeek flows, Community ID vectors, IANA blocks), plus hand-made edge
/// cases. AFL++ works best from small seeds, so large sources are cut to a few KB.
/// </summary>
internal static class Seeds
{
    private const int MaxSeedBytes = 8 * 1024;

    public static int Write(string repository, string corpus)
    {
        string samples = Path.Combine(repository, "samples");
        string shared = Path.GetFullPath(Path.Combine(repository, "..", "shared", "data"));
        var seeds = new Dictionary<string, List<(string Name, byte[] Data)>>(StringComparer.Ordinal);
        void Add(string target, string name, byte[] data) =>
            (seeds.TryGetValue(target, out var list) ? list : seeds[target] = new()).Add((name, data));
        void AddText(string target, string name, string text) => Add(target, name, Encoding.UTF8.GetBytes(text));

        // Addresses and blocks: hand-made edge cases, the Community ID vectors' addresses, the IANA special blocks.
        string[] addresses =
        [
            "10.0.0.1", "010.001.002.003", "255.255.255.255", "0.0.0.0", "::", "::1", "fe80::1%eth0", "fe80::1%4", "[2001:db8::1]",
            "[fe80::1%eth0]", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "2001:db8:0:0:0:0:2:1", "2001:DB8::A:B:C:D", "1.2.3", "1.2.3.4.5",
            "256.1.1.1", "1::2::3", "12345::1", "10.0.0.0/8", "2001:db8::/32", "10.0.0.1/8", "0.0.0.0/0", "::/0", "1.2.3.4/33",
            "10.0.0.0/8, 192.168.0.0/16,fd00::/8", "100.64.0.0/10,,", " 172.16.0.0/12 ",
        ];
        foreach (string text in addresses)
        {
            AddText("address", "edge-" + Slug(text), text);
        }

        foreach (string line in File.ReadLines(Path.Combine(shared, "community-id", "community_id_test_vectors.tsv")).Skip(1).Take(12))
        {
            string[] f = line.Split('\t');
            AddText("address", "cid-" + Slug(f[4]), f[4]);
        }

        foreach (string file in new[] { "iana-ipv4-special-registry-1.snapshot-2026-07-18.csv", "iana-ipv6-special-registry-1.snapshot-2026-07-18.csv" })
        {
            foreach (string line in File.ReadLines(Path.Combine(shared, "iana", file)).Skip(1).Take(8))
            {
                string block = line.Split(',')[0].Trim('"').Split(' ')[0];
                AddText("address", "iana-" + Slug(block), block);
            }
        }

        // Flow values: every spelling the parsers document, and real Zeek histories.
        string[] values =
        [
            "S", "SA", ".A..S.", "SYN,ACK", "syn ack", "SYN|ACK", "0x12", "0X002", "18", "[S.]", "[none]", "[S]", "PUSH", "RESET",
            "tcp", "UDP", "ipv6-icmp", "icmp6", "sctp", "gre", "6", "255", "unknown_transport", "S0", "rstos0", "SHR", "OTH",
            "true", "FALSE", "1", "0", "65535", "443", " 80 ", "9223372036854775807", "-", "^dA", "ShADadFf", "^hADadfF", "Dd^",
        ];
        foreach (string text in values)
        {
            AddText("values", "edge-" + Slug(text), text);
        }

        foreach (string history in File.ReadLines(Path.Combine(shared, "flows", "zeek-conn-labelled.tsv")).Skip(1)
            .Select(l => l.Split('\t')[7]).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).Take(30))
        {
            AddText("values", "history-" + Slug(history), history);
        }

        // Policies: the samples, the embedded default, and files with typical mistakes.
        foreach (string file in Directory.GetFiles(Path.Combine(samples, "policies"), "*.json"))
        {
            Add("policy", "sample-" + Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file));
        }

        Add("policy", "default-policy", File.ReadAllBytes(Path.Combine(repository, "src", "FlowRole.Core", "Policy", "Data", "default-policy.json")));
        AddText("policy", "bad-port", "{\"version\":1,\"rules\":[{\"id\":\"MY-X\",\"title\":\"x\",\"severity\":\"high\",\"server_ports\":\"70000\"}]}");
        AddText("policy", "comments", "// site policy\n{\"version\": 1, /* keep */ \"threshold\": \"low\", \"disable\": [\"FR-RDP-EXTERNAL\"],}\n");
        AddText("policy", "allow", "{\"version\":1,\"extends\":\"none\",\"rules\":[{\"id\":\"A-1\",\"title\":\"t\",\"severity\":\"low\",\"server_ports\":[\"22\",\"2222-2230\"],"
            + "\"transport\":\"tcp\",\"client_scope\":\"global\",\"direction\":\"inbound\"}],\"allow\":[{\"rules\":\"*\",\"client\":\"10.0.0.0/8\"}],"
            + "\"internal_networks\":[\"10.0.0.0/8\",\"fd00::/8\"]}");

        // Alert lines: every line of samples/alerts.txt, and every alert-like string the Text unit tests read.
        int alert = 0;
        foreach (string line in File.ReadLines(Path.Combine(samples, "alerts.txt")).Where(l => l.Trim().Length > 0))
        {
            AddText("alert-text", "sample-" + (++alert).ToString("D2", CultureInfo.InvariantCulture) + "-" + Slug(line), line);
        }

        var alertLines = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(Path.Combine(repository, "tests", "FlowRole.Core.Tests", "Text"), "*.cs").Order(StringComparer.Ordinal))
        {
            foreach (string line in TestStrings(File.ReadAllText(file)).Where(t => t.Length >= 7 && t.Any(char.IsAsciiDigit) && (t.Contains('.') || t.Contains(':'))))
            {
                if (alertLines.Add(line))
                {
                    AddText("alert-text", "test-" + alertLines.Count.ToString("D3", CultureInfo.InvariantCulture) + "-" + Slug(line), line);
                }
            }
        }

        // Log formats: the repository's samples, and real flows cut to a few KB.
        Add("csv", "sample-flows", File.ReadAllBytes(Path.Combine(samples, "flows.csv")));
        Add("csv", "sample-sysmon", File.ReadAllBytes(Path.Combine(samples, "windows", "sysmon-network.csv")));
        AddText("csv", "quoted", "src_ip,src_port,dest_ip,dest_port,transport,note\r\n\"10.0.0.1\",\"5000\",\"10.0.0.2\",80,tcp,\"a \"\"quoted\"\"\nline\"\r\n"
            + "10.0.0.3,1,10.0.0.4,22,tcp,x,extra\r\n\"unterminated,1,2\n");
        string labelled = Head(Path.Combine(shared, "flows", "zeek-conn-labelled.tsv"), 24);
        AddText("tsv", "labelled-flows", labelled);
        AddText("tsv", "community-id-vectors", Head(Path.Combine(shared, "community-id", "community_id_test_vectors.tsv"), 16));
        Add("zeek", "sample-conn", File.ReadAllBytes(Path.Combine(samples, "zeek", "conn.log")));
        AddText("zeek", "two-headers", "#separator \\x09\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\thistory\n1\t10.0.0.1\t5353\t224.0.0.251\t5353\tudp\tD\n"
            + "#fields\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\n10.0.0.2\t50000\t10.0.0.3\t445\ttcp\tS0\n#close\t2026\n");
        Add("zeek-json", "sample-conn", File.ReadAllBytes(Path.Combine(samples, "zeek", "conn.json")));
        AddText("zeek-json", "nested", "[{\"id\":{\"orig_h\":\"10.0.0.1\",\"orig_p\":5000,\"resp_h\":\"10.0.0.2\",\"resp_p\":22},\"proto\":\"tcp\",\"history\":\"ShAD\"},\n"
            + "{\"id.orig_h\":\"::1\",\"id.orig_p\":1,\"id.resp_h\":\"::1\",\"id.resp_p\":2,\"proto\":\"udp\",\"tags\":[1,2],\"x\":{}}, {\"bad\": }\n{\"after\":\"error\"}]");
        Add("eve", "sample-eve", File.ReadAllBytes(Path.Combine(samples, "suricata", "eve.json")));
        Add("eve", "tcp-connections", File.ReadAllBytes(Path.Combine(samples, "windows", "tcp-connections.json")));
        Add("w3c", "sample-pfirewall", File.ReadAllBytes(Path.Combine(samples, "windows", "pfirewall.log")));
        foreach (string target in new[] { "csv", "zeek", "zeek-json", "eve", "w3c" })
        {
            (string name, byte[] data) = seeds[target][0];
            Add("auto", target + "-" + name, data);
        }

        AddText("auto", "tsv-labelled-flows", labelled);

        // Splunk: bodies as splunkd writes them, whole exchanges, and the recordings cut down and re-framed.
        string flowsBody = SplunkCsv(File.ReadAllText(Path.Combine(samples, "flows.csv")));
        AddText("scp-csv", "flows", flowsBody);
        byte[] countmatches = Gunzip(Path.Combine(shared, "splunk-scpv2", "recordings-splunk-6.3", "Splunk-6.3", "countmatches.input.gz"));
        byte[] multibyte = Gunzip(Path.Combine(shared, "splunk-scpv2", "splunk-8.0.3", "multibyte_input.gz"));
        List<(byte[] Metadata, byte[] Body)> countChunks = Chunks(countmatches);
        List<(byte[] Metadata, byte[] Body)> multiChunks = Chunks(multibyte);
        byte[] countBody = CutRows(countChunks[1].Body, 3000);
        byte[] multiBody = CutRows(multiChunks[1].Body, 1500);
        Add("scp-csv", "countmatches", countBody);
        Add("scp-csv", "multibyte", multiBody);
        AddText("scp-csv", "mv-columns", "src_ip,dest_ip,dest_port,__mv_src_ip\n\"10.0.0.1\n10.0.0.2\",10.0.0.9,22,\"$10.0.0.1$;$10.0.0.2$\"\r\n,,,\n\"broken\"x,1\n");

        byte[] getinfo = GetInfo("flowrole");
        AddScp("flowrole-sample", Frame(getinfo, []), Frame(Execute(false), Encoding.UTF8.GetBytes(flowsBody)), Frame(Execute(true), []));
        AddScp("flowrole-args", Frame(GetInfo("flowrole", "src=src_ip", "dest_port=dest_port", "prefix=fr_", "only_suspicious=true", "internal=10.0.0.0/8"), []),
            Frame(Execute(true), Encoding.UTF8.GetBytes(flowsBody)));
        AddScp("portinfo", Frame(GetInfo("portinfo", "port=dest_port"), []), Frame(Execute(true), Encoding.UTF8.GetBytes("dest_port\n443\n3389\nx\n")));
        AddScp("countmatches", Frame(Rewrite(countChunks[0].Metadata), []), Frame(countChunks[1].Metadata, countBody));
        AddScp("multibyte", Frame(Rewrite(multiChunks[0].Metadata), []), Frame(multiChunks[1].Metadata, multiBody), Frame(Execute(true), []));
        AddScp("pypygeneratetext", Gunzip(Path.Combine(shared, "splunk-scpv2", "recordings-splunk-6.3", "Splunk-6.3", "pypygeneratetext.input.gz")));
        AddScp("sum-reduce", Gunzip(Path.Combine(shared, "splunk-scpv2", "recordings-splunk-6.3", "Splunk-6.3", "sum.reduce.input.gz")));
        AddScp("truncated", Frame(getinfo, []), Encoding.ASCII.GetBytes("chunked 1.0,40,200\n{\"action\":\"execute\",\"finished\":false}"));
        AddScp("bad-header", Frame(getinfo, []), Encoding.ASCII.GetBytes("chunked 2.0,2,0\n{}"));

        void AddScp(string name, params byte[][] parts)
        {
            byte[] stream = parts.SelectMany(p => p).ToArray();
            Add("scp-command", name, stream);
            Add("scp-chunk", name, stream);
        }

        int written = 0;
        foreach ((string target, List<(string Name, byte[] Data)> list) in seeds)
        {
            string folder = Path.Combine(corpus, target);
            Directory.CreateDirectory(folder);
            foreach ((string name, byte[] data) in list)
            {
                if (data.Length > MaxSeedBytes * 2)
                {
                    throw new InvalidOperationException("seed " + target + "/" + name + " is " + data.Length.ToString(CultureInfo.InvariantCulture) + " bytes");
                }

                File.WriteAllBytes(Path.Combine(folder, "seed-" + name), data);
                written++;
            }
        }

        Console.WriteLine(written.ToString(CultureInfo.InvariantCulture) + " seeds for " + seeds.Count.ToString(CultureInfo.InvariantCulture) + " targets in " + corpus);
        return 0;
    }

    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (char c in text.Trim())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
            if (slug.Length == 40)
            {
                break;
            }
        }

        return slug.Length == 0 ? "blank" : slug.ToString();
    }

    /// <summary>The regular string literals of C# source, with literals joined by <c>+</c> read as one string.</summary>
    private static IEnumerable<string> TestStrings(string source)
    {
        const string Literal = @"""(?:[^""\\\n]|\\.)*""";
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(source, "(?<![@$])" + Literal + @"(?:\s*\+\s*" + Literal + ")*"))
        {
            var text = new StringBuilder();
            foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(match.Value, Literal))
            {
                text.Append(System.Text.RegularExpressions.Regex.Unescape(part.Value[1..^1]));
            }

            yield return text.ToString();
        }
    }

    private static string Head(string path, int lines) => string.Join("\n", File.ReadLines(path).Take(lines)) + "\n";

    private static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var bytes = new MemoryStream();
        gz.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>Splits a recorded stream into chunks (the recordings are well-formed; whitespace between chunks skipped).</summary>
    private static List<(byte[] Metadata, byte[] Body)> Chunks(byte[] stream)
    {
        var chunks = new List<(byte[], byte[])>();
        int at = 0;
        while (true)
        {
            while (at < stream.Length && stream[at] is (byte)'\n' or (byte)'\r')
            {
                at++;
            }

            int newline = Array.IndexOf(stream, (byte)'\n', at);
            if (newline < 0)
            {
                return chunks;
            }

            string[] header = Encoding.ASCII.GetString(stream, at, newline - at).Split(',');
            int metadata = int.Parse(header[1], CultureInfo.InvariantCulture);
            int body = int.Parse(header[2], CultureInfo.InvariantCulture);
            at = newline + 1;
            if (at + metadata + body > stream.Length)
            {
                return chunks;
            }

            chunks.Add((stream[at..(at + metadata)], stream[(at + metadata)..(at + metadata + body)]));
            at += metadata + body;
        }
    }

    /// <summary>The first rows of a CSV body up to about <paramref name="bytes"/> bytes, cut at a record end outside quotes.</summary>
    private static byte[] CutRows(byte[] body, int bytes)
    {
        bool quoted = false;
        int lastEnd = 0;
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (body[i] == (byte)'\n' && !quoted)
            {
                lastEnd = i + 1;
                if (lastEnd >= bytes)
                {
                    break;
                }
            }
        }

        return body[..lastEnd];
    }

    /// <summary>A getinfo whose searchinfo names FlowRole's command (the recordings name others), all else kept.</summary>
    private static byte[] Rewrite(byte[] metadata)
    {
        JsonNode node = JsonNode.Parse(metadata)!;
        node["searchinfo"]!["command"] = "flowrole";
        node["searchinfo"]!["args"] = new JsonArray();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] GetInfo(string command, params string[] args)
    {
        var node = new JsonObject
        {
            ["action"] = "getinfo",
            ["preview"] = false,
            ["searchinfo"] = new JsonObject
            {
                ["args"] = new JsonArray(args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                ["command"] = command,
                ["dispatch_dir"] = "/opt/splunk/var/run/splunk/dispatch/1.1",
                ["splunk_version"] = "9.1.0",
                ["maxresultrows"] = 50000,
            },
        };
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] Execute(bool finished) => Encoding.UTF8.GetBytes("{\"action\":\"execute\",\"finished\":" + (finished ? "true" : "false") + "}");

    private static byte[] Frame(byte[] metadata, byte[] body) =>
        Encoding.ASCII.GetBytes("chunked 1.0," + metadata.Length.ToString(CultureInfo.InvariantCulture) + "," + body.Length.ToString(CultureInfo.InvariantCulture) + "\n")
            .Concat(metadata).Concat(body).ToArray();

    /// <summary>A CSV file as splunkd would send it: every value that is not purely alphanumeric quoted, LF record ends.</summary>
    private static string SplunkCsv(string csv)
    {
        var output = new StringBuilder();
        foreach (string line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            foreach (char c in line.TrimEnd('\r'))
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            output.Append(string.Join(",", fields.Select(f => f.All(char.IsAsciiLetterOrDigit) ? f : "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            output.Append('\n');
        }

        return output.ToString();
    }
}
