using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowRole.Roles;
using Xunit;
using Xunit.Abstractions;

namespace FlowRole.Tests.Roles;

/// <summary>
/// Held-out accuracy on the labelled Zeek flows (../shared/data/flows): each flow in a seeded random orientation,
/// history and conn_state hidden unless stated. The baseline is the lower-port rule measured in the same run.
/// </summary>
public sealed class AccuracyTests
{
    private readonly ITestOutputHelper _output;

    public AccuracyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void PortsAlone_BeatOrMatchTheLowerPortRule()
    {
        var flows = LabelledFlows.Load(withHistory: false);
        var classifier = new Classifier();
        var handshake = Measure(flows.Where(f => f.Tier == "handshake"), classifier);
        var evidence = Measure(flows.Where(f => f.Labelled), classifier);
        var baseHandshake = MeasureLowerPort(flows.Where(f => f.Tier == "handshake"));
        var baseEvidence = MeasureLowerPort(flows.Where(f => f.Labelled));
        Report("ports only", handshake, evidence, baseHandshake, baseEvidence);

        Assert.Equal(4090, handshake.Total);
        Assert.Equal(10436, evidence.Total);
        Assert.True(handshake.Accuracy >= baseHandshake.Accuracy, $"handshake {handshake} below lower-port {baseHandshake}");
        Assert.True(evidence.Accuracy >= baseEvidence.Accuracy, $"evidence {evidence} below lower-port {baseEvidence}");
    }

    [Fact]
    public void WithLearning_MeetsTheTargets()
    {
        var flows = LabelledFlows.Load(withHistory: false);
        var learner = new RoleLearner();
        foreach (var flow in flows)
        {
            learner.Observe(flow.Record);
        }

        var classifier = new Classifier(new ClassifierOptions { Learned = learner.Build() });
        var handshake = Measure(flows.Where(f => f.Tier == "handshake"), classifier);
        var evidence = Measure(flows.Where(f => f.Labelled), classifier);
        Report("ports + learning", handshake, evidence, MeasureLowerPort(flows.Where(f => f.Tier == "handshake")), MeasureLowerPort(flows.Where(f => f.Labelled)));

        Assert.True(evidence.Accuracy >= 0.997, $"evidence {evidence}");
        Assert.True(handshake.Accuracy >= 0.998, $"handshake {handshake}");
    }

    [Fact]
    public void WithHistory_HandshakeRowsAreAllRight()
    {
        var flows = LabelledFlows.Load(withHistory: true);
        var classifier = new Classifier();
        var handshake = Measure(flows.Where(f => f.Tier == "handshake"), classifier);
        var evidence = Measure(flows.Where(f => f.Labelled), classifier);
        Report("with history", handshake, evidence, MeasureLowerPort(flows.Where(f => f.Tier == "handshake")), MeasureLowerPort(flows.Where(f => f.Labelled)));

        Assert.Equal(handshake.Total, handshake.Correct);
        Assert.True(evidence.Accuracy >= 0.999, $"evidence {evidence}");
    }

    private static Score Measure(IEnumerable<LabelledFlow> flows, Classifier classifier)
    {
        int total = 0, correct = 0;
        var wrong = new List<string>();
        foreach (var flow in flows)
        {
            total++;
            var result = classifier.Classify(flow.Record);
            if (!result.Swapped == flow.SourceIsClient)
            {
                correct++;
            }
            else if (wrong.Count < 40)
            {
                wrong.Add($"{flow.Proto} {flow.Record.Source} -> {flow.Record.Destination} {flow.Service} basis={result.Basis} conf={result.Confidence:0.00}");
            }
        }

        return new Score(total, correct, wrong);
    }

    private static Score MeasureLowerPort(IEnumerable<LabelledFlow> flows)
    {
        int total = 0, correct = 0;
        foreach (var flow in flows)
        {
            total++;
            ushort sp = flow.Record.Source.Port, dp = flow.Record.Destination.Port;
            bool sourceIsClient = sp == dp || dp < sp; // a tie keeps the given orientation
            if (sourceIsClient == flow.SourceIsClient)
            {
                correct++;
            }
        }

        return new Score(total, correct, Array.Empty<string>());
    }

    private void Report(string mode, Score handshake, Score evidence, Score baseHandshake, Score baseEvidence)
    {
        _output.WriteLine($"{mode}: handshake {handshake} (lower port {baseHandshake}); evidence tiers {evidence} (lower port {baseEvidence})");
        foreach (string line in handshake.Wrong.Concat(evidence.Wrong).Distinct())
        {
            _output.WriteLine("  wrong: " + line);
        }
    }

    private sealed record Score(int Total, int Correct, IReadOnlyList<string> Wrong)
    {
        public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Accuracy:P2} ({Correct}/{Total}, {Total - Correct} wrong)");
    }
}
