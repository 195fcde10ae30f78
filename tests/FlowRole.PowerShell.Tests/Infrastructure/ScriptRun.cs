using System.Collections.Generic;

namespace FlowRole.PowerShell.Tests.Infrastructure;

/// <summary>A finished script run.</summary>
public sealed record ScriptRun(int ExitCode, string Output, List<string> Errors);
