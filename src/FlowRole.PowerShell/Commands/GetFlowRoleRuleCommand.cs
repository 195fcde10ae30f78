using System.Management.Automation;
using FlowRole.Policy;
using FlowRole.PowerShell.Completion;
using FlowRole.PowerShell.Errors;

namespace FlowRole.PowerShell.Commands;

/// <summary>
/// Lists the rules of the suspicious-port policy, with their conditions, severities and sources.
/// </summary>
/// <remarks>
/// <para>Returns the policy's rules (FlowRole.Policy.PolicyRule) in evaluation order: the default policy's, or those of
/// a policy file layered over it. Use it to read what a finding id in Get-FlowRole or Test-SuspiciousPort output
/// means, which Sigma or Splunk rules it implements and which ATT&amp;CK techniques it points to.</para>
/// <para>-Id takes rule ids or wildcard patterns and completes ids with the Tab key (from the -Policy file when one is
/// given). An id that matches no rule gives a non-terminating error.</para>
/// </remarks>
/// <example>
/// <code>Get-FlowRoleRule</code>
/// <para>Lists every rule of the default policy.</para>
/// </example>
/// <example>
/// <code>Get-FlowRoleRule FR-RDP-INBOUND | Format-List *</code>
/// <para>Shows everything about one rule: description, server ports, direction, ATT&amp;CK techniques and sources.</para>
/// </example>
/// <example>
/// <code>Get-FlowRoleRule -Policy .\policy.json -Id ACME-*</code>
/// <para>Lists the rules a policy file adds, by a wildcard on their ids.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "FlowRoleRule")]
[OutputType(typeof(PolicyRule))]
public sealed class GetFlowRoleRuleCommand : PSCmdlet
{
    private PortPolicy? _policy;

    /// <summary>Rule ids or wildcard patterns (FR-RDP-*); all rules when omitted. Press Tab to complete.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RuleId")]
    [ArgumentCompleter(typeof(RuleIdCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>A policy file (JSON) layered over the default policy.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing() => _policy = ClassifierSettings.LoadPolicy(this, Policy);

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Id is null)
        {
            foreach (PolicyRule rule in _policy!.Rules)
            {
                WriteObject(rule);
            }

            return;
        }

        foreach (string id in Id)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(id))
            {
                if (_policy!.FindRule(id) is { } rule)
                {
                    WriteObject(rule);
                }
                else
                {
                    WriteError(ErrorRecords.NotFound(ErrorIds.RuleNotFound, "No rule '" + id + "' in the "
                        + (Policy is null ? "default policy" : "policy " + Policy) + " (press Tab after -Id to list them).", id));
                }

                continue;
            }

            var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
            foreach (PolicyRule rule in _policy!.Rules)
            {
                if (pattern.IsMatch(rule.Id))
                {
                    WriteObject(rule);
                }
            }
        }
    }
}
