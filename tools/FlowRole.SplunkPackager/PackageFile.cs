namespace FlowRole.SplunkPackager;

/// <summary>One file of the app as it goes into the package: its path inside the archive, its bytes and whether it is executed.</summary>
public sealed class PackageFile
{
    /// <summary>Creates a package file.</summary>
    public PackageFile(string path, byte[] content, bool executable)
    {
        Path = path;
        Content = content;
        Executable = executable;
    }

    /// <summary>The path inside the archive, with <c>/</c> separators, starting with the app folder (<c>flowrole/default/app.conf</c>).</summary>
    public string Path { get; }

    /// <summary>The file's bytes.</summary>
    public byte[] Content { get; }

    /// <summary>True for the command executables (mode 0755); everything else is 0644.</summary>
    public bool Executable { get; }
}
