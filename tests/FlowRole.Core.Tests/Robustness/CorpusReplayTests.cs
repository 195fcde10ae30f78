using System.IO;
using System.Linq;
using FlowRole.Fuzzing;
using Xunit;

namespace FlowRole.Tests.Robustness;

/// <summary>
/// Replays every fuzz corpus file of the Core targets through the same target code AFL++ runs (no AFL needed): no
/// exception escapes, no records are lost or reordered, output stays well-formed. See fuzz/README.md.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string, string> CorpusInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (string target in CoreTargets.All.Keys.Order())
        {
            foreach (string file in CorpusFiles.Inputs(CorpusFiles.Corpus(target)))
            {
                data.Add(target, file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusInputs))]
    public void CorpusInputKeepsTheInvariants(string target, string file) =>
        CorpusFiles.Replay(CoreTargets.All[target], Path.Combine(CorpusFiles.Corpus(target), file));

    [Fact]
    public void EveryCoreTargetHasSeeds()
    {
        foreach (string target in CoreTargets.All.Keys)
        {
            Assert.True(CorpusFiles.Inputs(CorpusFiles.Corpus(target)).Count() >= 1, "fuzz/corpus/" + target + " has no inputs");
        }
    }

    [Fact]
    public void EveryCorpusFolderNamesATarget()
    {
        string[] splunk = ["scp-chunk", "scp-csv", "scp-command"];
        foreach (string folder in Directory.GetDirectories(TestPaths.InRepo("fuzz", "corpus")).Select(Path.GetFileName).OfType<string>())
        {
            Assert.True(CoreTargets.All.ContainsKey(folder) || splunk.Contains(folder), "fuzz/corpus/" + folder + " is not a fuzz target");
        }
    }
}
