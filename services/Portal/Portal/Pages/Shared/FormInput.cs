namespace Portal.Pages.Shared;

/// <summary>What a typed-in value becomes before it is sent: trimmed, and null when nothing but blanks was typed (the API then leaves the field or filter out).</summary>
public static class FormInput
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
