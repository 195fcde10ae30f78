using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Scripts;

/// <summary>
/// build.ps1 runs in the engine-only host (so it uses only core cmdlets and .NET): Package publishes the module,
/// completes a module folder with the binaries, checks it imports, lays it out and zips it. The test points every
/// path at a temporary folder, so the repository is not touched.
/// </summary>
public sealed class BuildScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrole-build-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Package_lays_out_an_importable_module_and_zips_it()
    {
        string module = Path.Combine(_dir, "module", "FlowRole");
        CopyTree(TestPaths.InRepo("module", "FlowRole"), module);
        string dist = Path.Combine(_dir, "dist");

        ScriptRun run = ScriptRunner.Run(TestPaths.InRepo("build.ps1"), new Dictionary<string, object?>
        {
            ["Task"] = "Package",
            ["Configuration"] = "Release",
            ["ArtifactsPath"] = Path.Combine(_dir, "artifacts"),
            ["OutputPath"] = dist,
            ["ModulePath"] = module,
            ["SkipSplunk"] = true,
        });
        Assert.True(run.ExitCode == 0, run.Output + string.Join("\n", run.Errors));
        Assert.Contains("==> Import-Module " + module + " is ready", run.Output, StringComparison.Ordinal);

        // Build completed the module folder with the binaries, dependencies included (Windows PowerShell 5.1 needs them).
        foreach (string dll in new[] { "FlowRole.PowerShell.dll", "FlowRole.Core.dll", "System.Memory.dll", "System.Text.Json.dll" })
        {
            Assert.True(File.Exists(Path.Combine(module, dll)), dll + " missing from the module folder");
        }

        string zip = Path.Combine(dist, "FlowRole-0.1.0.zip");
        using ZipArchive archive = ZipFile.OpenRead(zip);
        string[] entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).OrderBy(e => e, StringComparer.Ordinal).ToArray();
        Assert.Contains("FlowRole/FlowRole.psd1", entries);
        Assert.Contains("FlowRole/FlowRole.PowerShell.dll", entries);
        Assert.Contains("FlowRole/en-US/FlowRole.PowerShell.dll-Help.xml", entries);
        Assert.Contains("FlowRole/en-US/about_FlowRole.help.txt", entries);
        Assert.Contains("FlowRole/Examples/Invoke-ZeekConnHunt.ps1", entries);
        Assert.DoesNotContain("FlowRole/.gitignore", entries);
        Assert.All(entries, e => Assert.StartsWith("FlowRole/", e, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dist, "FlowRole", "FlowRole.psd1")));
    }

    [Fact]
    public void A_bad_task_is_refused()
    {
        ScriptRun run = ScriptRunner.Run(TestPaths.InRepo("build.ps1"), new Dictionary<string, object?> { ["Task"] = "Deploy" });
        Assert.NotEqual(0, run.ExitCode);
    }

    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            if (!file.EndsWith(".dll", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }
        }

        foreach (string directory in Directory.GetDirectories(source))
        {
            CopyTree(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
