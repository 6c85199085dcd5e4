// Placeholder until the training benchmark is written.
func runTrainingBench(_ arguments: [String]) throws {
    print("training benchmark: not written yet")
}
