#!/usr/bin/python3
"""Draws docs/benchmarks.png (fan-out and direct per server) from a run's JSON and prints its Markdown tables.

    bench/chart.py                          the newest bench/results/*.json
    bench/chart.py bench/results/X.json     that run

Needs python3 and matplotlib (Debian: apt-get install python3-matplotlib).
"""
import glob
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PEERS = ["ngircd", "inspircd"]
# Parley's passes (parley-line@17, parley-irc@25, ...; plain parley-line in runs before issue 15), then the peers
PARLEY_COLORS = ["#2b6cb0", "#63b3ed", "#2c5282", "#90cdf4", "#1a365d", "#bee3f8"]
PEER_COLORS = ["#dd6b20", "#38a169"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PANELS = [
    ("fanout/deliveries_per_s", "fan-out: deliveries/s", 1e-3, "thousands"),
    ("fanout/server_cpu_per_delivery_us", "fan-out: server CPU per delivery", 1, "µs"),
    ("fanout/p99_ms", "fan-out: p99 latency", 1, "ms"),
    ("direct/messages_per_s", "direct: messages/s", 1e-3, "thousands"),
    ("direct/server_cpu_per_message_us", "direct: server CPU per message", 1, "µs"),
    ("direct/p99_rtt_ms", "direct: p99 round trip", 1, "ms"),
    ("flood/messages_per_s", "direct flood: messages/s", 1e-3, "thousands"),
    ("flood/server_cpu_per_message_us", "direct flood: server CPU per message", 1, "µs"),
    ("paced/p99_rtt_ms", "direct paced: p99 round trip", 1, "ms"),
]

TABLES = [
    ("Connect", ["registrations_per_s", "failures", "rss_growth_per_client_kib"], "connect"),
    ("Hold", ["sessions_wanted", "sessions_held", "dropped", "rss_growth_per_session_kib", "heap_per_session_kib",
                       "server_rss_mib", "kernel_slab_per_socket_kib",
              "server_files_before"], "hold"),
    ("Fan-out", ["deliveries_per_s", "server_cpu_per_delivery_us", "generator_cpu_per_delivery_us",
                 "server_cpu_cores", "generator_cpu_cores", "p50_ms", "p99_ms", "lost"], "fanout"),
    ("Direct", ["messages_per_s", "server_cpu_per_message_us", "generator_cpu_per_message_us",
                "server_cpu_cores", "generator_cpu_cores", "p50_rtt_ms", "p99_rtt_ms", "lost"], "direct"),
    ("Direct, paced senders", ["offered_per_s", "messages_per_s", "server_cpu_per_message_us",
                               "generator_cpu_per_message_us", "server_cpu_cores", "p50_rtt_ms", "p99_rtt_ms",
                               "lost"], "paced"),
    ("Direct, flooding senders", ["messages_per_s", "server_cpu_per_message_us", "generator_cpu_per_message_us",
                                  "server_cpu_cores", "generator_cpu_cores", "p50_ms", "p99_ms", "lost", "dropped"],
     "flood"),
    ("Room of thousands", ["members_wanted", "joined", "join_s", "join_lines", "join_server_cpu_per_member_us",
                           "join_server_cpu_per_line_us", "message_last_delivery_ms",
                           "message_server_cpu_per_member_us", "message_lost", "quit_s", "quit_lines",
                           "quit_server_cpu_per_member_us", "quit_server_cpu_per_line_us", "dropped_members"], "room"),
    ("Logins (Parley, line protocol)", ["logins_per_s", "failures", "chat_p50_rtt_before_ms",
                                        "chat_p50_rtt_during_ms", "chat_p99_rtt_before_ms",
                                        "chat_p99_rtt_during_ms"], "logins"),
]


def fmt(v):
    if v is None:
        return "-"
    a = abs(v)
    if v == int(v) and a < 1e7:
        return str(int(v))
    return f"{v:.0f}" if a >= 100 else f"{v:.1f}" if a >= 10 else f"{v:.2f}" if a >= 1 else f"{v:.3f}"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else sorted(glob.glob(os.path.join(ROOT, "bench/results/*.json")))[-1]
    with open(path) as f:
        run = json.load(f)
    results = run["results"]
    parley = sorted({s for figure in results.values() for s in figure if s not in PEERS},
                    key=lambda s: (s.split("@")[1] if "@" in s else "", "irc" in s))
    servers = parley + PEERS
    colors = dict(zip(parley, PARLEY_COLORS * 2)) | dict(zip(PEERS, PEER_COLORS))

    fig, axes = plt.subplots(3, 3, figsize=(15, 10))
    for ax, (figure, title, scale, unit) in zip(axes.flat, PANELS):
        byserver = results.get(figure, {})
        names = [s for s in servers if s in byserver]
        med = [byserver[s]["median"] * scale for s in names]
        lo = [(byserver[s]["median"] - byserver[s]["min"]) * scale for s in names]
        hi = [(byserver[s]["max"] - byserver[s]["median"]) * scale for s in names]
        ax.bar(names, med, yerr=[lo, hi], capsize=4, color=[colors[s] for s in names])
        ax.set_title(title, fontsize=10)
        ax.set_ylabel(unit)
        ax.tick_params(axis="x", labelsize=7, labelrotation=30)
    fig.suptitle(f"Parley vs ngIRCd and InspIRCd, median of runs (bars: min-max)\n"
                 f"{run['meta'].get('jdk', run['meta'].get('generator_jdk', ''))}; {run['meta'].get('machine', '')}",
                 fontsize=9)
    fig.tight_layout()
    out = os.path.join(ROOT, "docs/benchmarks.png")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    fig.savefig(out, dpi=90)
    print(f"wrote {out} from {path}\n")

    for title, metrics, scenario in TABLES:
        present = [m for m in metrics if f"{scenario}/{m}" in results]
        if not present:
            continue
        shown = [s for s in servers if any(s in results[f"{scenario}/{m}"] for m in present)]
        print(f"#### {title}\n")
        print("| figure | " + " | ".join(shown) + " |")
        print("|---|" + "---|" * len(shown))
        for m in present:
            cells = []
            for s in shown:
                st = results[f"{scenario}/{m}"].get(s)
                cells.append("-" if st is None else f"{fmt(st['median'])} ({fmt(st['min'])}-{fmt(st['max'])})")
            print(f"| {m} | " + " | ".join(cells) + " |")
        print()
    print("#### Targets\n")
    print("| | target | figures |")
    print("|---|---|---|")
    for t in run["targets"]:
        print(f"| {t['verdict']} | {t['target']} | {t['figures']} |")


if __name__ == "__main__":
    main()
