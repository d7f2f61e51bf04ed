#!/usr/bin/env python3
# RSS of a Playtrail server through heavy downloaded uploads and after its idle trim (docs/benchmarks.md, "Memory after heavy uploads").
# Usage: WARM=1 UPLOADS=8 AFTER=25 python3 benchmarks/scripts/upload-memory.py src/Playtrail.Server/bin/Release/net10.0/Playtrail.Server.dll /tmp/memory.db 20000
# SHAPE=pings (default): a sessionStart with 30 custom metadata values of 1,500 characters, then pings: N events, 4.2 MiB for 20,000.
# SHAPE=chapters: as close to the 16 MiB body limit as the rules allow, within N events: chapters, each a chapterStart
#   with 30 custom metadata values of 1,500 characters, 40 pings and a chapterComplete.
# Each upload's peak is given over the idle RSS before the uploads and over the RSS just before that upload.
import json, sys, time, urllib.request, subprocess, os, random, threading
dll, db = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
shape = os.environ.get("SHAPE", "pings")
limit = 16 * 1024 * 1024
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
def metadata():
    return {("k%d" % i): "v" * 1500 for i in range(30)}
def ping(i, ts):
    return {"eventType":"ping","playerTime":{"playhead":i*10,"ts":ts+1000+i*10000},"qoeData":{"media.qoe.bitrate":1000000 + i,"media.qoe.droppedFrames":i % 7,"media.qoe.framesPerSecond":29.97,"media.qoe.timeToStart":1200}}
def body(ts):
    start = {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":ts},"params":{"media.downloaded":True,"analytics.trackingServer":"t.sc.omtrdc.net","analytics.reportSuite":"rs","visitor.marketingCloudOrgId":"0123456789ABCDEF@AdobeOrg","media.id":"m-%d" % ts,"media.name":"n","media.length":600000,"media.contentType":"vod","media.playerName":"p","media.channel":"c"},"customMetadata":metadata()}
    ev = [start, {"eventType":"play","playerTime":{"playhead":0,"ts":ts+1000}}]
    if shape == "chapters":
        size, i, chapter = len(json.dumps(ev)), 1, 0
        chapter_size = len(json.dumps(metadata())) + 300 + 40 * len(json.dumps(ping(10**6, ts))) + 200
        while size + chapter_size + 200 < limit and len(ev) + 42 + 1 <= n:
            ev.append({"eventType":"chapterStart","playerTime":{"playhead":i*10,"ts":ts+1000+i*10000},"params":{"media.chapter.index":chapter + 1,"media.chapter.offset":i*10,"media.chapter.length":400,"media.chapter.friendlyName":"c%d" % chapter},"customMetadata":metadata()})
            for _ in range(40):
                i += 1; ev.append(ping(i, ts))
            ev.append({"eventType":"chapterComplete","playerTime":{"playhead":i*10,"ts":ts+1000+i*10000+1}})
            i += 1; chapter += 1
            size += chapter_size
    else:
        for i in range(1, n - 2):
            ev.append(ping(i, ts))
        i = n
    ev.append({"eventType":"sessionComplete","playerTime":{"playhead":i*10,"ts":ts+1000+i*10000+2}})
    return json.dumps(ev).encode(), len(ev)
def post(b):
    # A busy machine can make the server shed an upload (503 with Retry-After); it is sent again, as a client would.
    for _ in range(10):
        r = urllib.request.Request(base + '/api/v1/downloaded', data=b, headers={'Content-Type':'application/json'})
        try: return urllib.request.urlopen(r, timeout=300).status
        except urllib.error.HTTPError as e:
            if e.code != 503: return e.code
            time.sleep(float(e.headers.get('Retry-After', '1')))
    return 503
def run():
    time.sleep(2)
    if os.environ.get("WARM"):
        post(body(1600000000000)[0])
        time.sleep(float(os.environ.get("AFTER", "10")))
    idle = rss()
    print(f"idle before: {idle:.0f} MiB")
    for k in range(int(os.environ.get("UPLOADS", "3"))):
        b, count = body(1700000000000 + k * 10**10)
        mib = len(b) / 2**20
        time.sleep(0.5)
        before = rss()
        peak[0] = 0
        code = post(b)
        time.sleep(0.5)
        print(f"upload {k}: {code}, {count} events, body {mib:.1f} MiB, peak RSS {peak[0]:.0f} MiB: {(peak[0]-idle)/mib:.1f}x body over idle ({idle:.0f}), "
              f"{(peak[0]-before)/mib:.1f}x over the {before:.0f} MiB just before")
    time.sleep(float(os.environ.get("AFTER", "10")))
    print(f"RSS after the wait: {rss():.0f} MiB ({(rss()-idle)/idle*100:+.0f} % of before)")
try:
    run()
finally:
    stop[0] = True; t.join()
    p.terminate(); p.wait()
