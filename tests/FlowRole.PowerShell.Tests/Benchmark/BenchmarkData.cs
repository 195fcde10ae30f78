using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace FlowRole.PowerShell.Tests.Benchmark;

/// <summary>
/// Deterministic synthetic flows for the benchmark: workstations reaching servers on common service ports, a share of
/// records logged reply-first, some internal-to-internal traffic and a few suspicious ports, so classification takes
/// its usual paths rather than one branch.
/// </summary>
internal static class BenchmarkData
{
    private static readonly (ushort Port, string Transport)[] Services =
    {
        (443, "tcp"), (443, "tcp"), (443, "tcp"), (80, "tcp"), (53, "udp"), (53, "udp"), (22, "tcp"), (3389, "tcp"),
        (445, "tcp"), (123, "udp"), (8080, "tcp"), (5985, "tcp"), (25, "tcp"), (993, "tcp"), (4444, "tcp"), (1433, "tcp"),
    };

    /// <summary>One flow's fields, as an Import-Csv row of a Splunk CIM export holds them (all strings).</summary>
    public static (string SrcIp, string SrcPort, string DestIp, string DestPort, string Transport) Flow(Random random)
    {
        (ushort port, string transport) = Services[random.Next(Services.Length)];
        string client = "10." + random.Next(0, 4).ToString(CultureInfo.InvariantCulture) + "." + random.Next(0, 256).ToString(CultureInfo.InvariantCulture)
            + "." + random.Next(1, 255).ToString(CultureInfo.InvariantCulture);
        string server = random.Next(4) == 0
            ? "10.0.0." + random.Next(1, 40).ToString(CultureInfo.InvariantCulture)
            : random.Next(1, 224).ToString(CultureInfo.InvariantCulture) + "." + random.Next(0, 256).ToString(CultureInfo.InvariantCulture) + "."
                + random.Next(0, 256).ToString(CultureInfo.InvariantCulture) + "." + random.Next(1, 255).ToString(CultureInfo.InvariantCulture);
        string ephemeral = random.Next(32768, 65536).ToString(CultureInfo.InvariantCulture);
        string service = port.ToString(CultureInfo.InvariantCulture);

        // One record in five is the reply direction (server first), as device logs often have.
        return random.Next(5) == 0
            ? (server, service, client, ephemeral, transport)
            : (client, ephemeral, server, service, transport);
    }

    /// <summary><paramref name="count"/> objects shaped like Import-Csv rows (note properties holding strings).</summary>
    public static PSObject[] Objects(int count, int seed)
    {
        var random = new Random(seed);
        var objects = new PSObject[count];
        for (int i = 0; i < count; i++)
        {
            (string srcIp, string srcPort, string destIp, string destPort, string transport) = Flow(random);
            var o = new PSObject();
            o.Properties.Add(new PSNoteProperty("src_ip", srcIp));
            o.Properties.Add(new PSNoteProperty("src_port", srcPort));
            o.Properties.Add(new PSNoteProperty("dest_ip", destIp));
            o.Properties.Add(new PSNoteProperty("dest_port", destPort));
            o.Properties.Add(new PSNoteProperty("transport", transport));
            objects[i] = o;
        }

        return objects;
    }

    /// <summary>Writes a Zeek conn.log (TSV, Zeek's header) of <paramref name="rows"/> rows.</summary>
    public static void WriteConnLog(string path, int rows, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.NewLine = "\n";
        writer.WriteLine("#separator \\x09");
        writer.WriteLine("#set_separator\t,");
        writer.WriteLine("#empty_field\t(empty)");
        writer.WriteLine("#unset_field\t-");
        writer.WriteLine("#path\tconn");
        writer.WriteLine("#open\t2026-08-01-00-00-00");
        writer.WriteLine("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents");
        writer.WriteLine("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]");
        double ts = 1785542400.0;
        string[] states = { "SF", "SF", "SF", "S0", "REJ", "RSTO", "SH", "OTH" };
        for (int i = 0; i < rows; i++)
        {
            (string srcIp, string srcPort, string destIp, string destPort, string transport) = Flow(random);
            ts += random.NextDouble() * 0.01;
            string state = transport == "tcp" ? states[random.Next(states.Length)] : "SF";
            string history = transport == "tcp" ? state switch { "S0" => "S", "REJ" => "Sr", "SH" => "ShAF", "OTH" => "^hA", _ => "ShADadFf" } : "Dd";
            writer.Write(ts.ToString("0.000000", CultureInfo.InvariantCulture));
            writer.Write("\tC");
            writer.Write(random.Next().ToString("x8", CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(srcIp);
            writer.Write('\t');
            writer.Write(srcPort);
            writer.Write('\t');
            writer.Write(destIp);
            writer.Write('\t');
            writer.Write(destPort);
            writer.Write('\t');
            writer.Write(transport);
            writer.Write("\t-\t");
            writer.Write((random.NextDouble() * 30).ToString("0.000000", CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(random.Next(0, 50000).ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(random.Next(0, 500000).ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(state);
            writer.Write("\tT\tF\t0\t");
            writer.Write(history);
            writer.Write('\t');
            writer.Write(random.Next(1, 60).ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(random.Next(40, 60000).ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(random.Next(1, 400).ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(random.Next(40, 600000).ToString(CultureInfo.InvariantCulture));
            writer.Write("\t-\n");
        }

        writer.WriteLine("#close\t2026-08-02-00-00-00");
    }
}
