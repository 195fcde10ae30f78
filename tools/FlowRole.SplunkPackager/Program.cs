using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace FlowRole.SplunkPackager;

/// <summary>
/// <c>dotnet run --project tools/FlowRole.SplunkPackager -c Release -- [options]</c>: publishes the Splunk command
/// and writes <c>dist/flowrole-&lt;version&gt;.spl</c>.
/// </summary>
public static class Program
{
    private const string Usage = """
        FlowRole.SplunkPackager: builds the Splunk app package (.spl).
          --output <dir>          where the .spl goes (default: <repo>/dist)
          --linux-binary <file>   use this linux-x64 executable instead of publishing one (and its x86-64-v3 build)
          --linux-v3-binary <file> the x86-64-v3 build to ship beside it (flowrole.x86-64-v3, run on AVX2 CPUs)
          --windows-binary <file> use this win-x64 executable instead of publishing one
          --no-windows            Linux only (Splunk Cloud runs Linux x86_64 only); writes flowrole-<version>-linux.spl
          --artifacts <dir>       ArtifactsPath for the publish steps (default: the repository's artifacts/)
          --repo <dir>            the repository root (default: found from the working directory)
        """;

    /// <summary>Runs the packager; returns the exit code.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return Run(args);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine("FlowRole.SplunkPackager: " + e.Message);
            return 1;
        }
    }

    private static int Run(string[] args)
    {
        string? output = null, linux = null, linuxVariant = null, windows = null, artifacts = null, repo = null;
        bool noWindows = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.\n" + Usage);
            switch (args[i])
            {
                case "--output": output = Value(); break;
                case "--linux-binary": linux = Value(); break;
                case "--linux-v3-binary": linuxVariant = Value(); break;
                case "--windows-binary": windows = Value(); break;
                case "--artifacts": artifacts = Value(); break;
                case "--repo": repo = Value(); break;
                case "--no-windows": noWindows = true; break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    throw new ArgumentException("Unknown option '" + args[i] + "'.\n" + Usage);
            }
        }

        repo ??= FindRepository(Directory.GetCurrentDirectory());
        string version = SplunkPackage.ReadVersion(repo);
        string staging = Path.Combine(Path.GetTempPath(), "flowrole-package-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (linux is null)
            {
                // The baseline build, and the x86-64-v3 build it hands over to on AVX2 CPUs (its own artifacts folder:
                // the two differ only in a property the incremental build does not see).
                linux = Publish(repo, "linux-x64", Path.Combine(staging, "linux"), artifacts, "flowrole_splunk");
                linuxVariant ??= Publish(repo, "linux-x64", Path.Combine(staging, "linux-v3"), Path.Combine(artifacts ?? Path.Combine(repo, "artifacts"), "isa-x86-64-v3"),
                    "flowrole_splunk", "-p:IlcInstructionSet=x86-64-v3");
            }

            if (noWindows)
            {
                windows = null;
            }
            else
            {
                windows ??= Publish(repo, "win-x64", Path.Combine(staging, "windows"), artifacts, "flowrole_splunk.exe");
            }

            List<PackageFile> files = SplunkPackage.Layout(Path.Combine(repo, "splunk-app", SplunkPackage.AppName), version, linux, windows, linuxVariant);
            string folder = Path.GetFullPath(output ?? Path.Combine(repo, "dist"));
            Directory.CreateDirectory(folder);
            string target = Path.Combine(folder, SplunkPackage.AppName + "-" + version + (noWindows ? "-linux" : "") + ".spl");
            using (FileStream stream = File.Create(target))
            {
                SplunkPackage.Write(files, stream, Timestamp());
            }

            Console.WriteLine(target + " (" + new FileInfo(target).Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes, " + files.Count.ToString(CultureInfo.InvariantCulture) + " files)");
            return 0;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>SOURCE_DATE_EPOCH when set (reproducible builds), else now.</summary>
    private static DateTimeOffset Timestamp() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out long epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static string FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Integration.sln not found above " + start + "; pass --repo.");
    }

    private static string Publish(string repo, string runtime, string outputFolder, string? artifacts, string fileName, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, UseShellExecute = false };
        foreach (string arg in new[] { "publish", Path.Combine("src", "FlowRole.Splunk", "FlowRole.Splunk.csproj"), "-c", "Release", "-r", runtime, "-o", outputFolder, "--nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        if (artifacts is not null)
        {
            start.ArgumentList.Add("-p:ArtifactsPath=" + artifacts);
        }

        foreach (string arg in extra)
        {
            start.ArgumentList.Add(arg);
        }

        Console.WriteLine("dotnet " + string.Join(' ', start.ArgumentList));
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish for " + runtime + " failed with exit code " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + ".");
        }

        string binary = Path.Combine(outputFolder, fileName);
        return File.Exists(binary) ? binary : throw new InvalidOperationException("dotnet publish for " + runtime + " produced no " + fileName + ".");
    }
}
