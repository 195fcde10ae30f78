using System;
using System.Collections.Generic;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>The commands this executable serves, by SPL name.</summary>
public static class CommandCatalog
{
    /// <summary>Every command, including the hidden <c>passthrough</c>.</summary>
    public static IReadOnlyDictionary<string, Func<SearchCommand>> All { get; } = new Dictionary<string, Func<SearchCommand>>(StringComparer.Ordinal)
    {
        [FlowRoleCommand.CommandName] = () => new FlowRoleCommand(),
        [PortInfoCommand.CommandName] = () => new PortInfoCommand(),
        [PassThroughCommand.CommandName] = () => new PassThroughCommand(),
    };
}
