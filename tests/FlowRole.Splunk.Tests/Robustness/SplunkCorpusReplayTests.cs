using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FlowRole.Fuzzing;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.Splunk.Tests.Robustness;

/// <summary>
/// Replays every fuzz corpus file and every finding of the Splunk targets (scp-chunk, scp-csv, scp-command) through
/// the same target code AFL++ runs: no exception escapes, one reply per request, records in equal records out.
/// Open bugs are listed in <see cref="OpenFindings"/> and reproduced by skipped tests in <see cref="SplunkFixedFindingTests"/>.
/// </summary>
public sealed class SplunkCorpusReplayTests
{
    internal static readonly HashSet<string> OpenFindings = new(StringComparer.Ordinal)
    {
    };

    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> CorpusInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (string target in SplunkTargets.All.Keys.Order())
        {
            foreach (string file in Inputs(Folder("corpus", target)))
            {
                data.Add(target, file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusInputs))]
    public void CorpusInputKeepsTheInvariants(string target, string file) => Replay(SplunkTargets.All[target], Path.Combine(Folder("corpus", target), file));

    [Fact]
    public void EverySplunkTargetHasSeeds()
    {
        foreach (string target in SplunkTargets.All.Keys)
        {
            Assert.True(Inputs(Folder("corpus", target)).Any(), "fuzz/corpus/" + target + " has no inputs");
        }
    }

    [Fact]
    public void FixedFindingsReplayClean()
    {
        var failures = new List<string>();
        foreach (string target in SplunkTargets.All.Keys.Order())
        {
            foreach (string file in Inputs(Folder("findings", target)).Where(f => !OpenFindings.Contains(target + "/" + f)))
            {
                try
                {
                    Replay(SplunkTargets.All[target], Path.Combine(Folder("findings", target), file));
                }
                catch (Exception e)
                {
                    failures.Add("fuzz/findings/" + target + "/" + file + ": " + e.GetType().Name + ": " + e.Message);
                }
            }
        }

        Assert.True(failures.Count == 0, "these findings fail (fix them, or list them as open with a skipped test):\n" + string.Join("\n", failures));
    }

    [Fact]
    public void EveryOpenFindingExists()
    {
        foreach (string finding in OpenFindings)
        {
            Assert.True(File.Exists(TestPaths.InRepo("fuzz", "findings", finding)), "fuzz/findings/" + finding + " is listed as open but missing");
        }
    }

    [Theory]
    [InlineData("InvariantException.cs")]
    [InlineData("CsvRecords.cs")]
    [InlineData("FuzzInput.cs")]
    public void SharedHelpersAreExactCopiesOfTheCoreOnes(string file)
    {
        // This project cannot compile the Core tests' files, so it keeps copies; they must not drift.
        string original = File.ReadAllText(TestPaths.InRepo("tests", "FlowRole.Core.Tests", "Robustness", "Targets", file));
        string copy = File.ReadAllText(TestPaths.InRepo("tests", "FlowRole.Splunk.Tests", "Robustness", "Targets", "Copies", file));
        Assert.Equal(original, copy);
    }

    internal static string Folder(string kind, string target) => TestPaths.InRepo("fuzz", kind, target);

    internal static IEnumerable<string> Inputs(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>()
                .Where(name => !name.StartsWith('.') && !name.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    internal static void Replay(Action<byte[]> target, string path)
    {
        byte[] data = File.ReadAllBytes(path);
        Task run = Task.Run(() => target(data));
        if (Task.WhenAny(run, Task.Delay(HangLimit)).GetAwaiter().GetResult() != run)
        {
            throw new TimeoutException(path + " did not finish within " + HangLimit.TotalSeconds + " s (a hang)");
        }

        run.GetAwaiter().GetResult();
    }
}
