using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>
/// TestPaths looks for Integration.sln above the test binaries and then above the working directory; with a custom
/// ArtifactsPath neither is inside the repository, so the working directory is pointed at the repository recorded
/// at build time before any test runs.
/// </summary>
internal static class RepositoryLocator
{
    [ModuleInitializer]
    internal static void UseRepositoryAsWorkingDirectory()
    {
        string? root = typeof(RepositoryLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (root is not null && File.Exists(Path.Combine(root, "Integration.sln")))
        {
            Directory.SetCurrentDirectory(root);
        }
    }
}
