using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FlowRole.Tests;

namespace FlowRole.Tests.Robustness;

/// <summary>The fuzz corpora and findings in the repository (fuzz/corpus/&lt;target&gt;/, fuzz/findings/&lt;target&gt;/).</summary>
internal static class CorpusFiles
{
    /// <summary>How long one input may take before the replay calls it a hang (AFL++ runs use 5 s on a loaded machine).</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    public static string Corpus(string target) => TestPaths.InRepo("fuzz", "corpus", target);

    public static string Findings(string target) => TestPaths.InRepo("fuzz", "findings", target);

    /// <summary>The files of a folder that are inputs (not notes), by name; empty when the folder does not exist.</summary>
    public static IEnumerable<string> Inputs(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>()
                .Where(name => !name.StartsWith('.') && !name.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Runs a target on a file's bytes; an exception escapes as the test failure, a hang becomes a TimeoutException.</summary>
    public static void Replay(Action<byte[]> target, string path)
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
