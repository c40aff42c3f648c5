"""make bench: the performance guard, in one run on one machine.

    python bench/pages.py [N ...]    (default 10000; BENCH_N="1000 10000 100000")

For each N it prints and writes to bench/results/ (git-ignored):
1. each page against a reference commit running beside this checkout
   (bench/reference.py; BENCH_BASELINE, default d19eae4): both seeded with the
   same N cases on PostgreSQL, both under gunicorn with the same settings on
   two ports, each page measured with wrk on one and then the other, with the
   in-app page cache off and on: req/s and p50, and new/old ratios;
2. the production recipe: nginx (deploy/nginx.conf of this checkout) in front
   of the application server, each page warmed and then loaded through nginx,
   against the same nginx serving the same bytes as a static file: the ratio
   of req/s (target 0.80);
3. /api/search/'s p95 per search backend (bench/run.py): SQLite, PostgreSQL
   and OpenSearch up to 10,000 cases (target 100 ms), PostgreSQL and
   OpenSearch above (target 150 ms).

Env: BENCH_SECONDS (10) per page and server, BENCH_WORKERS (2 per CPU),
BENCH_NOISE (0.10), BENCH_DB_PREFIX (bench), BENCH_REINDEX (1),
BENCH_SEARCH (which search runs; "" skips part 3). Not a test: it asserts
nothing about timings; it prints the ratios and names the pages outside them."""

import datetime
import json
import os
import shutil
import sys
import urllib.parse
import urllib.request

import reference
import run
from corpus import CACHE_OFF, CACHE_ON, DATA, REINDEX, SECONDS, Corpus, commit, machine, wrk
from corpus import write_report as write

WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
NOISE = float(os.environ.get("BENCH_NOISE", "0.10"))
STATIC_TARGET = 0.80
# Response headers that tell whether a cache answered.
CACHE_HEADERS = ("Cache-Control", "Age", "X-Page-Cache", "X-Cache-Status", "Expires")
FILTER = "theme=ai-automation&stage=pilot&status=completed"


def page_paths(stack, cases_per_language=100):
    """Paths per page kind; the case kinds cycle through different cases."""
    cases = {}
    for language in ("sv", "en"):
        cases[language] = stack.shell(
            "from cases.models import CaseStudyPage\n"
            "for p in CaseStudyPage.objects.live().filter(exchange_id__startswith='bench-', "
            f"locale__language_code='{language}').order_by('exchange_id')"
            f"[:{cases_per_language}]: print(p.url)"
        ).split()
    kinds = {
        "home": ["/"],
        "home en": ["/en/"],
        "listing": ["/erfarenheter/"],
        "listing en": ["/en/cases/"],
        "filtered listing": [f"/erfarenheter/?{FILTER}"],
        "filtered listing en": [f"/en/cases/?{FILTER}"],
        "case": cases["sv"],
        "case en": cases["en"],
        "search page": ["/sok/?q=chattbot", "/sok/?q=myndigheterna", "/sok/?q=digital+brevlåda"],
        "search page en": ["/en/search/?q=chattbot", "/en/search/?q=digital+brevlåda"],
        "api search": [
            "/api/search/?q=chattbot",
            "/api/search/?q=myndigheterna",
            "/api/search/?q=handläggning&theme=ai-automation",
            "/api/search/?q=digital+brevlåda+företagare",
            "/api/search/",
        ],
    }
    return {
        kind: [urllib.parse.quote(p, safe="/?=&+") for p in paths] for kind, paths in kinds.items()
    }


def warm(stack, server, paths):
    """Every path answered once, then every worker past its first requests
    (imports, templates, connections): a few sequential requests may all
    reach one worker. Returns the paths that did not answer 200."""
    failing = [p for p in paths if stack.get(server, p)[0] != 200]
    wrk(stack.ports[server], paths, seconds=3)
    return failing


def evidence(stack, server, path):
    """The cache headers of a repeated request."""
    stack.get(server, path)
    _status, _body, headers, _url = stack.get(server, path)
    return {h: headers[h] for h in CACHE_HEADERS if headers[h] is not None}


def ratio(new, old):
    return round(new / old, 2) if old else None


def against_reference(new, old, paths, cached):
    """Each page on the new and the reference server, one after the other."""
    everything = [p for kind_paths in paths.values() for p in kind_paths]
    results = {"not 200": {}}
    for name, stack in (("new", new), ("reference", old)):
        stack.start_app("a", workers=WORKERS, **(CACHE_ON if cached else CACHE_OFF))
        failing = warm(stack, "a", everything)
        if failing:
            results["not 200"][name] = failing
            print(f"bench: {name} server, not 200: {' '.join(failing)}", file=sys.stderr)
    for kind, kind_paths in paths.items():
        figures = {
            "new": wrk(new.ports["a"], kind_paths),
            "reference": wrk(old.ports["a"], kind_paths),
        }
        figures["rps_ratio"] = ratio(figures["new"]["rps"], figures["reference"]["rps"])
        figures["p50_ratio"] = ratio(figures["new"]["p50_ms"], figures["reference"]["p50_ms"])
        if cached:
            figures["cache_headers"] = {
                "new": evidence(new, "a", kind_paths[0]),
                "reference": evidence(old, "a", kind_paths[0]),
            }
        results[kind] = figures
    if not results["not 200"]:
        del results["not 200"]
    return results


def behind_nginx(stack, paths):
    """Each page through nginx (in front of the running server "a") against
    the same nginx serving the same bytes from a static file."""
    stack.start_nginx(servers=("a",))
    static = stack.folder / "static" / "bench-copies"
    static.mkdir(parents=True, exist_ok=True)
    results = {}
    for kind, kind_paths in paths.items():
        copies, sizes = [], []
        for i, path in enumerate(kind_paths):
            if stack.get("nginx", path)[0] != 200:
                continue  # listed under "not 200" above
            with urllib.request.urlopen(stack.url("nginx", path), timeout=60) as response:  # noqa: S310 (127.0.0.1)
                body = response.read()
            name = f"{kind.replace(' ', '-')}-{i}.html"
            (static / name).write_bytes(body)
            copies.append(f"/static/bench-copies/{name}")
            sizes.append(len(body))
        if not copies:
            continue
        wrk(stack.ports["nginx"], kind_paths, seconds=2)
        page = wrk(stack.ports["nginx"], kind_paths)
        copy = wrk(stack.ports["nginx"], copies)
        results[kind] = {
            "page": page,
            "static_copy": copy,
            "mean_bytes": round(sum(sizes) / len(sizes)),
            "ratio": ratio(page["rps"], copy["rps"]),
            "cache_headers": evidence(stack, "nginx", kind_paths[0]),
        }
    return results


def prepare(n, ref_root, ref_sha, ref_python):
    """Both corpora seeded and indexed: (new, reference, seed seconds, same data)."""
    new = Corpus(n)
    old = Corpus(n, root=ref_root, python=ref_python, label=f"ref_{ref_sha}_")
    seeded = {"new": new.ensure_seeded(), "reference": old.ensure_seeded()}
    for corpus, seconds in ((new, seeded["new"]), (old, seeded["reference"])):
        if REINDEX or seconds:
            corpus.rebuild_index()
    same = new.data_digest() == old.data_digest()
    return new, old, {k: round(v, 1) for k, v in seeded.items()}, same


def guard(n, ref_root, ref_sha, ref_python):
    new_corpus, old_corpus, seed_seconds, same_data = prepare(n, ref_root, ref_sha, ref_python)
    result = {"cases": n, "seed_s": seed_seconds, "same_data_as_reference": same_data}
    for cached in (False, True):
        with new_corpus.stack(serve=True) as new, old_corpus.stack(serve=True) as old:
            paths = page_paths(new)
            mode = "cached" if cached else "uncached"
            result[mode] = against_reference(new, old, paths, cached)
            if cached:
                old.stop("a")
                result["nginx_vs_static"] = behind_nginx(new, paths)
    result["api_search_p95"] = run.guard(n)
    result["ratios"] = summary(result)
    return result


def summary(result):
    """The guard's ratios in one place, and what falls outside them."""
    pages = {
        mode: {
            kind: {"rps": f["rps_ratio"], "p50": f["p50_ratio"]}
            for kind, f in result[mode].items()
            if kind != "not 200"
        }
        for mode in ("uncached", "cached")
    }
    slower = [
        f"{kind} ({mode})"
        for mode, kinds in pages.items()
        for kind, r in kinds.items()
        if (r["rps"] or 0) < 1 - NOISE or (r["p50"] or 0) > 1 + NOISE
    ]
    nginx = {kind: f["ratio"] for kind, f in result["nginx_vs_static"].items()}
    search = {
        f"{r['backend']} ({r['database']})": round(r["p95_ms"] / r["target_p95_ms"], 2)
        for r in result["api_search_p95"]
    }
    return {
        "new_over_reference": pages,
        "slower_than_reference_beyond_noise": slower,
        "nginx_page_over_static": nginx,
        "nginx_below_target": [k for k, v in nginx.items() if (v or 0) < STATIC_TARGET],
        "api_search_p95_over_target": search,
        "api_search_above_target": [k for k, v in search.items() if v > 1],
    }


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10000]
    if not shutil.which("wrk") or not shutil.which("nginx"):
        sys.exit("make bench needs wrk and nginx (apt-get install wrk nginx)")
    DATA.mkdir(parents=True, exist_ok=True)
    ref_root, ref_sha, ref_python = reference.prepare()
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "reference": ref_sha,
        "machine": machine(),
        "server": f"gunicorn, {WORKERS} sync workers, DEBUG off, PostgreSQL, 127.0.0.1",
        "load": f"wrk, 2 threads, 4 connections, {SECONDS} s per page and server",
        "targets": {
            "new_over_reference": f"rps >= {1 - NOISE:.2f}, p50 <= {1 + NOISE:.2f}",
            "nginx_page_over_static": STATIC_TARGET,
            "api_search_p95_ms": run.TARGETS,
        },
        "runs": [],
    }
    for n in sizes:
        report["runs"].append(guard(n, ref_root, ref_sha, ref_python))
        print(json.dumps(report["runs"][-1]["ratios"], ensure_ascii=False), file=sys.stderr)
    write(report, "pages")
    print(json.dumps([r["ratios"] for r in report["runs"]], indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
