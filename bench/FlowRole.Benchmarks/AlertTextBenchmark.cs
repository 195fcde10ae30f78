using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlowRole.Text;

namespace FlowRole.Benchmarks;

/// <summary>
/// `stream extract`: Core's alert-text reader (<see cref="AlertTextParser"/>) over N mixed log lines held in memory
/// (free text, key=value, tcpdump, netfilter, CEF, Windows Firewall, pfSense filterlog, Cisco ASA, PAN-OS, about a
/// fifth of them syslog-wrapped, a few that state no flow), as UTF-8 (the CLI's and Splunk's input) and as UTF-16 (the
/// PowerShell module's strings). Baselines measured in the same run over the same buffers: splitting the lines, and
/// splitting plus one vectorised IndexOf per line. Prints lines/s, the ratio to each baseline and the bytes allocated
/// per line (best of --runs).
/// </summary>
internal static class AlertTextBenchmark
{
    private static readonly string[] Templates =
    {
        "Source: 10.{0}.{1}.{2}:{3} -> Destination: 192.168.{1}.{2}:{4}",
        "Source IP: 10.{0}.{1}.{2}:{3} / Destination IP: 172.16.{1}.{2}:{4}",
        "<4>Jan 15 10:23:45 fw01 kernel: [12345.678901] IN=eth0 OUT= MAC=00:0c:29:3e:5b:7a:00:50:56:c0:00:08:08:00 SRC=203.0.{1}.{2} DST=10.0.{0}.{2} LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=54321 DF PROTO=TCP SPT={3} DPT={4} WINDOW=29200 RES=0x00 SYN URGP=0",
        "CEF:0|Example|IDS|2.1|4001|Inbound connection attempt|7|src=198.51.{1}.{2} spt={3} dst=10.0.{0}.{2} dpt={4} proto=TCP act=alert",
        "2024-01-15 10:25:13 ALLOW TCP 10.0.{0}.{1} 93.184.{1}.{2} {3} {4} 0 - 0 0 0 - - - SEND",
        "<134>Jan 15 10:26:02 filterlog[31337]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,12345,0,DF,6,tcp,60,198.51.{1}.{2},10.0.{0}.30,{3},{4},0,S,1234567890,,64240,,mss;sackOK;TS;nop;wscale",
        "<166>Jan 15 10:27:40 asa01 : %ASA-6-302013: Built inbound TCP connection 184467 for outside:198.51.{1}.{2}/{3} (198.51.{1}.{2}/{3}) to inside:10.0.{0}.25/{4} (203.0.113.25/{4})",
        "%ASA-6-302014: Teardown TCP connection 184467 for outside:198.51.{1}.{2}/{3} to inside:10.0.{0}.25/{4} duration 0:01:02 bytes 48213 TCP FINs",
        "<14>Jan 15 10:29:03 PA-VM 1,2024/01/15 10:29:03,012801000001,TRAFFIC,end,2561,2024/01/15 10:29:02,10.0.{0}.{1},93.184.{1}.{2},203.0.113.9,93.184.216.34,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,default,2024/01/15 10:29:02,88231,1,{3},{4},41022,443,0x400053,tcp,allow,5120,1200,3920,14,2024/01/15 10:28:50,12,any,,7300000000000000001,0x0,10.0.0.0-10.255.255.255,United States,,8,6,tcp-fin",
        "10:31:12.345678 IP 10.0.{0}.{1}.{3} > 93.184.{1}.{2}.{4}: Flags [S], seq 123456789, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0",
        "Connection from [2001:db8::{1}]:{3} to [2001:db8:{0}::80]:{4}",
        "date=2024-01-15 time=10:35:01 devname=\"fg01\" type=\"traffic\" srcip=10.0.{0}.{1} srcport={3} dstip=203.0.{1}.{2} dstport={4} proto=6 action=\"deny\"",
        "Jan 15 10:33:21 web01 sshd[2211]: Connection from 198.51.{1}.{2} port {3} on 10.0.{0}.12 port {4} rdomain \"\"",
        "Failed password for root from 10.{0}.{1}.{2} port {3} ssh2",
    };

    public static int Run(int rows, int runs)
    {
        var (utf8, utf16) = Generate(rows);
        Console.WriteLine($"{rows:N0} mixed alert lines, {utf8.Length / (1024.0 * 1024.0):0.0} MiB as UTF-8; {Templates.Length} templates; best of {runs}");

        double splitUtf8 = Best(runs, () => Split(utf8), out _);
        double scanUtf8 = Best(runs, () => SplitAndIndexOf(utf8), out _);
        double extractUtf8 = Best(runs, () => Extract(utf8), out long allocatedUtf8);
        double splitUtf16 = Best(runs, () => Split(utf16), out _);
        double scanUtf16 = Best(runs, () => SplitAndIndexOf(utf16), out _);
        double extractUtf16 = Best(runs, () => Extract(utf16), out long allocatedUtf16);

        long ok = Extract(utf8);
        Console.WriteLine($"flows read: {ok:N0} of {rows:N0} lines (the rest state no flow, on purpose)");
        Report("UTF-8 ", rows, splitUtf8, scanUtf8, extractUtf8, allocatedUtf8);
        Report("UTF-16", rows, splitUtf16, scanUtf16, extractUtf16, allocatedUtf16);
        return 0;
    }

    private static void Report(string encoding, int rows, double split, double scan, double extract, long allocated)
    {
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0}: baseline split {1:N0} lines/s; split + IndexOf {2:N0} lines/s; extract {3:N0} lines/s = {4:0.0}x the split's time, {5:0.0}x split + IndexOf; {6:0.000} B allocated per line",
            encoding, rows / split, rows / scan, rows / extract, extract / split, extract / scan, (double)allocated / rows));
    }

    private static double Best(int runs, Func<long> action, out long allocated)
    {
        action(); // warm-up (tiered JIT)
        double best = double.MaxValue;
        allocated = long.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            long result = action();
            double seconds = sw.Elapsed.TotalSeconds;
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            best = Math.Min(best, seconds);
            GC.KeepAlive(result);
        }

        return best;
    }

    private static long Split<T>(T[] buffer)
        where T : unmanaged, IEquatable<T>
    {
        ReadOnlySpan<T> rest = buffer;
        T newline = NewLine<T>();
        long total = 0;
        while (!rest.IsEmpty)
        {
            int at = rest.IndexOf(newline);
            ReadOnlySpan<T> line = at < 0 ? rest : rest.Slice(0, at);
            total += line.Length;
            rest = at < 0 ? default : rest.Slice(at + 1);
        }

        return total;
    }

    private static long SplitAndIndexOf(byte[] buffer)
    {
        ReadOnlySpan<byte> rest = buffer;
        long total = 0;
        while (!rest.IsEmpty)
        {
            int at = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = at < 0 ? rest : rest.Slice(0, at);
            total += line.IndexOf("->"u8);
            rest = at < 0 ? default : rest.Slice(at + 1);
        }

        return total;
    }

    private static long SplitAndIndexOf(char[] buffer)
    {
        ReadOnlySpan<char> rest = buffer;
        long total = 0;
        while (!rest.IsEmpty)
        {
            int at = rest.IndexOf('\n');
            ReadOnlySpan<char> line = at < 0 ? rest : rest.Slice(0, at);
            total += line.IndexOf("->", StringComparison.Ordinal);
            rest = at < 0 ? default : rest.Slice(at + 1);
        }

        return total;
    }

    private static long Extract(byte[] buffer)
    {
        ReadOnlySpan<byte> rest = buffer;
        long ok = 0;
        while (!rest.IsEmpty)
        {
            int at = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = at < 0 ? rest : rest.Slice(0, at);
            AlertTextResult result = AlertTextParser.Parse(line);
            ok += result.IsSuccess ? 1 : 0;
            rest = at < 0 ? default : rest.Slice(at + 1);
        }

        return ok;
    }

    private static long Extract(char[] buffer)
    {
        ReadOnlySpan<char> rest = buffer;
        long ok = 0;
        while (!rest.IsEmpty)
        {
            int at = rest.IndexOf('\n');
            ReadOnlySpan<char> line = at < 0 ? rest : rest.Slice(0, at);
            AlertTextResult result = AlertTextParser.Parse(line);
            ok += result.IsSuccess ? 1 : 0;
            rest = at < 0 ? default : rest.Slice(at + 1);
        }

        return ok;
    }

    private static T NewLine<T>()
        where T : unmanaged => typeof(T) == typeof(byte) ? (T)(object)(byte)'\n' : (T)(object)'\n';

    private static (byte[] Utf8, char[] Utf16) Generate(int rows)
    {
        var random = new Random(6);
        var text = new StringBuilder(rows * 170);
        for (int i = 0; i < rows; i++)
        {
            string template = Templates[i % Templates.Length];
            string line = string.Format(CultureInfo.InvariantCulture, template,
                random.Next(0, 256), random.Next(0, 256), random.Next(1, 255), random.Next(1024, 65536), random.Next(1, 10000));

            // About one line in five behind an RFC 3164 header, as a syslog relay delivers them.
            if (i % 5 == 1 && line[0] != '<')
            {
                text.Append("<134>Jan 15 10:40:00 relay01 alert: ");
            }

            text.Append(line).Append('\n');
        }

        string all = text.ToString();
        return (Encoding.UTF8.GetBytes(all), all.ToCharArray());
    }
}
