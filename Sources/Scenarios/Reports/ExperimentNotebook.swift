/// The notebook written beside an experiment's results: it reads `summary.csv` and every run's
/// `front.csv` / `history.csv` with pandas and redraws the report's figures with matplotlib.
enum ExperimentNotebook {
    /// A notebook for the results folder it is written into (paths are relative to it).
    /// - Parameters:
    ///   - title: experiment name.
    ///   - note: a caveat to print at the top (e.g. simulated users), if any.
    static func make(title: String, note: String?) throws -> String {
        var nb = NotebookWriter()
        nb.markdown("""
        # \(title)

        Results of a ParetoRec experiment. Each run folder `runs/<method>/seed-<s>/` holds `front.csv` \
        (test metrics of the method's Pareto set; a `:max` suffix marks maximized objectives; decision \
        columns start with `x.`), `history.csv` (hypervolume on validation per iteration) and `summary.json`.
        """ + (note.map { "\n\n**Note:** \($0)" } ?? ""))
        nb.code("""
        %matplotlib inline
        import glob, json, os
        import pandas as pd
        import matplotlib.pyplot as plt
        from IPython.display import display
        summary = pd.read_csv("summary.csv")
        display(summary.groupby("method")["hypervolume"].describe())
        """)
        nb.code("""
        def read_front(path):
            front = pd.read_csv(path)
            objectives = [c for c in front.columns if not c.startswith("x.")]
            return front, objectives

        fig, ax = plt.subplots(figsize=(6, 4.5))
        for method_dir in sorted(glob.glob("runs/*")):
            method = os.path.basename(method_dir)
            frames = [read_front(p)[0] for p in sorted(glob.glob(f"{method_dir}/seed-*/front.csv"))]
            if not frames:
                continue
            front = pd.concat(frames)
            objectives = [c for c in front.columns if not c.startswith("x.")]
            ax.scatter(front[objectives[0]], front[objectives[1]], label=method, s=18, alpha=0.8)
        # Fused Pareto-set models (ParetoSetFusion), one cross per preference and seed, in the method's colour.
        colors = {t.get_label(): t.get_facecolor()[0] for t in ax.collections}
        for method_dir in sorted(glob.glob("runs/*")):
            method = os.path.basename(method_dir)
            fused = [pd.read_csv(p) for p in sorted(glob.glob(f"{method_dir}/seed-*/fusion.csv"))]
            if fused:
                fused = pd.concat(fused)
                names = [o.split(":")[0] for o in objectives]
                ax.scatter(fused[names[0]], fused[names[1]], marker="x", s=30, color=colors.get(method), label=None)
        ax.set_xlabel(objectives[0]); ax.set_ylabel(objectives[1]); ax.set_title("Pareto fronts (test, all seeds; × = fused)")
        ax.legend(fontsize=8); plt.show()
        """)
        nb.code("""
        fig, ax = plt.subplots(figsize=(6, 4))
        for method_dir in sorted(glob.glob("runs/*")):
            histories = [pd.read_csv(p) for p in sorted(glob.glob(f"{method_dir}/seed-*/history.csv"))]
            histories = [h for h in histories if len(h)]
            if not histories:
                continue
            merged = pd.concat(histories).groupby("evaluations")["hypervolume"].median()
            ax.step(merged.index, merged.values, where="post", label=os.path.basename(method_dir))
        ax.set_xlabel("evaluations"); ax.set_ylabel("hypervolume (validation, median over seeds)")
        ax.legend(fontsize=8); plt.show()
        """)
        nb.code("""
        table = summary.groupby("method")["hypervolume"].agg(
            median="median", iqr=lambda s: s.quantile(0.75) - s.quantile(0.25), seeds="count")
        display(table.sort_values("median", ascending=False))
        """)
        nb.code("""
        # Model fusion: median over seeds of the fused model's test metrics per preference.
        rows = []
        for path in sorted(glob.glob("runs/*/seed-*/fusion.csv")):
            f = pd.read_csv(path)
            f["method"] = path.split(os.sep)[1]
            rows.append(f)
        if rows:
            fusion = pd.concat(rows)
            metrics = [c for c in fusion.columns if not c.startswith(("preference_", "weight_member_", "method"))]
            display(fusion.groupby(["method", "preference_1"])[metrics].median())
        else:
            print("no fusion.csv files (the runs kept no models)")
        """)
        return try nb.render()
    }
}
