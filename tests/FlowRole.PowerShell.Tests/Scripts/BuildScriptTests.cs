using System;
using System.Collections.Generic;
using System.IO;
using System.Formats.Tar;
using System.IO.Compression;
using System.Linq;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Scripts;

/// <summary>
/// build.ps1 runs in the engine-only host (so it uses only core cmdlets and .NET): Package publishes the module,
/// completes a module folder with the binaries, checks it imports, lays it out, zips it, and runs the Splunk packager.
/// The test points every path at a temporary folder, so the repository is not touched.
/// </summary>
/// <remarks>
/// Publishing the Splunk command (NativeAOT for linux-x64, a self-contained win-x64 file) takes minutes, too long for
/// every test run, so the test hands build.ps1 stand-in binaries through -SplunkLinuxBinary/-SplunkWindowsBinary: the
/// real packager still runs from build.ps1 and writes the real .spl, and the test reads it back. The stand-ins carry
/// unique bytes, so only a .spl built by this run from these arguments can pass.
/// </remarks>
public sealed class BuildScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrole-build-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Package_lays_out_an_importable_module_zips_it_and_builds_the_splunk_app()
    {
        string module = Path.Combine(_dir, "module", "FlowRole");
        CopyTree(TestPaths.InRepo("module", "FlowRole"), module);
        string dist = Path.Combine(_dir, "dist");
        string stamp = Guid.NewGuid().ToString("N");
        string linux = Path.Combine(_dir, "flowrole_splunk");
        string windows = Path.Combine(_dir, "flowrole_splunk.exe");
        File.WriteAllText(linux, "linux stand-in " + stamp);
        File.WriteAllText(windows, "windows stand-in " + stamp);
        string cli = Path.Combine(_dir, "flowrole-cli");
        File.WriteAllText(cli, "cli stand-in " + stamp);

        ScriptRun run = ScriptRunner.Run(TestPaths.InRepo("build.ps1"), new Dictionary<string, object?>
        {
            ["Task"] = "Package",
            ["Configuration"] = "Release",
            ["ArtifactsPath"] = Path.Combine(_dir, "artifacts"),
            ["OutputPath"] = dist,
            ["ModulePath"] = module,
            ["SplunkLinuxBinary"] = linux,
            ["SplunkWindowsBinary"] = windows,
            ["CliBinary"] = cli,
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

        // The Splunk app package, named for Directory.Build.props' version, holds the app and the given binaries.
        string spl = Path.Combine(dist, "flowrole-0.1.0.spl");
        Assert.Contains("==> Wrote " + spl, run.Output, StringComparison.Ordinal);
        Dictionary<string, string> app = ReadTarGz(spl);
        Assert.Equal("linux stand-in " + stamp, app["flowrole/linux_x86_64/bin/flowrole"]);
        Assert.Equal("linux stand-in " + stamp, app["flowrole/linux_x86_64/bin/portinfo"]);
        Assert.Equal("windows stand-in " + stamp, app["flowrole/windows_x86_64/bin/flowrole.exe"]);
        Assert.Contains("version = 0.1.0", app["flowrole/default/app.conf"], StringComparison.Ordinal);
        Assert.True(app.ContainsKey("flowrole/default/commands.conf"));

        // The command-line tool for this platform, beside its README.
        string tool = Path.Combine(dist, "flowrole-0.1.0-" + (OperatingSystem.IsWindows() ? "win-x64" : "linux-x64"));
        Assert.Equal("cli stand-in " + stamp, File.ReadAllText(Path.Combine(tool, OperatingSystem.IsWindows() ? "flowrole.exe" : "flowrole")));
        Assert.True(File.Exists(Path.Combine(tool, "README.md")));
    }

    private static Dictionary<string, string> ReadTarGz(string path)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        using FileStream file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType == TarEntryType.RegularFile && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                files[entry.Name] = reader.ReadToEnd();
            }
        }

        return files;
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
