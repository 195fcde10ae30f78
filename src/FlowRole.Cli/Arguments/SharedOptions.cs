using System;
using System.IO;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Cli.Hosting;
using FlowRole.Formats;
using FlowRole.Policy;
using FlowRole.Roles;

namespace FlowRole.Cli.Arguments;

/// <summary>
/// The options that <c>classify</c> and <c>explain</c> share (<c>--policy</c>, <c>--internal</c>, <c>--listeners</c>,
/// <c>--output</c>), loaded one way so both commands report a bad value with the same words.
/// </summary>
internal static class SharedOptions
{
    /// <summary>Loads <c>--policy</c>, or null when it is absent; a bad file is a usage error naming it.</summary>
    public static PortPolicy? LoadPolicy(ParsedArguments args)
    {
        if (args.Value("policy") is not { } policyPath)
        {
            return null;
        }

        try
        {
            return PortPolicy.Load(policyPath);
        }
        catch (PolicyException ex)
        {
            throw new UsageException("--policy: " + ex.Message);
        }
    }

    /// <summary>Parses <c>--internal</c>, or null when it is absent.</summary>
    public static NetworkSet? ParseInternalNetworks(ParsedArguments args)
    {
        if (args.Value("internal") is not { } cidrs)
        {
            return null;
        }

        return NetworkSet.TryParse(cidrs.AsSpan(), out NetworkSet? networks, out string? error)
            ? networks
            : throw new UsageException("--internal: " + error);
    }

    /// <summary>Loads <c>--listeners</c>, or null when it is absent.</summary>
    public static ListenerSet? LoadListeners(ParsedArguments args)
    {
        if (args.Value("listeners") is not { } listenerPath)
        {
            return null;
        }

        try
        {
            using var reader = new StreamReader(listenerPath, Encoding.UTF8, true);
            return ListenerListParser.Parse(reader, listenerPath);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--listeners: " + ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException("--listeners: cannot read '" + listenerPath + "': " + ex.Message);
        }
    }

    /// <summary>Opens <c>--output</c> (created or truncated), or standard output when it is absent.</summary>
    public static Stream OpenOutput(CliConsole console, string? outputPath)
    {
        if (outputPath is null)
        {
            return console.Output;
        }

        try
        {
            return new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException("--output: cannot write '" + outputPath + "': " + ex.Message);
        }
    }
}
