namespace Portal.Api;

/// <summary>What one API call came to: the value, or the status and problem the pages turn into words.</summary>
public sealed record ApiResult<T>(T? Value, int Status, ApiProblem? Problem)
{
    public bool Succeeded => Value is not null && Status is >= 200 and < 300;

    /// <summary>The API's answer for "not yours or not there" (the page answers the same).</summary>
    public bool Refused => Status is 403 or 404;

    public string? Slug => Problem?.Slug;
}
