#!/usr/bin/env python3
"""Reads out/*/size.json and prints the tables of RESULTS.md."""
import json
V = ["leptos_view", "dom_rx", "dom_plain", "html_tpl"]
NAME = {"leptos_view": "1. Leptos `view!`", "dom_rx": "2. direct DOM + reactive_graph", "dom_plain": "3. direct DOM, no reactive system (Elm-like)", "html_tpl": "4. 3 + rows as HTML strings (innerHTML, delegated events)"}
B = {1: 15, 2: 15 + 17, 3: 15 + 17 + 18}
S = {(v, n): json.load(open(f"out/{v}-{n}/size.json")) for v in V for n in range(4)}
K = 1024
def w(v, n, k="wasm_br"): return S[(v, n)][k]

print("| variant | 0 screens | 1 screen | 2 screens | 3 screens | glue JS (3) |")
print("| --- | --- | --- | --- | --- | --- |")
for v in V:
    cells = [f"{w(v,n)/K:.1f} ({w(v,n,'wasm_raw')/K:.1f})" for n in range(4)]
    print(f"| {NAME[v]} | " + " | ".join(cells) + f" | {w(v,3,'js_br')/K:.1f} ({w(v,3,'js_raw')/K:.1f}) |")

print()
print("| variant | fixed (0 screens) | first screen (15 bindings) | each further screen | per binding (further screens) | raw per binding |")
print("| --- | --- | --- | --- | --- | --- |")
R = {}
for v in V:
    fixed = w(v, 0); first = w(v, 1) - w(v, 0)
    further = (w(v, 3) - w(v, 1)) / 2; pb = (w(v, 3) - w(v, 1)) / (17 + 18)
    raw_pb = (w(v, 3, "wasm_raw") - w(v, 1, "wasm_raw")) / (17 + 18)
    raw_first = w(v, 1, "wasm_raw") - w(v, 0, "wasm_raw")
    R[v] = dict(fixed=fixed, first=first, pb=pb, raw_pb=raw_pb, raw_first=raw_first)
    print(f"| {NAME[v]} | {fixed/K:.1f} KiB | {first/K:.1f} KiB ({raw_first/K:.1f} raw) | {further/K:.2f} KiB | {pb:.0f} B | {raw_pb:.0f} B |")

# The widget now (docs/performance.md, 2026-11-30): 452.1 KiB = wasm 441.0 + JS 7.4 + CSS 3.7
TOTAL, JSCSS, NONVIEW, BINDINGS = 452.1, 11.1, 70.0, 290
RATIO = 3.75   # the widget's own wasm raw:brotli (≈1,650 KiB raw : 441 KiB)
base = R["dom_plain"]["fixed"]  # an empty wasm-bindgen module: counted in the 70 KiB
print()
print("Bottom-up (lab costs × the widget's 290 bindings, + 70 non-view + 11.1 JS/CSS):")
print("| variant | views, lab brotli | total | views, lab raw ÷ 3.75 | total |")
print("| --- | --- | --- | --- | --- |")
for v in V:
    r = R[v]
    fixed = (r["fixed"] - base) / K
    a = fixed + r["first"] / K + r["pb"] * (BINDINGS - 15) / K
    b = fixed + r["first"] / K + r["raw_pb"] * (BINDINGS - 15) / RATIO / K
    print(f"| {NAME[v]} | {a:.0f} | **{a + NONVIEW + JSCSS:.0f}** | {b:.0f} | **{b + NONVIEW + JSCSS:.0f}** |")
print()
views_now = TOTAL - NONVIEW - JSCSS
print(f"Top-down (the widget's view share now, {views_now:.0f} KiB, × the lab's variant/Leptos ratio):")
print("| variant | ratio, 3 screens all-in (brotli) | ratio, further screens (raw) | total |")
print("| --- | --- | --- | --- |")
for v in V:
    r1 = (w(v, 3) - base) / (w("leptos_view", 3) - base)
    r2 = R[v]["raw_pb"] / R["leptos_view"]["raw_pb"]
    lo, hi = sorted([views_now * r1, views_now * r2])
    print(f"| {NAME[v]} | {r1:.2f} | {r2:.2f} | **{lo + NONVIEW + JSCSS:.0f}–{hi + NONVIEW + JSCSS:.0f}** |")

# The widget itself, measured (attribute.py on its participants' wasm after wasm-opt, names kept):
V_W, N_W, D_W = 231.5, 140.1, 55.0   # KiB brotli, each group compressed alone
WHOLE = 439.5                        # the same wasm, whole, names stripped
REST = WHOLE - V_W - N_W - D_W       # sections other than code and data, and cross-group context
VR = 956.9 / 231.5                   # the widget's view code raw:brotli
print()
keep = N_W + D_W + REST + JSCSS
print(f"Replacing the widget's view group V ({V_W} KiB) by each layer; N {N_W} + data {D_W} + rest {REST:.1f} + JS/CSS {JSCSS} kept = {keep:.0f} KiB:")
print("| variant | lab V for 290 bindings (brotli / raw÷4.13) | V if the screens' extra code shrinks alike | V if it stays | total |")
print("| --- | --- | --- | --- | --- |")
labV = {}
for v in V:
    r = R[v]
    fixed = (r["fixed"] - base) / K
    a = fixed + r["first"] / K + r["pb"] * (BINDINGS - 15) / K
    b = fixed + r["first"] / K + r["raw_pb"] * (BINDINGS - 15) / VR / K
    labV[v] = (a, b)
for v in V:
    a, b = labV[v]
    la, lb = labV["leptos_view"]
    shrink = [V_W * a / la, V_W * b / lb]
    stay = [V_W - la + a, V_W - lb + b]
    lo = min(shrink + stay); hi = max(shrink + stay)
    print(f"| {NAME[v]} | {a:.0f} / {b:.0f} | {min(shrink):.0f}–{max(shrink):.0f} | {min(stay):.0f}–{max(stay):.0f} | **{keep + lo:.0f}–{keep + hi:.0f}** |")
