using Microsoft.Extensions.Logging;
using Playtrail.Client.Connectivity;

namespace Playtrail.Client.Online;

/// <summary>What every online sender of a client shares.</summary>
internal sealed record OnlineContext(
    CollectionApiClient Api,
    PlaytrailClientOptions Options,
    IConnectivityProbe Probe,
    TimeProvider TimeProvider,
    ClientDiagnostics Diagnostics,
    ILogger Logger,
    CancellationToken Shutdown);
