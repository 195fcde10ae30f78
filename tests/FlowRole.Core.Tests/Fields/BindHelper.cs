using System;
using System.Collections.Generic;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;

namespace FlowRole.Tests.Fields;

/// <summary>Binds one row given as column=value pairs through all three binder entry points and checks they agree.</summary>
internal static class BindHelper
{
    public static (bool Ok, FlowRecord Record, FieldError Error) Bind(string[] columns, string?[] values,
        IReadOnlyDictionary<FlowField, string>? overrides = null)
    {
        var binder = new FlowRecordBinder(columns, overrides);

        // UTF-8 row.
        var data = new List<byte>();
        var cells = new Cell[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                continue;
            }

            byte[] v = Encoding.UTF8.GetBytes(values[i]!);
            cells[i] = Cell.Text(data.Count, v.Length);
            data.AddRange(v);
        }

        bool ok = binder.TryBind(data.ToArray(), cells, out FlowRecord record, out FieldError error);

        // Char row and string list must say the same.
        var chars = new StringBuilder();
        var charCells = new Cell[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                charCells[i] = Cell.Text(chars.Length, v.Length);
                chars.Append(v);
            }
        }

        bool ok2 = binder.TryBind(chars.ToString().AsSpan(), charCells, out FlowRecord record2, out FieldError error2);
        bool ok3 = binder.TryBind(values, out FlowRecord record3, out FieldError error3);
        if (ok != ok2 || ok != ok3 || error != error2 || error != error3 || !Same(record, record2) || !Same(record, record3))
        {
            throw new InvalidOperationException("The UTF-8, char and string entry points disagree: " + error.Message + " / " + error2.Message + " / " + error3.Message);
        }

        return (ok, record, error);
    }

    public static FlowRecord BindOk(string[] columns, params string?[] values)
    {
        var (ok, record, error) = Bind(columns, values);
        if (!ok)
        {
            throw new InvalidOperationException("Expected a record, got: " + error.Message);
        }

        return record;
    }

    public static string BindError(string[] columns, params string?[] values)
    {
        var (ok, _, error) = Bind(columns, values);
        if (ok)
        {
            throw new InvalidOperationException("Expected an error.");
        }

        return error.Message;
    }

    public static bool Same(FlowRecord a, FlowRecord b) => a.Equals(b);
}
