using System;
using System.Collections.Generic;
using FlowRole.Splunk.Protocol;

namespace FlowRole.Splunk.Hosting;

/// <summary>How a <see cref="SearchCommandHost"/> picks and runs its command.</summary>
public sealed class HostOptions
{
    /// <summary>The commands the host can serve, by SPL name.</summary>
    public IReadOnlyDictionary<string, Func<SearchCommand>> Commands { get; init; } = new Dictionary<string, Func<SearchCommand>>();

    /// <summary>
    /// The command to run whatever splunkd says (from <c>command.arg.1 = --command=NAME</c> in commands.conf); null
    /// to use getinfo's <c>searchinfo.command</c> when it names a known command, else <see cref="DefaultCommand"/>.
    /// </summary>
    public string? CommandName { get; init; }

    /// <summary>The command to run when nothing names one.</summary>
    public string DefaultCommand { get; init; } = "flowrole";

    /// <summary>Caps on incoming chunks.</summary>
    public ChunkLimits Limits { get; init; } = ChunkLimits.Default;

    /// <summary>The Splunk app folder (holding <c>lookups/</c>), or null when the executable is not inside an app.</summary>
    public string? AppDirectory { get; init; }

    /// <summary>A set-up problem found before the protocol started (a bad command line), reported at getinfo.</summary>
    public string? StartupError { get; init; }

    /// <summary>True to end output records with CRLF (splunklib's choice); false for LF.</summary>
    public bool CrlfRecords { get; init; } = true;
}
