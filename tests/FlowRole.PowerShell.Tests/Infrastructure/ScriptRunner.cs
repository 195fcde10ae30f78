using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace FlowRole.PowerShell.Tests.Infrastructure;

/// <summary>
/// Runs a script file the way <c>pwsh -File</c> would, in the hosted engine: output rendered through Out-Default to a
/// capturing host, the exit code taken from <c>exit N</c> (else $LASTEXITCODE, else 1 when the script had errors).
/// The tests run the example hunting scripts with it; the test program's <c>run</c> mode exposes it on the command line.
/// </summary>
public static class ScriptRunner
{
    /// <summary>Runs <paramref name="scriptPath"/> with named and positional arguments.</summary>
    public static ScriptRun Run(string scriptPath, IDictionary<string, object?>? parameters = null, string? workingDirectory = null,
        IEnumerable<KeyValuePair<string, object?>>? variables = null)
    {
        var host = new CaptureHost();
        using Runspace runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        if (variables is not null)
        {
            foreach (KeyValuePair<string, object?> variable in variables)
            {
                runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
            }
        }

        if (workingDirectory is not null)
        {
            // Set-Location is not in the engine-only package; the session state API is.
            runspace.SessionStateProxy.Path.SetLocation(workingDirectory);
        }

        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;

        // Like pwsh -File: run the script, render its output, and keep $LASTEXITCODE for the exit code.
        ps.AddScript("param($__script, $__parameters) & $__script @__parameters 2>&1 | Out-Default; $global:LASTEXITCODE")
            .AddArgument(scriptPath)
            .AddArgument(new System.Collections.Hashtable((System.Collections.IDictionary?)parameters ?? new Dictionary<string, object?>()));
        var errors = new List<string>();
        int? lastExitCode = null;
        try
        {
            foreach (PSObject result in ps.Invoke())
            {
                if (result?.BaseObject is int code)
                {
                    lastExitCode = code;
                }
            }
        }
        catch (RuntimeException e)
        {
            errors.Add(e.ErrorRecord?.ToString() ?? e.Message);
        }

        foreach (ErrorRecord error in ps.Streams.Error)
        {
            errors.Add(error.FullyQualifiedErrorId + ": " + error);
        }

        int exitCode = host.ExitCode ?? lastExitCode ?? (errors.Count > 0 ? 1 : 0);
        return new ScriptRun(exitCode, host.Output, errors);
    }
}
