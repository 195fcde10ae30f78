using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FlowRole.Fuzzing;
using Xunit;

namespace FlowRole.Tests.Robustness;

/// <summary>
/// Every input a fuzzer ever found for a Core target (fuzz/findings/&lt;target&gt;/, stored by fuzz/run.sh) replays
/// clean, except the open bugs listed in <see cref="OpenFindings"/>, which have their own skipped regression tests in
/// <see cref="FixedFindingTests"/>. A new finding therefore fails this test until it is fixed or triaged.
/// </summary>
public sealed class FindingReplayTests
{
    /// <summary>Findings of bugs still open in src/ (target/file; none today); each needs a skipped test in <see cref="FixedFindingTests"/>.</summary>
    internal static readonly HashSet<string> OpenFindings = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void FixedFindingsReplayClean()
    {
        var failures = new List<string>();
        int replayed = 0;
        foreach (string target in CoreTargets.All.Keys.Order())
        {
            foreach (string file in CorpusFiles.Inputs(CorpusFiles.Findings(target)))
            {
                if (OpenFindings.Contains(target + "/" + file))
                {
                    continue;
                }

                replayed++;
                try
                {
                    CorpusFiles.Replay(CoreTargets.All[target], Path.Combine(CorpusFiles.Findings(target), file));
                }
                catch (Exception e)
                {
                    failures.Add("fuzz/findings/" + target + "/" + file + ": " + e.GetType().Name + ": " + e.Message);
                }
            }
        }

        Assert.True(failures.Count == 0, replayed + " findings replayed; these fail (fix them, or list them as open with a skipped test):\n"
            + string.Join("\n", failures));
    }

    [Fact]
    public void EveryOpenFindingExists()
    {
        foreach (string finding in OpenFindings)
        {
            Assert.True(File.Exists(Path.Combine(TestPaths.InRepo("fuzz", "findings"), finding)), "fuzz/findings/" + finding + " is listed as open but missing");
        }
    }
}
