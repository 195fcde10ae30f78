using System;
using System.Globalization;
using System.IO;
using System.Linq;
using FlowRole.Policy;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// Resolves <c>policy=&lt;name&gt;</c> to a file in the app's <c>lookups/</c> folder (shipped there, or uploaded as a
/// lookup file) and loads it. Only plain names are accepted, so an argument can never reach outside the folder.
/// </summary>
public static class PolicyFiles
{
    /// <summary>The folder, under the app, that holds policy files.</summary>
    public const string FolderName = "lookups";

    /// <summary>Loads the named policy; every failure is a <see cref="CommandArgumentException"/> naming the file and the problem.</summary>
    public static PortPolicy Load(string command, string name, string? appDirectory)
    {
        ArgumentNullException.ThrowIfNull(name);
        string path = Resolve(command, name, appDirectory);

        // Errors name the file as the user knows it (lookups/x.json), not by the bundle path on an indexer.
        string shown = FolderName + "/" + Path.GetFileName(path);
        byte[]? bytes;
        try
        {
            bytes = ReadBounded(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandArgumentException(command + ": policy=" + name + ": cannot read " + shown + ": " + e.Message, e);
        }

        if (bytes is null)
        {
            throw new CommandArgumentException(command + ": policy=" + name + ": " + shown + " is larger than "
                + (PortPolicy.MaxFileBytes >> 20).ToString(CultureInfo.InvariantCulture) + " MB; a policy file is a few kilobytes");
        }

        try
        {
            return PortPolicy.Parse(bytes, shown);
        }
        catch (PolicyException e)
        {
            throw new CommandArgumentException(command + ": policy=" + name + " is not a valid policy: "
                + string.Join("; ", e.Errors.Count > 0 ? e.Errors.Select(error => error.ToString()) : [e.Message]), e);
        }
    }

    /// <summary>The path a policy name resolves to: <c>lookups/&lt;name&gt;</c>, or <c>lookups/&lt;name&gt;.json</c>.</summary>
    public static string Resolve(string command, string name, string? appDirectory)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 200 || name[0] == '.' || name.Contains("..", StringComparison.Ordinal)
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new CommandArgumentException(command + ": policy=" + name + " is not a policy file name (letters, digits, '_', '-' and '.'; "
                + "the file lives in the app's " + FolderName + "/ folder)");
        }

        if (appDirectory is null)
        {
            throw new CommandArgumentException(command + ": policy=" + name + ": the app folder is unknown (the executable is not under "
                + "<app>/<platform>/bin), so " + FolderName + "/ cannot be found");
        }

        string folder = Path.Combine(appDirectory, FolderName);
        foreach (string candidate in new[] { name, name + ".json" })
        {
            string path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                RefuseLinkOutside(command, name, folder, path);
                return path;
            }
        }

        foreach (string candidate in new[] { name, name + ".json" })
        {
            if (Directory.Exists(Path.Combine(folder, candidate)))
            {
                throw new CommandArgumentException(command + ": policy=" + name + ": " + FolderName + "/" + candidate + " is a folder, not a policy file");
            }
        }

        string[] available = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        throw new CommandArgumentException(command + ": policy=" + name + ": no file " + name + " or " + name + ".json in the app's "
            + FolderName + "/ folder (available: " + (available.Length == 0 ? "none" : string.Join(", ", available)) + ")");
    }

    /// <summary>
    /// A policy file may be a symbolic link (an admin's alias for another policy) only when the file it finally names
    /// is in the same <c>lookups/</c> folder: anything else would let <c>policy=</c> read, and quote in its errors,
    /// any file the search process can read. The error names neither the target nor its content.
    /// </summary>
    private static void RefuseLinkOutside(string command, string name, string folder, string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is null)
        {
            return;
        }

        FileSystemInfo? target;
        try
        {
            target = file.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            target = null;
        }

        string shown = FolderName + "/" + file.Name;
        if (target is null || !target.Exists || target is not FileInfo)
        {
            throw new CommandArgumentException(command + ": policy=" + name + ": " + shown + " is a link that leads to no file; refused");
        }

        string targetFolder = Path.GetDirectoryName(target.FullName) ?? string.Empty;
        if (!SameFolder(targetFolder, folder))
        {
            throw new CommandArgumentException(command + ": policy=" + name + ": " + shown + " is a link to a file outside the app's "
                + FolderName + "/ folder; refused (copy the policy into " + FolderName + "/ instead)");
        }
    }

    private static bool SameFolder(string a, string b)
    {
        string Real(string folder)
        {
            // The lookups folder itself may be a link the installer made; compare where both really are.
            var info = new DirectoryInfo(folder);
            string full = (info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName : null) ?? info.FullName;
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(full));
        }

        return string.Equals(Real(a), Real(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>
    /// The file's bytes, or null when it is over the policy size cap: its length is checked before reading (on the
    /// file itself: links are resolved and checked first), and the bytes read are checked again.
    /// </summary>
    private static byte[]? ReadBounded(string path)
    {
        if (new FileInfo(path).Length > PortPolicy.MaxFileBytes)
        {
            return null;
        }

        byte[] bytes = File.ReadAllBytes(path);
        return bytes.Length > PortPolicy.MaxFileBytes ? null : bytes;
    }
}
