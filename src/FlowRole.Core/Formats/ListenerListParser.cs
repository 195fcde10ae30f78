using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Roles;

namespace FlowRole.Formats;

/// <summary>
/// Reads a list of known listeners, one per line: <c>host:port/transport</c> (<c>10.0.0.5:443/tcp</c>), <c>*</c> for
/// any host (<c>*:53/udp</c>), IPv6 in brackets (<c>[::1]:8080/tcp</c>). <c>#</c> starts a comment; blank lines are
/// ignored.
/// </summary>
public static class ListenerListParser
{
    /// <summary>Parses a whole list; the exception names the source, line and offending text.</summary>
    /// <exception cref="FormatException">A line is not a listener.</exception>
    public static ListenerSet Parse(TextReader reader, string sourceName)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        var entries = new List<(IpAddress, ushort, Transport)>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            int hash = line.IndexOf('#');
            string text = (hash >= 0 ? line.Substring(0, hash) : line).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!TryParseEntry(text.AsSpan(), out IpAddress address, out ushort port, out Transport transport))
            {
                throw new FormatException(sourceName + ":" + lineNumber.ToString(CultureInfo.InvariantCulture) + ": '" + text
                    + "' is not a listener (host:port/transport, e.g. 10.0.0.5:443/tcp, *:53/udp, [::1]:8080/tcp)");
            }

            entries.Add((address, port, transport));
        }

        return new ListenerSet(entries);
    }

    /// <summary>Parses one entry; <paramref name="address"/> is <c>default</c> (none) for <c>*</c>.</summary>
    public static bool TryParseEntry(ReadOnlySpan<char> text, out IpAddress address, out ushort port, out Transport transport)
    {
        address = default;
        port = 0;
        transport = Transport.Unknown;
        text = text.Trim();
        int slash = text.LastIndexOf('/');
        int colon = slash > 0 ? text.Slice(0, slash).LastIndexOf(':') : -1;
        if (slash < 0 || colon <= 0)
        {
            return false;
        }

        if (!FlowValueParser.TryParseTransport(text.Slice(slash + 1), out transport) || transport == Transport.Unknown
            || !FlowValueParser.TryParsePort(text.Slice(colon + 1, slash - colon - 1), out port))
        {
            return false;
        }

        ReadOnlySpan<char> host = text.Slice(0, colon);
        if (host.Length == 1 && host[0] == '*')
        {
            return true;
        }

        if (host[0] == '[')
        {
            if (host[host.Length - 1] != ']')
            {
                return false;
            }

            host = host.Slice(1, host.Length - 2);
        }
        else if (host.IndexOf(':') >= 0)
        {
            // IPv6 without brackets is ambiguous with the port separator.
            return false;
        }

        return IpAddress.TryParse(host, out address) && !address.IsNone;
    }
}
