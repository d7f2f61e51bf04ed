using Microsoft.AspNetCore.Http.HttpResults;

namespace Playtrail.Server.Access;

/// <summary><c>/login</c> and <c>/logout</c>: a login cookie for people using the dashboard.</summary>
internal static class LoginEndpoints
{
    private const int MaxKeyLength = 4096;

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", ShowAsync).ExcludeFromDescription();
        app.MapPost("/login", LogInAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/logout", LogOut).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task ShowAsync(HttpContext context, ReportingAccess access)
    {
        var returnUrl = SafeReturnUrl(context.Request.Query["returnUrl"].ToString());
        if (access.IsOpen)
        {
            context.Response.Redirect(returnUrl);
            return;
        }

        await LoginPage.WriteAsync(context, StatusCodes.Status200OK, returnUrl, error: null).ConfigureAwait(false);
    }

    private static async Task LogInAsync(HttpContext context, ReportingAccess access)
    {
        if (!context.Request.HasFormContentType)
        {
            await LoginPage.WriteAsync(context, StatusCodes.Status400BadRequest, "/", "Send the login form.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var key = form["key"].ToString();
        var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
        var token = key.Length is > 0 and <= MaxKeyLength ? access.IssueToken(key) : null;
        if (token is null)
        {
            await LoginPage.WriteAsync(context, StatusCodes.Status401Unauthorized, returnUrl, "That key is not one of this server's keys.")
                .ConfigureAwait(false);
            return;
        }

        context.Response.Cookies.Append(ReportingAccess.CookieName, token, CookieOptions(context, access.LoginLifetime));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = returnUrl;
    }

    private static RedirectHttpResult LogOut(HttpContext context)
    {
        context.Response.Cookies.Delete(ReportingAccess.CookieName, CookieOptions(context, TimeSpan.Zero));
        return TypedResults.Redirect("/login", permanent: false, preserveMethod: false);
    }

    private static CookieOptions CookieOptions(HttpContext context, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        MaxAge = lifetime > TimeSpan.Zero ? lifetime : null,
        IsEssential = true,
    };

    /// <summary>Only a path on this server: anything else (another host, a scheme, <c>//</c>) goes to the overview.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains('\n', StringComparison.Ordinal) && !returnUrl.Contains('\r', StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
