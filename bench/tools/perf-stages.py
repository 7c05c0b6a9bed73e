#!/usr/bin/env python3
"""Reads `perf script` output of a cairn backup (perf record -g, JVM perf map) on stdin and prints the share of samples and
the CPU seconds per backup stage: each sample goes to the first stage whose pattern matches a frame of its stack, leaf to
root; compiler and VM threads by thread name. Used by bench/backup-profile.sh (ADR 63)."""
import sys, re, collections
CATS = [
 ('zstd', r'libzstd'),
 ('hmac id', r'BlobIdHasher\.hash'),
 ('pack append+sha', r'PackWriter\.(add|append)|TempFilePackOutput\.write'),
 ('pack finish/upload', r'WriteSession\.upload|LocalBlobStore|PackWriter\.finish'),
 ('aes-gcm', r'AesGcmAead|GHASH|GaloisCounterMode|CounterMode|AESCrypt'),
 ('incompressible test', r'Incompressible'),
 ('fastcdc', r'FastCdcChunker'),
 ('file read', r'FileSaver\.fill|FileChannelImpl\.read|IOUtil\.read'),
 ('file open/close', r'FileChannel\.open|FileChannelImpl\.(implCloseChannel|close)|UnixChannelFactory|FileDispatcherImpl\.close'),
 ('stat', r'NativeStat|Metadata\.stat|UnixFileAttributes'),
 ('listing', r'SortedListing|DirectoryStream|UnixDirectoryStream'),
 ('index lookup', r'MasterIndex|IndexRun|RunFile'),
 ('tree encode/save', r'TreeBuilder|TreeEncoder|Json|jackson'),
 ('tree read (parent)', r'TreeCursor|TreeDecoder|TreePrefetch|TreeCache'),
 ('node/metadata', r'Metadata\.node|Node\.<init>'),
 ('argon2', r'libargon2|Argon2'),
 ('walk other', r'DirectoryJob|TreeWalker'),
]
cats = [(n, re.compile(p)) for n, p in CATS]
count = collections.Counter(); total = 0
def flush(comm, frames):
    global total
    if not frames: return
    total += 1
    leaf = frames[0]
    if comm.startswith('C1 Compiler') or comm.startswith('C2 Compiler'):
        count['JIT ' + comm[:2]] += 1; return
    if comm.startswith('VM Thread') or comm.startswith('GC'):
        count['VM thread (GC, safepoints)'] += 1; return
    for n, rx in cats:
        for f in frames:
            if rx.search(f):
                count[n] += 1; return
    if 'Interpreter' in leaf: count['interpreter (other)'] += 1; return
    if '[kernel' in leaf or re.search(r'\[k\]|kallsyms', leaf): count['kernel (other) ' + comm[:11]] += 1; return
    count['other ' + comm[:11]] += 1
comm = None; frames = []
for line in sys.stdin:
    if not line.strip():
        flush(comm, frames); comm=None; frames=[]; continue
    if not line.startswith((' ', '\t')):
        comm = line.split()[0] if line.split() else ''
        m = re.match(r'^(.*?)\s+\d+(/\d+)?\s', line)
        if m: comm = m.group(1).strip()
        frames = []
    else:
        frames.append(line.strip())
flush(comm, frames)
hz = float(sys.argv[1]) if len(sys.argv) > 1 else 0
print("| stage | share | CPU s |")
print("|---|---:|---:|")
for n, c in count.most_common():
    if 100 * c / total >= 0.3:
        print(f"| {n} | {100*c/total:.1f} % | {c/hz:.2f} |" if hz else f"| {n} | {100*c/total:.1f} % | |")
print(f"| all ({total} samples) | 100 % | {total/hz:.2f} |" if hz else f"| all ({total} samples) | 100 % | |")
