using System;
using System.Buffers;
using FlowRole.Flows;

namespace FlowRole.Fields;

/// <summary>
/// Parses the values of flow fields from UTF-8 bytes or chars, allocation-free and culture-invariant. Leading and
/// trailing ASCII whitespace is ignored; an empty value is not valid (callers decide what "not given" means).
/// </summary>
public static class FlowValueParser
{
    /// <summary>Parses a port number, 0-65535, as plain decimal digits.</summary>
    public static bool TryParsePort(ReadOnlySpan<byte> utf8, out ushort port)
    {
        if (AsciiText.TryParseDecimal(AsciiText.Trim(utf8), ushort.MaxValue, out ulong v))
        {
            port = (ushort)v;
            return true;
        }

        port = 0;
        return false;
    }

    /// <summary>Parses a port number, 0-65535, as plain decimal digits.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> text, out ushort port)
    {
        Span<byte> buffer = stackalloc byte[AsciiText.MaxTokenChars];
        if (AsciiText.TryNarrow(text, buffer, out int n))
        {
            return TryParsePort(buffer.Slice(0, n), out port);
        }

        port = 0;
        return false;
    }

    /// <summary>
    /// Parses a count of bytes or packets: decimal digits, 0 to <see cref="long.MaxValue"/>.
    /// </summary>
    public static bool TryParseCount(ReadOnlySpan<byte> utf8, out long count)
    {
        if (AsciiText.TryParseDecimal(AsciiText.Trim(utf8), long.MaxValue, out ulong v))
        {
            count = (long)v;
            return true;
        }

        count = 0;
        return false;
    }

    /// <summary>Parses a count of bytes or packets: decimal digits, 0 to <see cref="long.MaxValue"/>.</summary>
    public static bool TryParseCount(ReadOnlySpan<char> text, out long count)
    {
        Span<byte> buffer = stackalloc byte[AsciiText.MaxTokenChars];
        if (AsciiText.TryNarrow(text, buffer, out int n))
        {
            return TryParseCount(buffer.Slice(0, n), out count);
        }

        count = 0;
        return false;
    }

    /// <summary>
    /// Parses a transport: an IANA protocol keyword in any case (<c>tcp</c>, <c>UDP</c>, <c>ipv6-icmp</c>,
    /// <c>sctp</c>, <c>gre</c>...), the aliases <c>icmpv6</c>/<c>icmp6</c>, or a protocol number 0-255. Names that say
    /// nothing about the transport (<c>unknown</c>, Zeek's <c>unknown_transport</c>, and the L3 names <c>ip</c>,
    /// <c>ipv4</c>, <c>ipv6</c> that CIM's <c>protocol</c> holds) give <see cref="Transport.Unknown"/>.
    /// </summary>
    public static bool TryParseTransport(ReadOnlySpan<byte> utf8, out Transport transport)
    {
        transport = Transport.Unknown;
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        if (t.IsEmpty)
        {
            return false;
        }

        if (t.Length == 3)
        {
            // tcp and udp, in any case, before the general lookup (OR-ing 0x20 lower-cases exactly these letters).
            int word = (t[0] | (t[1] << 8) | (t[2] << 16)) | 0x202020;
            if (word == ('t' | ('c' << 8) | ('p' << 16)))
            {
                transport = Transport.Tcp;
                return true;
            }

            if (word == ('u' | ('d' << 8) | ('p' << 16)))
            {
                transport = Transport.Udp;
                return true;
            }
        }

        return TryParseTransportOther(t, out transport);
    }

    // Everything but a bare tcp/udp: out of line, so the common case does not pay for this part's stack buffer.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool TryParseTransportOther(ReadOnlySpan<byte> t, out Transport transport)
    {
        transport = Transport.Unknown;
        if (IsAllDigits(t))
        {
            if (!AsciiText.TryParseDecimal(t, 255, out ulong number))
            {
                return false;
            }

            transport = (Transport)(byte)number;
            return true;
        }

        Span<byte> lower = stackalloc byte[32];
        if (!AsciiText.TryToLower(t, lower, out int n))
        {
            return false;
        }

        ReadOnlySpan<byte> name = lower.Slice(0, n);
        if (AsciiText.EqualsLower(name, "tcp"))
        {
            transport = Transport.Tcp;
            return true;
        }

        if (AsciiText.EqualsLower(name, "udp"))
        {
            transport = Transport.Udp;
            return true;
        }

        if (AsciiText.EqualsLower(name, "icmp"))
        {
            transport = Transport.Icmp;
            return true;
        }

        if (AsciiText.EqualsLower(name, "icmpv6") || AsciiText.EqualsLower(name, "icmp6") || AsciiText.EqualsLower(name, "ipv6-icmp"))
        {
            transport = Transport.IcmpV6;
            return true;
        }

        if (AsciiText.EqualsLower(name, "unknown") || AsciiText.EqualsLower(name, "unknown_transport")
            || AsciiText.EqualsLower(name, "ip") || AsciiText.EqualsLower(name, "ipv4") || AsciiText.EqualsLower(name, "ipv6"))
        {
            return true;
        }

        if (ProtocolNames.TryFind(name, out int protocol))
        {
            transport = (Transport)(byte)protocol;
            return true;
        }

        return false;
    }

    /// <summary>Parses a transport; see <see cref="TryParseTransport(ReadOnlySpan{byte}, out Transport)"/>.</summary>
    public static bool TryParseTransport(ReadOnlySpan<char> text, out Transport transport)
    {
        Span<byte> buffer = stackalloc byte[AsciiText.MaxTokenChars];
        if (AsciiText.TryNarrow(text, buffer, out int n))
        {
            return TryParseTransport(buffer.Slice(0, n), out transport);
        }

        transport = Transport.Unknown;
        return false;
    }

    /// <summary>
    /// Parses TCP flags in any of the spellings logs use: flag letters <c>FSRPAUEC</c> with <c>.</c> as a placeholder
    /// (<c>S</c>, <c>SA</c>, nfdump's <c>.A..S.</c>), names separated by commas, spaces, <c>/</c>, <c>|</c> or
    /// <c>+</c> (<c>SYN,ACK</c>), a hex (<c>0x12</c>) or decimal (<c>18</c>) header value, or tcpdump's bracketed
    /// form where <c>.</c> is ACK (<c>[S.]</c>, <c>[none]</c>).
    /// </summary>
    public static bool TryParseTcpFlags(ReadOnlySpan<byte> utf8, out TcpFlags flags)
    {
        flags = TcpFlags.None;
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        if (t.IsEmpty)
        {
            return false;
        }

        ulong number;
        if (t.Length > 2 && t[0] == (byte)'0' && (t[1] | 0x20) == 'x')
        {
            // The TCP header's flag field is 9 bits with NS on top; FlowRole keeps the classic eight.
            if (!AsciiText.TryParseHex(t.Slice(2), 0x1FF, out number))
            {
                return false;
            }

            flags = (TcpFlags)(byte)number;
            return true;
        }

        if (t[0] is >= (byte)'0' and <= (byte)'9')
        {
            if (!AsciiText.TryParseDecimal(t, 0x1FF, out number))
            {
                return false;
            }

            flags = (TcpFlags)(byte)number;
            return true;
        }

        if (t[0] == (byte)'[')
        {
            return TryParseTcpdumpFlags(t, out flags);
        }

        bool any = false;
        int i = 0;
        while (i < t.Length)
        {
            while (i < t.Length && IsFlagSeparator(t[i]))
            {
                i++;
            }

            int start = i;
            while (i < t.Length && !IsFlagSeparator(t[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            if (!TryParseFlagToken(t.Slice(start, i - start), ref flags))
            {
                flags = TcpFlags.None;
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>Parses TCP flags; see <see cref="TryParseTcpFlags(ReadOnlySpan{byte}, out TcpFlags)"/>.</summary>
    public static bool TryParseTcpFlags(ReadOnlySpan<char> text, out TcpFlags flags)
    {
        Span<byte> buffer = stackalloc byte[AsciiText.MaxTokenChars];
        if (AsciiText.TryNarrow(text, buffer, out int n))
        {
            return TryParseTcpFlags(buffer.Slice(0, n), out flags);
        }

        flags = TcpFlags.None;
        return false;
    }

    /// <summary>Parses a Zeek <c>conn_state</c> name (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH), any case.</summary>
    public static bool TryParseConnState(ReadOnlySpan<byte> utf8, out ConnState state)
    {
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        for (int i = 1; i < ConnStateNames.Length; i++)
        {
            if (AsciiText.EqualsLower(t, ConnStateNames[i]))
            {
                state = (ConnState)i;
                return true;
            }
        }

        state = ConnState.None;
        return false;
    }

    /// <summary>Parses a Zeek <c>conn_state</c> name; see <see cref="TryParseConnState(ReadOnlySpan{byte}, out ConnState)"/>.</summary>
    public static bool TryParseConnState(ReadOnlySpan<char> text, out ConnState state)
    {
        Span<byte> buffer = stackalloc byte[AsciiText.MaxTokenChars];
        if (AsciiText.TryNarrow(text, buffer, out int n))
        {
            return TryParseConnState(buffer.Slice(0, n), out state);
        }

        state = ConnState.None;
        return false;
    }

    /// <summary>Parses <c>true</c>/<c>false</c> (any case) or <c>1</c>/<c>0</c>.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> utf8, out bool value)
    {
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        if (AsciiText.EqualsLower(t, "true") || AsciiText.EqualsLower(t, "1"))
        {
            value = true;
            return true;
        }

        value = false;
        return AsciiText.EqualsLower(t, "false") || AsciiText.EqualsLower(t, "0");
    }

    /// <summary>Parses <c>true</c>/<c>false</c> (any case) or <c>1</c>/<c>0</c>.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        Span<byte> buffer = stackalloc byte[AsciiText.MaxTokenChars];
        if (AsciiText.TryNarrow(text, buffer, out int n))
        {
            return TryParseBoolean(buffer.Slice(0, n), out value);
        }

        value = false;
        return false;
    }

    /// <summary>Parses a Zeek <c>history</c> string from UTF-8 (see <see cref="ZeekHistory.TryParse"/>).</summary>
    public static bool TryParseZeekHistory(ReadOnlySpan<byte> utf8, out ZeekHistory history)
    {
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        char[]? rented = null;
        Span<char> chars = t.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(t.Length));
        try
        {
            for (int i = 0; i < t.Length; i++)
            {
                // Non-ASCII bytes map to a char ZeekHistory rejects, which is the right answer for them.
                chars[i] = t[i] < 0x80 ? (char)t[i] : '\uFFFD';
            }

            return ZeekHistory.TryParse(chars.Slice(0, t.Length), out history);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Windows Firewall log <c>path</c>: SEND and RECEIVE log the packet that opened the connection, so the source initiated.</summary>
    internal static bool TryParseFirewallPath(ReadOnlySpan<byte> utf8, out Initiator initiator)
    {
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        initiator = Initiator.Unknown;
        if (AsciiText.EqualsLower(t, "send") || AsciiText.EqualsLower(t, "receive"))
        {
            initiator = Initiator.Source;
            return true;
        }

        return AsciiText.EqualsLower(t, "forward") || AsciiText.EqualsLower(t, "unknown");
    }

    /// <summary>An explicit initiator: source/src/orig/originator or destination/dest/dst/resp/responder, or unknown.</summary>
    internal static bool TryParseInitiator(ReadOnlySpan<byte> utf8, out Initiator initiator)
    {
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        if (AsciiText.EqualsLower(t, "source") || AsciiText.EqualsLower(t, "src") || AsciiText.EqualsLower(t, "orig")
            || AsciiText.EqualsLower(t, "originator"))
        {
            initiator = Initiator.Source;
            return true;
        }

        if (AsciiText.EqualsLower(t, "destination") || AsciiText.EqualsLower(t, "dest") || AsciiText.EqualsLower(t, "dst")
            || AsciiText.EqualsLower(t, "resp") || AsciiText.EqualsLower(t, "responder"))
        {
            initiator = Initiator.Destination;
            return true;
        }

        initiator = Initiator.Unknown;
        return AsciiText.EqualsLower(t, "unknown");
    }

    /// <summary>OCSF initiator_id: 0 unknown, 1 source endpoint, 2 destination endpoint, 99 other.</summary>
    internal static bool TryParseOcsfInitiatorId(ReadOnlySpan<byte> utf8, out Initiator initiator)
    {
        initiator = Initiator.Unknown;
        if (!AsciiText.TryParseDecimal(AsciiText.Trim(utf8), 255, out ulong id))
        {
            return false;
        }

        switch (id)
        {
            case 1:
                initiator = Initiator.Source;
                return true;
            case 2:
                initiator = Initiator.Destination;
                return true;
            case 0 or 99:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Get-NetTCPConnection <c>State</c>, by name or by the MSFT_NetTCPConnection number (ConvertTo-Json writes
    /// numbers). Sets <paramref name="isListener"/> for Listen and Bound, which are sockets, not connections.
    /// </summary>
    internal static bool TryParseSocketState(ReadOnlySpan<byte> utf8, out Initiator initiator, out bool isListener)
    {
        ReadOnlySpan<byte> t = AsciiText.Trim(utf8);
        initiator = Initiator.Unknown;
        isListener = false;
        int state = -1;
        if (AsciiText.TryParseDecimal(t, 1000, out ulong n))
        {
            state = (int)n;
        }
        else
        {
            for (int i = 0; i < SocketStateNames.Length; i++)
            {
                if (AsciiText.EqualsLower(t, SocketStateNames[i].Name))
                {
                    state = SocketStateNames[i].Value;
                    break;
                }
            }
        }

        switch (state)
        {
            case 3: // SynSent: this host sent the SYN.
                initiator = Initiator.Source;
                return true;
            case 4: // SynReceived: the remote host sent the SYN.
                initiator = Initiator.Destination;
                return true;
            case 2 or 100: // Listen, Bound
                isListener = true;
                return true;
            case 1 or (>= 5 and <= 12):
                return true;
            default:
                return false;
        }
    }

    internal static readonly string[] ConnStateNames =
    {
        "", "s0", "s1", "sf", "rej", "s2", "s3", "rsto", "rstr", "rstos0", "rstrh", "sh", "shr", "oth",
    };

    internal static readonly (string Name, int Value)[] SocketStateNames =
    {
        ("closed", 1), ("listen", 2), ("synsent", 3), ("synreceived", 4), ("established", 5), ("finwait1", 6),
        ("finwait2", 7), ("closewait", 8), ("closing", 9), ("lastack", 10), ("timewait", 11), ("deletetcb", 12),
        ("bound", 100),
    };

    private static bool IsAllDigits(ReadOnlySpan<byte> t)
    {
        foreach (byte b in t)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFlagSeparator(byte b) => b is (byte)',' or (byte)' ' or (byte)'/' or (byte)'|' or (byte)'+' or (byte)'\t';

    private static bool TryParseFlagToken(ReadOnlySpan<byte> token, ref TcpFlags flags)
    {
        TcpFlags word = token.Length switch
        {
            3 when AsciiText.EqualsLower(token, "syn") => TcpFlags.Syn,
            3 when AsciiText.EqualsLower(token, "ack") => TcpFlags.Ack,
            3 when AsciiText.EqualsLower(token, "fin") => TcpFlags.Fin,
            3 when AsciiText.EqualsLower(token, "rst") => TcpFlags.Rst,
            3 when AsciiText.EqualsLower(token, "psh") => TcpFlags.Psh,
            3 when AsciiText.EqualsLower(token, "urg") => TcpFlags.Urg,
            3 when AsciiText.EqualsLower(token, "ece") => TcpFlags.Ece,
            3 when AsciiText.EqualsLower(token, "cwr") => TcpFlags.Cwr,
            4 when AsciiText.EqualsLower(token, "push") => TcpFlags.Psh,
            5 when AsciiText.EqualsLower(token, "reset") => TcpFlags.Rst,
            _ => TcpFlags.None,
        };
        if (word != TcpFlags.None)
        {
            flags |= word;
            return true;
        }

        for (int i = 0; i < token.Length; i++)
        {
            TcpFlags letter = (token[i] | 0x20) switch
            {
                'f' => TcpFlags.Fin,
                's' => TcpFlags.Syn,
                'r' => TcpFlags.Rst,
                'p' => TcpFlags.Psh,
                'a' => TcpFlags.Ack,
                'u' => TcpFlags.Urg,
                'e' => TcpFlags.Ece,
                'c' or 'w' => TcpFlags.Cwr,
                _ => TcpFlags.None,
            };
            if (letter == TcpFlags.None && token[i] != (byte)'.')
            {
                return false;
            }

            flags |= letter;
        }

        return true;
    }

    private static bool TryParseTcpdumpFlags(ReadOnlySpan<byte> t, out TcpFlags flags)
    {
        flags = TcpFlags.None;
        if (t.Length < 3 || t[t.Length - 1] != (byte)']')
        {
            return false;
        }

        ReadOnlySpan<byte> inner = t.Slice(1, t.Length - 2);
        if (AsciiText.EqualsLower(inner, "none"))
        {
            return true;
        }

        foreach (byte b in inner)
        {
            // tcpdump: S F P R U E W, and '.' for ACK.
            TcpFlags f = b switch
            {
                (byte)'S' => TcpFlags.Syn,
                (byte)'F' => TcpFlags.Fin,
                (byte)'P' => TcpFlags.Psh,
                (byte)'R' => TcpFlags.Rst,
                (byte)'U' => TcpFlags.Urg,
                (byte)'E' => TcpFlags.Ece,
                (byte)'W' => TcpFlags.Cwr,
                (byte)'.' => TcpFlags.Ack,
                _ => TcpFlags.None,
            };
            if (f == TcpFlags.None)
            {
                flags = TcpFlags.None;
                return false;
            }

            flags |= f;
        }

        return true;
    }
}
