#!/usr/bin/env python3
# RSS of a Playtrail server through heavy downloaded uploads and after its idle trim (docs/benchmarks.md, "Memory after heavy uploads").
# Usage: WARM=1 UPLOADS=8 AFTER=25 python3 benchmarks/scripts/upload-memory.py src/Playtrail.Server/bin/Release/net10.0/Playtrail.Server.dll /tmp/memory.db 20000
import json, sys, time, urllib.request, subprocess, os, random, threading
dll, db = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
env = dict(os.environ)
for f in [db, db+'-wal', db+'-shm']:
    if os.path.exists(f): os.remove(f)
port = 7000 + random.randint(0, 900)
p = subprocess.Popen(['dotnet', dll, f'--urls=http://127.0.0.1:{port}', f'--Storage:Sqlite:Path={db}', '--Logging:LogLevel:Default=Warning'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
base = f'http://127.0.0.1:{port}'
for _ in range(100):
    try:
        urllib.request.urlopen(base + '/health'); break
    except Exception: time.sleep(0.2)
def rss():
    for line in open(f'/proc/{p.pid}/status'):
        if line.startswith('VmRSS:'): return int(line.split()[1]) / 1024
peak = [0]
stop = [False]
def sampler():
    while not stop[0]:
        try: peak[0] = max(peak[0], rss())
        except Exception: pass
        time.sleep(0.01)
t = threading.Thread(target=sampler); t.start()
def body(ts):
    start = {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":ts},"params":{"media.downloaded":True,"analytics.trackingServer":"t.sc.omtrdc.net","analytics.reportSuite":"rs","visitor.marketingCloudOrgId":"0123456789ABCDEF@AdobeOrg","media.id":"m-%d" % ts,"media.name":"n","media.length":600000,"media.contentType":"vod","media.playerName":"p","media.channel":"c"},"customMetadata":{("k%d" % i): "v" * 1500 for i in range(30)}}
    ev = [start, {"eventType":"play","playerTime":{"playhead":0,"ts":ts+1000}}]
    for i in range(1, n - 2):
        ev.append({"eventType":"ping","playerTime":{"playhead":i*10,"ts":ts+1000+i*10000},"qoeData":{"media.qoe.bitrate":1000000 + i,"media.qoe.droppedFrames":i % 7,"media.qoe.framesPerSecond":29.97,"media.qoe.timeToStart":1200}})
    ev.append({"eventType":"sessionComplete","playerTime":{"playhead":n*10,"ts":ts+1000+n*10000}})
    return json.dumps(ev).encode()
time.sleep(2)
if os.environ.get("WARM"):
    b = body(1600000000000)
    urllib.request.urlopen(urllib.request.Request(base + '/api/v1/downloaded', data=b, headers={'Content-Type':'application/json'}), timeout=300)
    time.sleep(float(os.environ.get("AFTER", "10")))
idle = rss()
print(f"idle before: {idle:.0f} MiB")
sizes = []
for k in range(int(os.environ.get("UPLOADS", "3"))):
    b = body(1700000000000 + k * 10**10)
    sizes.append(len(b))
    peak[0] = 0
    r = urllib.request.Request(base + '/api/v1/downloaded', data=b, headers={'Content-Type':'application/json'})
    try: code = urllib.request.urlopen(r, timeout=300).status
    except urllib.error.HTTPError as e: code = e.code
    time.sleep(0.5)
    print(f"upload {k}: {code}, body {len(b)/2**20:.1f} MiB, peak RSS {peak[0]:.0f} MiB (idle {idle:.0f}), peak-idle = {(peak[0]-idle)/(len(b)/2**20):.1f}x body")
time.sleep(float(os.environ.get("AFTER", "10")))
print(f"RSS after the wait: {rss():.0f} MiB ({(rss()-idle)/idle*100:+.0f} % of before)")
stop[0] = True; t.join()
p.terminate(); p.wait()
