using System;
using FlowRole.Flows;

namespace FlowRole;

/// <summary>The facade: classifies flows. Immutable after construction, so one instance is safe to share across threads.</summary>
public sealed class Classifier
{
    /// <summary>Creates a classifier.</summary>
    public Classifier(ClassifierOptions? options = null)
    {
        Options = options ?? new ClassifierOptions();
    }

    /// <summary>The options it was built from.</summary>
    public ClassifierOptions Options { get; }

    /// <summary>Classifies one record. Allocation-free.</summary>
    public FlowResult Classify(in FlowRecord record) => throw new NotImplementedException();
}
