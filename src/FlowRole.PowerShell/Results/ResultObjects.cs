using System.Management.Automation;

namespace FlowRole.PowerShell.Results;

/// <summary>Wraps results for the pipeline with the type names the format views and users select on.</summary>
internal static class ResultObjects
{
    /// <summary>A flow result, seen by PowerShell first as <c>FlowRole.FlowResult</c>.</summary>
    public static PSObject Wrap(FlowRoleResult result)
    {
        var wrapped = new PSObject(result);
        wrapped.TypeNames.Insert(0, FlowRoleResult.TypeName);
        return wrapped;
    }
}
