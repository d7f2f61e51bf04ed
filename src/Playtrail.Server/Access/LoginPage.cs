using System.Text.Encodings.Web;

namespace Playtrail.Server.Access;

/// <summary>The login form people see when keys are configured: one field for the key, nothing else to load.</summary>
internal static class LoginPage
{
    public static async Task WriteAsync(HttpContext context, int status, string returnUrl, string? error)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var encoder = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\" data-testid=\"login-error\">{encoder.Encode(error)}</p>";
        await response.WriteAsync($$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Log in · Playtrail</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; background: #f4f6f8; color: #1c2430; display: grid; place-items: center; min-height: 100vh; margin: 0; }
            form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); width: min(24rem, 90vw); }
            h1 { font-size: 1.25rem; margin: 0 0 1rem; }
            label { display: block; font-weight: 600; margin-bottom: .25rem; }
            input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #8a94a3; border-radius: 4px; }
            button { margin-top: 1rem; padding: .5rem 1rem; font: inherit; background: #1f5fbf; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
            .error { color: #a4000f; }
            </style>
            </head>
            <body>
            <form method="post" action="/login">
            <h1>Playtrail</h1>
            <p>This server's reports need a key.</p>
            {{message}}
            <label for="key">API key</label>
            <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
            <input type="hidden" name="returnUrl" value="{{encoder.Encode(returnUrl)}}">
            <button type="submit">Log in</button>
            </form>
            </body>
            </html>
            """, context.RequestAborted).ConfigureAwait(false);
    }
}
