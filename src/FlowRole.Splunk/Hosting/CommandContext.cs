using System.Collections.Generic;

namespace FlowRole.Splunk.Hosting;

/// <summary>What a search command learns at getinfo time: its arguments and where it runs.</summary>
public sealed class CommandContext
{
    /// <summary>Creates a context.</summary>
    public CommandContext(string commandName, IReadOnlyList<string> args, string? appDirectory, string? dispatchDirectory, string? splunkVersion)
    {
        CommandName = commandName;
        Args = args;
        AppDirectory = appDirectory;
        DispatchDirectory = dispatchDirectory;
        SplunkVersion = splunkVersion;
    }

    /// <summary>The command's name (<c>flowrole</c>, <c>portinfo</c>).</summary>
    public string CommandName { get; }

    /// <summary>The SPL arguments, split by splunkd, quotes removed.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>The Splunk app folder (holding <c>lookups/</c>), or null when unknown.</summary>
    public string? AppDirectory { get; }

    /// <summary>The job's dispatch directory, or null.</summary>
    public string? DispatchDirectory { get; }

    /// <summary>The Splunk version splunkd reported.</summary>
    public string? SplunkVersion { get; }
}
