using System.Text;

namespace FlowRole.Text;

/// <summary>An ASCII search string held in both encodings, so searching UTF-16 or UTF-8 text allocates nothing.</summary>
internal sealed class Needle
{
    public Needle(string ascii)
    {
        Chars = ascii;
        Utf8 = Encoding.ASCII.GetBytes(ascii);
    }

    /// <summary>The string, for UTF-16 text.</summary>
    public string Chars { get; }

    /// <summary>The bytes, for UTF-8 text.</summary>
    public byte[] Utf8 { get; }
}
