"""Reference p-values of the two-sided Wilcoxon rank-sum (Mann-Whitney U) test, from SciPy.

Writes Tests/ScenariosTests/Fixtures/wilcoxon.txt: one case per block,
  case <name> <method>
  x <values...>
  y <values...>
  u <U of x> p <two-sided p-value>
SciPy's default method: exact for small samples without ties, asymptotic (tie + continuity
correction) otherwise. Run: python3 Experiments/reference/make_wilcoxon_fixtures.py
"""
import numpy as np
import scipy
from scipy.stats import mannwhitneyu

rng = np.random.default_rng(20261129)
cases = []
# exact: small samples without ties (typical: 5 to 10 seeds per method)
for n1, n2, shift in [(5, 5, 0.0), (5, 5, 1.5), (7, 5, 0.4), (10, 10, 0.8), (3, 8, -1.0), (1, 4, 0.0)]:
    cases.append((f"exact_{n1}_{n2}", rng.normal(shift, 1, n1), rng.normal(0, 1, n2)))
# ties: rounded values force the asymptotic method
for n1, n2 in [(5, 5), (8, 6), (12, 15)]:
    cases.append((f"ties_{n1}_{n2}", np.round(rng.normal(0.3, 1, n1), 0), np.round(rng.normal(0, 1, n2), 0)))
# large: asymptotic
cases.append(("large_60_70", rng.normal(0.2, 1, 60), rng.normal(0, 1, 70)))

with open("Tests/ScenariosTests/Fixtures/wilcoxon.txt", "w") as f:
    f.write(f"# scipy {scipy.__version__} mannwhitneyu(x, y, alternative='two-sided')\n")
    for name, x, y in cases:
        r = mannwhitneyu(x, y, alternative="two-sided")
        f.write(f"case {name}\n")
        f.write("x " + " ".join("%.17g" % v for v in x) + "\n")
        f.write("y " + " ".join("%.17g" % v for v in y) + "\n")
        f.write("u %.17g p %.17g\n" % (r.statistic, r.pvalue))
print("wrote", len(cases), "cases")
