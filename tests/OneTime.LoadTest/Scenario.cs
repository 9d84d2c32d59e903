namespace OneTime.LoadTest;

internal enum Scenario { Store, Pair, Exists }
