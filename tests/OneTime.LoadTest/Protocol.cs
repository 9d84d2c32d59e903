namespace OneTime.LoadTest;

internal enum Protocol { Grpc, GrpcWeb }
