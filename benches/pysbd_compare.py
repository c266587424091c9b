#!/usr/bin/env python3
"""Side-by-side throughput of pySBD and claimdesk's segmenter on one input.

Times pySBD (English, clean=False) in this process, then runs the Rust
benchmark `cargo bench --bench segment` with SEGMENT_BENCH_PLAIN_ONLY=1 on
the very same bytes and reads its "segment: english <MB/s>" line. Prints both
figures and the ratio (goal: at least 500x).

pySBD runs at about 0.1 MB/s, so by default both sides get the first ~1 MB of
the corpus (cut at a paragraph break); --bytes 0 uses the whole 5.3 MB file
(about a minute per pySBD run). Skips with exit code 0 when pySBD is not
installed (`pip install pysbd==0.3.4`).

    python3 benches/pysbd_compare.py [--corpus PATH] [--bytes N] [--runs N]
                                     [--manifest-path Cargo.toml]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "segmentation", "corpus.txt"))
    ap.add_argument("--bytes", type=int, default=1_000_000, help="input prefix size, 0 = whole file")
    ap.add_argument("--runs", type=int, default=3, help="pySBD runs (median is reported)")
    ap.add_argument("--manifest-path", default=os.path.join(ROOT, "Cargo.toml"))
    args = ap.parse_args()

    try:
        import pysbd  # noqa: PLC0415 - optional dependency
    except ImportError:
        print("pysbd_compare: pySBD not installed (pip install pysbd==0.3.4); skipping")
        return 0
    if not os.path.exists(args.corpus):
        print(f"pysbd_compare: corpus {args.corpus} not found; skipping")
        return 0

    with open(args.corpus, encoding="utf-8") as f:
        text = f.read()
    if args.bytes:
        data = text.encode("utf-8")[: args.bytes]
        cut = data.rfind(b"\n\n")
        text = (data[:cut] if cut > 0 else data).decode("utf-8", errors="ignore")
    size = len(text.encode("utf-8"))

    seg = pysbd.Segmenter(language="en", clean=False)
    # The whole text in one call, as the shared README measured it; feeding
    # paragraphs one by one was about 20% slower in a trial on 300 KB.
    secs = []
    n_py = 0
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        n_py = len(seg.segment(text))
        secs.append(time.perf_counter() - start)
    py_mbs = size / statistics.median(secs) / 1e6
    print(f"pySBD {pysbd.__version__}: {py_mbs:.3f} MB/s median of {len(secs)} runs on {size} bytes ({n_py} sentences)")

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
        tmp_path = tmp.name
    try:
        env = dict(os.environ, SEGMENT_BENCH_INPUT=tmp_path, SEGMENT_BENCH_PLAIN_ONLY="1")
        proc = subprocess.run(
            ["cargo", "bench", "--manifest-path", args.manifest_path, "--bench", "segment"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(tmp_path)
    match = re.search(r"^segment: english ([0-9.]+) MB/s.*$", proc.stdout, re.M)
    if proc.returncode != 0 or not match:
        sys.stderr.write(proc.stdout + proc.stderr)
        print("pysbd_compare: the Rust benchmark failed")
        return 1
    ours = float(match.group(1))
    print(f"claimdesk: {match.group(0)[len('segment: english '):]}")
    ratio = ours / py_mbs
    print(f"ratio: {ratio:.0f}x (goal: >= 500x) {'OK' if ratio >= 500 else 'BELOW GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
