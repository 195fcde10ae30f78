using System;
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
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandArgumentException(command + ": policy=" + name + ": cannot read " + shown + ": " + e.Message, e);
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
                return path;
            }
        }

        string[] available = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        throw new CommandArgumentException(command + ": policy=" + name + ": no file " + name + " or " + name + ".json in the app's "
            + FolderName + "/ folder (available: " + (available.Length == 0 ? "none" : string.Join(", ", available)) + ")");
    }
}
