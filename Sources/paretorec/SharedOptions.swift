import ArgumentParser

/// `--json`: structured output instead of lines of text (shared by the commands that offer it).
struct JSONOutputOptions: ParsableArguments {
    @Flag(help: "Print the results as JSON.") var json = false
}

/// `--latex`: also print the hypervolume table as LaTeX (`experiment`, `report`).
struct TableOptions: ParsableArguments {
    @Flag(help: "Also print the hypervolume table as LaTeX.") var latex = false
}
