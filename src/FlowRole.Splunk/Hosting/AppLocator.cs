using System;
using System.IO;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// Finds the Splunk app folder from the executable's own location, which is the only reliable anchor: on an indexer
/// the app lives under <c>var/run/searchpeers/&lt;bundle&gt;/apps/</c>, never at a fixed path.
/// </summary>
public static class AppLocator
{
    private static readonly string[] PlatformFolders = ["linux_x86_64", "linux_x86", "windows_x86_64", "windows_x86", "darwin_x86_64"];

    /// <summary>
    /// The app folder for an executable at <c>&lt;app&gt;/&lt;platform&gt;/bin/</c> or <c>&lt;app&gt;/bin/</c>, or null when the
    /// executable is not inside an app (a development build).
    /// </summary>
    public static string? FindAppDirectory(string? executablePath)
    {
        if (string.IsNullOrEmpty(executablePath))
        {
            return null;
        }

        string? bin = Path.GetDirectoryName(Path.GetFullPath(executablePath));
        if (bin is null || !string.Equals(Path.GetFileName(bin), "bin", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? parent = Path.GetDirectoryName(bin);
        if (parent is null)
        {
            return null;
        }

        if (Array.Exists(PlatformFolders, p => string.Equals(Path.GetFileName(parent), p, StringComparison.OrdinalIgnoreCase)))
        {
            parent = Path.GetDirectoryName(parent);
        }

        return parent;
    }
}
