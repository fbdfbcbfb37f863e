#!/usr/bin/env python3
"""Raw code size of a wasm (before wasm-bindgen/wasm-opt) by where each function comes from,
read from its name section. Usage: attribute.py <file.wasm> [top N]"""
import sys, re, collections

def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i

def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]; i += 1
        n, i = leb(b, i)
        yield sid, b[i:i + n]
        i += n

data = open(sys.argv[1], "rb").read()
imports = 0; spans = []; bodies = []; names = {}; data_size = 0
for sid, s in sections(data):
    if sid == 2:  # imports: count function imports (they take the first indices)
        n, j = leb(s, 0)
        for _ in range(n):
            for _ in range(2):
                l, j = leb(s, j); j += l
            kind = s[j]; j += 1
            if kind == 0: _, j = leb(s, j); imports += 1
            elif kind == 1: j += 1; f, j = leb(s, j); _, j = leb(s, j); j = leb(s, j)[1] if f & 1 else j
            elif kind == 2: f, j = leb(s, j); _, j = leb(s, j); j = leb(s, j)[1] if f & 1 else j
            elif kind == 3: j += 1; j += 1
    elif sid == 10:
        n, j = leb(s, 0)
        for _ in range(n):
            l, j = leb(s, j); bodies.append(l); spans.append(s[j:j + l]); j += l
    elif sid == 11:
        data_size = len(s); data_bytes = bytes(s)
    elif sid == 0:
        l, j = leb(s, 0); nm = s[j:j + l].decode(); j += l
        if nm != "name": continue
        while j < len(s):
            sub = s[j]; j += 1
            sl, j = leb(s, j); end = j + sl
            if sub == 1:
                n, k = leb(s, j)
                for _ in range(n):
                    idx, k = leb(s, k); l2, k = leb(s, k)
                    names[idx] = s[k:k + l2].decode("utf-8", "replace"); k += l2
            j = end


LIB_TACHYS = ("tachys::", "leptos::", "leptos_dom::", "either_of::", "leptos_macro")
LIB_RG = ("reactive_graph::", "any_spawner::", "indexmap::", "rustc_hash::", "slotmap::", "or_poisoned::", "send_wrapper::", "guardian::", "oco_ref::", "throw_error::", "drain_filter_polyfill::")
OURS = ("mentoring_widget::", "sizelab::")
STD = ("core::", "alloc::", "std::", "hashbrown::", "dlmalloc::", "compiler_builtins::")

def outer(name):
    """The path the function belongs to: for `<A as B>::f` the trait B unless B is a std
    trait (then A); else the leading path."""
    if name.startswith("<"):
        depth = 0
        for i, ch in enumerate(name):
            if ch == "<": depth += 1
            elif ch == ">":
                depth -= 1
                if depth == 0: break
        inner = name[1:i]
        # split on the top-level " as "
        d = 0; cut = None
        for j in range(len(inner)):
            ch = inner[j]
            if ch == "<": d += 1
            elif ch == ">": d -= 1
            elif d == 0 and inner.startswith(" as ", j): cut = j; break
        if cut is not None:
            a, b = inner[:cut], inner[cut + 4:]
            a = clean(a)
            if b.startswith(STD):
                return outer(a) if a.startswith("<") else a
            return b
        inner = clean(inner)
        return outer(inner) if inner.startswith("<") else inner
    return name

def clean(t):
    t = t.strip()
    for p in ("&mut ", "&", "*const ", "*mut ", "dyn ", "[", "("):
        while t.startswith(p):
            t = t[len(p):]
    return t

def category(name):
    name = re.sub(r"\[[0-9a-f]+\]", "", name)
    o = outer(name)
    ui = "::ui::" in name or "sizelab::gen" in name
    if o.startswith(LIB_TACHYS): return "tachys/leptos code" + (" for our ui types/closures" if ui else "")
    if o.startswith(LIB_RG): return "reactive_graph code" + (" for our ui types/closures" if ui else "")
    if o.startswith(OURS):
        if ".ui::" in o or o.startswith(("mentoring_widget::ui", "sizelab::gen")): return "our ui code (components, closures, handlers)"
        return "our other widget code (edges, state, lib)"
    if o.startswith("mentoring_core::"): return "mentoring_core"
    if o.startswith(STD):
        if any(t in name for t in LIB_TACHYS): return "std/alloc glue for tachys/leptos types"
        if any(t in name for t in LIB_RG): return "std/alloc glue for reactive_graph types"
        if "::ui::" in name or "sizelab::gen" in name: return "std/alloc glue for ui types"
        if "mentoring" in name: return "std/alloc glue for core/edges types"
        return "std/alloc other"
    if o.startswith(("wasm_bindgen", "js_sys", "web_sys", "__wbindgen", "__wbg", "__externref")):
        return "wasm-bindgen/js-sys/web-sys"
    if "::ui::" in name or "sizelab::gen" in name: return "other for our ui"
    return "other"

by = collections.Counter(); cnt = collections.Counter(); total = 0
blobs = collections.defaultdict(bytearray)
top = []
for i, size in enumerate(bodies):
    name = names.get(imports + i, "?")
    c = category(name); by[c] += size; cnt[c] += 1; total += size
    blobs[c] += spans[i]
    top.append((size, name))
print(f"code {total} B in {len(bodies)} functions; data section {data_size} B; file {len(data)} B")
for c, s in by.most_common():
    print(f"{s/1024:9.1f} KiB {100*s/total:5.1f} %  {cnt[c]:6d} fns  {c}")
if len(sys.argv) > 2:
    want = sys.argv[3] if len(sys.argv) > 3 else None
    for s, n in sorted(top, reverse=True):
        if want and category(n) != want: continue
        print(s, n[:240])
        want_n = int(sys.argv[2]); 
        top_count = globals().setdefault("_c", [0]); top_count[0] += 1
        if top_count[0] >= want_n: break

# brotli (q11) of each group's function bodies concatenated, and of the data section
import subprocess, json
def group(c):
    if "for our ui" in c or c == "other for our ui" or c.startswith(("our ui", "tachys", "reactive_graph")) or c in ("std/alloc glue for ui types", "std/alloc glue for tachys/leptos types", "std/alloc glue for reactive_graph types"):
        return "V view layer + screens"
    return "N everything else (core, edges, std, wasm-bindgen)"
g = collections.defaultdict(bytearray); graw = collections.Counter()
for c, b in blobs.items():
    g[group(c)] += b; graw[group(c)] += by[c]
g["D data section"] = bytearray(data_bytes); graw["D data section"] = len(data_bytes)
allcode = bytearray(b"".join(bytes(b) for b in blobs.values()))
g["all code"] = allcode; graw["all code"] = len(allcode)
js = "const z=require('zlib');let d='';process.stdin.on('data',c=>d+=c).on('end',()=>{const o={};for(const[k,v]of Object.entries(JSON.parse(d)))o[k]=z.brotliCompressSync(Buffer.from(v,'base64'),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length;console.log(JSON.stringify(o))})"
import base64
out = subprocess.run(["node", "-e", js], input=json.dumps({k: base64.b64encode(bytes(v)).decode() for k, v in g.items()}), capture_output=True, text=True).stdout
br = json.loads(out)
print("group raw KiB / brotli KiB (each group compressed alone):")
for k in sorted(g):
    print(f"  {k:55s} {graw[k]/1024:8.1f} {br[k]/1024:8.1f}")
