using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Formats;

namespace FlowRole.Fields;

/// <summary>
/// Binds input rows to <see cref="FlowRecord"/>s. Built once per header (the column names) with optional explicit
/// overrides; it resolves which columns carry each <see cref="FlowField"/> (see <see cref="FieldAliases"/> for the
/// precedence), then binds each row without allocating, or returns a <see cref="FieldError"/> naming the field, the
/// offending value and why. Immutable, so one instance may bind rows on several threads.
/// </summary>
public sealed class FlowRecordBinder
{
    private const int StackCells = 64;

    // Every name an alias matches or requires, as spelled and case-folded: only a column with such a name (or an
    // override's) can change a binding, which is what lets WithColumns skip rebuilding for unrelated columns.
    private static readonly HashSet<string> AliasNames = AllAliasNames(StringComparer.Ordinal);
    private static readonly HashSet<string> FoldedAliasNames = AllAliasNames(StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyDictionary<FlowField, string>? _overrides;
    private readonly HashSet<string> _relevantExact = new(StringComparer.Ordinal);
    private readonly HashSet<string> _relevantFolded = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _columns;
    private int _checkedColumns; // set once, on a copy made by WithColumns: how many columns are known to bind as these
    private readonly int[][] _candidates;
    private readonly FlowField[] _unresolved;
    private readonly string?[] _overrideNames;
    private readonly int[] _boundColumns;
    private readonly uint _bound; // bit per field that has candidate columns: most rows skip most fields outright

    // The plain header (one column each for the four endpoint fields, at most one for the transport, nothing else
    // bound): its rows take a straight path with the columns fixed here. -1: not such a header / no transport column.
    private readonly bool _plain;
    private readonly int _plainSourceAddress = -1, _plainSourcePort = -1, _plainDestinationAddress = -1, _plainDestinationPort = -1;
    private readonly int _plainTransport = -1;

    /// <summary>Resolves the columns of a header.</summary>
    /// <param name="columns">The column names, in order.</param>
    /// <param name="overrides">Columns named explicitly for some fields (e.g. Splunk's <c>src=&lt;field&gt;</c>); they replace the aliases.</param>
    /// <exception cref="ArgumentException">An override names no column (an empty or blank name).</exception>
    public FlowRecordBinder(IReadOnlyList<string> columns, IReadOnlyDictionary<FlowField, string>? overrides = null)
    {
        if (columns is null)
        {
            throw new ArgumentNullException(nameof(columns));
        }

        _overrides = overrides;
        _columns = new string[columns.Count];
        _checkedColumns = _columns.Length;
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var folded = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _columns.Length; i++)
        {
            string name = columns[i] ?? string.Empty;
            _columns[i] = name;
            if (IsRelevant(name, exactly: true))
            {
                _relevantExact.Add(name);
            }

            if (IsRelevant(name, exactly: false))
            {
                _relevantFolded.Add(name);
            }

            if (!exact.ContainsKey(name))
            {
                exact.Add(name, i);
            }

            if (!folded.ContainsKey(name))
            {
                folded.Add(name, i);
            }
        }

        _candidates = new int[FieldAliases.FieldCount][];
        _overrideNames = new string?[FieldAliases.FieldCount];
        var unresolved = new List<FlowField>();
        var bound = new SortedSet<int>();
        var list = new List<int>(8);
        foreach (FlowField field in FieldAliases.Fields)
        {
            list.Clear();
            if (overrides is not null && overrides.TryGetValue(field, out string? named) && named is not null)
            {
                if (named.Trim().Length == 0)
                {
                    // Its error would read "src=: the input has no column ''": say what is wrong where it is wrong.
                    throw new ArgumentException("The " + FieldAliases.ParameterName(field) + " override names no column (an empty name).", nameof(overrides));
                }

                _overrideNames[(int)field] = named;
                if (exact.TryGetValue(named, out int col) || folded.TryGetValue(named, out col))
                {
                    list.Add(col);
                }
                else
                {
                    unresolved.Add(field);
                }
            }
            else
            {
                IReadOnlyList<FieldAlias> aliases = FieldAliases.For(field);

                // Exact spellings first, then case-insensitive ones, each in alias order.
                for (int pass = 0; pass < 2; pass++)
                {
                    foreach (FieldAlias alias in aliases)
                    {
                        if (alias.RequiresColumn is not null && !folded.ContainsKey(alias.RequiresColumn))
                        {
                            continue;
                        }

                        if ((pass == 0 ? exact : folded).TryGetValue(alias.Name, out int col) && !list.Contains(col))
                        {
                            list.Add(col);
                        }
                    }
                }
            }

            _candidates[(int)field] = list.ToArray();
            foreach (int c in list)
            {
                bound.Add(c);
            }
        }

        // The bound-field mask holds one bit per field.
        System.Diagnostics.Debug.Assert(_candidates.Length <= 32, "FlowField outgrew the binder's 32-bit mask.");
        for (int f = 0; f < _candidates.Length; f++)
        {
            if (_candidates[f].Length > 0)
            {
                _bound |= 1u << f;
            }
        }

        _unresolved = unresolved.ToArray();
        _boundColumns = new int[bound.Count];
        bound.CopyTo(_boundColumns);

        if ((_bound & ~PlainFields) == 0 && _candidates[(int)FlowField.SourceAddress].Length == 1 && _candidates[(int)FlowField.SourcePort].Length == 1
            && _candidates[(int)FlowField.DestinationAddress].Length == 1 && _candidates[(int)FlowField.DestinationPort].Length == 1
            && _candidates[(int)FlowField.Transport].Length <= 1)
        {
            _plain = true;
            _plainSourceAddress = _candidates[(int)FlowField.SourceAddress][0];
            _plainSourcePort = _candidates[(int)FlowField.SourcePort][0];
            _plainDestinationAddress = _candidates[(int)FlowField.DestinationAddress][0];
            _plainDestinationPort = _candidates[(int)FlowField.DestinationPort][0];
            _plainTransport = _candidates[(int)FlowField.Transport].Length == 1 ? _candidates[(int)FlowField.Transport][0] : -1;
        }
    }

    /// <summary>
    /// For a plain header (one column each for the source and destination address and port, and no field but the
    /// transport beside them), the columns every record this binder binds takes its endpoints from, so a writer can
    /// copy their text as received where it is canonical (<see cref="FlowResultFormatter.IsCanonicalText(ReadOnlySpan{byte}, in IpAddress)"/>);
    /// false for any other header, whose endpoints may come from other columns row by row.
    /// </summary>
    public bool TryGetEndpointColumns(out int sourceAddress, out int sourcePort, out int destinationAddress, out int destinationPort)
    {
        sourceAddress = _plainSourceAddress;
        sourcePort = _plainSourcePort;
        destinationAddress = _plainDestinationAddress;
        destinationPort = _plainDestinationPort;
        return _plain;
    }

    /// <summary>
    /// The column names this binder was built for. After <see cref="WithColumns"/> returned this same binder they are
    /// a prefix of the columns it was given (the added ones carry no field).
    /// </summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>
    /// Every column that may carry some field, ascending: the only cells a row's binding reads, so a front end that
    /// must convert values before binding (PowerShell objects) converts just these.
    /// </summary>
    public IReadOnlyList<int> BoundColumns => _boundColumns;

    /// <summary>Fields whose override names a column the header lacks.</summary>
    public IReadOnlyList<FlowField> UnresolvedOverrides => _unresolved;

    /// <summary>Columns that may carry a field, in precedence order (empty when none).</summary>
    public IReadOnlyList<int> CandidatesOf(FlowField field) => _candidates[FieldAliases.Index(field)];

    /// <summary>True when some column may carry the field.</summary>
    public bool IsBound(FlowField field) => _candidates[FieldAliases.Index(field)].Length > 0;

    /// <summary>The name of the first column that may carry the field, or null.</summary>
    public string? ColumnOf(FlowField field)
    {
        int[] c = _candidates[FieldAliases.Index(field)];
        return c.Length > 0 ? _columns[c[0]] : null;
    }

    /// <summary>
    /// The problem every row will have because of the header alone (no column for a required field, or an override
    /// naming a missing column), or <c>default</c> when rows can bind.
    /// </summary>
    public FieldError HeaderError
    {
        get
        {
            foreach (FlowField required in RequiredEndpointFields())
            {
                if (_candidates[(int)required].Length == 0)
                {
                    if (Array.IndexOf(_unresolved, required) >= 0)
                    {
                        return new FieldError(FieldErrorKind.OverrideColumnMissing, required, _overrideNames[(int)required], null);
                    }

                    return new FieldError(FieldErrorKind.NoColumn, required, null, null);
                }
            }

            return default;
        }
    }

    /// <summary>
    /// A binder for <paramref name="columns"/>, which must extend the columns this binder was made for (the same
    /// names first, new ones after: how a reader's columns grow as JSON records or Zeek headers add fields). When no
    /// added column can carry a field it shares this binder's tables (the cost is the added columns alone, and
    /// <see cref="Columns"/> stays the shorter list); else it is a new binder with the same overrides. Rebuilding per
    /// change would be quadratic on input whose every record adds a key; this is not: only a name no column had
    /// before (as spelled, or case-folded) that an alias or override uses forces a rebuild, and there are a fixed
    /// number of those.
    /// </summary>
    public FlowRecordBinder WithColumns(IReadOnlyList<string> columns)
    {
        if (columns is null)
        {
            throw new ArgumentNullException(nameof(columns));
        }

        if (columns.Count < _checkedColumns)
        {
            return new FlowRecordBinder(columns, _overrides);
        }

        if (columns.Count == _checkedColumns)
        {
            return this;
        }

        for (int i = _checkedColumns; i < columns.Count; i++)
        {
            string name = columns[i] ?? string.Empty;
            if ((IsRelevant(name, exactly: true) && !_relevantExact.Contains(name))
                || (IsRelevant(name, exactly: false) && !_relevantFolded.Contains(name)))
            {
                return new FlowRecordBinder(columns, _overrides);
            }
        }

        // Same tables, more columns known to bind as they do: a shallow copy keeps the binder immutable.
        var extended = (FlowRecordBinder)MemberwiseClone();
        extended._checkedColumns = columns.Count;
        return extended;
    }

    /// <summary>Binds a row of UTF-8 values: <paramref name="cells"/> index <paramref name="data"/> by column.</summary>
    /// <returns>True with the record, or false with the error.</returns>
    public bool TryBind(ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, out FlowRecord record, out FieldError error) =>
        BindCore(new Row(data, cells), out record, out error);

    /// <summary>Binds a row of char values (PowerShell); only the bound columns are transcoded.</summary>
    public bool TryBind(ReadOnlySpan<char> data, ReadOnlySpan<Cell> cells, out FlowRecord record, out FieldError error)
    {
        int bytes = 0;
        foreach (int col in _boundColumns)
        {
            if (col < cells.Length && !cells[col].IsMissing)
            {
                bytes += AsciiText.MaxUtf8Length(cells[col].Length);
            }
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes, 16));
        Cell[]? rentedCells = cells.Length > StackCells ? ArrayPool<Cell>.Shared.Rent(cells.Length) : null;
        Span<Cell> utf8Cells = rentedCells ?? stackalloc Cell[StackCells];
        try
        {
            utf8Cells = utf8Cells.Slice(0, cells.Length);
            utf8Cells.Clear();
            int offset = 0;
            foreach (int col in _boundColumns)
            {
                if (col < cells.Length && !cells[col].IsMissing)
                {
                    int n = AsciiText.ToUtf8(cells[col].Slice(data), buffer.AsSpan(offset));
                    utf8Cells[col] = new Cell(offset, n, cells[col].Kind);
                    offset += n;
                }
            }

            return BindCore(new Row(buffer.AsSpan(0, offset), utf8Cells), out record, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (rentedCells is not null)
            {
                ArrayPool<Cell>.Shared.Return(rentedCells);
            }
        }
    }

    /// <summary>Binds a row given as strings by column (null = no value), e.g. PowerShell property values.</summary>
    public bool TryBind(IReadOnlyList<string?> values, out FlowRecord record, out FieldError error)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        int count = values.Count;
        int bytes = 0;
        foreach (int col in _boundColumns)
        {
            if (col < count && values[col] is { } s)
            {
                bytes += AsciiText.MaxUtf8Length(s.Length);
            }
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes, 16));
        Cell[]? rentedCells = count > StackCells ? ArrayPool<Cell>.Shared.Rent(count) : null;
        Span<Cell> utf8Cells = rentedCells ?? stackalloc Cell[StackCells];
        try
        {
            utf8Cells = utf8Cells.Slice(0, count);
            utf8Cells.Clear();
            int offset = 0;
            foreach (int col in _boundColumns)
            {
                if (col < count && values[col] is { } s)
                {
                    int n = AsciiText.ToUtf8(s.AsSpan(), buffer.AsSpan(offset));
                    utf8Cells[col] = Cell.Text(offset, n);
                    offset += n;
                }
            }

            return BindCore(new Row(buffer.AsSpan(0, offset), utf8Cells), out record, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (rentedCells is not null)
            {
                ArrayPool<Cell>.Shared.Return(rentedCells);
            }
        }
    }

    /// <summary>Fields beyond the endpoints and transport: evidence and volume.</summary>
    private const uint PlainFields = (1u << (int)FlowField.SourceAddress) | (1u << (int)FlowField.SourcePort)
        | (1u << (int)FlowField.DestinationAddress) | (1u << (int)FlowField.DestinationPort) | (1u << (int)FlowField.Transport);

    private const uint OptionalFields =
        (1u << (int)FlowField.TcpFlags) | (1u << (int)FlowField.ZeekHistory) | (1u << (int)FlowField.ConnState)
        | (1u << (int)FlowField.Initiator) | (1u << (int)FlowField.OcsfInitiatorId) | (1u << (int)FlowField.OcsfSrcDstAssignmentKnown)
        | (1u << (int)FlowField.ClientAddress) | (1u << (int)FlowField.SysmonInitiated) | (1u << (int)FlowField.FirewallPath)
        | (1u << (int)FlowField.SocketState) | (1u << (int)FlowField.EventType) | (1u << (int)FlowField.SourceBytes)
        | (1u << (int)FlowField.DestinationBytes) | (1u << (int)FlowField.SourcePackets) | (1u << (int)FlowField.DestinationPackets);

    private static HashSet<string> AllAliasNames(StringComparer comparer)
    {
        var names = new HashSet<string>(comparer);
        foreach (FlowField field in FieldAliases.Fields)
        {
            foreach (FieldAlias alias in FieldAliases.For(field))
            {
                names.Add(alias.Name);
                if (alias.RequiresColumn is not null)
                {
                    names.Add(alias.RequiresColumn);
                }
            }
        }

        return names;
    }

    /// <summary>True when a column of this name may change what the binder resolves (an alias's or an override's name).</summary>
    private bool IsRelevant(string name, bool exactly)
    {
        if (exactly ? AliasNames.Contains(name) : FoldedAliasNames.Contains(name))
        {
            return true;
        }

        if (_overrides is not null)
        {
            foreach (string named in _overrides.Values)
            {
                if (named is not null && string.Equals(named, name, exactly ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static FlowField[] RequiredEndpointFields() =>
        new[] { FlowField.SourceAddress, FlowField.DestinationAddress };

    private bool BindCore(Row row, out FlowRecord record, out FieldError error)
    {
        if (_plain && TryBindPlain(row, out record))
        {
            error = default;
            return true;
        }

        return BindAny(row, out record, out error);
    }

    /// <summary>
    /// The common row of a plain header (see <see cref="_plain"/>): TCP, UDP or no transport, both endpoints and both
    /// ports given and valid. It is the record <see cref="BindAny"/> would make; any other row (a missing or bad
    /// value, another transport) returns false and goes there, which also words the error.
    /// </summary>
    private bool TryBindPlain(Row row, out FlowRecord record)
    {
        // Every value is parsed straight into the record (see FlowRecord.SourceOf): no endpoint is built aside.
        record = default;
        ref Transport transport = ref FlowRecord.TransportOf(ref record);
        transport = Transport.Unknown; // not the zero of a default record: that is IANA protocol 0
        if (_plainTransport >= 0 && row.TryGet(_plainTransport, out ReadOnlySpan<byte> value)
            && (!FlowValueParser.TryParseTransport(value, out transport) || transport is not (Transport.Tcp or Transport.Udp or Transport.Unknown)))
        {
            record = default;
            return false;
        }

        ref Endpoint source = ref FlowRecord.SourceOf(ref record);
        ref Endpoint destination = ref FlowRecord.DestinationOf(ref record);
        if (!row.TryGet(_plainSourceAddress, out value) || !IpAddress.TryParse(value, out Endpoint.AddressOf(ref source))
            || !row.TryGet(_plainDestinationAddress, out value) || !IpAddress.TryParse(value, out Endpoint.AddressOf(ref destination))
            || !row.TryGet(_plainSourcePort, out value) || !FlowValueParser.TryParsePort(value, out Endpoint.PortOf(ref source))
            || !row.TryGet(_plainDestinationPort, out value) || !FlowValueParser.TryParsePort(value, out Endpoint.PortOf(ref destination)))
        {
            record = default;
            return false;
        }

        return true;
    }

    private bool BindAny(Row row, out FlowRecord record, out FieldError error)
    {
        // The error is set here once and by a helper only when it fails: FieldError holds references, and writing one
        // through a reference on every successful step costs a GC write barrier each time.
        record = default;
        error = default;

        // Transport first: whether ports are required depends on it.
        Transport transport = Transport.Unknown;
        int[] transportColumns = _candidates[(int)FlowField.Transport];
        foreach (int col in transportColumns)
        {
            if (!row.TryGet(col, out ReadOnlySpan<byte> value))
            {
                continue;
            }

            if (!FlowValueParser.TryParseTransport(value, out Transport t))
            {
                error = Invalid(FieldErrorKind.InvalidTransport, FlowField.Transport, col, value);
                return false;
            }

            if (t != Transport.Unknown)
            {
                transport = t;
                break;
            }
        }

        if (transport == Transport.Unknown && _candidates[(int)FlowField.SocketState].Length > 0
            && Find(FlowField.SocketState, row, out _) >= 0)
        {
            transport = Transport.Tcp; // Get-NetTCPConnection lists TCP connections only.
        }

        // Endpoints: source/destination as given, or the log's client/server when that is all it has.
        Initiator initiator = Initiator.Unknown;
        InitiatorSource initiatorSource = InitiatorSource.None;
        int sourceColumn = Find(FlowField.SourceAddress, row, out ReadOnlySpan<byte> sourceValue);
        bool roles = sourceColumn < 0 && Find(FlowField.ClientAddress, row, out _) >= 0;
        FlowField fa = roles ? FlowField.ClientAddress : FlowField.SourceAddress;
        FlowField fp = roles ? FlowField.ClientPort : FlowField.SourcePort;
        FlowField ta = roles ? FlowField.ServerAddress : FlowField.DestinationAddress;
        FlowField tp = roles ? FlowField.ServerPort : FlowField.DestinationPort;

        // The source value was just found: parsed from it rather than looked up again.
        if (!(roles ? TryAddress(fa, row, out IpAddress sourceAddress, ref error) : TryAddress(fa, sourceColumn, sourceValue, out sourceAddress, ref error))
            || !TryAddress(ta, row, out IpAddress destinationAddress, ref error)
            || !TryPorts(fp, tp, transport, row, out ushort sourcePort, out ushort destinationPort, ref error))
        {
            return false;
        }

        if (roles)
        {
            initiator = Initiator.Source;
            initiatorSource = InitiatorSource.Explicit;
        }

        var source = new Endpoint(sourceAddress, sourcePort);
        var destination = new Endpoint(destinationAddress, destinationPort);

        if ((_bound & OptionalFields) == 0)
        {
            record = new FlowRecord(source, destination, transport) { Initiator = initiator, InitiatorSource = initiatorSource };
            return true;
        }

        return BindEvidence(row, roles, source, destination, transport, initiator, initiatorSource, out record, out error);
    }

    // Orientation evidence and volume, for headers that have such columns. Kept out of BindCore so that the common
    // row (endpoints and transport only) runs in a small frame: inlined, these parsers' locals made BindCore zero
    // over a kilobyte of stack per row.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool BindEvidence(Row row, bool roles, Endpoint source, Endpoint destination, Transport transport, Initiator initiator,
        InitiatorSource initiatorSource, out FlowRecord record, out FieldError error)
    {
        record = default;
        error = default;

        // Orientation evidence.
        TcpFlags flags = TcpFlags.None;
        bool hasFlags = false;
        int c = Find(FlowField.TcpFlags, row, out ReadOnlySpan<byte> v);
        if (c >= 0)
        {
            if (!FlowValueParser.TryParseTcpFlags(v, out flags))
            {
                error = Invalid(FieldErrorKind.InvalidTcpFlags, FlowField.TcpFlags, c, v);
                return false;
            }

            hasFlags = true;
        }

        ZeekHistory history = default;
        c = Find(FlowField.ZeekHistory, row, out v);
        if (c >= 0 && !FlowValueParser.TryParseZeekHistory(v, out history))
        {
            error = Invalid(FieldErrorKind.InvalidHistory, FlowField.ZeekHistory, c, v);
            return false;
        }

        ConnState connState = ConnState.None;
        c = Find(FlowField.ConnState, row, out v);
        if (c >= 0 && !FlowValueParser.TryParseConnState(v, out connState))
        {
            error = Invalid(FieldErrorKind.InvalidConnState, FlowField.ConnState, c, v);
            return false;
        }

        // Initiator statements, strongest first; every one present is validated, the first that decides wins.
        Initiator said;
        c = Find(FlowField.Initiator, row, out v);
        if (c >= 0)
        {
            if (!FlowValueParser.TryParseInitiator(v, out said))
            {
                error = Invalid(FieldErrorKind.InvalidInitiator, FlowField.Initiator, c, v);
                return false;
            }

            Decide(said, InitiatorSource.Explicit, ref initiator, ref initiatorSource);
        }

        c = Find(FlowField.OcsfInitiatorId, row, out v);
        if (c >= 0)
        {
            if (!FlowValueParser.TryParseOcsfInitiatorId(v, out said))
            {
                error = Invalid(FieldErrorKind.InvalidInitiator, FlowField.OcsfInitiatorId, c, v);
                return false;
            }

            Decide(said, InitiatorSource.Explicit, ref initiator, ref initiatorSource);
        }

        c = Find(FlowField.OcsfSrcDstAssignmentKnown, row, out v);
        if (c >= 0)
        {
            if (!FlowValueParser.TryParseBoolean(v, out bool known))
            {
                error = Invalid(FieldErrorKind.InvalidInitiator, FlowField.OcsfSrcDstAssignmentKnown, c, v);
                return false;
            }

            Decide(known ? Initiator.Source : Initiator.Unknown, InitiatorSource.Explicit, ref initiator, ref initiatorSource);
        }

        if (!roles && !TryClientServer(row, source, destination, ref initiator, ref initiatorSource, ref error))
        {
            return false;
        }

        c = Find(FlowField.SysmonInitiated, row, out v);
        if (c >= 0)
        {
            if (!FlowValueParser.TryParseBoolean(v, out bool initiated))
            {
                error = Invalid(FieldErrorKind.InvalidInitiator, FlowField.SysmonInitiated, c, v);
                return false;
            }

            // Sysmon logs the local host as the source: Initiated=false means the remote side connected in.
            Decide(initiated ? Initiator.Source : Initiator.Destination, InitiatorSource.Sysmon, ref initiator, ref initiatorSource);
        }

        c = Find(FlowField.FirewallPath, row, out v);
        if (c >= 0)
        {
            if (!FlowValueParser.TryParseFirewallPath(v, out said))
            {
                error = Invalid(FieldErrorKind.InvalidFirewallPath, FlowField.FirewallPath, c, v);
                return false;
            }

            Decide(said, InitiatorSource.Firewall, ref initiator, ref initiatorSource);
        }

        c = Find(FlowField.SocketState, row, out v);
        if (c >= 0)
        {
            if (!FlowValueParser.TryParseSocketState(v, out said, out bool listener))
            {
                error = Invalid(FieldErrorKind.InvalidSocketState, FlowField.SocketState, c, v);
                return false;
            }

            if (listener)
            {
                error = Invalid(FieldErrorKind.NotAFlow, FlowField.SocketState, c, v);
                return false;
            }

            Decide(said, InitiatorSource.Explicit, ref initiator, ref initiatorSource);
        }

        c = Find(FlowField.EventType, row, out v);
        if (c >= 0)
        {
            ReadOnlySpan<byte> type = AsciiText.Trim(v);
            if (AsciiText.EqualsLower(type, "flow"))
            {
                // Suricata orients flow records to-server by its own tracking.
                Decide(Initiator.Source, InitiatorSource.Suricata, ref initiator, ref initiatorSource);
            }
            else if (!AsciiText.EqualsLower(type, "netflow"))
            {
                error = Invalid(FieldErrorKind.NotAFlow, FlowField.EventType, c, v);
                return false;
            }
        }

        // Volume.
        if (!TryCount(FlowField.SourceBytes, row, out long sb, out bool any, ref error)
            || !TryCount(FlowField.DestinationBytes, row, out long db, out bool any2, ref error)
            || !TryCount(FlowField.SourcePackets, row, out long sp, out bool any3, ref error)
            || !TryCount(FlowField.DestinationPackets, row, out long dp, out bool any4, ref error))
        {
            return false;
        }

        record = new FlowRecord(source, destination, transport)
        {
            FirstPacketFlags = flags,
            HasFirstPacketFlags = hasFlags,
            History = history,
            ConnState = connState,
            Initiator = initiator,
            InitiatorSource = initiatorSource,
            Volume = any || any2 || any3 || any4 ? new FlowVolume(sb, db, sp, dp) : default,
        };
        return true;
    }

    private static void Decide(Initiator said, InitiatorSource from, ref Initiator initiator, ref InitiatorSource source)
    {
        if (initiator == Initiator.Unknown && said != Initiator.Unknown)
        {
            initiator = said;
            source = from;
        }
    }

    private bool TryClientServer(Row row, Endpoint source, Endpoint destination, ref Initiator initiator,
        ref InitiatorSource initiatorSource, ref FieldError error)
    {
        int c = Find(FlowField.ClientAddress, row, out ReadOnlySpan<byte> v);
        if (c < 0)
        {
            return true;
        }

        if (!IpAddress.TryParse(AsciiText.Trim(v), out IpAddress client))
        {
            error = Invalid(FieldErrorKind.InvalidAddress, FlowField.ClientAddress, c, v);
            return false;
        }

        int pc = Find(FlowField.ClientPort, row, out ReadOnlySpan<byte> pv);
        ushort clientPort = 0;
        if (pc >= 0 && !FlowValueParser.TryParsePort(pv, out clientPort))
        {
            error = Invalid(FieldErrorKind.InvalidPort, FlowField.ClientPort, pc, pv);
            return false;
        }

        // ECS: client.* names the initiator; source.* is the event's sender. Match the client to one side.
        bool isSource = client == source.Address && (pc < 0 || clientPort == source.Port);
        bool isDestination = client == destination.Address && (pc < 0 || clientPort == destination.Port);
        if (isSource != isDestination)
        {
            Decide(isSource ? Initiator.Source : Initiator.Destination, InitiatorSource.Explicit, ref initiator, ref initiatorSource);
        }

        return true;
    }

    private bool TryAddress(FlowField field, Row row, out IpAddress address, ref FieldError error)
    {
        int c = Find(field, row, out ReadOnlySpan<byte> v);
        return TryAddress(field, c, v, out address, ref error);
    }

    /// <summary>Parses an address found in column <paramref name="c"/> (-1: none found) as <paramref name="v"/> (trimmed).</summary>
    private bool TryAddress(FlowField field, int c, ReadOnlySpan<byte> v, out IpAddress address, ref FieldError error)
    {
        address = default;
        if (c < 0)
        {
            error = MissingError(field);
            return false;
        }

        if (!IpAddress.TryParse(AsciiText.Trim(v), out address))
        {
            error = Invalid(FieldErrorKind.InvalidAddress, field, c, v);
            return false;
        }

        return true;
    }

    private bool TryPorts(FlowField sourceField, FlowField destinationField, Transport transport, Row row,
        out ushort sourcePort, out ushort destinationPort, ref FieldError error)
    {
        sourcePort = destinationPort = 0;
        bool required = transport is Transport.Tcp or Transport.Udp or Transport.Sctp or Transport.Unknown
            || (byte)transport == 33 /* DCCP */ || (byte)transport == 136 /* UDP-Lite */;
        bool icmp = transport is Transport.Icmp or Transport.IcmpV6;

        int sc = Find(sourceField, row, out ReadOnlySpan<byte> sv);
        if (sc >= 0 && !FlowValueParser.TryParsePort(sv, out sourcePort))
        {
            error = Invalid(FieldErrorKind.InvalidPort, sourceField, sc, sv);
            return false;
        }

        int dc = Find(destinationField, row, out ReadOnlySpan<byte> dv);
        if (dc >= 0 && !FlowValueParser.TryParsePort(dv, out destinationPort))
        {
            error = Invalid(FieldErrorKind.InvalidPort, destinationField, dc, dv);
            return false;
        }

        if (icmp)
        {
            // Zeek's convention: type in the originator port, code in the responder port. Logs with their own
            // type/code columns (Suricata, the Windows Firewall log) fill the ports the same way.
            if (!TryIcmp(FlowField.IcmpType, row, sc < 0, ref sourcePort, ref error)
                || !TryIcmp(FlowField.IcmpCode, row, dc < 0, ref destinationPort, ref error))
            {
                return false;
            }
        }
        else if (required)
        {
            if (sc < 0)
            {
                error = MissingError(sourceField);
                return false;
            }

            if (dc < 0)
            {
                error = MissingError(destinationField);
                return false;
            }
        }

        return true;
    }

    private bool TryIcmp(FlowField field, Row row, bool use, ref ushort port, ref FieldError error)
    {
        int c = Find(field, row, out ReadOnlySpan<byte> v);
        if (c < 0)
        {
            return true;
        }

        if (!AsciiText.TryParseDecimal(AsciiText.Trim(v), 255, out ulong value))
        {
            error = Invalid(FieldErrorKind.InvalidIcmp, field, c, v);
            return false;
        }

        if (use)
        {
            port = (ushort)value;
        }

        return true;
    }

    private bool TryCount(FlowField field, Row row, out long count, out bool given, ref FieldError error)
    {
        count = -1;
        given = false;
        int c = Find(field, row, out ReadOnlySpan<byte> v);
        if (c < 0)
        {
            return true;
        }

        if (!FlowValueParser.TryParseCount(v, out count))
        {
            count = -1;
            error = Invalid(FieldErrorKind.InvalidCount, field, c, v);
            return false;
        }

        given = true;
        return true;
    }

    /// <summary>The first candidate column with a value; -1 when none has one.</summary>
    private int Find(FlowField field, Row row, out ReadOnlySpan<byte> value)
    {
        if ((_bound & (1u << (int)field)) == 0)
        {
            value = default;
            return -1;
        }

        int[] candidates = _candidates[(int)field];
        for (int i = 0; i < candidates.Length; i++)
        {
            int col = candidates[i];
            if (row.TryGet(col, out value))
            {
                return col;
            }
        }

        value = default;
        return -1;
    }

    private FieldError MissingError(FlowField field)
    {
        int[] candidates = _candidates[(int)field];
        if (candidates.Length > 0)
        {
            return new FieldError(FieldErrorKind.Missing, field, _columns[candidates[0]], null);
        }

        return Array.IndexOf(_unresolved, field) >= 0
            ? new FieldError(FieldErrorKind.OverrideColumnMissing, field, _overrideNames[(int)field], null)
            : new FieldError(FieldErrorKind.NoColumn, field, null, null);
    }

    private FieldError Invalid(FieldErrorKind kind, FlowField field, int column, ReadOnlySpan<byte> value) =>
        new(kind, field, _columns[column], AsciiText.ToString(AsciiText.Trim(value)));

    /// <summary>A row's data and cells; values that mean "not given" read as absent.</summary>
    private readonly ref struct Row
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly ReadOnlySpan<Cell> _cells;

        public Row(ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells)
        {
            _data = data;
            _cells = cells;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryGet(int column, out ReadOnlySpan<byte> value)
        {
            if ((uint)column < (uint)_cells.Length)
            {
                Cell cell = _cells[column];
                if (!cell.IsMissing)
                {
                    value = AsciiText.Trim(cell.Slice(_data));
                    if (!AsciiText.IsUnset(value))
                    {
                        return true;
                    }
                }
            }

            value = default;
            return false;
        }
    }
}
