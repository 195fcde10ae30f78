using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FlowRole.Fields;
using FlowRole.Formats;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// Writes rows for <c>| flowrole explanation=true</c>: the copied input fields, the output contract field by field,
/// then <c>explanation</c> (Core's <see cref="Classifier.Describe"/>). Explaining a record builds text, so this path
/// writes plainly instead of through <see cref="RecordWriter"/>'s single-pass fast path; the contract fields are
/// byte for byte the same.
/// </summary>
internal sealed class ExplainedRecordWriter
{
    private readonly Classifier _classifier;
    private readonly FlowResultFormatter _formatter;
    private readonly MultivalueBuilder _values = new();
    private readonly byte[] _scratch = new byte[FlowResultFormatter.MaxSingleValueLength];

    public ExplainedRecordWriter(Classifier classifier, FlowResultFormatter formatter)
    {
        _classifier = classifier;
        _formatter = formatter;
    }

    /// <summary>A classified record and its explanation.</summary>
    public void Write(PassThroughColumns passThrough, AddedColumns added, ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells,
        in FlowResult result, ReadOnlySpan<byte> communityId, SplunkCsvWriter output)
    {
        passThrough.WriteRow(data, cells, output);
        IReadOnlyList<OutputField> fields = OutputContract.AllFields;
        for (int i = 0; i < fields.Count; i++)
        {
            OutputField field = fields[i];
            if (OutputContract.IsMultivalue(field))
            {
                _values.Clear();
                OutputValueEnumerator values = _formatter.GetValues(field, result);
                while (values.MoveNext())
                {
                    _values.Add(values.Current);
                }

                added.Write(output, i, _values);
            }
            else if (field == OutputField.Error)
            {
                added.Write(output, i, ReadOnlySpan<byte>.Empty);
            }
            else if (_formatter.TryFormat(field, result, _scratch, out int n, communityId))
            {
                added.Write(output, i, _scratch.AsSpan(0, n));
            }
            else
            {
                throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit "
                    + FlowResultFormatter.MaxSingleValueLength.ToString(CultureInfo.InvariantCulture) + " bytes");
            }
        }

        output.WriteField(Encoding.UTF8.GetBytes(_classifier.Describe(result)));
        output.EndRow();
    }
}
