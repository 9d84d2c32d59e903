namespace OneTime.Fuzz;

/// <summary>A parser answered, but not as its specification says. The message names the property, never the input.</summary>
public sealed class PropertyViolation(string property) : Exception(property);
