using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Grpc;

public sealed partial class GrpcServiceDefinition
{
    /// <summary>Collects one handler per method of the descriptor, checked against it.</summary>
    public sealed class Builder
    {
        private readonly ServiceDescriptor _descriptor;
        private readonly Dictionary<string, MethodHandler> _handlers = new(StringComparer.Ordinal);

        internal Builder(ServiceDescriptor descriptor) => _descriptor = descriptor;

        /// <summary>Binds the unary method <paramref name="name"/> (the descriptor's name, e.g. <c>Store</c>).</summary>
        /// <exception cref="ArgumentException">
        /// The method is absent, bound twice, of another shape, or its request/response types are not
        /// <typeparamref name="TRequest"/>/<typeparamref name="TResponse"/>.
        /// </exception>
        public Builder AddUnaryMethod<TRequest, TResponse>(string name, UnaryHandler<TRequest, TResponse> handler)
            where TRequest : IMessage<TRequest>, new()
            where TResponse : IMessage<TResponse>
        {
            ArgumentNullException.ThrowIfNull(handler);
            return Add<TRequest, TResponse>(name, clientStreaming: false, serverStreaming: false,
                path => new UnaryMethodHandler<TRequest, TResponse>(path, handler));
        }

        /// <summary>Binds the server-streaming method <paramref name="name"/>.</summary>
        /// <exception cref="ArgumentException">As for <see cref="AddUnaryMethod{TRequest, TResponse}"/>.</exception>
        public Builder AddServerStreamingMethod<TRequest, TResponse>(string name, ServerStreamingHandler<TRequest, TResponse> handler)
            where TRequest : IMessage<TRequest>, new()
            where TResponse : IMessage<TResponse>
        {
            ArgumentNullException.ThrowIfNull(handler);
            return Add<TRequest, TResponse>(name, clientStreaming: false, serverStreaming: true,
                path => new ServerStreamingMethodHandler<TRequest, TResponse>(path, handler));
        }

        /// <summary>Binds the bidirectional-streaming method <paramref name="name"/>.</summary>
        /// <exception cref="ArgumentException">As for <see cref="AddUnaryMethod{TRequest, TResponse}"/>.</exception>
        public Builder AddDuplexStreamingMethod<TRequest, TResponse>(string name, DuplexStreamingHandler<TRequest, TResponse> handler)
            where TRequest : IMessage<TRequest>, new()
            where TResponse : IMessage<TResponse>
        {
            ArgumentNullException.ThrowIfNull(handler);
            return Add<TRequest, TResponse>(name, clientStreaming: true, serverStreaming: true,
                path => new DuplexStreamingMethodHandler<TRequest, TResponse>(path, handler));
        }

        /// <exception cref="InvalidOperationException">A method of the descriptor has no handler.</exception>
        public GrpcServiceDefinition Build()
        {
            var methods = new List<MethodHandler>(_descriptor.Methods.Count);
            foreach (var method in _descriptor.Methods)
            {
                if (!_handlers.TryGetValue(method.Name, out var handler))
                {
                    throw new InvalidOperationException($"Method '{method.FullName}' has no handler.");
                }

                methods.Add(handler);
            }

            return new GrpcServiceDefinition(_descriptor, methods);
        }

        private Builder Add<TRequest, TResponse>(string name, bool clientStreaming, bool serverStreaming, Func<string, MethodHandler> create)
        {
            var method = _descriptor.FindMethodByName(name)
                ?? throw new ArgumentException($"Service '{_descriptor.FullName}' has no method '{name}'.", nameof(name));

            if (method.IsClientStreaming != clientStreaming || method.IsServerStreaming != serverStreaming)
            {
                throw new ArgumentException($"Method '{method.FullName}' is {Shape(method)}.", nameof(name));
            }

            CheckType(method, method.InputType, typeof(TRequest));
            CheckType(method, method.OutputType, typeof(TResponse));
            if (_handlers.ContainsKey(name))
            {
                throw new ArgumentException($"Method '{method.FullName}' already has a handler.", nameof(name));
            }

            _handlers.Add(name, create("/" + _descriptor.FullName + "/" + method.Name));
            return this;
        }

        private static string Shape(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => "unary",
            (false, true) => "server streaming",
            (true, false) => "client streaming",
            (true, true) => "bidirectional streaming",
        };

        private static void CheckType(MethodDescriptor method, MessageDescriptor expected, Type actual)
        {
            if (expected.ClrType != actual)
            {
                throw new ArgumentException(
                    $"Method '{method.FullName}' uses '{expected.FullName}', not '{actual.FullName}'.");
            }
        }
    }
}
