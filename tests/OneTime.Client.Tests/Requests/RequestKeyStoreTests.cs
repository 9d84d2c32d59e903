using System.Text;
using OneTime.Client.Internal.Requests;

namespace OneTime.Client.Tests.Requests;

/// The requester's key files: modes, exclusive creation, refusal of files others can read, the 30-day pruning.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the file modes are the point; Windows keeps the profile ACLs
public sealed class RequestKeyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly TestClock _clock = new(Start);
    private readonly RequestKeyStore _store;

    public RequestKeyStoreTests() => _store = new RequestKeyStore(_temp.Combine("config", "onetime", "requests"), _clock);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Save_NewStore_CreatesFolder0700AndFile0600()
    {
        var key = NewKey("the db password");

        _store.Save(key);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_store.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_store.PathOf(key.KeyId)));
        var found = _store.Find(key.KeyId)!;
        Assert.Equal(key.PrivateKeyPkcs8, found.PrivateKeyPkcs8);
        Assert.Equal(key.RequesterKey, found.RequesterKey);
        Assert.Equal("the db password", found.Note);
        Assert.Equal(key.BaseUrl, found.BaseUrl);
        Assert.Equal(Start, found.CreatedAt);
    }

    [Fact]
    public void Save_SameKeyIdTwice_DoesNotOverwrite()
    {
        var key = NewKey(null);
        _store.Save(key);

        Assert.Throws<IOException>(() => _store.Save(key with { Note = "replaced" }));
        Assert.Null(_store.Find(key.KeyId)!.Note);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void Find_FileOpenToOthers_IsRefusedWithoutShowingTheKey(UnixFileMode extra)
    {
        var key = NewKey(null);
        _store.Save(key);
        File.SetUnixFileMode(_store.PathOf(key.KeyId), UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var error = Assert.Throws<OneTimeException>(() => _store.Find(key.KeyId));

        Assert.Contains("chmod 600", error.Message);
        Assert.DoesNotContain(Convert.ToBase64String(key.PrivateKeyPkcs8)[..16], error.Message);
    }

    [Fact]
    public void Prune_KeyOlderThan30Days_IsDeletedWhenTheStoreIsNextTouched()
    {
        var old = NewKey("old");
        _store.Save(old);
        _clock.Now = Start.AddDays(20);
        var recent = NewKey("recent");
        _store.Save(recent);

        _clock.Now = Start.AddDays(30).AddMinutes(1);
        var kept = _store.List();

        Assert.Equal([recent.KeyId], kept.Select(k => k.KeyId));
        Assert.False(File.Exists(_store.PathOf(old.KeyId)));
        Assert.Null(_store.Find(old.KeyId));
        Assert.NotNull(_store.Find(recent.KeyId));
    }

    [Theory]
    [InlineData("../../passwd")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAA/")]
    public void Find_NotAKeyId_ReturnsNullWithoutTouchingAPath(string keyId)
    {
        Assert.Null(_store.Find(keyId));
        Assert.False(_store.Forget(keyId));
    }

    [Fact]
    public void Find_AFileThatIsNotAKeyFile_ReturnsNullAndLeavesIt()
    {
        Directory.CreateDirectory(_store.Directory);
        var path = _store.PathOf("AAAAAAAAAAAA");
        File.WriteAllText(path, "{ not json");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _clock.Now = Start.AddDays(90);

        Assert.Null(_store.Find("AAAAAAAAAAAA"));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Forget_KeptKey_DeletesItsFile()
    {
        var key = NewKey(null);
        _store.Save(key);

        Assert.True(_store.Forget(key.KeyId));
        Assert.False(_store.Forget(key.KeyId));
        Assert.Null(_store.Find(key.KeyId));
    }

    [Fact]
    public void KeyFile_HoldsPkcs8AndPublicMaterial_AsTheSpecSays()
    {
        var key = NewKey("ünïcode");
        _store.Save(key);

        var json = File.ReadAllText(_store.PathOf(key.KeyId), Encoding.UTF8);

        Assert.Contains("\"private_key_pkcs8\"", json);
        Assert.Contains("\"requester_key\"", json);
        Assert.Contains("\"base_url\"", json);
        Assert.Contains("\"created_at\"", json);
    }

    private KeptRequestKey NewKey(string? note)
    {
        using var key = P256.Generate();
        var link = new RequestLink("https://onetime.example", P256.PublicPoint(key), note);
        return new KeptRequestKey(link.KeyId, key.ExportPkcs8PrivateKey(), link.RequesterKey, note, link.BaseUrl, _store.Now);
    }
}
