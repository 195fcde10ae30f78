using System;
using System.Collections;
using System.Collections.Generic;

namespace FlowRole.PowerShell.Binding;

/// <summary>
/// One object's field values as text, in a buffer reused from object to object: the row Core's binder reads. A
/// reusable list rather than an array segment, which would be boxed for every object.
/// </summary>
internal sealed class TextRow : IReadOnlyList<string?>
{
    private string?[] _values = new string?[32];

    public int Count { get; private set; }

    public string? this[int index] => (uint)index < (uint)Count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Empties the row and sizes it for <paramref name="count"/> fields (all null: not given).</summary>
    public void Reset(int count)
    {
        if (_values.Length < count)
        {
            _values = new string?[Math.Max(count, _values.Length * 2)];
        }

        Array.Clear(_values, 0, count);
        Count = count;
    }

    public void Set(int index, string? value) => _values[index] = value;

    public IEnumerator<string?> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return _values[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
