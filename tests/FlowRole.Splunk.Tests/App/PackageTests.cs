using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using FlowRole.Splunk.Tests.Infrastructure;
using FlowRole.SplunkPackager;
using Xunit;

namespace FlowRole.Splunk.Tests.App;

/// <summary>The .spl the packager writes: a tar.gz Splunk installs as is, with the right modes.</summary>
public sealed class PackageTests
{
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode755 = Mode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    internal static List<(TarEntry Entry, byte[] Content)> ReadSpl(byte[] spl)
    {
        var entries = new List<(TarEntry, byte[])>();
        using var tar = new TarReader(new GZipStream(new MemoryStream(spl), CompressionMode.Decompress));
        while (tar.GetNextEntry(copyData: true) is { } entry)
        {
            var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add((entry, content.ToArray()));
        }

        return entries;
    }

    private static byte[] Build(bool windows)
    {
        string folder = Directory.CreateTempSubdirectory("flowrole-spl-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "linux"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3]);
            File.WriteAllBytes(Path.Combine(folder, "win.exe"), [(byte)'M', (byte)'Z', 9]);
            List<PackageFile> files = SplunkPackage.Layout(AppPaths.App, "1.2.3", Path.Combine(folder, "linux"), windows ? Path.Combine(folder, "win.exe") : null);
            var output = new MemoryStream();
            SplunkPackage.Write(files, output, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
            return output.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Spl_is_a_gzip_tar_of_the_app_folder_with_splunks_modes()
    {
        byte[] spl = Build(windows: true);
        Assert.Equal([0x1F, 0x8B], spl.Take(2));
        List<(TarEntry Entry, byte[] Content)> entries = ReadSpl(spl);
        string[] names = entries.Select(e => e.Entry.Name).ToArray();
        Assert.All(names, n => Assert.StartsWith("flowrole/", n, StringComparison.Ordinal));
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());

        foreach ((TarEntry entry, byte[] _) in entries)
        {
            bool executable = entry.Name.Contains("/bin/", StringComparison.Ordinal);
            UnixFileMode expected = entry.EntryType == TarEntryType.Directory || executable ? Mode755 : Mode644;
            Assert.True(expected == entry.Mode, entry.Name + " has mode " + Convert.ToString((int)entry.Mode, 8));
            Assert.Equal(0, entry.Uid);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), entry.ModificationTime);
            Assert.True(entry.EntryType is TarEntryType.Directory or TarEntryType.RegularFile or TarEntryType.V7RegularFile, entry.Name);
        }

        // Nothing executable outside a bin folder (AppInspect check_for_bin_files), no .exe outside bin.
        Assert.All(entries.Where(e => e.Entry.EntryType != TarEntryType.Directory && !e.Entry.Name.Contains("/bin/", StringComparison.Ordinal)),
            e => Assert.Equal(Mode644, e.Entry.Mode));
        Assert.All(names.Where(n => n.EndsWith(".exe", StringComparison.Ordinal)), n => Assert.Contains("/bin/", n, StringComparison.Ordinal));

        foreach (string expectedPath in new[]
        {
            "flowrole/default/app.conf", "flowrole/default/commands.conf", "flowrole/default/searchbnf.conf", "flowrole/metadata/default.meta",
            "flowrole/README.md", "flowrole/lookups/flowrole_ports.csv", "flowrole/lookups/flowrole_sample_policy.json",
            "flowrole/linux_x86_64/bin/flowrole", "flowrole/linux_x86_64/bin/portinfo",
            "flowrole/windows_x86_64/bin/flowrole.exe", "flowrole/windows_x86_64/bin/portinfo.exe",
            "flowrole/linux_x86_64/", "flowrole/linux_x86_64/bin/",
        })
        {
            Assert.Contains(expectedPath, names);
        }

        // Parent folders come before their contents, so any tar extracts it.
        for (int i = 0; i < names.Length; i++)
        {
            string parent = names[i].TrimEnd('/');
            parent = parent[..(parent.LastIndexOf('/') + 1)];
            Assert.True(parent.Length == 0 || Array.IndexOf(names, parent) < i, names[i]);
        }

        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3], entries.Single(e => e.Entry.Name == "flowrole/linux_x86_64/bin/portinfo").Content);
        string appConf = Encoding.UTF8.GetString(entries.Single(e => e.Entry.Name == "flowrole/default/app.conf").Content);
        Assert.Contains("\n[launcher]", appConf, StringComparison.Ordinal);
        Assert.Equal(2, appConf.Split('\n').Count(l => l == "version = 1.2.3"));
    }

    [Fact]
    public void Linux_only_package_has_no_windows_files()
    {
        List<(TarEntry Entry, byte[] Content)> entries = ReadSpl(Build(windows: false));
        Assert.DoesNotContain(entries, e => e.Entry.Name.Contains("windows", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Entry.Name == "flowrole/linux_x86_64/bin/flowrole");
    }

    [Fact]
    public void Layout_leaves_out_local_and_hidden_files()
    {
        string app = Directory.CreateTempSubdirectory("flowrole-app-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(app, "default"));
            Directory.CreateDirectory(Path.Combine(app, "local"));
            Directory.CreateDirectory(Path.Combine(app, "metadata"));
            File.WriteAllText(Path.Combine(app, "default", "app.conf"), "[launcher]\nversion = 0.0.1\n\n[id]\nversion = 0.0.1\n[ui]\nversion = keep\n");
            File.WriteAllText(Path.Combine(app, "local", "app.conf"), "[x]\n");
            File.WriteAllText(Path.Combine(app, "metadata", "local.meta"), "[]\n");
            File.WriteAllText(Path.Combine(app, ".gitignore"), "x\n");
            File.WriteAllText(Path.Combine(app, "bin.txt"), "kept\n");
            string binary = Path.Combine(app, "..", Path.GetFileName(app) + ".bin");
            File.WriteAllBytes(binary, [1]);
            try
            {
                List<PackageFile> files = SplunkPackage.Layout(app, "2.0.0", binary, null);
                Assert.Equal(["flowrole/bin.txt", "flowrole/default/app.conf", "flowrole/linux_x86_64/bin/flowrole", "flowrole/linux_x86_64/bin/portinfo"],
                    files.Select(f => f.Path));
                Assert.Equal("[launcher]\nversion = 2.0.0\n\n[id]\nversion = 2.0.0\n[ui]\nversion = keep\n", Encoding.UTF8.GetString(files[1].Content));
            }
            finally
            {
                File.Delete(binary);
            }
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    [Fact]
    public void Layout_refuses_a_folder_without_app_conf_or_without_binaries()
    {
        string app = Directory.CreateTempSubdirectory("flowrole-app-").FullName;
        try
        {
            Assert.Throws<ArgumentException>(() => SplunkPackage.Layout(app, "1.0.0", null, null));
            Assert.Throws<InvalidDataException>(() => SplunkPackage.Layout(app, "1.0.0", Path.Combine(AppPaths.App, "README.md"), null));
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }
}
