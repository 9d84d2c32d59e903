namespace OneTime.Client;

/// <summary>One recipient's own secret: its label (which never leaves this process) and its link.</summary>
public sealed class RecipientLink
{
    internal RecipientLink(string label, SecretLink link)
    {
        Label = label;
        Link = link;
    }

    /// <summary>The label it was sent for ("alice"), as given; never sent to the service.</summary>
    public string Label { get; }

    /// <summary>The recipient's link: its own key and id, readable, checkable and burnable on its own.</summary>
    public SecretLink Link { get; }

    /// <summary>Returns the label, not the link: the link holds the key, and does not belong in a log line.</summary>
    public override string ToString() => Label;
}
