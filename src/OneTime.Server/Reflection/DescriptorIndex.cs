using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace OneTime.Server.Reflection;

/// <summary>
/// What server reflection can answer, from the generated descriptors of the services served: their names, and every
/// file they need (dependencies such as google/protobuf/duration.proto included) by file name and by symbol.
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly FrozenDictionary<string, FileDescriptor> _filesByName;
    private readonly FrozenDictionary<string, FileDescriptor> _filesBySymbol;
    private readonly FrozenSet<string> _messageTypes;

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        ServiceNames = services.Select(s => s.FullName).Order(StringComparer.Ordinal).ToArray();
        var files = new Dictionary<string, FileDescriptor>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            AddWithDependencies(service.File, files);
        }

        var symbols = new Dictionary<string, FileDescriptor>(StringComparer.Ordinal);
        var messages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Values)
        {
            foreach (var service in file.Services)
            {
                symbols[service.FullName] = file;
                foreach (var method in service.Methods) symbols[method.FullName] = file;
            }

            foreach (var message in file.MessageTypes) AddMessage(message, file, symbols, messages);
            foreach (var enumType in file.EnumTypes) AddEnum(enumType, file, symbols);
        }

        _filesByName = files.ToFrozenDictionary(StringComparer.Ordinal);
        _filesBySymbol = symbols.ToFrozenDictionary(StringComparer.Ordinal);
        _messageTypes = messages.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The fully qualified names of the services served, e.g. <c>onetime.v1.SecretService</c>.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    public bool TryGetFileByName(string name, out FileDescriptor file) =>
        _filesByName.TryGetValue(name, out file!);

    /// <summary>
    /// Finds the file declaring a service, method, message, field, enum or enum value by its fully qualified name
    /// (grpcurl's <c>describe</c> takes any of them).
    /// </summary>
    public bool TryGetFileBySymbol(string symbol, out FileDescriptor file) =>
        _filesBySymbol.TryGetValue(symbol.TrimStart('.'), out file!);

    public bool IsMessageType(string name) => _messageTypes.Contains(name.TrimStart('.'));

    /// <summary>The file first, then every file it imports, transitively, each once.</summary>
    public static IReadOnlyList<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var ordered = new Dictionary<string, FileDescriptor>(StringComparer.Ordinal);
        AddWithDependencies(file, ordered);
        return [.. ordered.Values];
    }

    private static void AddWithDependencies(FileDescriptor file, Dictionary<string, FileDescriptor> files)
    {
        if (!files.TryAdd(file.Name, file)) return;
        foreach (var dependency in file.Dependencies) AddWithDependencies(dependency, files);
    }

    private static void AddMessage(MessageDescriptor message, FileDescriptor file, Dictionary<string, FileDescriptor> symbols, HashSet<string> messages)
    {
        symbols[message.FullName] = file;
        messages.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder()) symbols[field.FullName] = file;
        foreach (var oneof in message.Oneofs) symbols[oneof.FullName] = file;
        foreach (var nested in message.NestedTypes) AddMessage(nested, file, symbols, messages);
        foreach (var enumType in message.EnumTypes) AddEnum(enumType, file, symbols);
    }

    private static void AddEnum(EnumDescriptor enumType, FileDescriptor file, Dictionary<string, FileDescriptor> symbols)
    {
        symbols[enumType.FullName] = file;
        // protobuf scopes enum values as siblings of their enum (grpc.health.v1.HealthCheckResponse.SERVING), so that is
        // the name clients ask for; Google.Protobuf's EnumValueDescriptor.FullName has the enum's name in it too.
        var scope = enumType.FullName[..(enumType.FullName.LastIndexOf('.') + 1)];
        foreach (var value in enumType.Values) symbols[scope + value.Name] = file;
    }
}
