using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FlowRole.PowerShell.Tests.Help;

/// <summary>Reads the module's XML documentation file (the source of the cmdlets' help text).</summary>
public sealed class XmlDocs
{
    private readonly Dictionary<string, XElement> _members;

    public XmlDocs(string path)
    {
        XDocument document = XDocument.Load(path);
        _members = document.Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, StringComparer.Ordinal);
    }

    public static XmlDocs ForModule() => new(Path.Combine(AppContext.BaseDirectory, "FlowRole.PowerShell.xml"));

    public XElement? Type(Type type) => Member("T:" + type.FullName);

    public XElement? Property(Type type, string name) => Member("P:" + type.FullName + "." + name);

    public XElement? Member(string id) => _members.TryGetValue(id, out XElement? member) ? member : null;

    /// <summary>The text of a documentation element as paragraphs: one per &lt;para&gt;, or the whole text as one.</summary>
    public static List<string> Paragraphs(XElement? element)
    {
        var result = new List<string>();
        if (element is null)
        {
            return result;
        }

        List<XElement> paras = element.Elements("para").ToList();
        if (paras.Count == 0)
        {
            string text = Text(element);
            if (text.Length > 0)
            {
                result.Add(text);
            }

            return result;
        }

        result.AddRange(paras.Select(Text).Where(t => t.Length > 0));
        return result;
    }

    /// <summary>Flattens doc markup to plain text: cref names, code spans, whitespace collapsed.</summary>
    public static string Text(XElement element)
    {
        var sb = new StringBuilder();
        Append(element, sb);
        return Regex.Replace(sb.ToString(), @"\s+", " ").Trim();
    }

    private static void Append(XElement element, StringBuilder sb)
    {
        foreach (XNode node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    sb.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    string? target = see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? see.Attribute("href")?.Value;
                    if (see.Value.Length > 0)
                    {
                        sb.Append(see.Value);
                    }
                    else if (target is not null)
                    {
                        string name = target.Contains(':', StringComparison.Ordinal) ? target[(target.IndexOf(':', StringComparison.Ordinal) + 1)..] : target;
                        int paren = name.IndexOf('(', StringComparison.Ordinal);
                        name = paren >= 0 ? name[..paren] : name;
                        sb.Append(name[(name.LastIndexOf('.') + 1)..]);
                    }

                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    sb.Append(reference.Attribute("name")?.Value);
                    break;
                case XElement child:
                    Append(child, sb);
                    sb.Append(child.Name.LocalName == "para" ? " " : string.Empty);
                    break;
            }
        }
    }
}
