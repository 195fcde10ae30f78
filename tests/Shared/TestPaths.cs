using System;
using System.IO;

namespace FlowRole.Tests;

/// <summary>Locates the repository and the shared data beside it, wherever the test binaries were built.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        // The build stamps the checkout it was built from; prefer it when it still exists.
        foreach (var attribute in typeof(TestPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false))
        {
            if (attribute is System.Reflection.AssemblyMetadataAttribute { Key: "FlowRole.RepoRoot", Value: { } stamped }
                && File.Exists(Path.Combine(stamped, "Integration.sln")))
            {
                return stamped;
            }
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
        {
            dir = dir.Parent;
        }

        // Builds with a custom ArtifactsPath run outside the tree: fall back to the working directory's ancestors.
        if (dir is null)
        {
            dir = new DirectoryInfo(Directory.GetCurrentDirectory());
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
            {
                dir = dir.Parent;
            }
        }

        return dir?.FullName ?? throw new InvalidOperationException("Integration.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding Integration.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary><c>../shared/data</c> beside the repository.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>A path under the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine(RepoRoot, Path.Combine(parts));

    /// <summary>A path under the shared data folder.</summary>
    public static string InShared(params string[] parts) => Path.Combine(SharedData, Path.Combine(parts));
}
