using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>
/// The NativeAOT linux-x64 executable, as splunkd would run it. Published once per test run into a temp folder
/// keyed by a hash of the sources (so a rerun without changes reuses it, and a stale binary is never tested), or
/// taken from <c>FLOWROLE_SPLUNK_BINARY</c> when a build step already published it.
/// </summary>
internal static class PublishedCommand
{
    private static readonly Lazy<string> Binary = new(Publish);

    public static string Path => Binary.Value;

    private static string Publish()
    {
        string? given = Environment.GetEnvironmentVariable("FLOWROLE_SPLUNK_BINARY");
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? given : throw new FileNotFoundException("FLOWROLE_SPLUNK_BINARY names a missing file", given);
        }

        string repo = TestPaths.RepoRoot;
        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flowrole-splunk-e2e", SourceHash(repo));
        string binary = System.IO.Path.Combine(folder, "flowrole_splunk");
        if (File.Exists(binary))
        {
            return binary;
        }

        string staging = folder + "." + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "publish", System.IO.Path.Combine(repo, "src", "FlowRole.Splunk", "FlowRole.Splunk.csproj"), "-c", "Release", "-r", "linux-x64",
            "-o", System.IO.Path.Combine(staging, "out"), "-p:ArtifactsPath=" + System.IO.Path.Combine(staging, "artifacts"), "--nologo", "-nodeReuse:false",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild settings must not leak into the nested build.
        foreach (string name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => log.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish (NativeAOT) did not finish in 15 minutes:\n" + log);
        }

        process.WaitForExit();
        string published = System.IO.Path.Combine(staging, "out", "flowrole_splunk");
        Assert.True(process.ExitCode == 0 && File.Exists(published), "dotnet publish -r linux-x64 failed:\n" + log);
        Directory.CreateDirectory(folder);
        File.Move(published, binary + ".tmp", overwrite: true);
        File.Move(binary + ".tmp", binary, overwrite: true);
        Directory.Delete(staging, recursive: true);
        return binary;
    }

    private static string SourceHash(string repo)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        string[] roots = [System.IO.Path.Combine(repo, "src", "FlowRole.Splunk"), System.IO.Path.Combine(repo, "src", "FlowRole.Core")];
        var files = roots.SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains(System.IO.Path.DirectorySeparatorChar + "bin" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(System.IO.Path.DirectorySeparatorChar + "obj" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => System.IO.Path.Combine(repo, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(System.IO.Path.GetRelativePath(repo, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(sha.GetHashAndReset())[..16];
    }
}
