using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace FlowRole.Tests;

/// <summary>
/// A front end's NativeAOT linux-x64 executable, as users and splunkd run it. Published once per test run into a temp
/// folder keyed by a hash of the sources (a rerun without changes reuses it; a stale binary is never tested), or taken
/// from an environment variable when a build step already published it.
/// </summary>
internal static class NativeExecutable
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Published = new(StringComparer.Ordinal);

    /// <summary>The path of <paramref name="assemblyName"/> published from <c>src/<paramref name="project"/></c>.</summary>
    /// <param name="project">The project folder under <c>src/</c>, e.g. <c>FlowRole.Cli</c>.</param>
    /// <param name="assemblyName">The executable's name, e.g. <c>flowrole</c>.</param>
    /// <param name="variable">An environment variable that may name an already published executable.</param>
    /// <param name="properties">Extra MSBuild properties for the publish, e.g. <c>IlcInstructionSet=x86-64-v3</c>.</param>
    public static string Get(string project, string assemblyName, string variable, params string[] properties) =>
        Published.GetOrAdd(project + "|" + string.Join("|", properties), _ => new Lazy<string>(() => Publish(project, assemblyName, variable, properties))).Value;

    private static string Publish(string project, string assemblyName, string variable, string[] properties)
    {
        string? given = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? given : throw new FileNotFoundException(variable + " names a missing file", given);
        }

        string repo = TestPaths.RepoRoot;
        string folder = Path.Combine(Path.GetTempPath(), "flowrole-native-e2e", project, SourceHash(repo, project, properties));
        string binary = Path.Combine(folder, assemblyName);
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
            "publish", Path.Combine(repo, "src", project, project + ".csproj"), "-c", "Release", "-r", "linux-x64",
            "-o", Path.Combine(staging, "out"), "-p:ArtifactsPath=" + Path.Combine(staging, "artifacts"), "--nologo", "-nodeReuse:false",
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string property in properties)
        {
            start.ArgumentList.Add("-p:" + property);
        }

        // The test host's MSBuild settings must not leak into the nested build.
        foreach (string name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish {project} (NativeAOT) did not finish in 15 minutes:\n{log}");
        }

        process.WaitForExit();
        string published = Path.Combine(staging, "out", assemblyName);
        Assert.True(process.ExitCode == 0 && File.Exists(published), $"dotnet publish {project} -r linux-x64 failed:\n{log}");
        Directory.CreateDirectory(folder);
        File.Move(published, binary + ".tmp", overwrite: true);
        File.Move(binary + ".tmp", binary, overwrite: true);
        Directory.Delete(staging, recursive: true);
        return binary;
    }

    private static string SourceHash(string repo, string project, string[] properties)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(string.Join("\n", properties) + "\n"));
        string[] roots = [Path.Combine(repo, "src", project), Path.Combine(repo, "src", "FlowRole.Core")];
        char s = Path.DirectorySeparatorChar;
        var files = roots.SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains(s + "bin" + s, StringComparison.Ordinal) && !f.Contains(s + "obj" + s, StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(repo, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repo, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(sha.GetHashAndReset())[..16];
    }
}
