using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Hosting;
using Xunit;

namespace FlowRole.Splunk.Tests.Robustness;

/// <summary>
/// What the Splunk command can touch (docs/security.md): it starts no process, opens no socket, loads no code, writes
/// no file, and reads files only through the read-only calls listed here; <c>policy=</c> only ever names a plain file
/// in the app's lookups/ folder. Checked on the compiled assemblies, so a new call anywhere fails the test.
/// </summary>
public sealed class SecuritySurfaceTests
{
    // Namespaces and types whose use would mean running code, talking to the network or loading assemblies.
    private static readonly string[] ForbiddenPrefixes =
    [
        "System.Net.", "System.Diagnostics.Process", "System.Reflection.Emit.", "System.Runtime.Loader.", "System.CodeDom.Compiler.CodeDomProvider",
        "Microsoft.Win32.Registry", "System.IO.Pipes.", "System.IO.MemoryMappedFiles.",
    ];

    // The file-system calls the command and Core may make: reads, existence checks, listing lookups/, resolving a link in
    // lookups/ to check it stays there (StreamReader:
    // Core's IANA registry reader, used by the generator tool).
    private static readonly Dictionary<string, string[]> AllowedFileSystemMembers = new(StringComparer.Ordinal)
    {
        ["System.IO.File"] = ["Exists", "ReadAllBytes"],
        ["System.IO.Directory"] = ["Exists", "GetFiles"],
        ["System.IO.FileInfo"] = [".ctor", "get_Exists", "get_Length"],
        ["System.IO.DirectoryInfo"] = [".ctor"],
        ["System.IO.FileSystemInfo"] = ["get_Exists", "get_LinkTarget", "ResolveLinkTarget", "get_FullName", "get_Name"],
        ["System.IO.StreamReader"] = [".ctor"],
        ["System.IO.Path"] = ["Combine", "GetFileName", "GetDirectoryName", "GetFullPath", "GetFileNameWithoutExtension", "GetExtension", "TrimEndingDirectorySeparator"],
    };

    // Types that can create, change or delete files, whatever member is used.
    private static readonly string[] FileSystemTypes =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.IO.FileStream",
        "System.IO.StreamWriter", "System.IO.StreamReader", "System.IO.Path", "System.IO.RandomAccess", "Microsoft.Win32.SafeHandles.SafeFileHandle",
    ];

    public static TheoryData<string> Assemblies() => new()
    {
        typeof(SearchCommandHost).Assembly.Location,
        typeof(Classifier).Assembly.Location,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoProcessNetworkOrCodeLoadingApis(string assembly)
    {
        List<string> found = ReferencedTypes(assembly).Where(type => ForbiddenPrefixes.Any(prefix => type.StartsWith(prefix, StringComparison.Ordinal)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(found.Count == 0, Path.GetFileName(assembly) + " references " + string.Join(", ", found));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void FileSystemUseIsReadOnly(string assembly)
    {
        var found = new List<string>();
        foreach ((string type, string member) in ReferencedMembers(assembly))
        {
            if (FileSystemTypes.Contains(type) && !(AllowedFileSystemMembers.TryGetValue(type, out string[]? allowed) && allowed.Contains(member)))
            {
                found.Add(type + "." + member);
            }
        }

        Assert.True(found.Count == 0, Path.GetFileName(assembly) + " calls " + string.Join(", ", found.Distinct().Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("../default/commands.conf")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("lookups/x.json")]
    [InlineData("a\\b")]
    [InlineData(".hidden")]
    [InlineData("x..json")]
    [InlineData("%2e%2e%2fx")]
    [InlineData("name with space")]
    [InlineData("politique-é")]
    [InlineData("")]
    [InlineData("C:x")]
    public void PolicyNameCannotReachOutsideLookups(string name)
    {
        string app = Path.Combine(Path.GetTempPath(), "flowrole-app-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(app, "lookups"));
            CommandArgumentException error = Assert.Throws<CommandArgumentException>(() => PolicyFiles.Resolve("flowrole", name, app));
            Assert.Contains("is not a policy file name", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    [Fact]
    public void PlainPolicyNameResolvesInsideLookupsOnly()
    {
        string app = Path.Combine(Path.GetTempPath(), "flowrole-app-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(app, "lookups"));
            File.WriteAllText(Path.Combine(app, "lookups", "site.json"), "{\"version\":1}");
            string resolved = PolicyFiles.Resolve("flowrole", "site", app);
            Assert.Equal(Path.Combine(app, "lookups", "site.json"), resolved);
            Assert.StartsWith(Path.Combine(app, "lookups") + Path.DirectorySeparatorChar, Path.GetFullPath(resolved), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    private static IEnumerable<string> ReferencedTypes(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        foreach (TypeReferenceHandle handle in metadata.TypeReferences)
        {
            yield return FullName(metadata, handle);
        }
    }

    private static List<(string Type, string Member)> ReferencedMembers(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var members = new List<(string, string)>();
        foreach (MemberReferenceHandle handle in metadata.MemberReferences)
        {
            MemberReference member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                members.Add((FullName(metadata, (TypeReferenceHandle)member.Parent), metadata.GetString(member.Name)));
            }
        }

        return members;
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        TypeReference type = metadata.GetTypeReference(handle);
        string name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        string ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
