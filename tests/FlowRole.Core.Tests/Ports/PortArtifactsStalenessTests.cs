using System;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Ports;
using Xunit;

namespace FlowRole.Tests.Ports;

/// <summary>
/// The committed port artefacts must be exactly what the generator makes from the shared IANA registry today.
/// </summary>
public sealed class PortArtifactsStalenessTests
{
    private const string Regenerate =
        "Regenerate from the repository root with:\n" +
        "  dotnet run --project tools/FlowRole.Generator -- --iana ../shared/data/iana --out .\n" +
        "then rebuild (ports.bin is embedded into FlowRole.Core).";

    private static readonly Lazy<PortTableBuilder> Builder = new(() => PortTableBuilder.FromIanaDirectory(TestPaths.InShared("iana")));

    [Fact]
    public void Committed_port_table_is_current()
    {
        var path = PortTableBuilder.BinaryPath(TestPaths.RepoRoot);
        Assert.True(File.Exists(path), path + " is missing. " + Regenerate);

        // Compare payloads, not deflate bytes: zlib-ng may compress the same payload differently on another CPU or
        // runtime, which is not staleness. The payload is hashed in the header, so a stale or corrupt file shows here.
        var committed = PortDataFormat.Unpack(File.ReadAllBytes(path), path);
        var expected = Builder.Value.BuildPayload();

        Assert.True(committed.AsSpan().SequenceEqual(expected),
            $"{path} is stale: its payload ({committed.Length} bytes) differs from the registry's ({expected.Length} bytes). {Regenerate}");
    }

    [Fact]
    public void Committed_splunk_lookup_is_current()
    {
        var path = PortTableBuilder.LookupPath(TestPaths.RepoRoot);
        Assert.True(File.Exists(path), path + " is missing. " + Regenerate);

        var committed = File.ReadAllBytes(path);
        var expected = Builder.Value.BuildLookupCsv();
        if (committed.AsSpan().SequenceEqual(expected))
        {
            return;
        }

        var committedLines = Encoding.UTF8.GetString(committed).Split('\n');
        var expectedLines = Encoding.UTF8.GetString(expected).Split('\n');
        var first = Enumerable.Range(0, Math.Min(committedLines.Length, expectedLines.Length))
            .FirstOrDefault(i => committedLines[i] != expectedLines[i], Math.Min(committedLines.Length, expectedLines.Length));
        var hint = committed.Contains((byte)'\r') ? " The file has CR LF line ends (git autocrlf?); the lookup is LF-only." : string.Empty;
        Assert.Fail($"{path} is stale: line {first + 1} is '{At(committedLines, first)}', expected '{At(expectedLines, first)}'.{hint} {Regenerate}");
    }

    [Fact]
    public void Embedded_resource_is_the_committed_file()
    {
        var path = PortTableBuilder.BinaryPath(TestPaths.RepoRoot);

        Assert.True(PortTable.ReadEmbeddedBytes().AsSpan().SequenceEqual(File.ReadAllBytes(path)),
            "The ports.bin embedded in FlowRole.Core differs from " + path + "; rebuild FlowRole.Core.");
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var again = PortTableBuilder.FromIanaDirectory(TestPaths.InShared("iana"));

        Assert.Equal(Builder.Value.BuildBinary(), again.BuildBinary());
        Assert.Equal(Builder.Value.BuildLookupCsv(), again.BuildLookupCsv());
    }

    [Fact]
    public void Lookup_has_one_row_per_assigned_pair_with_the_tables_facts()
    {
        var lines = Encoding.UTF8.GetString(Builder.Value.BuildLookupCsv()).Split('\n');

        Assert.Equal(PortTableBuilder.LookupHeader, lines[0]);
        Assert.Equal(string.Empty, lines[^1]);                // ends with a line break
        Assert.Equal(Builder.Value.AssignedCount, lines.Length - 2);
        Assert.Equal(11992, Builder.Value.AssignedCount);
        Assert.Contains("3389,tcp,ms-wbt-server,MS WBT Server,registered,windows-legacy openbsd", lines);
        Assert.Contains("47808,udp,bacnet,Building Automation and Control Networks,registered,linux freebsd openbsd", lines);
        Assert.Contains("514,tcp,shell,\"cmd like exec, but automatic authentication is performed as for login server\",well_known,", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("4,", StringComparison.Ordinal));   // unassigned: no row
    }

    private static string At(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";
}
