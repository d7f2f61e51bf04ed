#!/usr/bin/env python3
# Share of a Playtrail server's CPU samples spent in telemetry code (docs/benchmarks.md, "Telemetry's cost").
# A sample counts when any frame of its stack is OpenTelemetry's SDK or exporter, System.Diagnostics.Metrics,
# ASP.NET Core's or Kestrel's metrics, the server's own instruments or the stores' span helper. ASP.NET Core's
# per-request Activity is reported apart: the host creates it whether telemetry is on or off (its logger is enabled).
# Usage: start the server with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0, load it, then
#   perf record -F 999 -g -p PID -o perf.data -- sleep 12
#   perf script -i perf.data -F comm,tid,ip,sym > perf.txt && python3 benchmarks/scripts/telemetry-perf-share.py perf.txt
import re, sys

metrics = re.compile(r'\[OpenTelemetry[\].]|System\.Diagnostics\.Metrics|HostingMetrics|RecordRequestStartMetrics|KestrelMetrics'
                     r'|ServerMetrics::|StoreActivities')
activity = re.compile(r'System\.Diagnostics\.Activity[:\s]|HostingApplicationDiagnostics::(StartActivity|StopActivity)')
samples = [sample for sample in open(sys.argv[1]).read().split('\n\n') if sample.strip()]
in_metrics = sum(1 for sample in samples if metrics.search(sample))
in_activity = sum(1 for sample in samples if not metrics.search(sample) and activity.search(sample))
print(f'{len(samples)} samples: telemetry {in_metrics} ({in_metrics / len(samples) * 100:.2f} %), '
      f"ASP.NET Core's request Activity {in_activity} ({in_activity / len(samples) * 100:.2f} %)")
