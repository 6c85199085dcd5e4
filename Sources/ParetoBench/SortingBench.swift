// Placeholder until the sorting benchmark is written.
func runSortingBench(_ arguments: [String]) throws {
    print("sorting benchmark: not written yet")
}
