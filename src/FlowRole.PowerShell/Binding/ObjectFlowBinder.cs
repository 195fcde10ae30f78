using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;

namespace FlowRole.PowerShell.Binding;

/// <summary>
/// Binds PowerShell objects to flow records through Core: an object's field names are its "header", resolved by
/// Core's <see cref="FlowRecordBinder"/> (the alias map of CIM, ECS, Zeek, Suricata, Sysmon, Get-NetTCPConnection,
/// the Windows Firewall log and OCSF, with Core's precedence rules), and its values are the row. A binder is built once
/// per distinct set of field names and reused, so a stream of like objects (<c>Import-Csv</c>) resolves names once.
/// </summary>
/// <remarks>
/// PowerShell's own <c>ValueFromPipelineByPropertyName</c> binding is not used for this: it cannot express Core's
/// precedence (exact spelling first, first non-empty candidate per row) or aliases that count only beside another
/// column (<c>State</c> with <c>LocalAddress</c>), and probing every alias of every field costs about a microsecond
/// per probe, several times the classification itself.
/// </remarks>
internal sealed class ObjectFlowBinder
{
    private const int MaxShapes = 256;

    private readonly Dictionary<string, Shape> _shapes = new(StringComparer.Ordinal);
    private readonly ObjectReader _reader = new();
    private byte[] _utf8 = new byte[256];
    private Cell[] _cells = new Cell[32];
    private Shape? _last;

    /// <summary>Binds an object. False with Core's error naming the field, the property and the offending value.</summary>
    public bool TryBind(PSObject input, out FlowRecord record, out FieldError error)
    {
        // A run of like objects (Import-Csv rows) is recognised by name, without listing each object's members.
        Shape shape;
        if (_last is { MemberCount: >= 0 } last && _reader.TryReadSame(input, last.Names, last.MemberCount))
        {
            shape = last;
        }
        else
        {
            _reader.Read(input);
            shape = ShapeOf(_reader.Names);
            if (_reader.PlainMemberCount >= 0)
            {
                shape.MemberCount = _reader.PlainMemberCount;
            }
        }

        FieldError headerError = shape.Binder.HeaderError;
        if (headerError.IsError)
        {
            record = default;
            error = headerError;
            return false;
        }

        // The bound values go straight to Core's UTF-8 row form, in buffers kept from object to object (Core's
        // string-row overload rents and clears its own buffers on every call).
        int count = _reader.Count;
        if (_cells.Length < count)
        {
            _cells = new Cell[Math.Max(count, _cells.Length * 2)];
        }

        Array.Clear(_cells, 0, count);
        int offset = 0;
        foreach (int column in shape.BoundColumns)
        {
            if (ValueText.ToText(_reader.ValueAt(column)) is not { } text)
            {
                continue;
            }

            int room = text.Length * 3; // UTF-8 needs at most 3 bytes for each UTF-16 unit
            if (_utf8.Length - offset < room)
            {
                Array.Resize(ref _utf8, Math.Max(offset + room, _utf8.Length * 2));
            }

            int length = Encoding.UTF8.GetBytes(text, 0, text.Length, _utf8, offset);
            _cells[column] = Cell.Text(offset, length);
            offset += length;
        }

        return shape.Binder.TryBind(new ReadOnlySpan<byte>(_utf8, 0, offset), new ReadOnlySpan<Cell>(_cells, 0, count), out record, out error);
    }

    /// <summary>The fields of the object last given to <see cref="TryBind"/>, for output that keeps them.</summary>
    public InputRow SnapshotLast() => _reader.Snapshot();

    /// <summary>The header-level problem of an object's field names (no address field...), or <c>default</c>.</summary>
    public FieldError HeaderErrorOf(PSObject input)
    {
        _reader.Read(input);
        return ShapeOf(_reader.Names).Binder.HeaderError;
    }

    /// <summary>The Core binder for an object's field names (for callers that need to know which fields it has).</summary>
    public FlowRecordBinder BinderOf(PSObject input)
    {
        _reader.Read(input);
        return ShapeOf(_reader.Names).Binder;
    }

    /// <summary>The value of a field of the object last read, as text.</summary>
    public string? TextOf(int column) => ValueText.ToText(_reader.ValueAt(column));

    private Shape ShapeOf(List<string> names)
    {
        // Like objects arrive in runs: compare with the last shape before building a key.
        if (_last is not null && _last.Matches(names))
        {
            return _last;
        }

        string key = string.Join("\u001F", names);
        if (!_shapes.TryGetValue(key, out Shape? shape))
        {
            shape = new Shape(names.ToArray());
            if (_shapes.Count >= MaxShapes)
            {
                // Objects with ever-new field names (JSON with free-form keys): keep memory bounded.
                _shapes.Clear();
            }

            _shapes.Add(key, shape);
        }

        _last = shape;
        return shape;
    }

    private sealed class Shape
    {
        private readonly string[] _names;

        public Shape(string[] names)
        {
            _names = names;
            MemberCount = -1;
            Binder = new FlowRecordBinder(names);
            // An array, so reading it per object enumerates without allocating.
            var bound = new int[Binder.BoundColumns.Count];
            for (int i = 0; i < bound.Length; i++)
            {
                bound[i] = Binder.BoundColumns[i];
            }

            BoundColumns = bound;
        }

        public FlowRecordBinder Binder { get; }

        /// <summary>The field names, in order.</summary>
        public string[] Names => _names;

        /// <summary>The member count of a plain property bag of this shape (see <see cref="ObjectReader.TryReadSame"/>); -1 for other objects.</summary>
        public int MemberCount { get; set; }

        /// <summary>The columns that may carry a field: the only values the binder reads.</summary>
        public int[] BoundColumns { get; }

        public bool Matches(List<string> names)
        {
            if (names.Count != _names.Length)
            {
                return false;
            }

            for (int i = 0; i < _names.Length; i++)
            {
                if (!string.Equals(names[i], _names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
