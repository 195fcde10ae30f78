using System.Collections.Generic;
using System.Management.Automation;

namespace FlowRole.PowerShell.Tests.Infrastructure;

/// <summary>What a script produced.</summary>
public sealed record RunResult(List<PSObject> Output, List<ErrorRecord> Errors, List<string> Warnings, List<ProgressRecord> Progress,
    bool HadErrors, string HostText);
