using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FlowRole.PowerShell.Loading;

/// <summary>
/// Loads the module's dependencies (System.Memory, System.Text.Json and the assemblies they need) from the module
/// folder on Windows PowerShell 5.1. .NET Framework looks for the exact versions the assemblies were compiled against,
/// and powershell.exe has no binding redirects for them; this handler answers with the one copy the module ships.
/// PowerShell 7 has these assemblies in the runtime and never asks, so there the handler is not installed.
/// </summary>
public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty;
    private static bool _installed;

    /// <summary>True when the handler is installed (only on .NET Framework).</summary>
    public static bool IsInstalled => _installed;

    /// <summary>Installs the handler when PowerShell imports the module (on .NET Framework only).</summary>
    public void OnImport()
    {
        if (!_installed && RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            _installed = true;
        }
    }

    /// <summary>Removes the handler when the module is removed.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (_installed)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            _installed = false;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        string? name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        string path = Path.Combine(ModuleDirectory, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
