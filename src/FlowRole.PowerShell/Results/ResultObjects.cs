using System.Management.Automation;

namespace FlowRole.PowerShell.Results;

/// <summary>Wraps results for the pipeline.</summary>
internal static class ResultObjects
{
    /// <summary>
    /// A flow result for the pipeline. Its type name, FlowRole.FlowResult, comes from <see cref="FlowRoleResultAdapter"/>
    /// (registered by the module's type data), so nothing is added per object.
    /// </summary>
    public static PSObject Wrap(FlowRoleResult result) => PSObject.AsPSObject(result);
}
