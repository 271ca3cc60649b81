using System.Text;

namespace BenchApp.LoadDriver.Reports;

/// <summary>A GitHub-flavoured Markdown table; columns whose header starts with '>' are right-aligned.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public MarkdownTable Row(params string[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.");
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(StringBuilder sb)
    {
        sb.Append('|');
        foreach (var h in headers) sb.Append(' ').Append(h.TrimStart('>')).Append(" |");
        sb.AppendLine();
        sb.Append('|');
        foreach (var h in headers) sb.Append(h.StartsWith('>') ? " ---: |" : " --- |");
        sb.AppendLine();
        foreach (var row in _rows)
        {
            sb.Append('|');
            foreach (var cell in row) sb.Append(' ').Append(ReportFormat.Cell(cell)).Append(" |");
            sb.AppendLine();
        }
        sb.AppendLine();
    }
}
