using FlowRole.Fields;
using FlowRole.Policy;

namespace FlowRole.PowerShell.Results;

/// <summary>
/// One cmdlet invocation's classifier with the formatter that renders its results, shared by every result it
/// produced (the formatter indexes the classifier's policy rules, so results and formatter must belong together).
/// </summary>
internal sealed class ClassificationContext
{
    public ClassificationContext(Classifier classifier)
    {
        Classifier = classifier;
        Formatter = new FlowResultFormatter(classifier);
    }

    public Classifier Classifier { get; }

    public FlowResultFormatter Formatter { get; }

    public PortPolicy Policy => Classifier.Policy;

    /// <summary>True when results of both contexts render identically (same policy rules, same Community ID seed).</summary>
    public bool RendersLike(ClassificationContext other) =>
        ReferenceEquals(this, other)
        || (ReferenceEquals(Policy, other.Policy) && Classifier.Options.CommunityIdSeed == other.Classifier.Options.CommunityIdSeed);
}
