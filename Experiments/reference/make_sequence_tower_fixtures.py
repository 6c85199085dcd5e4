#!/usr/bin/env python3
"""Reference outputs of the GRU and DIN-attention sequence towers, computed by PyTorch (a peer
implementation), for Tests/RecommenderTests/SequenceTowerReferenceTests.swift.

Setup (d = 3): a history item table T (6 x 3) from a fixed seed; category and behaviour tables are
zero in the test, so behaviour t's embedding is T[item_t]. Histories (item codes, oldest first) of
lengths 0..5 are read with window L = 4 (the last 4). The candidate of example n has item code
cand[n] (q = T[cand[n]], no category field).
  gru:       torch.nn.GRU(3, 3) with weights from a fixed seed, initial state 0, the state after the
             last real behaviour (0 for an empty history).
  attention: the DIN unit Linear(12, 4) -> ReLU -> Linear(4, 1) on [e, q, e - q, e * q], no softmax,
             u = sum_t a_t e_t.
Writes Tests/RecommenderTests/Fixtures/sequence_towers.json (weights in torch's layout; the test
transposes them into ParetoRec's in x out layout).
Run: python3 Experiments/reference/make_sequence_tower_fixtures.py
"""
import json, os
import torch

torch.manual_seed(2018)
d, L = 3, 4
table = torch.randn(6, d)
histories = [[], [1], [2, 3], [5, 1, 4], [1, 2, 3, 4], [5, 4, 3, 2, 1]]
cand = [2, 5, 1, 3, 4, 2]
gru = torch.nn.GRU(d, d, batch_first=True)
unit1, unit2 = torch.nn.Linear(4 * d, 4), torch.nn.Linear(4, 1)
gru_out, att_out = [], []
with torch.no_grad():
    for h, c in zip(histories, cand):
        w = h[-L:]
        if not w:
            gru_out.append([0.0] * d); att_out.append([0.0] * d); continue
        e = table[torch.tensor(w)]
        _, state = gru(e.unsqueeze(0))
        gru_out.append(state[0, 0].tolist())
        q = table[c].expand_as(e)
        a = unit2(torch.relu(unit1(torch.cat([e, q, e - q, e * q], dim=1))))
        att_out.append((a * e).sum(0).tolist())
out = {
    "dimension": d, "length": L, "table": table.tolist(), "histories": histories, "candidates": cand,
    "gru": {"weight_ih": gru.weight_ih_l0.tolist(), "weight_hh": gru.weight_hh_l0.tolist(),
            "bias_ih": gru.bias_ih_l0.tolist(), "bias_hh": gru.bias_hh_l0.tolist(), "outputs": gru_out},
    "attention": {"w1": unit1.weight.tolist(), "b1": unit1.bias.tolist(), "w2": unit2.weight.tolist(), "b2": unit2.bias.tolist(),
                  "outputs": att_out},
    "torch": torch.__version__,
}
path = os.path.join(os.path.dirname(__file__), "../../Tests/RecommenderTests/Fixtures/sequence_towers.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
