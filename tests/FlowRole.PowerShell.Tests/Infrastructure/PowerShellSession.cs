using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace FlowRole.PowerShell.Tests.Infrastructure;

/// <summary>
/// A runspace of the real PowerShell engine with the FlowRole module imported from its manifest, and a capturing host.
/// One per test class (xunit class fixture): opening a runspace costs about a second the first time, then milliseconds.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession()
    {
        Host = new CaptureHost();
        _runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        Run("Import-Module -Name $args[0] -ErrorAction Stop", ManifestPath);
    }

    /// <summary>The module manifest the build copied beside the test binaries.</summary>
    public static string ManifestPath => Path.Combine(AppContext.BaseDirectory, "FlowRole.psd1");

    /// <summary>The module folder (the build output holds the same layout as module/FlowRole plus the binaries).</summary>
    public static string ModuleDirectory => AppContext.BaseDirectory;

    public CaptureHost Host { get; }

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script; <c>$args</c> holds <paramref name="arguments"/>. Errors are collected, not thrown.</summary>
    public RunResult Run(string script, params object?[] arguments)
    {
        Host.Clear();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (object? argument in arguments)
        {
            ps.AddArgument(argument);
        }

        Collection<PSObject> output = ps.Invoke();
        return new RunResult(output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
            ps.Streams.Progress.ToList(), ps.HadErrors, Host.Output);
    }

    /// <summary>Runs a script that must succeed without errors; returns its output.</summary>
    public List<PSObject> Ok(string script, params object?[] arguments)
    {
        RunResult result = Run(script, arguments);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("The script wrote errors:\n" + string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        }

        return result.Output;
    }

    /// <summary>Sets a session variable.</summary>
    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    public void Dispose() => _runspace.Dispose();
}
