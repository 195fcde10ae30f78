using System;
using System.Collections;
using System.Collections.Generic;
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

    /// <summary>Creates a reader; <paramref name="useInstanceMembers"/> false always uses the public property view.</summary>
    public ObjectReader(bool useInstanceMembers = true) => _useInstanceMembers = useInstanceMembers;

    /// <summary>The current object's field names, in order.</summary>
    public List<string> Names => _names;

    /// <summary>How many fields the current object has.</summary>
    public int Count => _names.Count;

    /// <summary>Reads an object's field names (and values where reading them is free).</summary>
    public void Read(PSObject input)
    {
        _names.Clear();
        _properties.Clear();
        _values.Clear();
        object baseObject = input.BaseObject;
        if (baseObject is IDictionary dictionary && !(baseObject is PSCustomObject))
        {
            AddDictionary(dictionary, prefix: null, depth: 0);
            return;
        }

        AddProperties(input, prefix: null, depth: 0);
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
                AddProperties(nested, name + ".", depth + 1);
                return true;
            }

            value = nested.BaseObject;
        }

        if (value is IDictionary dictionary)
        {
            AddDictionary(dictionary, name + ".", depth + 1);
            return true;
        }

        return false;
    }
}
