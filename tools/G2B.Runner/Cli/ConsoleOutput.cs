using System.Text;

namespace G2B.Runner.Cli;

/// <summary>
/// Interleaves every process's output on the console, each line prefixed with its name in a colour of its own.
/// Compact JSON log events are shown as text (<see cref="ClefText"/>); the log files keep the JSON.
/// </summary>
public sealed class ConsoleOutput(TextWriter? writer = null)
{
    private static readonly ConsoleColor[] _palette =
    [
        ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta,
        ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkYellow,
    ];

    private readonly TextWriter _out = writer ?? Console.Out;
    private readonly Dictionary<string, ConsoleColor> _colours = [];
    private readonly Lock _lock = new();
    private int _width = 12;

    public void Line(string name, string line)
    {
        // Rendered outside the lock: each process's pump parses its own lines in parallel.
        var parts = ClefText.Render(line).Split('\n');
        // Colours are the terminal's business: a writer given by a caller, or output sent to a file or pipe, gets plain
        // text, written in one call (one write to the file or pipe per event, not three per line).
        var coloured = ReferenceEquals(_out, Console.Out) && !Console.IsOutputRedirected;
        lock (_lock)
        {
            if (!_colours.TryGetValue(name, out var colour))
            {
                colour = _colours[name] = _palette[_colours.Count % _palette.Length];
                _width = Math.Max(_width, name.Length);
            }

            if (!coloured)
            {
                var text = new StringBuilder();
                foreach (var part in parts)
                {
                    text.Append(name.PadRight(_width)).Append(" | ").Append(part.TrimEnd('\r')).Append(_out.NewLine);
                }

                _out.Write(text.ToString());
                return;
            }

            // An exception's stack arrives as more lines of the same event: each gets the prefix too.
            foreach (var part in parts)
            {
                Console.ForegroundColor = colour;
                _out.Write(name.PadRight(_width));
                _out.Write(" | ");
                Console.ResetColor();
                _out.WriteLine(part.TrimEnd('\r'));
            }
        }
    }

    public void Runner(string message) => Line("runner", message);

    public void Block(string text)
    {
        lock (_lock)
        {
            _out.WriteLine(text);
        }
    }
}
