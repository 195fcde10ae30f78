using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace FlowRole.PowerShell.Tests.Infrastructure;

/// <summary>
/// A PowerShell host that records what the engine writes (Out-Host, Out-Default, Write-Host style output and progress)
/// so tests can assert on the rendered format views. ANSI styling is stripped, as ConsoleHost would for plain text.
/// </summary>
public sealed class CaptureHost : PSHost
{
    private readonly CaptureUI _ui = new();
    private readonly Guid _id = Guid.NewGuid();

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId => _id;

    public override string Name => "FlowRoleTestHost";

    public override PSHostUserInterface UI => _ui;

    public override Version Version => new(1, 0);

    /// <summary>Everything written so far.</summary>
    public string Output => _ui.Text.ToString();

    /// <summary>Progress records received.</summary>
    public List<ProgressRecord> Progress => _ui.Progress;

    /// <summary>Exit code a script asked for with <c>exit</c>, if any.</summary>
    public int? ExitCode { get; private set; }

    public void Clear()
    {
        _ui.Text.Clear();
        _ui.Progress.Clear();
        ExitCode = null;
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    private sealed class CaptureUI : PSHostUserInterface
    {
        public StringBuilder Text { get; } = new();

        public List<ProgressRecord> Progress { get; } = new();

        public override PSHostRawUserInterface RawUI { get; } = new CaptureRawUI();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("Tests never prompt.");

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new NotSupportedException("Tests never prompt.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("Tests never prompt.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("Tests never prompt.");

        public override string ReadLine() => throw new NotSupportedException("Tests never read input.");

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("Tests never read input.");

        public override void Write(string value) => Append(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");

        public override void WriteErrorLine(string value) => Append(value + "\n");

        public override void WriteLine(string value) => Append(value + "\n");

        public override void WriteProgress(long sourceId, ProgressRecord record) => Progress.Add(record);

        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");

        public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

        private void Append(string value)
        {
            // Table headers carry ANSI styling even in plain-text rendering; ConsoleHost strips it, so do we.
            Text.Append(new System.Management.Automation.Internal.StringDecorated(value).ToString(OutputRendering.PlainText));
        }
    }

    private sealed class CaptureRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Size BufferSize { get; set; } = new(200, 3000);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new(200, 100);

        public override Size MaxWindowSize => new(200, 100);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new(200, 100);

        public override string WindowTitle { get; set; } = "FlowRole tests";

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
            throw new NotSupportedException();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}
