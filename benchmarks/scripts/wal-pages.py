#!/usr/bin/env python3
"""Which B-trees a SQLite write-ahead log's frames belong to, per commit.

Usage: wal-pages.py <copy of the -wal file> <database file>

Copy the -wal file while the server is under load (it starts over every 1,000 pages or so), then stop the server
and give the database: each frame's page number is looked up in SQLite's dbstat table. Pages allocated after the
copy was taken show as '?'. docs/benchmarks.md, "Fourth round".
"""
import collections
import sqlite3
import struct
import sys


def frames(log: bytes):
    """Page numbers of the log's valid frames (those with the header's salt), and the number of commit frames."""
    _magic, _version, page_size, _checkpoint, salt1, salt2, _c1, _c2 = struct.unpack(">IIIIIIII", log[:32])
    offset, pages, commits = 32, [], 0
    while offset + 24 + page_size <= len(log):
        page, size_after_commit, frame_salt1, frame_salt2 = struct.unpack(">IIII", log[offset:offset + 16])
        if (frame_salt1, frame_salt2) != (salt1, salt2):
            break
        pages.append(page)
        commits += size_after_commit != 0
        offset += 24 + page_size
    return pages, commits


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as log_file:
        pages, commits = frames(log_file.read())
    with sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True) as database:
        owner = dict(database.execute("SELECT pageno, name FROM dbstat"))
    per_tree = collections.Counter(owner.get(page, "?") for page in pages)
    commits = max(commits, 1)
    print(f"{len(pages)} frames, {commits} commits, {len(pages) / commits:.1f} frames per commit")
    for name, count in per_tree.most_common():
        print(f"{count / commits:8.2f} per commit  {name}")


if __name__ == "__main__":
    main()
