// Placeholder until the hypervolume benchmark is written.
func runHypervolumeBench(_ arguments: [String]) throws {
    print("hypervolume benchmark: not written yet")
}
