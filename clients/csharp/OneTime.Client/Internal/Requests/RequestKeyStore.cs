using System.Buffers.Text;

namespace OneTime.Client.Internal.Requests;

/// The requester's pending keys, one file each: {directory}/{key_id}.json, the folder 0700 and each file 0600,
/// created exclusively (protos/README.md "Keeping the private key"). A file anyone else may read or write is
/// refused rather than used: whoever can read it can open the replies. Keys older than 30 days are deleted
/// whenever the store is touched.
internal sealed class RequestKeyStore
{
    private const string Extension = ".json";
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersMask =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TimeProvider _time;

    public RequestKeyStore(string directory, TimeProvider time)
    {
        Directory = directory;
        _time = time;
    }

    public string Directory { get; }

    /// $XDG_CONFIG_HOME/onetime/requests, else ~/.config/onetime/requests (.NET's ApplicationData on Unix
    /// follows the XDG Base Directory spec); %APPDATA%\onetime\requests on Windows.
    public static string DefaultDirectory()
    {
        var config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return config.Length > 0
            ? Path.Combine(config, "onetime", "requests")
            : throw new OneTimeException("No place to keep the request's key: neither XDG_CONFIG_HOME nor HOME is set.");
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public string PathOf(string keyId) => Path.Combine(Directory, keyId + Extension);

    public void Save(KeptRequestKey key)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, FolderMode);
        }

        Prune();
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var file = new FileStream(PathOf(key.KeyId), options);
        file.Write(RequestKeyFile.Write(key));
        file.Flush(flushToDisk: true);
    }

    /// The key for a reply link's key_id, or null when none is kept here (made elsewhere, forgotten, expired).
    public KeptRequestKey? Find(string keyId)
    {
        if (!IsKeyId(keyId))
        {
            return null;
        }

        Prune();
        var path = PathOf(keyId);
        if (!File.Exists(path))
        {
            return null;
        }

        RequirePrivate(path);
        return RequestKeyFile.TryRead(File.ReadAllBytes(path)) is { } key && key.KeyId == keyId ? key : null;
    }

    public IReadOnlyList<KeptRequestKey> List()
    {
        Prune();
        return Files()
            .Select(path => RequestKeyFile.TryRead(File.ReadAllBytes(path)))
            .OfType<KeptRequestKey>()
            .OrderBy(key => key.CreatedAt)
            .ToList();
    }

    public bool Forget(string keyId)
    {
        var path = PathOf(keyId);
        if (!IsKeyId(keyId) || !File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// Deletes the keys made more than 30 days ago: no reply to them can still be on the server.
    public void Prune()
    {
        var oldest = _time.GetUtcNow() - RequestFormat.KeyLifetime;
        foreach (var path in Files())
        {
            try
            {
                if (RequestKeyFile.TryRead(File.ReadAllBytes(path)) is { } key && key.CreatedAt < oldest)
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process pruned it first, or it is not ours to read: leave it.
            }
        }
    }

    private IEnumerable<string> Files() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Where(path => IsKeyId(Path.GetFileNameWithoutExtension(path)))
            : [];

    private static void RequirePrivate(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMask) != 0)
        {
            throw new OneTimeException(
                $"The request's key file {path} is open to other users, so it is not used; make it private (chmod 600) or forget the request.");
        }
    }

    // Key ids come from links: only the 12 base64url characters the format allows ever reach a path.
    private static bool IsKeyId(string keyId) =>
        keyId.Length == RequestFormat.KeyIdLength && Links.CanonicalBase64Url.IsAlphabet(keyId) && Base64Url.IsValid(keyId);
}
