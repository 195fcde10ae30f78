using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;

namespace FlowRole.PowerShell.Binding;

/// <summary>
/// Lists an input object's fields: the properties of a PowerShell object (note properties of <c>Import-Csv</c> and
/// <c>[pscustomobject]</c> rows, adapted properties of .NET and CIM objects) or the entries of a hashtable. Nested
/// objects and hashtables (as <c>ConvertFrom-Json</c> makes them) are flattened to dotted names, the way Core's JSON
/// reader names them, so <c>{"source":{"ip":..}}</c> binds through the ECS alias <c>source.ip</c>.
/// </summary>
/// <remarks>
/// Reading a property's value can run code (script properties, CIM adapters), so values are fetched lazily: the
/// binder reads only the fields it binds. The lists are reused from object to object.
/// </remarks>
internal sealed class ObjectReader
{
    private const int MaxDepth = 8;

    private readonly bool _useInstanceMembers;
    private readonly List<string> _names = new();
    private readonly List<PSPropertyInfo?> _properties = new();
    private readonly List<object?> _values = new();
    private string[]? _namesOf;
    private int _plainCount = -1;
    private bool _flattened;

    /// <summary>Creates a reader; <paramref name="useInstanceMembers"/> false always uses the public property view.</summary>
    public ObjectReader(bool useInstanceMembers = true) => _useInstanceMembers = useInstanceMembers;

    /// <summary>The current object's field names, in order.</summary>
    public List<string> Names => _names;

    /// <summary>How many fields the current object has.</summary>
    public int Count => _names.Count;

    /// <summary>
    /// For a plain property bag (only note properties, none holding a nested object), its instance member count, which
    /// lets <see cref="TryReadSame"/> recognise the next object of the same shape; -1 otherwise.
    /// </summary>
    public int PlainMemberCount => _plainCount;

    /// <summary>Reads an object's field names (and values where reading them is free).</summary>
    public void Read(PSObject input)
    {
        _names.Clear();
        _properties.Clear();
        _values.Clear();
        _namesOf = null;
        _plainCount = -1;
        _flattened = false;
        object baseObject = input.BaseObject;
        if (baseObject is IDictionary dictionary && !(baseObject is PSCustomObject))
        {
            AddDictionary(dictionary, prefix: null, depth: 0);
            return;
        }

        AddProperties(input, prefix: null, depth: 0);
    }

    /// <summary>
    /// Reads a plain property bag known to have the shape of an earlier one (<paramref name="names"/>, with
    /// <paramref name="memberCount"/> members) by name, without listing its members: the counts match and every name is
    /// a note property, so the sets of names are equal (names are unique in an object). False, having read nothing,
    /// when the object differs in any way; <see cref="Read"/> then gives the full answer.
    /// </summary>
    public bool TryReadSame(PSObject input, string[] names, int memberCount)
    {
        if (!_useInstanceMembers || memberCount < 0 || !(input.BaseObject is PSCustomObject)
            || InstanceMembers.Get(input) is not { } members)
        {
            return false;
        }

        // The collection's own Count takes a lock on every object; the table behind it counts the same members without
        // one (see InstanceMembers.Table).
        OrderedDictionary? table = InstanceMembers.Table(members);
        if ((table is not null ? table.Count : InstanceMembers.Count(members)) != memberCount)
        {
            return false;
        }

        if (!ReferenceEquals(_namesOf, names))
        {
            _names.Clear();
            _names.AddRange(names);
            _properties.Clear();
            _values.Clear();
            for (int i = 0; i < names.Length; i++)
            {
                _properties.Add(null);
                _values.Add(null);
            }
        }

        // Rows of one shape hold their members in the same order: read them by position, checking each name (the
        // same string instance from row to row for Import-Csv), and look a name up only where the order differs.
        bool byPosition = table is not null && table.Count == names.Length;
        for (int i = 0; i < names.Length; i++)
        {
            PSNoteProperty? note = null;
            if (byPosition && table![i] is PSNoteProperty candidate
                && (ReferenceEquals(candidate.Name, names[i]) || string.Equals(candidate.Name, names[i], StringComparison.Ordinal)))
            {
                note = candidate;
            }
            else if (members[names[i]] is PSNoteProperty named)
            {
                note = named;
            }

            if (note is null || IsNested(note.Value))
            {
                _namesOf = null;
                return false;
            }

            _values[i] = note.Value;
        }

        _namesOf = names;
        _plainCount = memberCount;
        return true;
    }

    /// <summary>The value of the field at <paramref name="index"/> (reads the property now if it was not read yet).</summary>
    public object? ValueAt(int index)
    {
        PSPropertyInfo? property = _properties[index];
        if (property is null)
        {
            return _values[index];
        }

        object? value;
        try
        {
            value = property.Value;
        }
        catch (GetValueException)
        {
            // A property whose getter fails has no value for FlowRole: the binder then says which field is missing.
            value = null;
        }

        _values[index] = value;
        _properties[index] = null;
        return value;
    }

    /// <summary>A snapshot of every field and value of the current object.</summary>
    public InputRow Snapshot()
    {
        var values = new object?[_names.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ValueText.Unwrap(ValueAt(i));
        }

        return new InputRow(_names.ToArray(), values);
    }

    private void AddProperties(PSObject input, string? prefix, int depth)
    {
        if (_useInstanceMembers && input.BaseObject is PSCustomObject && InstanceMembers.Get(input) is { } instance
            && AddNoteProperties(instance, prefix, depth))
        {
            if (depth == 0 && InstanceMembers.CanCount)
            {
                int count = InstanceMembers.Count(instance);
                _plainCount = count == _names.Count && !_flattened ? count : -1;
            }

            return;
        }

        foreach (PSPropertyInfo property in input.Properties)
        {
            string name = prefix is null ? property.Name : prefix + property.Name;
            if (property is PSNoteProperty note && depth < MaxDepth && TryNested(note.Value, name, depth))
            {
                continue;
            }

            _names.Add(name);
            if (property is PSNoteProperty plain)
            {
                // Note properties hold their value: reading it now costs nothing and spares a second lookup.
                _properties.Add(null);
                _values.Add(plain.Value);
            }
            else
            {
                _properties.Add(property);
                _values.Add(null);
            }
        }
    }

    /// <summary>
    /// Reads a property bag (Import-Csv row, [pscustomobject]) straight from its note properties; false, with nothing
    /// added, when it holds other kinds of properties the public view must resolve (alias, script, code properties).
    /// </summary>
    private bool AddNoteProperties(PSMemberInfoCollection<PSMemberInfo> members, string? prefix, int depth)
    {
        int start = _names.Count;
        foreach (PSMemberInfo member in members)
        {
            if (member is PSNoteProperty note)
            {
                string name = prefix is null ? note.Name : prefix + note.Name;
                if (depth < MaxDepth && TryNested(note.Value, name, depth))
                {
                    continue;
                }

                _names.Add(name);
                _properties.Add(null);
                _values.Add(note.Value);
            }
            else if (member is PSPropertyInfo)
            {
                _names.RemoveRange(start, _names.Count - start);
                _properties.RemoveRange(start, _properties.Count - start);
                _values.RemoveRange(start, _values.Count - start);
                return false;
            }
        }

        return true;
    }

    // Strings (every Import-Csv value) first: an interface test on a string walks its interface map.
    private static bool IsNested(object? value) =>
        value is not (null or string)
        && (value is IDictionary || (value is PSObject wrapped && (wrapped.BaseObject is PSCustomObject || wrapped.BaseObject is IDictionary)));

    private void AddDictionary(IDictionary dictionary, string? prefix, int depth)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            string? key = ValueText.ToText(entry.Key);
            if (key is null)
            {
                continue;
            }

            string name = prefix is null ? key : prefix + key;
            if (depth < MaxDepth && TryNested(entry.Value, name, depth))
            {
                continue;
            }

            _names.Add(name);
            _properties.Add(null);
            _values.Add(entry.Value);
        }
    }

    private bool TryNested(object? value, string name, int depth)
    {
        if (value is PSObject nested)
        {
            if (nested.BaseObject is PSCustomObject)
            {
                _flattened = true;
                AddProperties(nested, name + ".", depth + 1);
                return true;
            }

            value = nested.BaseObject;
        }

        if (value is IDictionary dictionary)
        {
            _flattened = true;
            AddDictionary(dictionary, name + ".", depth + 1);
            return true;
        }

        return false;
    }
}
