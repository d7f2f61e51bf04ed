#!/usr/bin/env python3
# Server CPU per online request with the OpenTelemetry pipeline on and off, same run (docs/benchmarks.md, "Telemetry's cost").
# Starts two Release servers on fresh SQLite files, one with Telemetry:Enabled=true (the default: the meter, ASP.NET Core's
# meters, the Prometheus exporter; /metrics scraped every 5 s) and one with Telemetry:Enabled=false, then drives them
# with the load harness (online scenario) for ROUNDS rounds, in turn or (PARALLEL=1) both at once, and prints each round
# and the medians. Usage, after `dotnet build -c Release src/Playtrail.Server benchmarks/Playtrail.LoadTest`:
#   ROUNDS=5 SECONDS=10 RATE=600 CLIENTS=16 PARALLEL=1 python3 benchmarks/scripts/telemetry-cost.py
import os, re, statistics, subprocess, sys, tempfile, threading, time, urllib.request

rounds = int(os.environ.get('ROUNDS', '3'))
seconds = os.environ.get('SECONDS', '10')
clients = os.environ.get('CLIENTS', '32')
# RATE: open loop at that many requests a second (both servers then see the same load and the same batch sizes).
rate = os.environ.get('RATE')
# PARALLEL=1: load both servers at once in each round instead of one after the other.
parallel = os.environ.get('PARALLEL') == '1'
dll = 'src/Playtrail.Server/bin/Release/net10.0/Playtrail.Server.dll'
harness = 'benchmarks/Playtrail.LoadTest/bin/Release/net10.0/Playtrail.LoadTest.dll'
work = tempfile.mkdtemp(prefix='playtrail-telemetry-')


def start(name, port, enabled):
    process = subprocess.Popen(['dotnet', dll, f'--urls=http://127.0.0.1:{port}', f'--Storage:Sqlite:Path={work}/{name}.db',
                                '--Logging:LogLevel:Default=Warning', f'--Telemetry:Enabled={enabled}'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f'http://127.0.0.1:{port}/health')
            return process
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f'{name} server did not start')


def scrape_every(port, seconds_between, stop):
    while not stop.wait(seconds_between):
        try:
            urllib.request.urlopen(f'http://127.0.0.1:{port}/metrics').read()
        except Exception:
            pass


servers = {'on': (7431, start('on', 7431, 'true')), 'off': (7432, start('off', 7432, 'false'))}
results = {'on': [], 'off': []}


def harness_command(name):
    port, process = servers[name]
    return ['dotnet', harness, '--scenario', 'online', '--server', f'http://127.0.0.1:{port}', '--server-pid', str(process.pid),
            '--no-floor', '--no-perf', '--clients', clients, '--seconds', seconds] + (['--rate', rate] if rate else [])


def parse(output):
    lines = output.splitlines()
    header = next(line for line in lines if line.startswith('| scenario'))
    row = next(line for line in lines if line.startswith('| online'))
    names = [cell.strip() for cell in header.strip('|').split('|')]
    cells = [cell.strip() for cell in row.strip('|').split('|')]
    value = lambda column: float(re.sub(r'[^0-9.]', '', cells[names.index(column)]))
    return value('server CPU-µs/request'), value('req/s'), value('p50 ms'), value('p99 ms')


try:
    stop = threading.Event()
    scraper = threading.Thread(target=scrape_every, args=(servers['on'][0], 5, stop))
    scraper.start()
    for round_number in range(1, rounds + 1):
        load = os.getloadavg()[0]
        if parallel:
            # Both servers under load at the same time: whatever else the machine is doing weighs on both alike.
            running = {name: subprocess.Popen(harness_command(name), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                       for name in ['on', 'off']}
            outputs = {name: process.communicate()[0] for name, process in running.items()}
        else:
            order = ['on', 'off'] if round_number % 2 else ['off', 'on']
            outputs = {name: subprocess.run(harness_command(name), capture_output=True, text=True).stdout for name in order}
        for name in ['on', 'off']:
            result = parse(outputs[name]) + (load,)
            results[name].append(result)
            print(f'round {round_number} telemetry {name:3}: {result[0]:.1f} server CPU-µs/request, {result[1]:,.0f} req/s, '
                  f'p50 {result[2]} ms, p99 {result[3]} ms, load average {load:.2f}', flush=True)
    stop.set()
    scraper.join()
finally:
    for port, process in servers.values():
        process.terminate()
        process.wait()

on = statistics.median(r[0] for r in results['on'])
off = statistics.median(r[0] for r in results['off'])
print(f'median server CPU-µs/request: on {on:.1f}, off {off:.1f}, on/off {on / off:.3f} ({(on / off - 1) * 100:+.1f} %)')
for round_number, (a, b) in enumerate(zip(results['on'], results['off']), 1):
    print(f'round {round_number}: on/off {a[0] / b[0]:.3f}')
