using System;
using FlowRole.Policy;

namespace FlowRole.Fields;

/// <summary>
/// The values of a multivalue output field (findings, finding_sources, attack_techniques), one at a time as UTF-8,
/// so each writer joins them its own way. Values repeated across findings are given once. Allocation-free.
/// </summary>
public struct OutputValueEnumerator
{
    private readonly FlowResultFormatter? _formatter;
    private readonly OutputField _field;
    private readonly RuleMask _matches;
    private RuleMask.Enumerator _rules;
    private int _rule;
    private int _item;
    private byte[]? _current;
    private string? _currentString;

    internal OutputValueEnumerator(FlowResultFormatter formatter, OutputField field, RuleMask matches)
    {
        _formatter = formatter;
        _field = field;
        _matches = matches;
        _rules = matches.GetEnumerator();
        _rule = -1;
        _item = 0;
        _current = null;
        _currentString = null;
    }

    /// <summary>The current value as UTF-8.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>The current value as a string (shared with the policy; no allocation).</summary>
    public readonly string CurrentString => _currentString ?? string.Empty;

    /// <summary>Returns this enumerator (so it works in <c>foreach</c>).</summary>
    public readonly OutputValueEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next value.</summary>
    public bool MoveNext()
    {
        if (_formatter is null)
        {
            return false;
        }

        while (true)
        {
            if (_rule >= 0)
            {
                int[] items = _formatter.ItemsOf(_field, _rule);
                while (_item < items.Length)
                {
                    int value = items[_item++];
                    if (!SeenBefore(value))
                    {
                        _current = _formatter.ValueUtf8(_field, value);
                        _currentString = _formatter.ValueString(_field, value);
                        return true;
                    }
                }
            }

            if (!_rules.MoveNext())
            {
                _current = null;
                _currentString = null;
                return false;
            }

            _rule = _rules.Current;
            _item = 0;
        }
    }

    private readonly bool SeenBefore(int value)
    {
        // Findings are few per flow, so a rescan of the earlier rules beats any set.
        foreach (int earlier in _matches)
        {
            if (earlier >= _rule)
            {
                return false;
            }

            if (Array.IndexOf(_formatter!.ItemsOf(_field, earlier), value) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
