#!/usr/bin/env python3
"""ParetoRec's sequence user towers (GRU, DIN attention; also id-only and mean pooling) against the
same two-tower model written in PyTorch, trained on the same exported data, one thread on both sides.

Usage:
    python3 Experiments/bench/sequence_towers_vs_torch.py --bench .build/release/paretorec-bench \
        [--data TAOBAO.csv] [--rounds 3] [--length 50] [--embedding 16] [--hidden 64] [--batch-size 512]

The script runs `paretorec-bench sequence-towers --export DIR --skip-quality` (which prints ParetoRec's
samples per CPU second per tower and writes the training split with padded histories), then trains
the PyTorch model one epoch per tower per round on that file, and prints both medians and the ratio
ParetoRec / PyTorch. Throughput is training samples per CPU second (time.process_time on the torch
side, getrusage on the Swift side), so other builds on the machine disturb it less than wall time.

The PyTorch model mirrors ParetoRec's: user input = [user field embeddings, sequence summary, user
dense], item input = [item field embeddings, item dense], one ReLU layer of `hidden` per tower, per
objective a bilinear score h^T W_k g + b_k, BCE per objective weighted 0.5/0.5, Adam (lr 1e-3) on the
dense parameters and SparseAdam on the embedding tables (ParetoRec updates only touched rows).
Behaviour embedding e = item + category + behaviour-type embedding (own tables), query q = the
candidate's item + category embedding in those tables.
  gru:       nn.GRU(d, d) over pack_padded_sequence (no work on padding), last state; empty history -> 0
  attention: DIN unit MLP([e, q, e-q, e*q]) -> ReLU(32) -> 1, masked, no softmax, u = sum_t a_t e_t
             (over the padded B x L tensor, the usual PyTorch formulation)
  pooling:   masked mean
"""
import argparse, json, os, re, statistics, subprocess, tempfile, time
import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def load(directory):
    meta = json.load(open(os.path.join(directory, "meta.json")))
    n, L = meta["n"], meta["length"]
    uf, itf = len(meta["user_cardinalities"]), len(meta["item_cardinalities"])
    ud, idn, k = meta["user_dense"], meta["item_dense"], meta["objectives"]
    raw = open(os.path.join(directory, "train.bin"), "rb").read()
    at = 0
    def take(dtype, count, shape):
        nonlocal at
        a = np.frombuffer(raw, dtype=dtype, count=count, offset=at).reshape(shape)
        at += a.nbytes
        return torch.from_numpy(a.copy())
    d = {}
    d["uc"] = take(np.int32, n * uf, (n, uf)).long()
    d["ic"] = take(np.int32, n * itf, (n, itf)).long()
    d["ud"] = take(np.float32, n * ud, (n, ud))
    d["id"] = take(np.float32, n * idn, (n, idn))
    d["y"] = take(np.float32, n * k, (n, k))
    d["si"] = take(np.int32, n * L, (n, L)).long()
    d["sc"] = take(np.int32, n * L, (n, L)).long()
    d["sb"] = take(np.int32, n * L, (n, L)).long()
    d["len"] = take(np.int32, n, (n,)).long()
    assert at == len(raw), "train.bin size disagrees with meta.json"
    return meta, d


class Model(nn.Module):
    def __init__(self, meta, tower, dim, hidden, attention_hidden=32):
        super().__init__()
        self.tower, self.meta = tower, meta
        emb = lambda c: nn.Embedding(c, dim, sparse=True)
        self.user_tables = nn.ModuleList([emb(c) for c in meta["user_cardinalities"]])
        self.item_tables = nn.ModuleList([emb(c) for c in meta["item_cardinalities"]])
        slots = len(self.user_tables) + (0 if tower == "id" else 1)
        self.user = nn.Sequential(nn.Linear(slots * dim + meta["user_dense"], hidden), nn.ReLU())
        self.item = nn.Sequential(nn.Linear(len(self.item_tables) * dim + meta["item_dense"], hidden), nn.ReLU())
        k = meta["objectives"]
        self.W = nn.Parameter(torch.randn(k, hidden, hidden) / hidden)
        self.b = nn.Parameter(torch.zeros(k))
        if tower != "id":
            ci, cc, cb = meta["sequence_cardinalities"]
            self.seq_item, self.seq_cat, self.seq_beh = emb(ci), emb(cc), emb(cb)
        if tower == "gru":
            self.gru = nn.GRU(dim, dim, batch_first=True)
        if tower == "attention":
            self.att = nn.Sequential(nn.Linear(4 * dim, attention_hidden), nn.ReLU(), nn.Linear(attention_hidden, 1))

    def sequence(self, b):
        e = self.seq_item(b["si"]) + self.seq_cat(b["sc"]) + self.seq_beh(b["sb"])  # B x L x d
        L = e.shape[1]
        mask = (torch.arange(L).unsqueeze(0) < b["len"].unsqueeze(1)).float().unsqueeze(2)
        if self.tower == "pooling":
            return (e * mask).sum(1) / b["len"].clamp(min=1).unsqueeze(1).float()
        if self.tower == "gru":
            packed = nn.utils.rnn.pack_padded_sequence(e, b["len"].clamp(min=1), batch_first=True, enforce_sorted=False)
            _, h = self.gru(packed)
            return h[0] * (b["len"] > 0).float().unsqueeze(1)
        m = self.meta
        q = self.seq_item(b["ic"][:, m["candidate_item_field"]])
        if m["candidate_category_field"] is not None:
            q = q + self.seq_cat(b["ic"][:, m["candidate_category_field"]])
        q = q.unsqueeze(1).expand_as(e)
        a = self.att(torch.cat([e, q, e - q, e * q], dim=2)) * mask  # B x L x 1, DIN: no softmax
        return (a * e).sum(1)

    def forward(self, b):
        u = [t(b["uc"][:, j]) for j, t in enumerate(self.user_tables)]
        if self.tower != "id":
            u.append(self.sequence(b))
        h = self.user(torch.cat(u + [b["ud"]], dim=1))
        g = self.item(torch.cat([t(b["ic"][:, j]) for j, t in enumerate(self.item_tables)] + [b["id"]], dim=1))
        return torch.einsum("nh,khg,ng->nk", h, self.W, g) + self.b


def train_epoch(meta, data, tower, args, seed):
    torch.manual_seed(seed)
    model = Model(meta, tower, args.embedding, args.hidden)
    sparse = [p for name, p in model.named_parameters() if "table" in name or name.startswith("seq_")]
    dense = [p for name, p in model.named_parameters() if not ("table" in name or name.startswith("seq_"))]
    opt_dense, opt_sparse = torch.optim.Adam(dense, lr=1e-3), torch.optim.SparseAdam(sparse, lr=1e-3)
    n = meta["n"]
    order = torch.randperm(n)
    loss_fn = nn.BCEWithLogitsLoss()
    cpu0 = time.process_time()
    for s in range(0, n, args.batch_size):
        idx = order[s:s + args.batch_size]
        b = {key: v[idx] for key, v in data.items()}
        out = model(b)
        loss = sum(0.5 * loss_fn(out[:, k], b["y"][:, k]) for k in range(meta["objectives"]))
        opt_dense.zero_grad(); opt_sparse.zero_grad()
        loss.backward()
        opt_dense.step(); opt_sparse.step()
    return n / (time.process_time() - cpu0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=".build/release/paretorec-bench")
    ap.add_argument("--data")
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--length", type=int, default=50)
    ap.add_argument("--embedding", type=int, default=16)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--batch-size", type=int, default=512)
    ap.add_argument("--towers", default="id,pooling,gru,attention")
    args = ap.parse_args()
    towers = args.towers.split(",")
    directory = tempfile.mkdtemp(prefix="seqbench-")
    cmd = [args.bench, "sequence-towers", "--export", directory, "--skip-quality", "--rounds", str(args.rounds),
           "--length", str(args.length), "--embedding", str(args.embedding), "--hidden", str(args.hidden),
           "--batch-size", str(args.batch_size), "--rows", str(args.rows), "--towers", args.towers]
    if args.data:
        cmd += ["--data", args.data]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    print(out, end="")
    swift = {t: [] for t in towers}
    for line in out.splitlines():
        if line.startswith("{") and '"implementation":"paretorec"' in line:
            r = json.loads(line)
            swift[r["tower"]].append(r["samples_per_cpu_second"])
    meta, data = load(directory)
    torch_rates = {t: [] for t in towers}
    for r in range(args.rounds):
        for t in towers:
            rate = train_epoch(meta, data, t, args, seed=r + 1)
            torch_rates[t].append(rate)
            print(json.dumps({"implementation": "pytorch", "tower": t, "round": r, "samples_per_cpu_second": rate}))
    print(f"# torch {torch.__version__}, 1 thread; ParetoRec 1 OpenBLAS thread; median of {args.rounds} one-epoch rounds")
    print("| user tower | ParetoRec samples/CPU s | PyTorch samples/CPU s | ParetoRec / PyTorch |")
    print("| --- | --- | --- | --- |")
    for t in towers:
        a, b = statistics.median(swift[t]), statistics.median(torch_rates[t])
        print(f"| {t} | {a:.0f} | {b:.0f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
