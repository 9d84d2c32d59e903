namespace OneTime.Cli.Terminal;

/// The file `read --out` writes. It is created before the secret is fetched, exclusively (O_CREAT|O_EXCL, so
/// neither an existing file nor one appearing in between is overwritten, and a symlink planted at the path is not
/// followed) and readable by the owner only (0600, whatever the umask): a secret that cannot be saved is never
/// consumed, and one that is saved is not readable by other local users.
internal static class OutFile
{
    public static FileStream Create(FileInfo target)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new FileStream(target.FullName, options);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UsageException($"--out: the directory of '{target.FullName}' does not exist; nothing was read.");
        }
        catch (IOException) when (Path.Exists(target.FullName) || new FileInfo(target.FullName).LinkTarget is not null)
        {
            throw new UsageException($"--out: '{target.FullName}' already exists; nothing was read.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot create '{target.FullName}' ({e.Message.TrimEnd('.')}); nothing was read.");
        }
    }

    /// The secret was not read after all (wrong passphrase, gone, unreachable): the empty file goes again.
    public static void Discard(FileStream file)
    {
        file.Dispose();
        File.Delete(file.Name);
    }
}
