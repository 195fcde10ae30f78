using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using FlowRole.PowerShell.Tests.Infrastructure;

namespace FlowRole.PowerShell.Tests.Benchmark;

/// <summary>
/// The PowerShell benchmark (a program mode of the test project, not a test):
/// <c>dotnet run -c Release --project tests/FlowRole.PowerShell.Tests -- bench [--flows N] [--rows N] [--runs N]</c>.
/// Everything runs in one runspace of the real engine, and every figure is printed as a ratio against a baseline
/// measured in the same run, so machine speed and load cancel out:
/// <list type="number">
/// <item>Get-FlowRole over N objects shaped like Import-Csv rows of a CIM export, in one pipeline, against a plain
/// script function that takes the lower port as the server and looks its service up in a hashtable, emitting one object
/// per flow as Get-FlowRole does (and, for transparency, against the same function emitting only the service name).</item>
/// <item>The floors: a binary cmdlet that only passes each object on (PowerShell's own cost per object), and one that
/// writes one new small object per object (what any cmdlet returning results of its own pays on top).</item>
/// <item>Import-FlowLog | Get-FlowRole over an N-row Zeek conn.log, in rows per second, against a script that reads
/// the same file line by line, splits it into objects and pipes them to the baseline function (what one would write
/// with Import-Csv where it exists).</item>
/// </list>
/// The object pipelines run with two sinks (<c>--sink collect|stream|both</c>): <c>$null =</c>, where the engine still
/// collects the pipeline's output until it ends, so every result is kept and promoted by the garbage collector on both
/// sides; and <c>| Out-Null</c>, where each result is dropped as it comes, as in a pipeline that filters or exports. Runs alternate baseline and
/// FlowRole; the median is reported, and each run prints its garbage collection pauses and allocation.
/// </summary>
public static class PowerShellBenchmark
{
    private const string BaselineFunctions = """
        $ServiceTable = @{}
        foreach ($port in 0..65535) {
            $name = [FlowRole.Ports.PortTable]::Default.GetServiceName([uint16]$port, [FlowRole.Flows.Transport]::Tcp)
            if ($name) { $ServiceTable[$port] = $name }
        }

        function Get-LowerPortService {
            param([Parameter(ValueFromPipeline)] $Flow)
            process {
                $s = [int]$Flow.src_port
                $d = [int]$Flow.dest_port
                $server = if ($s -le $d) { $s } else { $d }
                [pscustomobject]@{ Flow = $Flow; ServerPort = $server; Service = $ServiceTable[$server] }
            }
        }

        function Get-LowerPortServiceName {
            param([Parameter(ValueFromPipeline)] $Flow)
            process {
                $s = [int]$Flow.src_port
                $d = [int]$Flow.dest_port
                if ($s -le $d) { $ServiceTable[$s] } else { $ServiceTable[$d] }
            }
        }

        function Read-ConnLog {
            param([string] $Path)
            foreach ($line in [System.IO.File]::ReadLines($Path)) {
                if ($line.StartsWith('#')) { continue }
                $v = $line.Split("`t")
                [pscustomobject]@{ src_ip = $v[2]; src_port = $v[3]; dest_ip = $v[4]; dest_port = $v[5]; transport = $v[6]; history = $v[15]; conn_state = $v[11] }
            }
        }
        """;

    public static int Run(string[] args)
    {
        int flows = IntOption(args, "--flows", 1_000_000);
        int rows = IntOption(args, "--rows", 1_000_000);
        int runs = IntOption(args, "--runs", 3);
        bool objects = !args.Contains("--skip-objects");
        bool log = !args.Contains("--skip-log");
        bool profile = args.Contains("--profile"); // FlowRole pipelines only, for a profiler: no baselines, no ratios
        string sink = StringOption(args, "--sink", "both"); // collect | stream | both
        bool[] sinks = sink switch
        {
            "collect" => [false],
            "stream" => [true],
            _ => [false, true],
        };

        Console.WriteLine("FlowRole PowerShell benchmark: System.Management.Automation "
            + typeof(PSObject).Assembly.GetName().Version + ", .NET " + Environment.Version + ", " + Environment.ProcessorCount + " cores");
        using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Invoke(runspace, "Import-Module -Name $args[0] -ErrorAction Stop", PowerShellSession.ManifestPath);
        Invoke(runspace, BaselineFunctions);
        Invoke(runspace, "Import-Module -Assembly $args[0]", typeof(PassThroughCommand).Assembly);

        if (objects)
        {
            Console.WriteLine();
            Console.WriteLine("1. Get-FlowRole on " + flows.ToString("N0", CultureInfo.InvariantCulture) + " flow objects (Import-Csv-shaped, CIM names) in one pipeline");
            runspace.SessionStateProxy.SetVariable("Flows", BenchmarkData.Objects(flows, seed: 20260801));
            Warm(runspace, "$null = $Flows[0..9999] | Get-LowerPortService; $null = $Flows[0..9999] | Get-LowerPortServiceName; $null = $Flows[0..9999] | Get-FlowRole; $null = $Flows[0..9999] | Skip-FlowRoleWork; $null = $Flows[0..9999] | Write-FlowRoleStub");
            foreach (bool streaming in sinks)
            {
                // Two sinks: `$null =` collects the whole output (every result survives to the end of the pipeline);
                // `| Out-Null` discards each result as it comes, as a pipeline that filters or exports does.
                Console.WriteLine(streaming ? "   sink: | Out-Null (each result discarded as it comes)" : "   sink: $null = (the pipeline's output collected until it ends)");
                var baseline = new List<double>();
                var names = new List<double>();
                var floor = new List<double>();
                var stub = new List<double>();
                var flowRole = new List<double>();
                for (int r = 0; r < runs; r++)
                {
                    if (profile)
                    {
                        Console.WriteLine("   Get-FlowRole: " + Time(runspace, Sink("$Flows | Get-FlowRole", streaming)).ToString("0.00", CultureInfo.InvariantCulture) + " s");
                        continue;
                    }

                    baseline.Add(Time(runspace, Sink("$Flows | Get-LowerPortService", streaming)));
                    names.Add(Time(runspace, Sink("$Flows | Get-LowerPortServiceName", streaming)));
                    floor.Add(Time(runspace, Sink("$Flows | Skip-FlowRoleWork", streaming)));
                    stub.Add(Time(runspace, Sink("$Flows | Write-FlowRoleStub", streaming)));
                    flowRole.Add(Time(runspace, Sink("$Flows | Get-FlowRole", streaming)));
                }

                if (!profile)
                {
                    double b = Median(baseline), n = Median(names), p = Median(floor), e = Median(stub), f = Median(flowRole);
                    Row("baseline: script function, lower port + hashtable, emits an object", b, flows, b);
                    Row("script function, lower port + hashtable, emits the name only", n, flows, b);
                    Row("floor: a binary cmdlet that only passes each object on", p, flows, b);
                    Row("floor with output: a binary cmdlet that writes one new small object", e, flows, b);
                    Row("Get-FlowRole", f, flows, b);
                    Console.WriteLine("   => Get-FlowRole is " + Ratio(b / f) + " faster than the baseline (" + Ratio(n / f)
                        + " against the name-only function); PowerShell's own cost per object caps any cmdlet at " + Ratio(b / p)
                        + ", and any cmdlet that writes a result of its own at " + Ratio(b / e) + "; Get-FlowRole's own work is "
                        + ((f - e) * 1e6 / flows).ToString("0.00", CultureInfo.InvariantCulture) + " us per flow over the latter");
                    Console.WriteLine("   best of " + runs.ToString(CultureInfo.InvariantCulture) + ": baseline " + Us(baseline.Min(), flows)
                        + ", floor " + Us(floor.Min(), flows) + ", floor with output " + Us(stub.Min(), flows) + ", Get-FlowRole "
                        + Us(flowRole.Min(), flows) + " us/flow: " + Ratio(baseline.Min() / flowRole.Min()));
                }
            }

            runspace.SessionStateProxy.SetVariable("Flows", null);
            GC.Collect();
        }

        if (log)
        {
            string path = Path.Combine(Path.GetTempPath(), "flowrole-bench-conn-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".log");
            string warm = path + ".warm";
            try
            {
                Console.WriteLine();
                Console.WriteLine("2. Import-FlowLog | Get-FlowRole on a " + rows.ToString("N0", CultureInfo.InvariantCulture) + "-row Zeek conn.log");
                BenchmarkData.WriteConnLog(path, rows, seed: 20260802);
                Console.WriteLine("   (" + (new FileInfo(path).Length / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB)");
                BenchmarkData.WriteConnLog(warm, 10_000, seed: 7);
                runspace.SessionStateProxy.SetVariable("LogPath", path);
                runspace.SessionStateProxy.SetVariable("WarmPath", warm);
                Warm(runspace, "$null = Read-ConnLog $WarmPath | Get-LowerPortService; $null = Import-FlowLog $WarmPath | Get-FlowRole");
                var baseline = new List<double>();
                var import = new List<double>();
                var classify = new List<double>();
                for (int r = 0; r < runs; r++)
                {
                    if (profile)
                    {
                        Console.WriteLine("   Import-FlowLog | Get-FlowRole: " + Time(runspace, "$null = Import-FlowLog $LogPath | Get-FlowRole").ToString("0.00", CultureInfo.InvariantCulture) + " s");
                        continue;
                    }

                    baseline.Add(Time(runspace, "$null = Read-ConnLog $LogPath | Get-LowerPortService"));
                    import.Add(Time(runspace, "$null = Import-FlowLog $LogPath"));
                    classify.Add(Time(runspace, "$null = Import-FlowLog $LogPath | Get-FlowRole"));
                }

                if (profile)
                {
                    return 0;
                }

                double b = Median(baseline), i = Median(import), c = Median(classify);
                Row("baseline: script reads lines, splits to objects | lower-port function", b, rows, b);
                Row("Import-FlowLog", i, rows, b);
                Row("Import-FlowLog | Get-FlowRole", c, rows, b);
                Console.WriteLine("   => Import-FlowLog | Get-FlowRole: " + Rate(rows, c) + " rows/s, " + Ratio(b / c) + " faster than the baseline");
                Console.WriteLine("   best of " + runs.ToString(CultureInfo.InvariantCulture) + ": " + Rate(rows, classify.Min()) + " rows/s, baseline "
                    + Rate(rows, baseline.Min()) + " rows/s: " + Ratio(baseline.Min() / classify.Min()));
            }
            finally
            {
                File.Delete(path);
                File.Delete(warm);
            }
        }

        return 0;
    }

    private static void Row(string label, double seconds, int count, double baselineSeconds) =>
        Console.WriteLine("   " + label.PadRight(72) + seconds.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(8) + " s  "
            + (seconds * 1e6 / count).ToString("0.00", CultureInfo.InvariantCulture).PadLeft(7) + " us/flow  "
            + Rate(count, seconds).PadLeft(11) + " /s  x" + (baselineSeconds / seconds).ToString("0.00", CultureInfo.InvariantCulture));

    private static string Us(double seconds, int count) => (seconds * 1e6 / count).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Rate(int count, double seconds) => (count / seconds).ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x";

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Warm(Runspace runspace, string script) => Invoke(runspace, script);

    private static double Time(Runspace runspace, string script)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        TimeSpan pause = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        Invoke(runspace, script);
        double seconds = watch.Elapsed.TotalSeconds;

        // Where the time goes besides the code: garbage collection dominates both sides, so each run says how much.
        Console.WriteLine("      " + script.PadRight(60) + seconds.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(7) + " s, GC pauses "
            + (GC.GetTotalPauseDuration() - pause).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s (gen0/1/2 "
            + (GC.CollectionCount(0) - gen0).ToString(CultureInfo.InvariantCulture) + "/" + (GC.CollectionCount(1) - gen1).ToString(CultureInfo.InvariantCulture)
            + "/" + (GC.CollectionCount(2) - gen2).ToString(CultureInfo.InvariantCulture) + "), "
            + ((GC.GetTotalAllocatedBytes() - allocated) / 1048576.0).ToString("0", CultureInfo.InvariantCulture) + " MiB allocated");
        return seconds;
    }

    private static void Invoke(Runspace runspace, string script, params object[] arguments)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        foreach (object argument in arguments)
        {
            ps.AddArgument(argument);
        }

        ps.Invoke();
        if (ps.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("Benchmark step failed: " + script + "\n" + string.Join("\n", ps.Streams.Error));
        }
    }

    private static string Sink(string pipeline, bool streaming) => streaming ? pipeline + " | Out-Null" : "$null = " + pipeline;

    private static string StringOption(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
