// Placeholder until the optimizer benchmark is written.
func runOptimizerBench(_ arguments: [String]) throws {
    print("optimizer benchmark: not written yet")
}
