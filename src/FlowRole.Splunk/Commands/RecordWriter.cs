using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Policy;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// Writes a classified record for one chunk layout in a single pass into the output buffer: the copied input fields,
/// every output field in contract order (with a <c>__mv_</c> column after those that have one), the record end.
/// </summary>
/// <remarks>
/// <para>The twelve fields from <c>transport</c> to <c>severity</c> are, but for the service, a function of a few small
/// values (Core's facts key, <see cref="FlowResultFormatter.GetFactsKey"/>, and the transport), and flows repeat them
/// endlessly: their text, separators included, is kept in a <see cref="TextCache{TKey}"/> by those values, so a record
/// usually copies two runs of bytes around its service name where it would format twelve fields. A miss formats them
/// with Core's formatter and keeps them. The service (one of thousands of names, one per port) is written on its own,
/// so flows to the many high ports do not miss. The multivalue columns are kept likewise, by the matched rules.</para>
/// <para>Single values are addresses, numbers, fixed names and base64, which never need quoting; the service and
/// transport names and the multivalue fields are quoted exactly as <see cref="SplunkCsvWriter.WriteField(ReadOnlySpan{byte})"/>
/// quotes them. The output is byte for byte what writing field by field gives.</para>
/// </remarks>
internal sealed class RecordWriter
{
    private const int FirstFact = (int)OutputField.Transport;
    private const int LastFact = (int)OutputField.Severity;

    // The two text caches' sizes (see TextCache). Service names need no cache: Core hands out their UTF-8 text.
    private const int FactBits = 11;
    private const int FactBytes = 256;
    private const int MultivalueBits = 8;
    private const int MultivalueBytes = 1024;

    // The multivalue fields, consecutive in the contract.
    private static readonly OutputField[] MultivalueFields = [OutputField.Findings, OutputField.FindingSources, OutputField.AttackTechniques];

    private readonly FlowResultFormatter _formatter;

    // The columns the binder reads the endpoints from, when it always reads the same ones (see RecordWriter's ctor).
    private readonly bool _copyEndpoints;
    private readonly int _sourceAddress, _sourcePort, _destinationAddress, _destinationPort;

    // The most bytes a record's output fields take, without multivalue values (a field at its longest, a comma, an
    // empty __mv_ column each). An instance field: a static one computed at start costs a class-initialisation check
    // per record in NativeAOT code.
    private readonly int _maxFieldsLength = OutputContract.AllFields.Count * (FlowResultFormatter.MaxSingleValueLength + 2);
    private readonly PassThroughColumns _passThrough;
    private readonly uint _multivalueColumns;
    private readonly MultivalueBuilder[] _multivalues = [new(), new(), new()];
    private readonly byte[] _scratch = new byte[FlowResultFormatter.MaxSingleValueLength];

    // The multivalue columns of a record without findings, and the text of the rule sets seen (by mask).
    private readonly byte[] _emptyMultivalues;
    private readonly TextCache<RuleMask> _multivalueText = new(MultivalueBits, MultivalueBytes, 4 * 1024);

    // The facts cache: transport to severity without the service, by facts key; the tag is where the service goes.
    private readonly TextCache<FactsKey> _factText = new(FactBits, FactBytes, 16 * 1024);

    /// <summary>
    /// Creates a writer for one chunk layout. With <paramref name="endpointsFrom"/>, the binder every written record
    /// was bound by, endpoint fields whose text arrived canonical are copied from their cells rather than formatted.
    /// </summary>
    public RecordWriter(FlowResultFormatter formatter, PassThroughColumns passThrough, AddedColumns added, FlowRecordBinder? endpointsFrom = null)
    {
        _formatter = formatter;
        _passThrough = passThrough;
        _copyEndpoints = endpointsFrom is not null
            && endpointsFrom.TryGetEndpointColumns(out _sourceAddress, out _sourcePort, out _destinationAddress, out _destinationPort);
        for (int i = 0; i < added.Count; i++)
        {
            if (added.HasMultivalue(i))
            {
                _multivalueColumns |= 1u << i;
            }
        }

        foreach (MultivalueBuilder builder in _multivalues)
        {
            builder.Clear();
        }

        var empty = new byte[MultivalueFields.Length * 2];
        int at = WriteMultivalues(empty, 0);
        _emptyMultivalues = empty.AsSpan(0, at).ToArray();
    }

    /// <summary>
    /// Writes one classified record (its input cells over <paramref name="data"/>; <paramref name="verbatim"/>: as
    /// received, see <see cref="SplunkCsvReader.RowVerbatim"/>) and its Community ID.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, bool verbatim, in FlowResult result, ReadOnlySpan<byte> communityId, SplunkCsvWriter output)
    {
        ReadOnlySpan<byte> multivalues = Multivalues(result, out int slot, out int builtLength);
        Span<byte> span = output.BeginRecord(_passThrough.MaxLength(cells, verbatim) + _maxFieldsLength + multivalues.Length + builtLength + 2);
        int at = 0;
        // Each step returns where the next begins, so the position stays in a register.
        at = _passThrough.Append(span, at, data, cells, verbatim);
        at = _copyEndpoints ? CopiedEndpoints(span, at, data, cells, result) : FormattedEndpoints(span, at, result);
        at = Facts(span, at, result, communityId);
        if (builtLength == 0)
        {
            SplunkCsvWriter.Copy(multivalues, span[at..]);
            at += multivalues.Length;
        }
        else
        {
            // A rule set not seen before: written from the builders, then kept when it fits.
            int start = at;
            at = WriteMultivalues(span, at);
            _multivalueText.Keep(slot, result.Verdict.Matches, span[start..at], 0);
        }

        // The Community ID comes computed for the block (base64 and "1:", never quoted).
        SplunkCsvWriter.Copy(communityId, span[at..]);
        at += communityId.Length;
        if ((_multivalueColumns & (1u << (int)OutputField.CommunityId)) != 0)
        {
            span[at++] = (byte)',';
        }

        span[at++] = (byte)',';

        // The error field is empty on a classified record.
        if ((_multivalueColumns & (1u << (int)OutputField.Error)) != 0)
        {
            span[at++] = (byte)',';
        }

        if (output.CrlfRecords)
        {
            span[at++] = (byte)'\r';
        }

        span[at++] = (byte)'\n';
        output.CommitRecord(at);
    }

    /// <summary>
    /// The three multivalue fields' columns (plain and __mv_, quoted as needed, each followed by a comma) when they are
    /// known: they are a function of the matched rules alone, so the text of recent rule sets is kept by slot, and a
    /// record without findings has empty columns. Otherwise the builders are filled, <paramref name="builtLength"/> is
    /// the most bytes they write, and the caller writes them (<paramref name="slot"/> is where to keep the text).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // its miss path is out of line
    private ReadOnlySpan<byte> Multivalues(in FlowResult result, out int slot, out int builtLength)
    {
        slot = 0;
        builtLength = 0;
        RuleMask matches = result.Verdict.Matches;
        if (matches.IsEmpty)
        {
            return _emptyMultivalues;
        }

        if (_multivalueText.TryGet(matches, (ulong)(uint)matches.GetHashCode() << 32, out slot, out ReadOnlySpan<byte> text, out _))
        {
            return text;
        }

        builtLength = BuildMultivalues(result);
        return default;
    }

    /// <summary>Fills the builders for a rule set not seen before; returns the most bytes they write. Out of line.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int BuildMultivalues(in FlowResult result)
    {
        int builtLength = 0;
        for (int m = 0; m < _multivalues.Length; m++)
        {
            MultivalueBuilder builder = _multivalues[m];
            builder.Clear();
            OutputValueEnumerator values = _formatter.GetValues(MultivalueFields[m], result);
            while (values.MoveNext())
            {
                builder.Add(values.Current);
            }

            builtLength += SplunkCsvWriter.MaxEncodedLength(builder.Joined.Length) + SplunkCsvWriter.MaxEncodedLength(builder.Encoded.Length) + 2;
        }

        return builtLength;
    }

    /// <summary>Writes the builders' values: each field's plain column, its __mv_ column when it has one, a comma after each; returns the end.</summary>
    private int WriteMultivalues(Span<byte> span, int at)
    {
        for (int m = 0; m < MultivalueFields.Length; m++)
        {
            MultivalueBuilder values = _multivalues[m];
            at = SplunkCsvWriter.Append(span, at, values.Joined);
            if ((_multivalueColumns & (1u << (int)MultivalueFields[m])) != 0)
            {
                span[at++] = (byte)',';
                at = SplunkCsvWriter.Append(span, at, values.Encoded);
            }

            span[at++] = (byte)',';
        }

        return at;
    }

    /// <summary>client_ip, client_port, server_ip and server_port, each formatted; returns the end.</summary>
    private int FormattedEndpoints(Span<byte> span, int at, in FlowResult result)
    {
        at = Address(span, at, OutputField.ClientIp, result.Client.Address);
        at = Port(span, at, OutputField.ClientPort, result.Client.Port);
        at = Address(span, at, OutputField.ServerIp, result.Server.Address);
        return Port(span, at, OutputField.ServerPort, result.Server.Port);
    }

    /// <summary>
    /// client_ip, client_port, server_ip and server_port, each copied from the cell it was bound from when that text
    /// is already the canonical form (Core's <see cref="FlowResultFormatter.IsCanonicalText(ReadOnlySpan{byte}, ushort)"/>),
    /// else formatted: splunkd sends addresses and ports as plain text, so parsing them and writing them back was
    /// a tenth of a record's work. Returns the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one call per record keeps Write's frame small
    private int CopiedEndpoints(Span<byte> span, int at, ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, in FlowResult result)
    {
        // The client is the destination column's endpoint when the record was swapped.
        bool swapped = result.Swapped;
        Endpoint client = result.Client, server = result.Server;
        Cell cell = cells[swapped ? _destinationAddress : _sourceAddress];
        at = FlowResultFormatter.IsCanonicalText(cell.Slice(data), client.Address)
            ? EndField(span, CopyShort(span, at, data, cell), OutputField.ClientIp) : Address(span, at, OutputField.ClientIp, client.Address);
        cell = cells[swapped ? _destinationPort : _sourcePort];
        at = FlowResultFormatter.IsCanonicalText(cell.Slice(data), client.Port)
            ? EndField(span, CopyShort(span, at, data, cell), OutputField.ClientPort) : Port(span, at, OutputField.ClientPort, client.Port);
        cell = cells[swapped ? _sourceAddress : _destinationAddress];
        at = FlowResultFormatter.IsCanonicalText(cell.Slice(data), server.Address)
            ? EndField(span, CopyShort(span, at, data, cell), OutputField.ServerIp) : Address(span, at, OutputField.ServerIp, server.Address);
        cell = cells[swapped ? _sourcePort : _destinationPort];
        return FlowResultFormatter.IsCanonicalText(cell.Slice(data), server.Port)
            ? EndField(span, CopyShort(span, at, data, cell), OutputField.ServerPort) : Port(span, at, OutputField.ServerPort, server.Port);
    }

    /// <summary>
    /// Copies a cell of at most 15 bytes (an address or a port) to <paramref name="at"/>: one 16-byte move when both
    /// sides have 16 bytes there (the bytes after the value are written over next), else an exact copy. Returns the end.
    /// <see cref="SplunkCsvWriter.CopyWide"/> for the one-move case: measured, the general one cost about 17 more
    /// instructions per copy here (its loop and the slice), 67 per record.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CopyShort(Span<byte> span, int at, ReadOnlySpan<byte> data, Cell cell)
    {
        if ((uint)cell.Length <= 16 && (ulong)(uint)cell.Start + 16 <= (ulong)(uint)data.Length && (ulong)(uint)at + 16 <= (ulong)(uint)span.Length)
        {
            Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(data), (nuint)(uint)cell.Start)
                .StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)(uint)at);
        }
        else
        {
            cell.Slice(data).CopyTo(span[at..]);
        }

        return at + cell.Length;
    }

    /// <summary>
    /// client_ip or server_ip: the address in Core's own text form (what the formatter writes for these fields, as
    /// the command tests hold), without going through the formatter's field switch; returns the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Address(Span<byte> span, int at, OutputField field, in IpAddress address)
    {
        if (!address.TryFormat(span[at..], out int n))
        {
            ThrowDoesNotFit(field);
        }

        return EndField(span, at + n, field);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDoesNotFit(OutputField field) =>
        throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit "
            + FlowResultFormatter.MaxSingleValueLength.ToString(CultureInfo.InvariantCulture) + " bytes");

    /// <summary>The twelve fields from transport to severity and the comma after them, from the cache or formatted into it; returns the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // its miss path is out of line
    private int Facts(Span<byte> span, int at, in FlowResult result, ReadOnlySpan<byte> communityId)
    {
        // Core's key for role_basis to severity, with the transport (the one other field of the run) in its free bits.
        FlowResultFormatter.GetFactsKey(result, out ulong key, out ulong check);
        check |= (ulong)(byte)result.Transport << 40;
        var facts = new FactsKey(key, check);
        if (_factText.TryGet(facts, (key * 0x9E3779B97F4A7C15UL) ^ (check * 0xC2B2AE3D27D4EB4FUL), out int slot, out ReadOnlySpan<byte> cached, out int split))
        {
            // The text before the service (transport) and after it (basis to severity).
            at = SplunkCsvWriter.CopyWide(cached, split, span, at);
            at = Service(span, at, result);
            return SplunkCsvWriter.CopyWide(cached[split..], cached.Length - split, span, at);
        }

        return FormatFacts(span, at, result, communityId, slot, facts);
    }

    /// <summary>
    /// A facts miss: the twelve fields formatted straight into the record, then kept (all but the service) at the
    /// free <paramref name="slot"/> when they fit. Out of line, so the hit path stays small.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FormatFacts(Span<byte> span, int at, in FlowResult result, ReadOnlySpan<byte> communityId, int slot, in FactsKey key)
    {
        int start = at;
        int before = 0, after = 0;
        for (int f = FirstFact; f <= LastFact; f++)
        {
            var field = (OutputField)f;
            if (field is OutputField.Service)
            {
                before = at - start;
                at = Service(span, at, result);
                after = at;
                continue;
            }

            if (field is OutputField.Transport)
            {
                at = Named(span, at, field, result, communityId);
            }
            else if (!_formatter.TryFormat(field, result, span[at..], out int n, communityId))
            {
                throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit "
                    + FlowResultFormatter.MaxSingleValueLength.ToString(CultureInfo.InvariantCulture) + " bytes");
            }
            else
            {
                at += n;
            }

            if ((_multivalueColumns & (1u << f)) != 0)
            {
                span[at++] = (byte)',';
            }

            span[at++] = (byte)',';
        }

        int tail = at - after;
        if (before + tail <= FactBytes)
        {
            Span<byte> text = stackalloc byte[FactBytes];
            span.Slice(start, before).CopyTo(text);
            span.Slice(after, tail).CopyTo(text[before..]);
            _factText.Keep(slot, key, text[..(before + tail)], before);
        }

        return at;
    }

    /// <summary>The service field (Core's table text, quoted if ever needed), its __mv_ column if it has one, and the comma after it; returns the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Service(Span<byte> span, int at, in FlowResult result)
    {
        return EndField(span, SplunkCsvWriter.Append(span, at, FlowResultFormatter.ServiceUtf8(result)), OutputField.Service);
    }

    /// <summary>Ends a single-valued field: its (empty) __mv_ column when it has one, then the comma; returns the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EndField(Span<byte> span, int at, OutputField field)
    {
        if ((_multivalueColumns & (1u << (int)field)) != 0)
        {
            span[at++] = (byte)',';
        }

        span[at++] = (byte)',';
        return at;
    }

    /// <summary>client_port or server_port, its __mv_ column if it has one, and the comma after it; returns the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Port(Span<byte> span, int at, OutputField field, ushort port)
    {
        if (!FlowResultFormatter.TryFormatPort(port, span[at..], out int n))
        {
            ThrowDoesNotFit(field);
        }

        return EndField(span, at + n, field);
    }

    /// <summary>A name that comes from tables (service, transport): quoted if it should ever hold a special character.</summary>
    private int Named(Span<byte> span, int at, OutputField field, in FlowResult result, ReadOnlySpan<byte> communityId)
    {
        if (!_formatter.TryFormat(field, result, _scratch, out int n, communityId))
        {
            throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit " + _scratch.Length.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        return SplunkCsvWriter.Append(span, at, _scratch.AsSpan(0, n));
    }

    /// <summary>The facts cache's key: Core's two facts-key words, the transport among the second's free bits.</summary>
    private readonly struct FactsKey(ulong key, ulong check) : IEquatable<FactsKey>
    {
        private readonly ulong _key = key;
        private readonly ulong _check = check;

        public bool Equals(FactsKey other) => _key == other._key && _check == other._check;

        public override bool Equals(object? obj) => obj is FactsKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(_key, _check);
    }
}
