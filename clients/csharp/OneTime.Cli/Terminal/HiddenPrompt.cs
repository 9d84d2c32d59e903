using System.Text;

namespace OneTime.Cli.Terminal;

/// Reads a line from the terminal without echoing it, so secrets stay off the screen and out of scrollback.
internal static class HiddenPrompt
{
    public static string Read(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            throw new UsageException("Cannot prompt: stdin is not a terminal. Set ONETIME_PASSPHRASE (or ONETIME_SECRET) instead.");
        }

        Console.Error.Write(prompt);
        var line = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                line.Length = Math.Max(0, line.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                line.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return line.ToString();
    }
}
