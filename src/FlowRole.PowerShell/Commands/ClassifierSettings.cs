using System;
using System.Collections.Generic;
using System.Management.Automation;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Policy;
using FlowRole.PowerShell.Errors;
using FlowRole.Roles;

namespace FlowRole.PowerShell.Commands;

/// <summary>
/// Turns the classifier parameters the cmdlets share (<c>-Policy</c>, <c>-InternalNetwork</c>, <c>-Listener</c>) into
/// Core's options. These are configuration: a bad value stops the command with a terminating error that names it.
/// </summary>
internal static class ClassifierSettings
{
    /// <summary>The policy file layered over the default, or the default policy when no path is given.</summary>
    public static PortPolicy LoadPolicy(PSCmdlet cmdlet, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return PortPolicy.Default;
        }

        string resolved = ResolveFile(cmdlet, path!, "Policy");
        try
        {
            return PortPolicy.Load(resolved);
        }
        catch (PolicyException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.InvalidPolicy, ErrorCategory.InvalidData, path));
            throw; // unreachable: ThrowTerminatingError always throws
        }
    }

    /// <summary>The internal networks named by <c>-InternalNetwork</c> (each item a CIDR block or a comma-separated list), or null.</summary>
    public static NetworkSet? ParseInternalNetworks(PSCmdlet cmdlet, string[]? items)
    {
        if (items is null || items.Length == 0)
        {
            return null;
        }

        var networks = new List<IpNetwork>();
        foreach (string item in items)
        {
            if (!NetworkSet.TryParse((item ?? string.Empty).AsSpan(), out NetworkSet? set, out string? error) || set is null)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.InvalidInternalNetwork,
                    "-InternalNetwork '" + item + "': " + error, item));
                throw new InvalidOperationException(); // unreachable
            }

            networks.AddRange(set.Networks);
        }

        return new NetworkSet(networks);
    }

    /// <summary>The listener entries named by <c>-Listener</c> (<c>host:port/transport</c>, <c>*:port/transport</c>).</summary>
    public static List<(IpAddress Address, ushort Port, Transport Transport)> ParseListeners(PSCmdlet cmdlet, string[]? items)
    {
        var entries = new List<(IpAddress, ushort, Transport)>();
        if (items is null)
        {
            return entries;
        }

        foreach (string item in items)
        {
            if (!ListenerListParser.TryParseEntry((item ?? string.Empty).AsSpan(), out IpAddress address, out ushort port, out Transport transport))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.InvalidListener,
                    "-Listener '" + item + "' is not a listener (host:port/transport, e.g. 10.0.0.5:443/tcp, *:53/udp, [::1]:8080/tcp).", item));
            }

            entries.Add((address, port, transport));
        }

        return entries;
    }

    /// <summary>A transport named by a parameter (tcp, udp, sctp, icmp, ipv6-icmp, or an IANA protocol number).</summary>
    public static Transport ParseTransport(PSCmdlet cmdlet, string? text, string parameterName)
    {
        if (!Fields.FlowValueParser.TryParseTransport((text ?? string.Empty).AsSpan(), out Transport transport) || transport == Transport.Unknown)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.InvalidTransport,
                "-" + parameterName + " '" + text + "' is not a transport (a name such as tcp, udp, sctp, icmp, or an IANA protocol number 0-254).", text));
        }

        return transport;
    }

    /// <summary>A classifier from the settings; <paramref name="listeners"/> empty means none.</summary>
    public static ClassifierOptions Options(PortPolicy policy, NetworkSet? internalNetworks,
        List<(IpAddress Address, ushort Port, Transport Transport)> listeners, ushort communityIdSeed, LearnedRoles? learned = null) =>
        new()
        {
            Policy = policy,
            InternalNetworks = internalNetworks,
            Listeners = listeners.Count > 0 ? new ListenerSet(listeners) : null,
            CommunityIdSeed = communityIdSeed,
            Learned = learned,
        };

    /// <summary>Resolves a file path parameter against the session's location; a missing file is a terminating error.</summary>
    public static string ResolveFile(PSCmdlet cmdlet, string path, string parameterName)
    {
        string resolved;
        try
        {
            resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception e) when (e is ItemNotFoundException or DriveNotFoundException or ProviderNotFoundException or NotSupportedException or PSArgumentException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.NotFound(ErrorIds.PathNotFound, "-" + parameterName + " '" + path + "': " + e.Message, path));
            throw; // unreachable
        }

        if (!System.IO.File.Exists(resolved))
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.NotFound(ErrorIds.PathNotFound,
                "-" + parameterName + " '" + path + "': no such file (" + resolved + ").", path));
        }

        return resolved;
    }
}
