using FlowRole.Flows;

namespace FlowRole.PowerShell.Results;

/// <summary>A flow record kept whole, for a result whose record cannot be packed or read back from its input.</summary>
internal sealed class StoredRecord
{
    public StoredRecord(in FlowRecord record) => Record = record;

    public FlowRecord Record { get; }
}
