using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Hosting;
using FlowRole.Splunk.Protocol;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Robustness;

/// <summary>
/// Regression tests for the Splunk-side bugs the robustness work found in src/, all fixed; each states the behaviour
/// FlowRole promises. A bug found before its fix gets a skipped test here, which the fix un-skips.
/// </summary>
public sealed class SplunkFixedFindingTests
{
    [Fact]
    public void DeclaredLengthIsNotAllocatedBeforeTheBytesArrive()
    {
        byte[] input = File.ReadAllBytes(SplunkCorpusReplayTests.Folder("findings", "scp-chunk") + "/alloc-declared-1gib-body");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reader = new ChunkReader(new MemoryStream(input));
        ProtocolException error = Assert.Throws<ProtocolException>(() => reader.TryRead(out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(error.Truncated);
        Assert.True(allocated < 16L << 20, "a " + input.Length + "-byte input made the reader allocate " + (allocated >> 20) + " MiB");
    }

    [Fact]
    public void TenMillionColumnHeaderFailsFastWithAnErrorReply()
    {
        var header = new StringBuilder(20_000_010);
        for (int i = 0; i < 10_000_000; i++)
        {
            header.Append(i == 0 ? "a" : ",a");
        }

        header.Append("\n1\n");
        byte[] input = new ScpStream().GetInfo().Execute(header.ToString(), finished: true).ToArray();
        var clock = Stopwatch.StartNew();
        HostRun run = HostRun.Execute(input);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("columns", run.Replies[^1].Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "took " + clock.Elapsed);
    }

    [Fact]
    public void PolicyOverTheSizeCapIsRefusedBeforeReading()
    {
        string app = Path.Combine(Path.GetTempPath(), "flowrole-big-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(app, "lookups"));
            string path = Path.Combine(app, "lookups", "big.json");
            using (var file = new FileStream(path, FileMode.CreateNew))
            {
                file.SetLength(FlowRole.Policy.PortPolicy.MaxFileBytes + 1L); // sparse: no 16 MB written
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            CommandArgumentException error = Assert.Throws<CommandArgumentException>(() => PolicyFiles.Load("flowrole", "big", app));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal("flowrole: policy=big: lookups/big.json is larger than 16 MB; a policy file is a few kilobytes", error.Message);
            Assert.True(allocated < 1L << 20, "allocated " + allocated + " bytes");
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    [Fact]
    public void PolicySymlinkLeavingTheAppIsRefused()
    {
        string root = Path.Combine(Path.GetTempPath(), "flowrole-symlink-" + Guid.NewGuid().ToString("N"));
        try
        {
            string app = Path.Combine(root, "apps", "flowrole");
            Directory.CreateDirectory(Path.Combine(app, "lookups"));
            string secret = Path.Combine(root, "secret.conf");
            File.WriteAllText(secret, "{\"version\": \"pass4SymmKey = TOP-SECRET\"}");
            File.CreateSymbolicLink(Path.Combine(app, "lookups", "evil.json"), secret);

            CommandArgumentException error = Assert.Throws<CommandArgumentException>(() => PolicyFiles.Load("flowrole", "evil", app));
            Assert.DoesNotContain("TOP-SECRET", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret.conf", error.Message, StringComparison.Ordinal);
            Assert.Equal("flowrole: policy=evil: lookups/evil.json is a link to a file outside the app's lookups/ folder; refused "
                + "(copy the policy into lookups/ instead)", error.Message);

            // A link that stays inside lookups/ (an admin's alias for a policy) still loads; a dangling one is refused.
            File.WriteAllText(Path.Combine(app, "lookups", "site.json"), "{\"version\": 1}");
            File.CreateSymbolicLink(Path.Combine(app, "lookups", "alias.json"), Path.Combine(app, "lookups", "site.json"));
            Assert.NotNull(PolicyFiles.Load("flowrole", "alias", app));
            File.CreateSymbolicLink(Path.Combine(app, "lookups", "gone.json"), Path.Combine(root, "nothing.json"));
            Assert.Throws<CommandArgumentException>(() => PolicyFiles.Load("flowrole", "gone", app));

            // A folder (or a link to one) is not a policy file either.
            Directory.CreateDirectory(Path.Combine(app, "lookups", "dir.json"));
            Assert.Equal("flowrole: policy=dir: lookups/dir.json is a folder, not a policy file",
                Assert.Throws<CommandArgumentException>(() => PolicyFiles.Load("flowrole", "dir", app)).Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
