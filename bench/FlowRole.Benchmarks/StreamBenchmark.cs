using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace FlowRole.Benchmarks;

/// <summary>
/// End-to-end stream benchmarks of the front ends as separate processes, each against a baseline measured in the
/// same run: `stream cli` (the `flowrole` CLI on a generated CIM CSV vs a plain buffered read of the same file),
/// `stream splunk` (the Splunk command's executable vs its own pass-through, see <see cref="SplunkStreamBenchmark"/>)
/// `stream stages` (the CLI's stages in process, see <see cref="StageBenchmark"/>) and `stream extract` (Core's alert-text
/// reader over mixed log lines in memory, see <see cref="AlertTextBenchmark"/>); `stream core` times Core's classifier
/// pass by pass (see <see cref="CoreBestOfBenchmark"/>). Prints rows/s, the ratio and
/// the peak resident memory of the process under test.
/// </summary>
internal static class StreamBenchmark
{
    public static int Run(string[] args)
    {
        string target = args.Length > 1 ? args[1] : "cli";
        int rows = ArgInt(args, "--rows", 1_000_000);
        int runs = ArgInt(args, "--runs", 3);
        string work = Path.Combine(Path.GetTempPath(), "flowrole-bench");
        Directory.CreateDirectory(work);
        return target switch
        {
            "cli" => RunCli(work, rows, runs, ArgString(args, "--cli")),
            "stages" => StageBenchmark.Run(EnsureCsv(work, rows), rows),
            "core" => CoreBestOfBenchmark.Run(ArgInt(args, "--passes", 400)),
            "splunk" => SplunkStreamBenchmark.Run(work, rows, runs, ArgString(args, "--splunk"), ArgString(args, "--splunk-v3")),
            "extract" => AlertTextBenchmark.Run(rows, runs),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: stream cli|stages|core|splunk|extract [--rows N] [--runs N] [--passes N] [--cli PATH[,PATH...]] [--splunk PATH-TO-flowrole_splunk [--splunk-v3 PATH-TO-its-x86-64-v3-build]]");
        return 2;
    }

    private static string EnsureCsv(string work, int rows)
    {
        string csv = Path.Combine(work, $"flows-{rows}.csv");
        if (!File.Exists(csv))
        {
            WriteCimCsv(csv, rows);
        }

        return csv;
    }

    private static int RunCli(string work, int rows, int runs, string? cliPaths)
    {
        string csv = EnsureCsv(work, rows);

        // --cli takes one path or several, comma-separated; by default the shipped NativeAOT tool and the JIT build,
        // whichever of them are built.
        string[] clis = cliPaths is null ? FindClis() : cliPaths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Console.WriteLine($"input: {csv} ({new FileInfo(csv).Length / (1024.0 * 1024.0):0.0} MiB, {rows:N0} rows); cli: {string.Join(", ", clis)}");

        double bestRead = double.MaxValue;
        var bestCli = new double[clis.Length];
        var peak = new long[clis.Length];
        Array.Fill(bestCli, double.MaxValue);
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            long lines = PlainRead(csv);
            bestRead = Math.Min(bestRead, sw.Elapsed.TotalSeconds);
            if (lines != rows + 1)
            {
                throw new InvalidOperationException($"plain read saw {lines} lines, expected {rows + 1}");
            }

            for (int c = 0; c < clis.Length; c++)
            {
                var (seconds, peakBytes, outputLines) = RunProcess(clis[c], $"classify \"{csv}\" --format csv", Path.Combine(work, "out.csv"));
                if (outputLines != rows + 1)
                {
                    throw new InvalidOperationException($"{clis[c]} wrote {outputLines} lines, expected {rows + 1}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {i + 1}: {clis[c]} {seconds:0.000} s"));
                bestCli[c] = Math.Min(bestCli[c], seconds);
                peak[c] = Math.Max(peak[c], peakBytes);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plain read (baseline): {bestRead:0.000} s, {rows / bestRead:N0} rows/s"));
        for (int c = 0; c < clis.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"flowrole classify --format csv ({Describe(clis[c])}): {bestCli[c]:0.000} s, {rows / bestCli[c]:N0} rows/s, {bestCli[c] / bestRead:0.0}x the plain read's time, peak RSS {peak[c] / (1024.0 * 1024.0):0.0} MiB (best of {runs})"));
        }

        return 0;
    }

    /// <summary>A native executable is the NativeAOT publish; an apphost beside flowrole.dll is the JIT build.</summary>
    private static string Describe(string exe) =>
        File.Exists(Path.ChangeExtension(exe, ".dll")) || File.Exists(exe + ".dll") ? "JIT build" : "NativeAOT";

    /// <summary>The baseline: read every byte through a 64 KiB buffer and count lines.</summary>
    private static long PlainRead(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[64 * 1024];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    private static (double Seconds, long PeakBytes, long OutputLines) RunProcess(string exe, string arguments, string outputPath)
    {
        var info = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + exe);
        long peak = 0;
        var stderr = process.StandardError.ReadToEndAsync();
        var copy = new Thread(() =>
        {
            using var output = File.Create(outputPath);
            process.StandardOutput.BaseStream.CopyTo(output, 1 << 16);
        });
        copy.Start();
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ReadPeak(process.Id));
            Thread.Sleep(5);
        }

        copy.Join();
        process.WaitForExit();
        double seconds = sw.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} exited {process.ExitCode}: {stderr.Result}");
        }

        return (seconds, peak, PlainRead(outputPath));
    }

    /// <summary>VmHWM (the process's peak resident set) from /proc; 0 where there is no /proc.</summary>
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

    private static void WriteCimCsv(string path, int rows)
    {
        var flows = SampleFlows.Create(rows);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine("src,src_port,dest,dest_port,transport");
        foreach (var f in flows)
        {
            writer.Write(f.Source.Address.ToString());
            writer.Write(',');
            writer.Write(f.Source.Port.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(f.Destination.Address.ToString());
            writer.Write(',');
            writer.Write(f.Destination.Port.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(f.Transport == Flows.Transport.Udp ? "udp" : "tcp");
        }
    }

    private static string[] FindClis()
    {
        string root = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(root);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("pass --cli PATH: the repository was not found above " + root);
        }

        string[] candidates =
        [
            Path.Combine(dir.FullName, "artifacts", "publish", "FlowRole.Cli", "release_linux-x64", "flowrole"),
            Path.Combine(dir.FullName, "artifacts", "bin", "FlowRole.Cli", "release", "flowrole"),
        ];
        string[] found = Array.FindAll(candidates, File.Exists);
        return found.Length > 0
            ? found
            : throw new InvalidOperationException("publish the CLI first (dotnet publish src/FlowRole.Cli -c Release -r linux-x64) or pass --cli: "
                + string.Join(" or ", candidates) + " not found");
    }

    private static int ArgInt(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? ArgString(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
