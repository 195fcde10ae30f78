using System.Collections.Generic;
using System.IO;

namespace FlowRole.PowerShell.Tests.Infrastructure;

/// <summary>The files that make up the module folder users copy (manifest, data, help, examples, binaries).</summary>
public static class ModuleLayout
{
    public static IEnumerable<string> Files(string directory)
    {
        string[] patterns = { "FlowRole.psd1", "FlowRole.format.ps1xml", "FlowRole.types.ps1xml", "FlowRole.PowerShell.dll", "FlowRole.Core.dll" };
        foreach (string name in patterns)
        {
            yield return Path.Combine(directory, name);
        }

        foreach (string file in Directory.GetFiles(Path.Combine(directory, "en-US")))
        {
            yield return file;
        }
    }
}
