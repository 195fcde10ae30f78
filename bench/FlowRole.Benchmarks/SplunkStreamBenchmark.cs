using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using FlowRole.Flows;

namespace FlowRole.Benchmarks;

/// <summary>
/// `stream splunk`: the Splunk command's executable (NativeAOT) driven as splunkd drives it, in lock-step (one request
/// chunk written, its reply read, then the next), over a generated SCPv2 stream: getinfo, then records of
/// <c>src_ip, src_port, dest_ip, dest_port, transport</c> in 50,000-record chunks, quoted as splunkd quotes (every
/// value that is not purely alphanumeric) and with the empty <c>__mv_</c> columns splunkd sends. The baseline is the
/// hidden pass-through command of the same binary on the same stream (the protocol and CSV cost alone). Prints
/// records/s, the ratio to the pass-through, the peak resident memory (VmHWM, read after the last reply, while the
/// process still runs), its CPU time (user + system, which waiting for a core on a shared machine does not inflate)
/// and the start-to-getinfo-reply time.
/// </summary>
internal static class SplunkStreamBenchmark
{
    private const int ChunkRecords = 50_000;

    private const string VariantFileName = "flowrole.x86-64-v3"; // the command's InstructionSetVariant.FileName

    public static int Run(string work, int rows, int runs, string? binary, string? variant)
    {
        binary ??= FindBinary();
        if (variant is not null)
        {
            // Installed as the app installs them: the baseline executable with the x86-64-v3 build beside it.
            string pair = Path.Combine(work, "splunk-pair");
            Directory.CreateDirectory(pair);
            File.Copy(binary, Path.Combine(pair, "flowrole"), overwrite: true);
            File.Copy(variant, Path.Combine(pair, VariantFileName), overwrite: true);
            binary = Path.Combine(pair, "flowrole");
        }

        bool hasVariant = File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(binary))!, VariantFileName));
        List<byte[]> requests = BuildRequests(rows);
        long inputBytes = 0;
        foreach (byte[] request in requests)
        {
            inputBytes += request.Length;
        }

        string builds = hasVariant ? $"{Version(binary, false)}; with FLOWROLE_BASELINE_ISA=1: {Version(binary, true)}" : Version(binary, false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"input: {rows:N0} records in {requests.Count - 1} execute chunks ({inputBytes / (1024.0 * 1024.0):0.0} MiB); binary: {binary} ({builds})"));

        var startup = new List<double>();
        for (int i = 0; i < Math.Max(5, runs * 3); i++)
        {
            startup.Add(Exchange(binary, requests.GetRange(0, 1), passThrough: false, 0).GetInfoSeconds);
        }

        Result best = default, bestPass = default, bestBase = default;
        var flowSeconds = new List<double>();
        double bestCpu = double.MaxValue, bestPassCpu = double.MaxValue, bestBaseCpu = double.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            Result pass = Exchange(binary, requests, passThrough: true, rows);
            Result flow = Exchange(binary, requests, passThrough: false, rows);
            if (run == 0 || pass.Seconds < bestPass.Seconds)
            {
                bestPass = pass;
            }

            if (run == 0 || flow.Seconds < best.Seconds)
            {
                best = flow;
            }

            flowSeconds.Add(flow.Seconds);
            bestCpu = Math.Min(bestCpu, flow.CpuSeconds);
            bestPassCpu = Math.Min(bestPassCpu, pass.CpuSeconds);
            string line = string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: pass-through {pass.Seconds:0.000} s ({pass.CpuSeconds:0.00} s CPU), flowrole {flow.Seconds:0.000} s ({flow.CpuSeconds:0.00} s CPU)");
            if (hasVariant)
            {
                // The same executable kept on its x86-64-v2 code: what a CPU without AVX2 gets.
                Result baseline = Exchange(binary, requests, passThrough: false, rows, baselineOnly: true);
                if (run == 0 || baseline.Seconds < bestBase.Seconds)
                {
                    bestBase = baseline;
                }

                bestBaseCpu = Math.Min(bestBaseCpu, baseline.CpuSeconds);
                line += string.Create(CultureInfo.InvariantCulture, $", x86-64-v2 only {baseline.Seconds:0.000} s ({baseline.CpuSeconds:0.00} s CPU)");
            }

            Console.WriteLine(line);
        }

        startup.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pass-through (baseline): {bestPass.Seconds:0.000} s, {rows / bestPass.Seconds:N0} records/s, peak RSS {bestPass.PeakBytes / (1024.0 * 1024.0):0.0} MiB, {bestPass.OutputBytes / (1024.0 * 1024.0):0.0} MiB out"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flowrole: {best.Seconds:0.000} s, {rows / best.Seconds:N0} records/s, {best.Seconds / bestPass.Seconds:0.00}x the pass-through's time, peak RSS {best.PeakBytes / (1024.0 * 1024.0):0.0} MiB, {best.OutputBytes / (1024.0 * 1024.0):0.0} MiB out (best of {runs})"));
        flowSeconds.Sort();
        double median = flowSeconds[flowSeconds.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flowrole, median run: {median:0.000} s, {rows / median:N0} records/s; slowest {flowSeconds[^1]:0.000} s, {rows / flowSeconds[^1]:N0} records/s"));
        if (hasVariant)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"flowrole kept on x86-64-v2: {bestBase.Seconds:0.000} s, {rows / bestBase.Seconds:N0} records/s, {bestBase.Seconds / bestPass.Seconds:0.00}x the pass-through's time; CPU {bestBaseCpu:0.00} s, {rows / bestBaseCpu:N0} records per CPU-second"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU time of the command (user + system, least of {runs}): pass-through {bestPassCpu:0.00} s, {rows / bestPassCpu:N0} records per CPU-second; flowrole {bestCpu:0.00} s, {rows / bestCpu:N0} records per CPU-second, {bestCpu / bestPassCpu:0.00}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start to getinfo reply: median {startup[startup.Count / 2] * 1000:0.0} ms, min {startup[0] * 1000:0.0} ms over {startup.Count} starts"));
        return 0;
    }

    /// <summary>What <c>--version</c> says: the version and which instruction-set build serves.</summary>
    private static string Version(string binary, bool baselineOnly)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("--version");
        if (baselineOnly)
        {
            info.Environment["FLOWROLE_BASELINE_ISA"] = "1";
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + binary);
        string text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }

    /// <summary>The chunks splunkd would send: getinfo, then the execute chunks (the last one finished).</summary>
    private static List<byte[]> BuildRequests(int rows)
    {
        var requests = new List<byte[]>
        {
            Chunk("{\"action\":\"getinfo\",\"preview\":false,\"streaming_command_will_restart\":false,\"searchinfo\":{\"args\":[],"
                + "\"raw_args\":[],\"command\":\"flowrole\",\"dispatch_dir\":\"/tmp/none\",\"earliest_time\":\"0\",\"latest_time\":\"0\","
                + "\"splunk_version\":\"9.1.0\",\"maxresultrows\":50000,\"search\":\"%7C%20flowrole\",\"sid\":\"1.1\",\"app\":\"search\","
                + "\"owner\":\"admin\",\"username\":\"admin\",\"session_key\":\"k\",\"splunkd_uri\":\"https://127.0.0.1:8089\"}}", []),
        };

        FlowRecord[] flows = SampleFlows.Create(rows);
        var body = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        for (int start = 0; start < rows; start += ChunkRecords)
        {
            body.SetLength(0);
            body.Write("\"src_ip\",\"src_port\",\"dest_ip\",\"dest_port\",transport,\"__mv_src_ip\",\"__mv_src_port\",\"__mv_dest_ip\",\"__mv_dest_port\",\"__mv_transport\"\n"u8);
            int end = Math.Min(rows, start + ChunkRecords);
            for (int i = start; i < end; i++)
            {
                FlowRecord f = flows[i];
                body.WriteByte((byte)'"');
                body.Write(Encoding.ASCII.GetBytes(f.Source.Address.ToString()));
                body.Write("\","u8);
                Utf8Formatter.TryFormat(f.Source.Port, number, out int n);
                body.Write(number[..n]);
                body.Write(",\""u8);
                body.Write(Encoding.ASCII.GetBytes(f.Destination.Address.ToString()));
                body.Write("\","u8);
                Utf8Formatter.TryFormat(f.Destination.Port, number, out n);
                body.Write(number[..n]);
                body.Write(f.Transport == Transport.Udp ? ",udp,,,,,\n"u8 : ",tcp,,,,,\n"u8);
            }

            bool finished = end == rows;
            requests.Add(Chunk(finished ? "{\"action\":\"execute\",\"finished\":true}" : "{\"action\":\"execute\",\"finished\":false}", body.ToArray()));
        }

        return requests;
    }

    private static byte[] Chunk(string metadata, byte[] body)
    {
        byte[] meta = Encoding.UTF8.GetBytes(metadata);
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"chunked 1.0,{meta.Length},{body.Length}\n"));
        var chunk = new byte[header.Length + meta.Length + body.Length];
        header.CopyTo(chunk, 0);
        meta.CopyTo(chunk, header.Length);
        body.CopyTo(chunk, header.Length + meta.Length);
        return chunk;
    }

    /// <summary>Runs one exchange in lock-step; checks one reply per request and the record count.</summary>
    private static Result Exchange(string binary, List<byte[]> requests, bool passThrough, int expectedRecords, bool baselineOnly = false)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (passThrough)
        {
            info.ArgumentList.Add("--passthrough");
        }

        if (baselineOnly)
        {
            info.Environment["FLOWROLE_BASELINE_ISA"] = "1";
        }

        var sw = Stopwatch.StartNew();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + binary);
        var stderr = process.StandardError.ReadToEndAsync();
        Stream stdin = process.StandardInput.BaseStream;
        Stream stdout = process.StandardOutput.BaseStream;
        var reply = new ReplyReader(stdout);
        double getInfoSeconds = 0;
        long records = 0, outputBytes = 0, peak = 0;
        double cpu = 0;
        for (int i = 0; i < requests.Count; i++)
        {
            stdin.Write(requests[i]);
            stdin.Flush();
            if (!reply.Read(out int bodyLength, out int bodyLines))
            {
                throw new InvalidOperationException($"{binary} closed its output before replying to chunk {i}: {stderr.Result}");
            }

            if (i == 0)
            {
                getInfoSeconds = sw.Elapsed.TotalSeconds;
            }
            else
            {
                // The header row is not a record.
                records += Math.Max(0, bodyLines - 1);
                outputBytes += bodyLength;
            }

            if (i == requests.Count - 1)
            {
                peak = ReadPeak(process.Id);
                cpu = ReadCpuSeconds(process.Id);
            }
        }

        stdin.Close();
        process.WaitForExit();
        double seconds = sw.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} exited {process.ExitCode}: {stderr.Result}");
        }

        if (records != expectedRecords)
        {
            throw new InvalidOperationException($"{binary} returned {records} records, expected {expectedRecords}");
        }

        return new Result(seconds, getInfoSeconds, peak, outputBytes, cpu);
    }

    private static long ReadPeak(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>
    /// The process's CPU time so far (user + system, from /proc/PID/stat, in clock ticks of 10 ms): on a shared
    /// machine wall time includes waiting for a core, CPU time does not.
    /// </summary>
    private static double ReadCpuSeconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");

            // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string FindBinary()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("pass --splunk PATH: the repository was not found above " + AppContext.BaseDirectory);
        }

        string candidate = Path.Combine(dir.FullName, "artifacts", "publish", "FlowRole.Splunk", "release_linux-x64", "flowrole_splunk");
        return File.Exists(candidate)
            ? candidate
            : throw new InvalidOperationException($"publish the command first (dotnet publish src/FlowRole.Splunk -c Release -r linux-x64) or pass --splunk: {candidate} not found");
    }

    private readonly record struct Result(double Seconds, double GetInfoSeconds, long PeakBytes, long OutputBytes, double CpuSeconds);

    /// <summary>Reads reply chunks: <c>chunked 1.0,m,b\n</c>, the metadata, the body (its CSV records counted).</summary>
    private sealed class ReplyReader
    {
        private readonly Stream _input;
        // As large as the command's pipe (1 MB), so each read takes what the command's write left there.
        private readonly byte[] _buffer = new byte[1 << 20];
        private int _start;
        private int _end;

        public ReplyReader(Stream input) => _input = input;

        public bool Read(out int bodyLength, out int bodyLines)
        {
            bodyLength = 0;
            bodyLines = 0;
            var header = new StringBuilder();
            while (true)
            {
                if (_start == _end && !Fill())
                {
                    return false;
                }

                byte b = _buffer[_start++];
                if (b == (byte)'\n')
                {
                    break;
                }

                header.Append((char)b);
            }

            string[] parts = header.ToString().Trim().Split(',');
            if (parts.Length != 3 || parts[0] != "chunked 1.0")
            {
                throw new InvalidDataException("not a chunk header: " + header);
            }

            int metadata = int.Parse(parts[1], CultureInfo.InvariantCulture);
            bodyLength = int.Parse(parts[2], CultureInfo.InvariantCulture);
            Skip(metadata, countLines: false);
            bodyLines = Skip(bodyLength, countLines: true);
            return true;
        }

        private int Skip(int count, bool countLines)
        {
            int lines = 0;
            bool inQuotes = false;
            while (count > 0)
            {
                if (_start == _end && !Fill())
                {
                    throw new EndOfStreamException("the reply ended inside a chunk");
                }

                int take = Math.Min(count, _end - _start);
                if (countLines)
                {
                    lines += CountRecordEnds(_buffer.AsSpan(_start, take), ref inQuotes);
                }

                _start += take;
                count -= take;
            }

            return lines;
        }

        /// <summary>Line ends outside quotes (a multivalue field holds its values joined by LF, quoted).</summary>
        /// <remarks>
        /// 64 bytes at a time: the quotes' prefix XOR marks the bytes inside quotes (a doubled quote toggles twice), so
        /// the count is a popcount of the LFs outside them. The driver runs in lock-step with the command, so its own
        /// reading must cost as little as possible next to the command's work.
        /// </remarks>
        private static int CountRecordEnds(ReadOnlySpan<byte> bytes, ref bool inQuotes)
        {
            int ends = 0;
            ulong carry = inQuotes ? ulong.MaxValue : 0;
            ref byte start = ref MemoryMarshal.GetReference(bytes);
            int i = 0;
            for (; i + 64 <= bytes.Length; i += 64)
            {
                ulong quotes = Mask64(ref start, i, (byte)'"');
                ulong newlines = Mask64(ref start, i, (byte)'\n');
                ulong inside = carry;
                if (quotes != 0)
                {
                    inside = quotes;
                    inside ^= inside << 1;
                    inside ^= inside << 2;
                    inside ^= inside << 4;
                    inside ^= inside << 8;
                    inside ^= inside << 16;
                    inside ^= inside << 32;
                    inside ^= carry;
                }

                ends += BitOperations.PopCount(newlines & ~inside);
                carry = (ulong)((long)inside >> 63);
            }

            bool quoted = carry != 0;
            for (; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (b == (byte)'\n' && !quoted)
                {
                    ends++;
                }
            }

            inQuotes = quoted;
            return ends;
        }

        private static ulong Mask64(ref byte start, int offset, byte value)
        {
            Vector128<byte> target = Vector128.Create(value);
            ulong m0 = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)offset), target).ExtractMostSignificantBits();
            ulong m1 = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)offset + 16), target).ExtractMostSignificantBits();
            ulong m2 = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)offset + 32), target).ExtractMostSignificantBits();
            ulong m3 = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)offset + 48), target).ExtractMostSignificantBits();
            return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
        }

        private bool Fill()
        {
            _start = 0;
            _end = _input.Read(_buffer, 0, _buffer.Length);
            return _end > 0;
        }
    }
}
