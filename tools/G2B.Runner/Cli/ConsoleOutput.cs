namespace G2B.Runner.Cli;

/// <summary>Interleaves every process's output on the console, each line prefixed with its name in a colour of its own.</summary>
public sealed class ConsoleOutput
{
    private static readonly ConsoleColor[] _palette =
    [
        ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta,
        ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkYellow,
    ];

    private readonly Dictionary<string, ConsoleColor> _colours = [];
    private readonly Lock _lock = new();
    private int _width = 12;

    public void Line(string name, string line)
    {
        lock (_lock)
        {
            if (!_colours.TryGetValue(name, out var colour))
            {
                colour = _colours[name] = _palette[_colours.Count % _palette.Length];
                _width = Math.Max(_width, name.Length);
            }

            Console.ForegroundColor = colour;
            Console.Write(name.PadRight(_width));
            Console.Write(" | ");
            Console.ResetColor();
            Console.WriteLine(line);
        }
    }

    public void Runner(string message) => Line("runner", message);

    public void Block(string text)
    {
        lock (_lock)
        {
            Console.WriteLine(text);
        }
    }
}
