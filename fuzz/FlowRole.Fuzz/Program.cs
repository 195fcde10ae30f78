using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace FlowRole.Fuzzing;

/// <summary>
/// <c>FlowRole.Fuzz &lt;target&gt;</c> serves AFL++ (one input per execution on standard input);
/// <c>FlowRole.Fuzz replay &lt;target&gt; &lt;file or folder&gt;...</c> runs files without AFL and reports each failure;
/// <c>FlowRole.Fuzz seeds &lt;repository&gt; &lt;corpus folder&gt;</c> writes the seed corpora; <c>list</c> names the targets.
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = CoreTargets.All.Concat(SplunkTargets.All).ToDictionary(StringComparer.Ordinal);

    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "list")
        {
            foreach (string name in Targets.Keys.Order(StringComparer.Ordinal))
            {
                Console.WriteLine(name);
            }

            return 0;
        }

        if (args.Length == 3 && args[0] == "seeds")
        {
            return Seeds.Write(args[1], args[2]);
        }

        if (args.Length >= 3 && args[0] == "replay" && Targets.TryGetValue(args[1], out Action<byte[]>? replayed))
        {
            return Replay(replayed, args.Skip(2));
        }

        if (args.Length == 1 && Targets.TryGetValue(args[0], out Action<byte[]>? target))
        {
            // Under afl-fuzz this loops, one execution per input; run by hand it reads standard input once.
            Fuzzer.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                target(buffer.ToArray());
            });
            return 0;
        }

        Console.Error.WriteLine("usage: FlowRole.Fuzz <target> | replay <target> <file|folder>... | seeds <repository> <corpus> | list");
        Console.Error.WriteLine("targets: " + string.Join(", ", Targets.Keys.Order(StringComparer.Ordinal)));
        return 2;
    }

    private static int Replay(Action<byte[]> target, IEnumerable<string> paths)
    {
        InitializeCoverageMap();
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        int failed = 0;
        foreach (string file in files)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                target(File.ReadAllBytes(file));
                Console.WriteLine("ok    " + clock.ElapsedMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6) + " ms  " + file);
            }
#pragma warning disable CA1031 // Replay reports every failure, whatever it is, and goes on to the next file.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                Console.WriteLine("FAIL  " + clock.ElapsedMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6) + " ms  " + file);
                Console.WriteLine("      " + e.GetType().Name + ": " + e.Message.Replace("\n", "\n      ", StringComparison.Ordinal));
            }
        }

        Console.WriteLine(files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " files, " + failed.ToString(System.Globalization.CultureInfo.InvariantCulture) + " failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Instrumented assemblies (fuzz/run.sh builds) record coverage through SharpFuzz's map pointer, which only
    /// afl-fuzz sets; outside it the pointer must still point at 64 KiB of writable memory. Harmless when not instrumented.
    /// </summary>
    private static unsafe void InitializeCoverageMap()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
        }
    }
}
