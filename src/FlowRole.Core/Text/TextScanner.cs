using System;
using System.Runtime.InteropServices;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>
/// Reads endpoints and their roles from free text, key=value pairs (netfilter, CEF extensions, vendor kv logs) and
/// tcpdump lines in one left-to-right pass: addresses (<c>ip:port</c>, <c>[ipv6]:port</c>, <c>ip.port</c>,
/// <c>ip port N</c>, and <c>ip/port</c> for Cisco ASA), the labels before them (<c>Source</c>, <c>dst=</c>,
/// <c>from</c>, <c>to</c>), arrows between them, labelled ports, the transport, ICMP type/code and TCP flags.
/// It then decides only what the text states: two endpoints whose roles are labelled, joined by an arrow, or simply
/// the only two; anything else is an error value. Allocation-free: candidates live in a caller's stack buffer.
/// </summary>
internal ref struct TextScanner<T>
    where T : unmanaged
{
    /// <summary>Distinct endpoints kept; more are counted only (the text is then ambiguous anyway).</summary>
    public const int MaxCandidates = 8;

    private readonly ReadOnlySpan<T> _text;
    private readonly int _end;
    private readonly bool _slashPorts;
    private readonly bool _flagWords;
    private readonly Span<EndpointCandidate> _candidates;
    private int _count;
    private int _overflow;

    private EndpointRole _pendingRole;
    private bool _pendingKeyValue;
    private EndpointRole _pendingArrow;

    private int _sourcePort;
    private int _destinationPort;
    private string? _conflict;
    private int _conflictPosition;

    private Transport _labelledTransport;
    private byte _labelledTransports; // 0 none, 1 one, 2 contradicting
    private Transport _namedTransport;
    private byte _namedTransports;
    private int _icmpType;
    private int _icmpCode;
    private TcpFlags _flags;
    private bool _hasFlags;
    private TcpFlags _wordFlags;
    private bool _tcpdump;

    /// <summary>
    /// A scanner over <paramref name="text"/> up to <paramref name="end"/>. <paramref name="slashPorts"/> reads
    /// <c>ip/port</c> as an endpoint (Cisco ASA; otherwise <c>ip/N</c> is a network and skipped); <paramref name="flagWords"/>
    /// reads bare <c>SYN</c>/<c>ACK</c> words as the packet's TCP flags (netfilter); <paramref name="candidates"/> is scratch
    /// space of at least <see cref="MaxCandidates"/> entries.
    /// </summary>
    public TextScanner(ReadOnlySpan<T> text, int end, bool slashPorts, bool flagWords, Span<EndpointCandidate> candidates)
    {
        _text = text;
        _end = end;
        _slashPorts = slashPorts;
        _flagWords = flagWords;
        _candidates = candidates;
        _count = 0;
        _overflow = 0;
        _pendingRole = EndpointRole.None;
        _pendingKeyValue = false;
        _pendingArrow = EndpointRole.None;
        _sourcePort = -1;
        _destinationPort = -1;
        _conflict = null;
        _conflictPosition = -1;
        _labelledTransport = Transport.Unknown;
        _labelledTransports = 0;
        _namedTransport = Transport.Unknown;
        _namedTransports = 0;
        _icmpType = -1;
        _icmpCode = -1;
        _flags = TcpFlags.None;
        _hasFlags = false;
        _wordFlags = TcpFlags.None;
        _tcpdump = false;
    }

    /// <summary>Scans [start, end) and decides the flow; <paramref name="format"/> names the format for results and messages.</summary>
    public AlertTextResult Read(int start, AlertFormat format)
    {
        Scan(start);
        return Finish(format);
    }

    private void Scan(int start)
    {
        ReadOnlySpan<T> text = _text;
        int i = start;
        while (i < _end)
        {
            int c = TextUnits.At(text, i);
            if (c == '[' && i + 1 < _end && (TextUnits.IsHex(TextUnits.At(text, i + 1)) || TextUnits.At(text, i + 1) == ':'))
            {
                if (TryBracketed(ref i))
                {
                    continue;
                }

                i++;
                continue;
            }

            // An address starts with a hex digit, or with "::" (a lone ':' is punctuation: "Source:10.0.0.5").
            if (TextUnits.IsHex(c) || (c == ':' && i + 1 < _end && TextUnits.At(text, i + 1) == ':'))
            {
                if (TryAddress(ref i))
                {
                    continue;
                }
            }

            if (TextUnits.IsWord(c))
            {
                Word(ref i);
                continue;
            }

            int next = i + 1 < _end ? TextUnits.At(text, i + 1) : -1;
            if ((c == '-' || c == '=') && next == '>')
            {
                _pendingArrow = EndpointRole.Source;
                i += 2;
                continue;
            }

            if (c == '<' && next == '-')
            {
                _pendingArrow = EndpointRole.Destination;
                i += 2;
                continue;
            }

            if (c == '>' || c == 0x2192)
            {
                _pendingArrow = EndpointRole.Source;
            }
            else if (c == 0x2190)
            {
                _pendingArrow = EndpointRole.Destination;
            }
            else if (typeof(T) == typeof(byte) && c == 0xE2 && next == 0x86 && i + 2 < _end)
            {
                // U+2192 and U+2190 in UTF-8.
                int last = TextUnits.At(text, i + 2);
                if (last == 0x92 || last == 0x90)
                {
                    _pendingArrow = last == 0x92 ? EndpointRole.Source : EndpointRole.Destination;
                    i += 3;
                    continue;
                }
            }

            i++;
        }
    }

    /// <summary>A word: a label, a transport, a flag, or anything else (which ends a pending label).</summary>
    private void Word(ref int i)
    {
        ReadOnlySpan<T> text = _text;
        int j = i;
        while (j < _end)
        {
            int c = TextUnits.At(text, j);
            if (TextUnits.IsWord(c) || (c == '-' && j + 1 < _end && TextUnits.IsWord(TextUnits.At(text, j + 1))))
            {
                j++;
                continue;
            }

            break;
        }

        // Numbers are never labels.
        WordKind kind = TextUnits.IsDigit(TextUnits.At(text, i)) ? WordKind.Other : AlertWords.Classify(text, i, j);
        switch (kind)
        {
            case WordKind.Filler:
                i = j;
                return;
            case WordKind.SourceLabel:
            case WordKind.DestinationLabel:
                _pendingRole = kind == WordKind.SourceLabel ? EndpointRole.Source : EndpointRole.Destination;
                _pendingKeyValue = j < _end && TextUnits.At(text, j) == '=';
                i = j;
                return;
            case WordKind.SourcePortLabel:
                i = ReadPort(j, EndpointRole.Source);
                return;
            case WordKind.DestinationPortLabel:
                i = ReadPort(j, EndpointRole.Destination);
                return;
            case WordKind.Port:
                if (_pendingRole != EndpointRole.None)
                {
                    i = ReadPort(j, _pendingRole);
                    return;
                }

                break;
            case WordKind.ProtocolLabel:
                i = ReadTransport(j);
                return;
            case WordKind.TransportName:
                if (TryParseTransport(i, j, out Transport named))
                {
                    Note(ref _namedTransport, ref _namedTransports, named);
                }

                i = j;
                return;
            case WordKind.IcmpTypeLabel:
            case WordKind.IcmpCodeLabel:
                if (TryReadNumber(j, 255, out uint icmp, out int after))
                {
                    if (kind == WordKind.IcmpTypeLabel)
                    {
                        _icmpType = _icmpType < 0 ? (int)icmp : _icmpType;
                    }
                    else
                    {
                        _icmpCode = _icmpCode < 0 ? (int)icmp : _icmpCode;
                    }

                    i = after;
                    return;
                }

                break;
            case WordKind.FlagsLabel:
                i = ReadFlags(j);
                return;
            case WordKind.FlagWord:
                if (_flagWords)
                {
                    _wordFlags |= FlagOf(i);
                    i = j;
                    return;
                }

                break;
        }

        // An interface name glued to its address ("src outside:10.0.0.5/4455", Cisco) keeps a pending label.
        bool interfacePrefix = j + 1 < _end && TextUnits.At(text, j) == ':' && TextUnits.IsHex(TextUnits.At(text, j + 1));
        if (!interfacePrefix)
        {
            _pendingRole = EndpointRole.None;
        }

        i = j;
    }

    /// <summary>An address at <paramref name="i"/> (with its port), added as a candidate; false when there is none.</summary>
    private bool TryAddress(ref int i)
    {
        ReadOnlySpan<T> text = _text;
        int runEnd = i, colons = 0, dots = 0, firstSeparator = 0;
        while (runEnd < _end)
        {
            int c = TextUnits.At(text, runEnd);
            if (c == ':')
            {
                colons++;
                firstSeparator = firstSeparator == 0 ? ':' : firstSeparator;
            }
            else if (c == '.')
            {
                dots++;
                firstSeparator = firstSeparator == 0 ? '.' : firstSeparator;
            }
            else if (!TextUnits.IsHex(c))
            {
                break;
            }

            runEnd++;
        }

        if (runEnd < _end && (TextUnits.IsLetter(TextUnits.At(text, runEnd)) || TextUnits.At(text, runEnd) == '_'))
        {
            return false; // part of a word (10.0.0.5abc, deadbeefs)
        }

        if (TextUnits.IsDigit(TextUnits.At(text, i)) && firstSeparator == '.')
        {
            if (TryIPv4(ref i))
            {
                return true;
            }
        }
        else if (colons >= 2 && TryIPv6(ref i, runEnd, dots))
        {
            return true;
        }

        if (colons + dots >= 2)
        {
            // Address-shaped but not an address (a time, a MAC, 999.1.2.3): skip it whole, so no part of it is tried
            // again, and let it end a pending label as any other word does.
            _pendingRole = EndpointRole.None;
            i = runEnd;
            return true;
        }

        return false;
    }

    private bool TryIPv4(ref int i)
    {
        ReadOnlySpan<T> text = _text;
        int k = i;
        uint value = 0;
        for (int part = 0; part < 4; part++)
        {
            int d = TextUnits.DigitsEnd(text, k, _end);
            if (d == k || d - k > 3 || !TextUnits.TryParseNumber(text, k, d, 255, out uint octet))
            {
                return false;
            }

            value = (value << 8) | octet;
            if (part < 3)
            {
                if (d >= _end || TextUnits.At(text, d) != '.')
                {
                    return false;
                }

                k = d + 1;
            }
            else
            {
                k = d;
            }
        }

        var address = IpAddress.FromIPv4(value);
        int port = -1;
        int next = k;
        if (k + 1 < _end && TextUnits.IsDigit(TextUnits.At(text, k + 1)))
        {
            int c = TextUnits.At(text, k);
            int d = TextUnits.DigitsEnd(text, k + 1, _end);
            bool moreParts = d + 1 < _end && TextUnits.At(text, d) == '.' && TextUnits.IsDigit(TextUnits.At(text, d + 1));
            bool portShaped = d - (k + 1) <= 5 && (d == _end || !TextUnits.IsWord(TextUnits.At(text, d)));
            if (c == '.')
            {
                if (moreParts || !portShaped)
                {
                    // Five or more dotted numbers (an OID, a version): not an address.
                    i = SkipRun(d);
                    return true;
                }

                if (TextUnits.TryParseNumber(text, k + 1, d, ushort.MaxValue, out uint p))
                {
                    port = (int)p;
                    next = d;
                    _tcpdump = true;
                }
            }
            else if (c == ':' && portShaped && !moreParts)
            {
                if (TextUnits.TryParseNumber(text, k + 1, d, ushort.MaxValue, out uint p))
                {
                    port = (int)p;
                }

                next = d;
            }
            else if (c == '/')
            {
                if (!_slashPorts)
                {
                    // ip/N is a network outside Cisco's messages: not an endpoint.
                    i = d;
                    return true;
                }

                if (portShaped && TextUnits.TryParseNumber(text, k + 1, d, ushort.MaxValue, out uint p))
                {
                    port = (int)p;
                }

                next = d;
            }
        }

        return Found(address, port, ref i, next);
    }

    /// <summary>
    /// Records an address found at <paramref name="i"/> (with its port, or -1), taking a port suffix after it when it
    /// has none yet, and moves <paramref name="i"/> past what was read.
    /// </summary>
    private bool Found(IpAddress address, int port, ref int i, int next)
    {
        if (port < 0 && TryPortSuffix(next, out int suffixPort, out int suffixEnd))
        {
            port = suffixPort;
            next = suffixEnd;
        }

        Add(address, port, i);
        i = next;
        return true;
    }

    private bool TryIPv6(ref int i, int runEnd, int dots)
    {
        ReadOnlySpan<T> text = _text;
        int e = runEnd;

        // One ':' ending the run is punctuation (tcpdump's "addr.port:", "addr: text"), not part of the address.
        if (TextUnits.At(text, e - 1) == ':' && e - 2 >= i && TextUnits.At(text, e - 2) != ':')
        {
            e--;
        }

        IpAddress address;
        int port = -1;
        int next = e;
        if (dots == 1)
        {
            // tcpdump: 2001:db8::1.443
            int dot = e - 1;
            while (dot > i && TextUnits.At(text, dot) != '.')
            {
                dot--;
            }

            if (e - (dot + 1) > 5 || !TextUnits.TryParseNumber(text, dot + 1, e, ushort.MaxValue, out uint p)
                || !TextUnits.TryParseAddress(text, i, dot, out address) || !address.IsIPv6)
            {
                return false;
            }

            port = (int)p;
            _tcpdump = true;
        }
        else if (!TextUnits.TryParseAddress(text, i, e, out address) || !address.IsIPv6)
        {
            return false;
        }

        if (port < 0 && _slashPorts && e + 1 < _end && TextUnits.At(text, e) == '/' && TextUnits.IsDigit(TextUnits.At(text, e + 1)))
        {
            int d = TextUnits.DigitsEnd(text, e + 1, _end);
            if (TextUnits.TryParseNumber(text, e + 1, d, ushort.MaxValue, out uint p))
            {
                port = (int)p;
            }

            next = d;
        }

        return Found(address, port, ref i, next);
    }

    /// <summary>[ipv6] or [ipv6]:port.</summary>
    private bool TryBracketed(ref int i)
    {
        ReadOnlySpan<T> text = _text;
        int limit = Math.Min(_end, i + IpParser.MaxInputLength);
        int close = i + 1;
        while (close < limit && TextUnits.At(text, close) != ']')
        {
            close++;
        }

        if (close >= limit || !TextUnits.TryParseAddress(text, i, close + 1, out IpAddress address) || !address.IsIPv6)
        {
            return false;
        }

        int port = -1;
        int next = close + 1;
        if (next + 1 < _end && TextUnits.At(text, next) == ':' && TextUnits.IsDigit(TextUnits.At(text, next + 1)))
        {
            int d = TextUnits.DigitsEnd(text, next + 1, _end);
            if (TextUnits.TryParseNumber(text, next + 1, d, ushort.MaxValue, out uint p))
            {
                port = (int)p;
            }

            next = d;
        }
        else if (TryPortSuffix(next, out int suffixPort, out int suffixEnd))
        {
            port = suffixPort;
            next = suffixEnd;
        }

        Add(address, port, i + 1);
        i = next;
        return true;
    }

    /// <summary>"ip port 22" (OpenSSH, many daemons): the port after the address.</summary>
    private bool TryPortSuffix(int k, out int port, out int end)
    {
        ReadOnlySpan<T> text = _text;
        port = -1;
        end = k;
        int j = TextUnits.SkipSpaces(text, k, _end);
        if (j < _end && TextUnits.At(text, j) == ',')
        {
            j = TextUnits.SkipSpaces(text, j + 1, _end);
        }

        if (!TextUnits.MatchesLower(text, j, "port") || (j + 4 < _end && TextUnits.IsWord(TextUnits.At(text, j + 4))))
        {
            return false;
        }

        if (!TryReadNumber(j + 4, ushort.MaxValue, out uint value, out int after))
        {
            return false;
        }

        port = (int)value;
        end = after;
        return true;
    }

    /// <summary>A number after a label and its separators (<c>: = "</c> and spaces); the number must end at a non-word character.</summary>
    private bool TryReadNumber(int j, uint max, out uint value, out int after)
    {
        ReadOnlySpan<T> text = _text;
        int k = ValueStart(j);
        int d = TextUnits.DigitsEnd(text, k, _end);
        after = d;
        value = 0;
        if (d == k || d - k > 5 || (d < _end && (TextUnits.IsWord(TextUnits.At(text, d)) || TextUnits.At(text, d) == '.')))
        {
            return false;
        }

        return TextUnits.TryParseNumber(text, k, d, max, out value);
    }

    private int ValueStart(int j)
    {
        ReadOnlySpan<T> text = _text;
        int limit = Math.Min(_end, j + 4);
        while (j < limit)
        {
            int c = TextUnits.At(text, j);
            if (c is ' ' or '\t' or ':' or '=' or '"' or '\'')
            {
                j++;
                continue;
            }

            break;
        }

        return j;
    }

    private int ReadPort(int j, EndpointRole role)
    {
        _pendingRole = EndpointRole.None;
        if (!TryReadNumber(j, ushort.MaxValue, out uint value, out int after))
        {
            return j;
        }

        ref int port = ref role == EndpointRole.Source ? ref _sourcePort : ref _destinationPort;
        if (port >= 0 && port != (int)value)
        {
            Conflict(role == EndpointRole.Source ? "the source port" : "the destination port", j);
        }

        port = (int)value;
        return after;
    }

    private int ReadTransport(int j)
    {
        ReadOnlySpan<T> text = _text;
        int k = ValueStart(j);
        int e = k;
        while (e < _end && (TextUnits.IsWord(TextUnits.At(text, e)) || TextUnits.At(text, e) == '-'))
        {
            e++;
        }

        if (e > k && TryParseTransport(k, e, out Transport transport))
        {
            Note(ref _labelledTransport, ref _labelledTransports, transport);
            return e;
        }

        return j;
    }

    private int ReadFlags(int j)
    {
        ReadOnlySpan<T> text = _text;
        int k = ValueStart(j);
        int e = k;
        if (k < _end && TextUnits.At(text, k) == '[')
        {
            int limit = Math.Min(_end, k + 16);
            while (e < limit && TextUnits.At(text, e) != ']')
            {
                e++;
            }

            if (e >= limit)
            {
                return j;
            }

            e++;
        }
        else
        {
            while (e < _end && !TextUnits.IsSpace(TextUnits.At(text, e)) && TextUnits.At(text, e) is not (',' or ';'))
            {
                e++;
            }
        }

        if (e > k && e - k <= 32 && TryParseFlags(k, e, out TcpFlags flags))
        {
            _flags |= flags;
            _hasFlags = true;
            return e;
        }

        return j;
    }

    private readonly TcpFlags FlagOf(int i) => TextUnits.Lower(TextUnits.At(_text, i)) switch
    {
        's' => TcpFlags.Syn,
        'a' => TcpFlags.Ack,
        'f' => TcpFlags.Fin,
        'r' => TcpFlags.Rst,
        'p' => TcpFlags.Psh,
        _ => TcpFlags.Urg,
    };

    private readonly bool TryParseTransport(int start, int end, out Transport transport)
    {
        ReadOnlySpan<T> value = _text.Slice(start, end - start);
        return typeof(T) == typeof(byte)
            ? FlowValueParser.TryParseTransport(MemoryMarshal.AsBytes(value), out transport)
            : FlowValueParser.TryParseTransport(MemoryMarshal.Cast<T, char>(value), out transport);
    }

    private readonly bool TryParseFlags(int start, int end, out TcpFlags flags)
    {
        ReadOnlySpan<T> value = _text.Slice(start, end - start);
        return typeof(T) == typeof(byte)
            ? FlowValueParser.TryParseTcpFlags(MemoryMarshal.AsBytes(value), out flags)
            : FlowValueParser.TryParseTcpFlags(MemoryMarshal.Cast<T, char>(value), out flags);
    }

    private static void Note(ref Transport held, ref byte state, Transport transport)
    {
        if (state == 0)
        {
            held = transport;
            state = 1;
        }
        else if (held != transport)
        {
            state = 2;
        }
    }

    private void Conflict(string what, int index)
    {
        if (_conflict is null)
        {
            _conflict = what;
            _conflictPosition = index + 1;
        }
    }

    private readonly int SkipRun(int k)
    {
        while (k < _end && (TextUnits.IsDigit(TextUnits.At(_text, k)) || TextUnits.At(_text, k) == '.'))
        {
            k++;
        }

        return k;
    }

    private void Add(IpAddress address, int port, int index)
    {
        var candidate = new EndpointCandidate
        {
            Address = address,
            Port = port,
            Role = _pendingRole,
            KeyValue = _pendingKeyValue,
            ArrowBefore = _count > 0 ? _pendingArrow : EndpointRole.None,
            Position = index + 1,
        };
        _pendingRole = EndpointRole.None;
        _pendingKeyValue = false;
        _pendingArrow = EndpointRole.None;

        for (int k = 0; k < _count; k++)
        {
            ref EndpointCandidate seen = ref _candidates[k];
            if (seen.SameEndpoint(candidate) && (seen.Role == EndpointRole.None || candidate.Role == EndpointRole.None || seen.Role == candidate.Role))
            {
                // The same endpoint again (a NAT'd copy, a repeated field): one candidate, with what both say.
                if (seen.Port < 0)
                {
                    seen.Port = candidate.Port;
                }

                if (seen.Role == EndpointRole.None && candidate.Role != EndpointRole.None)
                {
                    seen.Role = candidate.Role;
                    seen.KeyValue = candidate.KeyValue;
                }

                return;
            }
        }

        if (_count == _candidates.Length)
        {
            _overflow++;
            return;
        }

        _candidates[_count++] = candidate;
    }

    private readonly AlertTextResult Finish(AlertFormat format)
    {
        int found = _count + _overflow;
        if (_conflict is not null)
        {
            return new AlertTextResult(AlertTextStatus.Conflicting, format, default, found, false, false, false, _conflict, _conflictPosition);
        }

        if (found == 0)
        {
            return new AlertTextResult(AlertTextStatus.NoEndpoint, format, default, 0, false, false, false);
        }

        int source = -1, destination = -1;
        for (int k = 0; k < _count; k++)
        {
            EndpointRole role = _candidates[k].Role;
            if (role == EndpointRole.Source)
            {
                if (source >= 0)
                {
                    return new AlertTextResult(AlertTextStatus.Conflicting, format, default, found, false, false, false, "the source endpoint", _candidates[k].Position);
                }

                source = k;
            }
            else if (role == EndpointRole.Destination)
            {
                if (destination >= 0)
                {
                    return new AlertTextResult(AlertTextStatus.Conflicting, format, default, found, false, false, false, "the destination endpoint", _candidates[k].Position);
                }

                destination = k;
            }
        }

        bool stated = true;
        if (source < 0 || destination < 0)
        {
            int labelled = source >= 0 ? source : destination;
            if (found == 1)
            {
                EndpointCandidate only = _candidates[0];
                var one = new FlowRecord(new Endpoint(only.Address, (ushort)Math.Max(only.Port, 0)), default, Transport.Unknown);
                return new AlertTextResult(AlertTextStatus.OneEndpoint, format, one, 1, only.Port >= 0, false, false);
            }

            if (found != 2)
            {
                return new AlertTextResult(AlertTextStatus.TooManyEndpoints, format, default, found, false, false, false);
            }

            if (labelled >= 0)
            {
                // One side is labelled; the only other endpoint is the other side.
                int other = 1 - labelled;
                source = source >= 0 ? source : other;
                destination = destination >= 0 ? destination : other;
            }
            else
            {
                EndpointRole arrow = _candidates[1].ArrowBefore;
                source = arrow == EndpointRole.Destination ? 1 : 0;
                destination = 1 - source;
                stated = arrow != EndpointRole.None;
            }
        }

        EndpointCandidate from = _candidates[source];
        EndpointCandidate to = _candidates[destination];
        int sourcePort = from.Port, destinationPort = to.Port;
        if (_sourcePort >= 0)
        {
            if (sourcePort >= 0 && sourcePort != _sourcePort)
            {
                return new AlertTextResult(AlertTextStatus.Conflicting, format, default, found, false, false, false, "the source port", from.Position);
            }

            sourcePort = _sourcePort;
        }

        if (_destinationPort >= 0)
        {
            if (destinationPort >= 0 && destinationPort != _destinationPort)
            {
                return new AlertTextResult(AlertTextStatus.Conflicting, format, default, found, false, false, false, "the destination port", to.Position);
            }

            destinationPort = _destinationPort;
        }

        Transport transport = _labelledTransports == 1 ? _labelledTransport
            : _labelledTransports == 0 && _namedTransports == 1 ? _namedTransport
            : _labelledTransports == 0 && _namedTransports == 0 && _hasFlags ? Transport.Tcp
            : Transport.Unknown;

        if (format == AlertFormat.FreeText)
        {
            format = _tcpdump ? AlertFormat.Tcpdump : from.KeyValue && to.KeyValue ? AlertFormat.KeyValue : AlertFormat.FreeText;
        }

        if (transport is Transport.Icmp or Transport.IcmpV6)
        {
            // Zeek's convention, as Core's binder uses it: the type in the source "port", the code in the destination's.
            sourcePort = sourcePort >= 0 ? sourcePort : Math.Max(_icmpType, 0);
            destinationPort = destinationPort >= 0 ? destinationPort : Math.Max(_icmpCode, 0);
        }
        else if (!NeedsPorts(transport))
        {
            sourcePort = Math.Max(sourcePort, 0);
            destinationPort = Math.Max(destinationPort, 0);
        }

        var record = new FlowRecord(new Endpoint(from.Address, (ushort)Math.Max(sourcePort, 0)), new Endpoint(to.Address, (ushort)Math.Max(destinationPort, 0)), transport);
        if (sourcePort < 0 || destinationPort < 0)
        {
            return new AlertTextResult(AlertTextStatus.MissingPort, format, record, found, sourcePort >= 0, destinationPort >= 0, stated);
        }

        TcpFlags flags = _hasFlags ? _flags : _wordFlags;
        if (transport == Transport.Tcp && (flags & TcpFlags.Syn) != 0)
        {
            // Only a handshake packet's flags say who opened the connection; a mid-stream packet's say nothing.
            record = record with { FirstPacketFlags = flags, HasFirstPacketFlags = true };
        }

        return new AlertTextResult(AlertTextStatus.Ok, format, record, found, true, true, stated);
    }

    /// <summary>Transports whose flows are identified by ports (and Unknown, which Core reads with TCP's port facts).</summary>
    internal static bool NeedsPorts(Transport transport) =>
        transport is Transport.Tcp or Transport.Udp or Transport.Sctp or Transport.Unknown || (byte)transport is 33 or 136;
}
