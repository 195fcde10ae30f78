using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace FlowRole.SplunkPackager;

/// <summary>
/// Lays out the Splunk app and writes it as a <c>.spl</c> (a gzip-compressed tar): the app folder from the
/// repository, the version stamped into <c>app.conf</c>, and one copy of the command executable per command and
/// platform (<c>&lt;platform&gt;/bin/flowrole</c>, <c>&lt;platform&gt;/bin/portinfo</c>), because splunkd finds a chunked
/// command's executable by the stanza name when <c>filename</c> is not set. Modes: 0755 for directories and the
/// executables, 0644 for everything else; owner root; entries sorted; one timestamp, so the archive is reproducible.
/// </summary>
public static partial class SplunkPackage
{
    /// <summary>The app's folder name, which is also its package id.</summary>
    public const string AppName = "flowrole";

    /// <summary>The commands, each served by its own copy of the executable.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["flowrole", "portinfo"];

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ExecutableMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// Collects the app: every file under <paramref name="appFolder"/> except <c>local/</c>, <c>local.meta</c>, hidden
    /// files and platform folders, the version stamped into <c>default/app.conf</c>, plus the binaries.
    /// </summary>
    /// <param name="appFolder">The source app folder (<c>splunk-app/flowrole</c>).</param>
    /// <param name="version">The product version to stamp.</param>
    /// <param name="linuxBinary">The linux-x64 executable, or null to leave Linux out.</param>
    /// <param name="windowsBinary">The win-x64 executable, or null to leave Windows out (a Splunk Cloud build).</param>
    /// <param name="linuxVariant">
    /// The linux-x64 executable compiled for x86-64-v3, shipped beside the baseline one as <see cref="VariantFileName"/>
    /// (the baseline build runs it in its place on CPUs that have AVX2), or null to ship the baseline build alone.
    /// </param>
    public static List<PackageFile> Layout(string appFolder, string version, string? linuxBinary, string? windowsBinary, string? linuxVariant = null)
    {
        ArgumentNullException.ThrowIfNull(appFolder);
        ArgumentNullException.ThrowIfNull(version);
        if (!Directory.Exists(appFolder))
        {
            throw new DirectoryNotFoundException("The app folder " + appFolder + " does not exist.");
        }

        if (linuxBinary is null && windowsBinary is null)
        {
            throw new ArgumentException("At least one platform binary is needed.");
        }

        var files = new List<PackageFile>();
        string root = Path.GetFullPath(appFolder);
        foreach (string path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (IsExcluded(relative))
            {
                continue;
            }

            byte[] content = File.ReadAllBytes(path);
            if (relative == "default/app.conf")
            {
                content = StampVersion(content, version);
            }

            files.Add(new PackageFile(AppName + "/" + relative, content, executable: false));
        }

        if (!files.Any(f => f.Path == AppName + "/default/app.conf"))
        {
            throw new InvalidDataException(appFolder + " has no default/app.conf.");
        }

        AddBinaries(files, linuxBinary, "linux_x86_64", "");
        if (linuxVariant is not null)
        {
            if (linuxBinary is null)
            {
                throw new ArgumentException("The x86-64-v3 variant ships only beside a linux-x64 baseline executable.", nameof(linuxVariant));
            }

            files.Add(new PackageFile(AppName + "/linux_x86_64/bin/" + VariantFileName, File.ReadAllBytes(linuxVariant), executable: true));
        }

        AddBinaries(files, windowsBinary, "windows_x86_64", ".exe");
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>Writes the files as a gzip-compressed tar with their folders, Splunk's modes and one timestamp.</summary>
    public static void Write(IReadOnlyList<PackageFile> files, Stream output, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (PackageFile file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            // Parent folders first, each once.
            string[] parts = file.Path.Split('/');
            for (int depth = 1; depth < parts.Length; depth++)
            {
                string folder = string.Join('/', parts.Take(depth)) + "/";
                if (written.Add(folder))
                {
                    tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, folder) { Mode = ExecutableMode, ModificationTime = timestamp });
                }
            }

            var entry = new UstarTarEntry(TarEntryType.RegularFile, file.Path)
            {
                Mode = file.Executable ? ExecutableMode : FileMode,
                ModificationTime = timestamp,
                DataStream = new MemoryStream(file.Content, writable: false),
            };
            tar.WriteEntry(entry);
        }
    }

    /// <summary>The x86-64-v3 build's name in <c>linux_x86_64/bin/</c> (the command's <c>InstructionSetVariant.FileName</c>).</summary>
    public const string VariantFileName = "flowrole.x86-64-v3";

    /// <summary>The product version from Directory.Build.props (<c>&lt;Version&gt;</c>).</summary>
    public static string ReadVersion(string repositoryRoot)
    {
        string props = Path.Combine(repositoryRoot, "Directory.Build.props");
        Match match = VersionElement().Match(File.ReadAllText(props));
        if (!match.Success)
        {
            throw new InvalidDataException(props + " has no <Version> element.");
        }

        return match.Groups[1].Value.Trim();
    }

    /// <summary>Replaces the <c>version</c> of the <c>[launcher]</c> and <c>[id]</c> stanzas of an app.conf.</summary>
    public static byte[] StampVersion(byte[] appConf, string version)
    {
        ArgumentNullException.ThrowIfNull(appConf);
        string text = Encoding.UTF8.GetString(appConf);
        var result = new StringBuilder(text.Length);
        string stanza = "";
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                stanza = trimmed[1..^1];
            }

            bool versioned = stanza is "launcher" or "id";
            result.Append(versioned && VersionKey().IsMatch(line) ? "version = " + version + (line.EndsWith('\r') ? "\r" : "") : line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(result.ToString(0, result.Length - 1));
    }

    private static bool IsExcluded(string relative)
    {
        string first = relative.Split('/')[0];
        return relative.Split('/').Any(part => part.StartsWith('.'))
            || first is "local" or "bin" or "linux_x86_64" or "linux_x86" or "windows_x86_64" or "windows_x86" or "darwin_x86_64"
            || relative == "metadata/local.meta"
            || relative.EndsWith(".pyc", StringComparison.Ordinal);
    }

    private static void AddBinaries(List<PackageFile> files, string? binary, string platform, string extension)
    {
        if (binary is null)
        {
            return;
        }

        byte[] content = File.ReadAllBytes(binary);
        foreach (string command in Commands)
        {
            files.Add(new PackageFile(AppName + "/" + platform + "/bin/" + command + extension, content, executable: true));
        }
    }

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();

    [GeneratedRegex(@"^\s*version\s*=")]
    private static partial Regex VersionKey();
}
