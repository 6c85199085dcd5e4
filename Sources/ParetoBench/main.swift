// paretorec-bench: release-mode benchmarks of ParetoRec, compared against peers by the scripts in
// Experiments/bench/. Subcommands are added per module.
print("usage: paretorec-bench <case> ...")
