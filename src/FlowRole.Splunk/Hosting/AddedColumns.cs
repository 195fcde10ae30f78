using System;
using System.Collections.Generic;
using System.Text;
using FlowRole.Formats;
using FlowRole.Splunk.Csv;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// The columns a command appends after the copied input columns, planned once per chunk header. A field that is
/// multivalue (or whose same-named input field had a <c>__mv_</c> column) gets a <c>__mv_</c> column too. When a
/// name is already an input field, the input column is left out of the copy (see <see cref="PassThroughColumns"/>)
/// and <see cref="WriteInput(SplunkCsvWriter, int, SplunkCsvReader)"/> can put the input's own value back for a record the command has nothing to say about.
/// </summary>
public sealed class AddedColumns
{
    private readonly byte[][] _names;
    private readonly byte[][] _multivalueNames;
    private readonly bool[] _hasMultivalue;
    private readonly int[] _input;
    private readonly int[] _inputMultivalue;

    /// <summary>Plans the columns <paramref name="names"/> for <paramref name="header"/>; <paramref name="isMultivalue"/> says which hold several values.</summary>
    public AddedColumns(SplunkCsvHeader header, IReadOnlyList<string> names, IReadOnlyList<bool> isMultivalue)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(isMultivalue);
        int count = names.Count;
        _names = new byte[count][];
        _multivalueNames = new byte[count][];
        _hasMultivalue = new bool[count];
        _input = new int[count];
        _inputMultivalue = new int[count];
        for (int i = 0; i < count; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(names[i]);
            _multivalueNames[i] = Encoding.UTF8.GetBytes(SplunkCsvHeader.MultivaluePrefix + names[i]);
            _input[i] = header.IndexOf(names[i]);
            _inputMultivalue[i] = header.IndexOf(SplunkCsvHeader.MultivaluePrefix + names[i]);
            _hasMultivalue[i] = isMultivalue[i] || _inputMultivalue[i] >= 0;
        }
    }

    /// <summary>The number of added fields.</summary>
    public int Count => _names.Length;

    /// <summary>Writes the added fields' names (and their <c>__mv_</c> companions) to the header row.</summary>
    public void WriteHeader(SplunkCsvWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        for (int i = 0; i < _names.Length; i++)
        {
            output.WriteField(_names[i]);
            if (_hasMultivalue[i])
            {
                output.WriteField(_multivalueNames[i]);
            }
        }
    }

    /// <summary>Writes field <paramref name="index"/> as a single value (its <c>__mv_</c> column, if any, empty).</summary>
    public void Write(SplunkCsvWriter output, int index, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteField(value);
        if (_hasMultivalue[index])
        {
            output.WriteField(ReadOnlySpan<byte>.Empty);
        }
    }

    /// <summary>Writes field <paramref name="index"/> from a multivalue builder.</summary>
    public void Write(SplunkCsvWriter output, int index, MultivalueBuilder values)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(values);
        output.WriteField(values.Joined);
        if (_hasMultivalue[index])
        {
            output.WriteField(values.Encoded);
        }
    }

    /// <summary>True when field <paramref name="index"/> is followed by a <c>__mv_</c> column.</summary>
    internal bool HasMultivalue(int index) => _hasMultivalue[index];

    /// <summary>Writes field <paramref name="index"/> with a stored row's same-named input value (empty when the input had none).</summary>
    internal void WriteInput(SplunkCsvWriter output, int index, ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells)
    {
        output.WriteField(_input[index] >= 0 ? cells[_input[index]].Slice(data) : default);
        if (_hasMultivalue[index])
        {
            output.WriteField(_inputMultivalue[index] >= 0 ? cells[_inputMultivalue[index]].Slice(data) : default);
        }
    }

    /// <summary>Writes field <paramref name="index"/> with the current row's same-named input value (empty when the input had none).</summary>
    public void WriteInput(SplunkCsvWriter output, int index, SplunkCsvReader input)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        output.WriteField(_input[index] >= 0 ? input.Field(_input[index]) : default);
        if (_hasMultivalue[index])
        {
            output.WriteField(_inputMultivalue[index] >= 0 ? input.Field(_inputMultivalue[index]) : default);
        }
    }
}
