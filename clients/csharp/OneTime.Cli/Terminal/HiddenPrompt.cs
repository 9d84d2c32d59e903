using System.Diagnostics;
using System.Text;

namespace OneTime.Cli.Terminal;

/// Reads a line from the terminal without echoing it, so secrets stay off the screen and out of scrollback.
/// When stdin is a pipe (the secret is being piped in), the terminal is still reachable as /dev/tty.
internal static class HiddenPrompt
{
    /// <param name="variable">The environment variable that answers this prompt without a terminal, named in the error.</param>
    public static string Read(string prompt, string variable)
    {
        var noTerminal = $"Cannot prompt: no terminal. Set {variable} instead.";
        if (!Console.IsInputRedirected)
        {
            return ReadFromConsole(prompt);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new UsageException(noTerminal);
        }

        return ReadFromTty(prompt, noTerminal);
    }

    private static string ReadFromConsole(string prompt)
    {
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
            // Tab is part of the passphrase, as it is when read from /dev/tty or typed into the web page: a key
            // dropped here would make a secret sent elsewhere unopenable (protos/README.md "Text").
            else if (key.KeyChar == '\t' || !char.IsControl(key.KeyChar))
            {
                line.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return line.ToString();
    }

    private static string ReadFromTty(string prompt, string noTerminal)
    {
        FileStream tty;
        try
        {
            tty = new FileStream("/dev/tty", FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(noTerminal);
        }

        using (tty)
        {
            // Console.ReadKey only knows stdin; for /dev/tty the terminal's echo is switched off with stty.
            Stty("-echo");
            try
            {
                Console.Error.Write(prompt);
                using var reader = new StreamReader(tty, Encoding.UTF8);
                return reader.ReadLine() ?? "";
            }
            finally
            {
                Stty("echo");
                Console.Error.WriteLine();
            }
        }
    }

    private static void Stty(string mode)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("stty " + mode + " < /dev/tty");
        using var process = Process.Start(start);
        process?.WaitForExit();
    }
}
