using System.Collections.Generic;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Hosting;

namespace FlowRole.Cli.Commands;

/// <summary>A <c>flowrole</c> sub-command: its help text and options in one place, and what it does.</summary>
internal abstract class Command
{
    /// <summary>The word after <c>flowrole</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for the command list.</summary>
    public abstract string Summary { get; }

    /// <summary>The usage line(s).</summary>
    public abstract string Usage { get; }

    /// <summary>Paragraphs after the options in <c>--help</c>.</summary>
    public virtual string Details => string.Empty;

    public abstract IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the command; returns the exit code. Throws <see cref="UsageException"/> for bad usage or configuration.</summary>
    public abstract int Run(ParsedArguments args, CliConsole console);
}
